// link: kmsync_mapping kmsync_core
#include <QTest>
#include <QTimeZone>

#include "engine/core/kafkamessage.h"
#include "engine/core/value.h"
#include "engine/mapping/flattenjson.h"
#include "engine/mapping/recordmapper.h"
#include "engine/mapping/sourcefield.h"

using namespace kmsync::engine;
using namespace kmsync::engine::mapping;

namespace {

// The seed's example message value (DataWorks documentation).
const char *const kSeedJson = R"({
      "a": {
      "a1": "hello"
      },
      "b": "world",
      "c":[
            "xxxxxxx",
            "yyyyyyy"
            ],
      "d":[
            {
                  "AA":"this",
                  "BB":"is_data"
            },
            {
                  "AA":"that",
                  "BB":"is_also_data"
            }
        ],
     "a.b": "unreachable"
})";

// Not raw strings: moc 6.4 misreads a raw string holding \" (an escaped quote in the JSON), and every test
// slot after one silently went missing from the run (tst_testslots checks that every slot runs now).
const char *const kHeadersWithQuote = "{\"x\":\"v\\\"q\",\"h\":\"2\"}";
const char *const kAwkwardKeysJson =
    "{\"a.b\":{\"c[1]\":1},\"q\\\"uote\":\"x\",\"back\\\\slash\":true,\"\":{\"\":null},\"__key__\":\"k\",\"'c'\":2.5,"
    "\"名字\":{\"first name\":\"张\"},\"br]ack\":[[1,[2]],{\"x.y\":-3}],\"esc\":\"line\\nnext\",\"big\":18446744073709551615}";

ColumnDef column(const QString &name, const QString &type)
{
    return ColumnDef{name, *ColumnType::parse(type), QString()};
}

// A table with one column per source field: c0, c1, ... all of `type`.
MapperSpec specFor(const std::vector<QString> &fields, const QString &type = QStringLiteral("STRING"))
{
    MapperSpec spec;
    spec.table.name = QStringLiteral("t");
    for (std::size_t i = 0; i < fields.size(); ++i) {
        spec.sourceFields.push_back(fields[i]);
        spec.destColumns.push_back(QStringLiteral("c%1").arg(i));
        spec.table.columns.push_back(column(QStringLiteral("c%1").arg(i), type));
    }
    spec.timeZone = QTimeZone::utc();
    return spec;
}

KafkaMessage messageWithValue(const std::string &value)
{
    KafkaMessage m;
    m.partition = 3;
    m.offset = 42;
    m.timestampMs = 1669111200000;
    m.key = std::string("k1");
    m.value = value;
    return m;
}

QString cell(const Row &row, std::size_t i)
{
    return QString::fromStdString(debugString(row.at(i)));
}

RecordMapper mustCreate(const MapperSpec &spec)
{
    auto mapper = RecordMapper::create(spec);
    if (!mapper.ok())
        qFatal("RecordMapper::create failed: %s", qPrintable(mapper.error().message));
    return std::move(mapper).value();
}

// Values whose JSON paths are easy to get subtly wrong: repeated keys, wrong container types, nulls, escaped
// keys, non-object roots, empty containers.
std::vector<std::string> trickyValues()
{
    return {
        kSeedJson,
        R"({"a":{"x":1},"a":{"a1":"second a"},"b":"repeated key: the first a counts"})",
        R"({"a":{"a1":"first"},"b":1,"b":2,"a.b":"dotted","a":{"a1":"ignored"}})",
        R"({"a":["not","an","object"],"c":{"1":"object, not array"},"d":"scalar"})",
        R"({"a":{"a1":null},"c":[null,null],"d":[{"AA":null},{}],"a.b":null,"b":null})",
        R"({"a\u002eb":"escaped dot","a":{"a\u0031":"escaped key"},"c":["x","\u00e9"]})",
        R"([{"k":"root array 0"},{"k":"root array 1"}])",
        R"("a scalar root")",
        R"(42)",
        R"({"x":{"y":{"z":{"deep":[1,2,{"w":true}]}}},"d":[[1],[2]],"c":[]})",
        R"({})",
        R"({"a":{},"c":[[]],"d":[{"AA":{"nested":"object"}},{"AA":[1,2]}]})",
    };
}

} // namespace

class TestMapper final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedExample_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a.a1") << "a.a1"
                              << "hello";
        QTest::newRow("b") << "b"
                           << "world";
        QTest::newRow("c[1]") << "c[1]"
                              << "yyyyyyy";
        QTest::newRow("d[0].AA") << "d[0].AA"
                                 << "this";
        QTest::newRow("d[1].BB") << "d[1].BB"
                                 << "is_also_data";
        QTest::newRow("a.b is nested, so NULL") << "a.b"
                                                << "NULL";
        QTest::newRow("quoted a.b reaches the dotted key") << "[\"a.b\"]"
                                                           << "unreachable";
        QTest::newRow("object as compact JSON") << "a"
                                                << "{\"a1\":\"hello\"}";
        QTest::newRow("array as compact JSON") << "c"
                                               << "[\"xxxxxxx\",\"yyyyyyy\"]";
        QTest::newRow("index out of range") << "c[2]"
                                            << "NULL";
        QTest::newRow("index into object") << "a[0]"
                                           << "NULL";
        QTest::newRow("key into array") << "c.x"
                                        << "NULL";
        QTest::newRow("key into string") << "b.x"
                                         << "NULL";
        QTest::newRow("missing key") << "zzz"
                                     << "NULL";
        QTest::newRow("case-sensitive") << "B"
                                        << "NULL";
    }
    void seedExample()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        RecordMapper mapper = mustCreate(specFor({field}));
        Row row;
        QString reason;
        QVERIFY2(mapper.map(messageWithValue(kSeedJson), row, &reason), qPrintable(reason));
        QCOMPARE(row.size(), std::size_t(1));
        QCOMPARE(cell(row, 0), expected);
    }

    // All paths of the seed in one mapper (one parse), plus the default fields.
    void manyFieldsOneRow()
    {
        MapperSpec spec = specFor({QStringLiteral("__key__"), QStringLiteral("__value__"),
                                   QStringLiteral("__partition__"), QStringLiteral("__headers__"),
                                   QStringLiteral("__offset__"), QStringLiteral("__timestamp__"),
                                   QStringLiteral("a.a1"), QStringLiteral("b"), QStringLiteral("c[1]"),
                                   QStringLiteral("d[0].AA"), QStringLiteral("'const'"), QStringLiteral("[\"a.b\"]")});
        spec.table.columns[2].type = *ColumnType::parse(QStringLiteral("BIGINT"));
        spec.table.columns[4].type = *ColumnType::parse(QStringLiteral("BIGINT"));
        spec.table.columns[5].type = *ColumnType::parse(QStringLiteral("BIGINT"));
        RecordMapper mapper = mustCreate(spec);
        KafkaMessage m = messageWithValue(
            R"({"a":{"a1":"hello"},"b":"world","c":["x","y"],"d":[{"AA":"this"}],"a.b":"u"})");
        m.headers = {{"trace", std::string("abc")}, {"empty", std::nullopt}};
        Row row;
        QString reason;
        QVERIFY2(mapper.map(m, row, &reason), qPrintable(reason));
        QCOMPARE(row.size(), std::size_t(12));
        QCOMPARE(cell(row, 0), QStringLiteral("k1"));
        QCOMPARE(cell(row, 1), QString::fromStdString(*m.value));
        QCOMPARE(std::get<int64_t>(row[2]), int64_t(3));
        QCOMPARE(cell(row, 3), QStringLiteral("{\"trace\":\"abc\",\"empty\":null}"));
        QCOMPARE(std::get<int64_t>(row[4]), int64_t(42));
        QCOMPARE(std::get<int64_t>(row[5]), int64_t(1669111200000));
        QCOMPARE(cell(row, 6), QStringLiteral("hello"));
        QCOMPARE(cell(row, 7), QStringLiteral("world"));
        QCOMPARE(cell(row, 8), QStringLiteral("y"));
        QCOMPARE(cell(row, 9), QStringLiteral("this"));
        QCOMPARE(cell(row, 10), QStringLiteral("const"));
        QCOMPARE(cell(row, 11), QStringLiteral("u"));

        // The row is reused for the next message: nothing stale survives.
        KafkaMessage next = messageWithValue(R"({"b":"again"})");
        next.key = std::nullopt;
        next.partition = 0;
        next.offset = 0;
        next.timestampMs = -1;
        QVERIFY2(mapper.map(next, row, &reason), qPrintable(reason));
        QCOMPARE(cell(row, 0), QStringLiteral("NULL")); // null key
        QCOMPARE(std::get<int64_t>(row[2]), int64_t(0));
        QCOMPARE(cell(row, 3), QStringLiteral("{}"));
        QCOMPARE(cell(row, 5), QStringLiteral("NULL")); // no broker timestamp
        QCOMPARE(cell(row, 6), QStringLiteral("NULL"));
        QCOMPARE(cell(row, 7), QStringLiteral("again"));
        QCOMPARE(cell(row, 11), QStringLiteral("NULL"));
    }

    void unmappedColumnsAreNull()
    {
        MapperSpec spec;
        spec.table.name = QStringLiteral("t");
        spec.table.columns = {column(QStringLiteral("id"), QStringLiteral("BIGINT")),
                              column(QStringLiteral("name"), QStringLiteral("STRING")),
                              column(QStringLiteral("extra"), QStringLiteral("DOUBLE"))};
        // Writer order differs from table order; names are case-insensitive.
        spec.sourceFields = {QStringLiteral("name"), QStringLiteral("id")};
        spec.destColumns = {QStringLiteral("NAME"), QStringLiteral("Id")};
        RecordMapper mapper = mustCreate(spec);
        QCOMPARE(mapper.sourceIndexForColumn(), (std::vector<int>{1, 0, -1}));
        Row row{std::string("stale"), std::string("stale"), 1.5};
        QString reason;
        QVERIFY2(mapper.map(messageWithValue(R"({"id":7,"name":"n"})"), row, &reason), qPrintable(reason));
        QCOMPARE(std::get<int64_t>(row[0]), int64_t(7));
        QCOMPARE(cell(row, 1), QStringLiteral("n"));
        QVERIFY(isNull(row[2]));
    }

    void starMapsTableOrder()
    {
        MapperSpec spec;
        spec.table.columns = {column(QStringLiteral("x"), QStringLiteral("STRING")),
                              column(QStringLiteral("y"), QStringLiteral("STRING"))};
        spec.sourceFields = {QStringLiteral("b"), QStringLiteral("a.a1")};
        spec.destColumns = {QStringLiteral("*")};
        RecordMapper mapper = mustCreate(spec);
        Row row;
        QVERIFY(mapper.map(messageWithValue(kSeedJson), row, nullptr));
        QCOMPARE(cell(row, 0), QStringLiteral("world"));
        QCOMPARE(cell(row, 1), QStringLiteral("hello"));
    }

    void dirtyReasons_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("double") << "amount"
                                << "DOUBLE" << QByteArray(R"({"amount":"12,5"})")
                                << R"(column "c0" DOUBLE: cannot convert "12,5" from source field amount)";
        QTest::newRow("tinyint range")
            << "n"
            << "TINYINT" << QByteArray(R"({"n":300})")
            << R"(column "c0" TINYINT: cannot convert 300 from source field n (out of range -128..127))";
        QTest::newRow("fraction")
            << "n"
            << "BIGINT" << QByteArray(R"({"n":2.5})")
            << R"(column "c0" BIGINT: cannot convert 2.5 from source field n (a fractional number does not fit an integer column))";
        QTest::newRow("object into bigint") << "o"
                                            << "BIGINT" << QByteArray(R"({"o":{"x":[1, 2]}})")
                                            << R"(column "c0" BIGINT: cannot convert {"x":[1,2]} from source field o)";
        QTest::newRow("varchar")
            << "s"
            << "VARCHAR(3)" << QByteArray(R"({"s":"abcd"})")
            << R"(column "c0" VARCHAR(3): cannot convert "abcd" from source field s (4 characters, more than 3))";
        QTest::newRow("invalid json") << "a"
                                      << "STRING" << QByteArray(R"({"a":1,})") << "value is not valid JSON: ";
        QTest::newRow("not json at all") << "a"
                                         << "STRING" << QByteArray("hello") << "value is not valid JSON: ";
        QTest::newRow("invalid utf8 in json")
            << "a"
            << "STRING" << QByteArray("{\"a\":\"\xff\"}") << "value is not valid JSON: ";
    }
    void dirtyReasons()
    {
        QFETCH(QString, field);
        QFETCH(QString, type);
        QFETCH(QByteArray, value);
        QFETCH(QString, reason);
        RecordMapper mapper = mustCreate(specFor({field}, type));
        Row row;
        QString got;
        QVERIFY(!mapper.map(messageWithValue(value.toStdString()), row, &got));
        if (reason.endsWith(QLatin1String(": ")))
            QVERIFY2(got.startsWith(reason), qPrintable(got));
        else
            QCOMPARE(got, reason);
        // Without a reason pointer the result is the same.
        QVERIFY(!mapper.map(messageWithValue(value.toStdString()), row, nullptr));
    }

    void invalidJsonNamesTheByte()
    {
        RecordMapper mapper = mustCreate(specFor({QStringLiteral("a")}));
        Row row;
        QString reason;
        QVERIFY(!mapper.map(messageWithValue(R"({"a":1,})"), row, &reason));
        QVERIFY2(reason.endsWith(QLatin1String(" at byte 7")), qPrintable(reason));
        QVERIFY(!mapper.map(messageWithValue(R"({"a":123456789012345678901234567890})"), row, &reason));
        QVERIFY2(reason.endsWith(QLatin1String(" at byte 5")), qPrintable(reason));
        // The mapper recovers on the next good message.
        QVERIFY(mapper.map(messageWithValue(R"({"a":"ok"})"), row, &reason));
        QCOMPARE(cell(row, 0), QStringLiteral("ok"));
    }

    void nullValueWithPaths()
    {
        RecordMapper mapper = mustCreate(specFor({QStringLiteral("a"), QStringLiteral("__value__")}));
        KafkaMessage m = messageWithValue("");
        m.value = std::nullopt;
        Row row;
        QString reason;
        QVERIFY2(mapper.map(m, row, &reason), qPrintable(reason));
        QVERIFY(isNull(row[0]));
        QVERIFY(isNull(row[1]));
    }

    void keyAndValueTypes_data()
    {
        QTest::addColumn<QString>("keyType");
        QTest::addColumn<QString>("valueType");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("columnType");
        QTest::addColumn<QByteArray>("expected"); // debugString bytes, or "DIRTY:<reason>"
        QTest::newRow("long key") << "LONG"
                                  << "STRING"
                                  << "" << QByteArray::fromHex("00000000000004d2") << QByteArray("{}") << "__key__"
                                  << "BIGINT" << QByteArray("1234");
        QTest::newRow("long key wrong size")
            << "LONG"
            << "STRING"
            << "" << QByteArray::fromHex("0102030405") << QByteArray("{}") << "__key__"
            << "BIGINT" << QByteArray("DIRTY:source field __key__: keyType LONG needs exactly 8 bytes, got 5");
        QTest::newRow("integer value") << "STRING"
                                       << "INTEGER"
                                       << "" << QByteArray("k") << QByteArray::fromHex("00000010") << "__value__"
                                       << "INT" << QByteArray("16");
        QTest::newRow("short value to string") << "STRING"
                                               << "SHORT"
                                               << "" << QByteArray("k") << QByteArray::fromHex("ffff") << "__value__"
                                               << "STRING" << QByteArray("-1");
        QTest::newRow("double value") << "STRING"
                                      << "DOUBLE"
                                      << "" << QByteArray("k") << QByteArray::fromHex("3ff8000000000000") << "__value__"
                                      << "DOUBLE" << QByteArray("1.5");
        QTest::newRow("float value wrong size")
            << "STRING"
            << "FLOAT"
            << "" << QByteArray("k") << QByteArray("abc") << "__value__"
            << "FLOAT" << QByteArray("DIRTY:source field __value__: valueType FLOAT needs exactly 4 bytes, got 3");
        QTest::newRow("gbk value") << "STRING"
                                   << "STRING"
                                   << "GBK" << QByteArray("k") << QByteArray("\xc4\xe3\xba\xc3") << "__value__"
                                   << "STRING" << QByteArray("你好");
        QTest::newRow("gbk key") << "STRING"
                                 << "STRING"
                                 << "gbk" << QByteArray("\xc4\xe3") << QByteArray("{}") << "__key__"
                                 << "STRING" << QByteArray("你");
        QTest::newRow("gbk json path") << "STRING"
                                       << "STRING"
                                       << "GBK" << QByteArray("k") << QByteArray("{\"name\":\"\xc4\xe3\xba\xc3\"}")
                                       << "name"
                                       << "STRING" << QByteArray("你好");
        QTest::newRow("invalid utf8 string value")
            << "STRING"
            << "STRING"
            << "UTF-8" << QByteArray("k") << QByteArray("\xff") << "__value__"
            << "STRING" << QByteArray("DIRTY:source field __value__: valueType STRING: bytes are not valid UTF-8 text");
        QTest::newRow("bytearray json path")
            << "BYTEARRAY"
            << "BYTEARRAY"
            << "" << QByteArray("k") << QByteArray(R"({"event_id":"e1","tag":{"desc":"d"}})") << "tag.desc"
            << "STRING" << QByteArray("d");
        QTest::newRow("bytearray value to string") << "STRING"
                                                   << "ByteArray"
                                                   << "" << QByteArray("k") << QByteArray("a\xff") << "__value__"
                                                   << "STRING" << QByteArray("a\xEF\xBF\xBD");
        QTest::newRow("bytearray value to binary") << "STRING"
                                                   << "BYTEARRAY"
                                                   << "" << QByteArray("k") << QByteArray("a\xff") << "__value__"
                                                   << "BINARY" << QByteArray("a\xff");
        QTest::newRow("timestamp to datetime") << "STRING"
                                               << "STRING"
                                               << "" << QByteArray("k") << QByteArray("{}") << "__timestamp__"
                                               << "DATETIME" << QByteArray("datetime(1669111200000ms)");
    }
    void keyAndValueTypes()
    {
        QFETCH(QString, keyType);
        QFETCH(QString, valueType);
        QFETCH(QString, encoding);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, value);
        QFETCH(QString, field);
        QFETCH(QString, columnType);
        QFETCH(QByteArray, expected);
        MapperSpec spec = specFor({field}, columnType);
        spec.keyType = keyType;
        spec.valueType = valueType;
        spec.encoding = encoding;
        RecordMapper mapper = mustCreate(spec);
        KafkaMessage m = messageWithValue(value.toStdString());
        m.key = key.toStdString();
        Row row;
        QString reason;
        const bool ok = mapper.map(m, row, &reason);
        if (expected.startsWith("DIRTY:")) {
            QVERIFY(!ok);
            QCOMPARE(reason, QString::fromUtf8(expected.mid(6)));
            return;
        }
        QVERIFY2(ok, qPrintable(reason));
        QCOMPARE(QByteArray::fromStdString(debugString(row[0])), expected);
    }

    void emptyAsNull()
    {
        MapperSpec spec = specFor({QStringLiteral("s"), QStringLiteral("n")});
        spec.table.columns[1].type = *ColumnType::parse(QStringLiteral("BIGINT"));
        {
            RecordMapper mapper = mustCreate(spec);
            Row row;
            QString reason;
            QVERIFY(mapper.map(messageWithValue(R"({"s":"","n":1})"), row, &reason));
            QCOMPARE(cell(row, 0), QString()); // empty string kept
            QVERIFY(!mapper.map(messageWithValue(R"({"s":"x","n":""})"), row, &reason));
        }
        spec.emptyAsNull = true;
        RecordMapper mapper = mustCreate(spec);
        Row row;
        QString reason;
        QVERIFY2(mapper.map(messageWithValue(R"({"s":"","n":""})"), row, &reason), qPrintable(reason));
        QVERIFY(isNull(row[0]));
        QVERIFY(isNull(row[1]));
    }

    void headersRepeatedNameLastWins()
    {
        RecordMapper mapper = mustCreate(specFor({QStringLiteral("__headers__")}));
        KafkaMessage m = messageWithValue("{}");
        m.headers = {{"h", std::string("1")}, {"x", std::string("v\"q")}, {"h", std::string("2")}};
        Row row;
        QVERIFY(mapper.map(m, row, nullptr));
        QCOMPARE(cell(row, 0), QString::fromLatin1(kHeadersWithQuote));
    }

    // The one rule for "does this run read Kafka headers" (the mapper's and KafkaSourceOptions::readHeaders).
    void needsHeadersRule_data()
    {
        QTest::addColumn<QStringList>("columns");
        QTest::addColumn<bool>("expected");
        QTest::newRow("alone") << QStringList{"__headers__"} << true;
        QTest::newRow("among others") << QStringList{"__key__", "a.b", "__headers__", "'c'", "__offset__"} << true;
        QTest::newRow("twice") << QStringList{"__headers__", "__headers__"} << true;
        QTest::newRow("absent") << QStringList{"__key__",       "__value__", "__partition__", "__offset__",
                                               "__timestamp__", "a.a1",      "d[0].AA",       "'x'"}
                                << false;
        QTest::newRow("no columns") << QStringList{} << false;
        // Default fields are exact, lower-case, untrimmed spellings: anything else is a JSON path.
        QTest::newRow("upper case is a path") << QStringList{"__HEADERS__"} << false;
        QTest::newRow("mixed case is a path") << QStringList{"__Headers__"} << false;
        QTest::newRow("leading space is a path") << QStringList{" __headers__"} << false;
        QTest::newRow("trailing space is a path") << QStringList{"__headers__ "} << false;
        QTest::newRow("quoted key is a path") << QStringList{"[\"__headers__\"]"} << false;
        QTest::newRow("key below it is a path") << QStringList{"__headers__.x"} << false;
        QTest::newRow("constant") << QStringList{"'__headers__'"} << false;
        // An entry that does not parse: the run fails on it anyway; never guess headers away.
        QTest::newRow("empty entry") << QStringList{"__key__", ""} << true;
        QTest::newRow("bad path") << QStringList{"a..b"} << true;
    }

    void needsHeadersRule()
    {
        QFETCH(QStringList, columns);
        QFETCH(bool, expected);
        QCOMPARE(needsHeaders(columns), expected);
        const std::vector<QString> asVector(columns.begin(), columns.end()); // MapperSpec::sourceFields
        QCOMPARE(needsHeaders(asVector), expected);
    }

    void createErrors_data()
    {
        QTest::addColumn<QStringList>("fields");
        QTest::addColumn<QStringList>("dest");
        QTest::addColumn<QString>("valueType");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");
        const QStringList two{QStringLiteral("id"), QStringLiteral("name")};
        QTest::newRow("unknown column") << QStringList{"a"} << QStringList{"nope"} << "STRING"
                                        << "mapping.unknown_column"
                                        << "writer column \"nope\" (for source field a)";
        QTest::newRow("partition key column") << QStringList{"a"} << QStringList{"ds"} << "STRING"
                                              << "mapping.unknown_column"
                                              << "partition key";
        QTest::newRow("duplicate column") << QStringList{"a", "b"} << QStringList{"id", "ID"} << "STRING"
                                          << "mapping.duplicate_column"
                                          << "source fields a and b";
        QTest::newRow("too few writer columns") << QStringList{"a", "b"} << QStringList{"id"} << "STRING"
                                                << "mapping.column_count"
                                                << "reader has 2 columns but the writer only 1";
        QTest::newRow("bad path") << QStringList{"a..b"} << QStringList{"name"} << "STRING"
                                  << "mapping.path_syntax"
                                  << "\"a..b\"";
        QTest::newRow("empty field") << QStringList{""} << QStringList{"name"} << "STRING"
                                     << "mapping.source_field"
                                     << "";
        QTest::newRow("path with LONG value") << QStringList{"a.b"} << QStringList{"name"} << "LONG"
                                              << "mapping.path_value_type"
                                              << "JSON path a.b needs valueType STRING or BYTEARRAY, not LONG";
        QTest::newRow("bad constant") << QStringList{"'x'"} << QStringList{"id"} << "STRING"
                                      << "mapping.constant"
                                      << "constant 'x' cannot convert to column \"id\" BIGINT";
        QTest::newRow("bad value type") << QStringList{"a"} << QStringList{"name"} << "TEXT"
                                        << "mapping.decode_type"
                                        << "valueType \"TEXT\"";
        QTest::newRow("unknown extra writer column") << QStringList{"a"} << QStringList{"name", "zz"} << "STRING"
                                                     << "mapping.unknown_column"
                                                     << "\"zz\"";
    }
    void createErrors()
    {
        QFETCH(QStringList, fields);
        QFETCH(QStringList, dest);
        QFETCH(QString, valueType);
        QFETCH(QString, code);
        QFETCH(QString, mentions);
        MapperSpec spec;
        spec.table.name = QStringLiteral("t");
        spec.table.columns = {column(QStringLiteral("id"), QStringLiteral("BIGINT")),
                              column(QStringLiteral("name"), QStringLiteral("STRING"))};
        spec.table.partitionKeys = {column(QStringLiteral("ds"), QStringLiteral("STRING"))};
        spec.sourceFields.assign(fields.begin(), fields.end());
        spec.destColumns.assign(dest.begin(), dest.end());
        spec.valueType = valueType;
        const auto mapper = RecordMapper::create(spec);
        QVERIFY(!mapper.ok());
        QCOMPARE(mapper.error().code, code);
        QVERIFY2(mapper.error().message.contains(mentions), qPrintable(mapper.error().message));
    }

    void moveKeepsWorking()
    {
        RecordMapper first = mustCreate(specFor({QStringLiteral("b")}));
        RecordMapper second = std::move(first);
        Row row;
        QVERIFY(second.map(messageWithValue(kSeedJson), row, nullptr));
        QCOMPARE(cell(row, 0), QStringLiteral("world"));
        RecordMapper third = mustCreate(specFor({QStringLiteral("a.a1")}));
        third = std::move(second);
        QVERIFY(third.map(messageWithValue(kSeedJson), row, nullptr));
        QCOMPARE(cell(row, 0), QStringLiteral("world"));
    }

    // A run profiles the values (drift counts) and takes mapped JSON paths from the profiler's walk instead
    // of looking each path up again. Both must give the same row for every message, tricky ones included.
    // A value with kKafkaValueSlack spare bytes (as KafkaSource leaves it) is parsed where it is: whatever lies past
    // its end (here JSON that would close a truncated document) changes neither the rows nor the verdict.
    void valueParsedInPlaceIgnoresBytesPastItsEnd()
    {
        const std::vector<QString> fields = {QStringLiteral("a.a1"), QStringLiteral("c[1]"), QStringLiteral("d[0].AA"),
                                             QStringLiteral("a"), QStringLiteral("__value__")};
        std::vector<std::string> values = trickyValues();
        for (const char *broken : {"{\"a\":{\"a1\":\"x\"}", "{\"a\":\"unterminated", "[1,2", "tru", "", " ",
                                   "{\"a\":1,", "{\"c\":[\"x\",\"y\""})
            values.emplace_back(broken);
        for (const bool profile : {false, true}) {
            MapperSpec spec = specFor(fields);
            spec.profile = profile;
            RecordMapper copied = mustCreate(spec);
            RecordMapper inPlace = mustCreate(spec);
            for (const std::string &value : values) {
                KafkaMessage tight = messageWithValue(value);
                tight.value->shrink_to_fit();
                QVERIFY(tight.value->capacity() - tight.value->size() < kKafkaValueSlack);
                KafkaMessage slack = messageWithValue(value + "}]}\"]}" + std::string(kKafkaValueSlack, '}'));
                slack.value->resize(value.size());
                QVERIFY(slack.value->capacity() - slack.value->size() >= kKafkaValueSlack);
                Row want;
                Row got;
                QString wantReason;
                QString gotReason;
                const bool wantOk = copied.map(tight, want, &wantReason);
                const bool gotOk = inPlace.map(slack, got, &gotReason);
                QVERIFY2(gotOk == wantOk, qPrintable(QString::fromStdString(value)));
                QCOMPARE(gotReason, wantReason);
                QCOMPARE(got.size(), want.size());
                for (std::size_t i = 0; i < want.size(); ++i)
                    QVERIFY2(got[i] == want[i], qPrintable(QStringLiteral("%1 in %2: %3, want %4")
                                                               .arg(fields[i], QString::fromStdString(value),
                                                                    cell(got, i), cell(want, i))));
            }
        }
    }

    void profiledLookupsMatchPlainLookups()
    {
        const std::vector<QString> fields = {QStringLiteral("a.a1"),      QStringLiteral("c[1]"),
                                             QStringLiteral("d[0].AA"),   QStringLiteral("d[1]"),
                                             QStringLiteral("[\"a.b\"]"), QStringLiteral("a"),
                                             QStringLiteral("b"),         QStringLiteral("c[5]"),
                                             QStringLiteral("x.y.z"),     QStringLiteral("[0]"),
                                             QStringLiteral("[1].k"),     QStringLiteral("d[0]"),
                                             QStringLiteral("__key__"),   QStringLiteral("__value__")};
        const std::vector<std::string> values = trickyValues();
        MapperSpec plainSpec = specFor(fields);
        MapperSpec profiledSpec = plainSpec;
        profiledSpec.profile = true;
        RecordMapper plain = mustCreate(plainSpec);
        RecordMapper profiled = mustCreate(profiledSpec);
        QVERIFY(profiled.profiler() != nullptr);
        // Twice over: the second round has every node made already (the hints follow the first round's order).
        for (int round = 0; round < 2; ++round) {
            for (const std::string &value : values) {
                Row want;
                Row got;
                QString wantReason;
                QString gotReason;
                const bool wantOk = plain.map(messageWithValue(value), want, &wantReason);
                const bool gotOk = profiled.map(messageWithValue(value), got, &gotReason);
                QCOMPARE(gotOk, wantOk);
                QCOMPARE(gotReason, wantReason);
                QCOMPARE(got.size(), want.size());
                for (std::size_t i = 0; i < want.size(); ++i) {
                    QVERIFY2(got[i] == want[i], qPrintable(QStringLiteral("%1 in %2: %3, want %4")
                                                               .arg(fields[i], QString::fromStdString(value),
                                                                    cell(got, i), cell(want, i))));
                }
            }
        }
        // The rows are the same, but not because both looked the paths up: the profiler's walk was used.
        const void *element = nullptr;
        QVERIFY(profiled.profiler()->mappedElement(0, element));
    }

    // Every path flattenJson produces, given back to the mapper, yields that node's value.
    void flattenRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("seed") << QByteArray(kSeedJson);
        QTest::newRow("awkward keys") << QByteArray(kAwkwardKeysJson);
        QTest::newRow("root array") << QByteArray(R"([{"a":1},[true,false],"s"])");
        QTest::newRow("empty containers") << QByteArray(R"({"o":{},"a":[]})");
    }
    void flattenRoundTrip()
    {
        QFETCH(QByteArray, json);
        const auto nodes = flattenJson(json.toStdString());
        QVERIFY2(nodes.ok(), qPrintable(nodes.ok() ? QString() : nodes.error().message));
        QVERIFY(!nodes->empty());
        std::vector<QString> fields;
        for (const JsonNode &node : *nodes)
            fields.push_back(node.path);
        RecordMapper mapper = mustCreate(specFor(fields));
        Row row;
        QString reason;
        QVERIFY2(mapper.map(messageWithValue(json.toStdString()), row, &reason), qPrintable(reason));
        QCOMPARE(row.size(), nodes->size());
        for (std::size_t i = 0; i < nodes->size(); ++i) {
            const JsonNode &node = (*nodes)[i];
            const QString got = cell(row, i);
            if (node.kind == JsonKind::Null)
                QCOMPARE(got, QStringLiteral("NULL"));
            else
                QVERIFY2(got == node.text,
                         qPrintable(node.path + QStringLiteral(": ") + got + QStringLiteral(" != ") + node.text));
        }
    }

    void flattenSeed()
    {
        const auto nodes = flattenJson(kSeedJson);
        QVERIFY(nodes.ok());
        QStringList listed;
        for (const JsonNode &node : *nodes)
            listed << node.path + QLatin1Char('=') + node.text;
        const QStringList expected{
            QStringLiteral("a={\"a1\":\"hello\"}"),
            QStringLiteral("a.a1=hello"),
            QStringLiteral("b=world"),
            QStringLiteral("c=[\"xxxxxxx\",\"yyyyyyy\"]"),
            QStringLiteral("c[0]=xxxxxxx"),
            QStringLiteral("c[1]=yyyyyyy"),
            QStringLiteral("d=[{\"AA\":\"this\",\"BB\":\"is_data\"},{\"AA\":\"that\",\"BB\":\"is_also_data\"}]"),
            QStringLiteral("d[0]={\"AA\":\"this\",\"BB\":\"is_data\"}"),
            QStringLiteral("d[0].AA=this"),
            QStringLiteral("d[0].BB=is_data"),
            QStringLiteral("d[1]={\"AA\":\"that\",\"BB\":\"is_also_data\"}"),
            QStringLiteral("d[1].AA=that"),
            QStringLiteral("d[1].BB=is_also_data"),
            QStringLiteral("[\"a.b\"]=unreachable"),
        };
        QCOMPARE(listed, expected);
        QCOMPARE(int((*nodes)[0].kind), int(JsonKind::Object));
        QCOMPARE(int((*nodes)[3].kind), int(JsonKind::Array));
        QCOMPARE(int((*nodes)[1].kind), int(JsonKind::String));
    }

    void flattenInvalid()
    {
        const auto nodes = flattenJson("{\"a\":[1,}");
        QVERIFY(!nodes.ok());
        QCOMPARE(nodes.error().code, QStringLiteral("mapping.json"));
        QVERIFY2(nodes.error().message.endsWith(QLatin1String("at byte 8")), qPrintable(nodes.error().message));
    }
};

QTEST_APPLESS_MAIN(TestMapper)
#include "tst_mapper.moc"
