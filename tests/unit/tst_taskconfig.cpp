// link: kmsync_config kmsync_params kmsync_mapping kmsync_core
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "engine/config/sourcefield.h"
#include "engine/config/taskconfig.h"

using namespace kmsync::engine;
using namespace kmsync::engine::config;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString samplePath(const QString &name)
{
    return QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/") + name;
}

QString dataPath(const QString &name)
{
    return QStringLiteral(KMSYNC_TEST_DATA "/tasks/") + name;
}

// A task with every field kmsync knows set to a non-default value.
TaskConfig fullTask()
{
    TaskConfig t;
    t.type = QStringLiteral("job");
    t.version = QStringLiteral("2.0");
    KafkaReaderConfig &r = t.reader;
    r.name = QStringLiteral("Kafka1");
    r.stepExtra = QJsonObject{{QStringLiteral("gui"), QJsonObject{{QStringLiteral("x"), 10}}}};
    r.server = QStringLiteral("broker:9092");
    r.datasource = QStringLiteral("kafka_ds");
    r.topic = QStringLiteral("clicks");
    r.column = {QStringLiteral("__key__"), QStringLiteral("a.b"), QStringLiteral("'c'")};
    r.keyType = QStringLiteral("ByteArray");
    r.valueType = QStringLiteral("string");
    r.encoding = QStringLiteral("GBK");
    r.beginDateTime = QStringLiteral("${startTime}");
    r.endDateTime = QStringLiteral("${endTime}");
    r.beginOffset = QStringLiteral("seekToLast");
    r.endOffset = 42;
    r.beginTimestampMillis = 1000;
    r.endTimestampMillis = QStringLiteral("2000");
    r.timeZone = QStringLiteral("Asia/Shanghai");
    r.kafkaConfig = QJsonObject{{QStringLiteral("group.id"), QStringLiteral("g1")},
                                {QStringLiteral("fetch.min.bytes"), 1024}};
    r.groupId = QStringLiteral("g2");
    r.waitTime = QStringLiteral("30");
    r.stopWhenPollEmpty = true;
    r.stopWhenReachEndOffset = QStringLiteral("true");
    r.skipExceedRecord = QStringLiteral("false");
    r.partition = 3;
    r.extra = QJsonObject{{QStringLiteral("dataFormat"), QStringLiteral("json")}};
    OdpsWriterConfig &w = t.writer;
    w.name = QStringLiteral("Odps1");
    w.stepExtra = QJsonObject{{QStringLiteral("copies"), 1}};
    w.datasource = QStringLiteral("odps_first");
    w.table = QStringLiteral("t1");
    w.partition = QStringLiteral("ds=${partition},hh=10");
    w.column = {QStringLiteral("k"), QStringLiteral("ab"), QStringLiteral("c")};
    w.truncate = QStringLiteral("true");
    w.emptyAsNull = true;
    w.compress = false;
    w.extra = QJsonObject{{QStringLiteral("consistencyCommit"), true}};
    t.writerFirst = true;
    t.setting.errorLimitRecord = QStringLiteral("5");
    t.setting.concurrent = 4;
    t.setting.throttle = true;
    t.setting.mbps = 2.5;
    t.setting.errorLimitExtra = QJsonObject{{QStringLiteral("strategy"), QStringLiteral("Tolerance")}};
    t.setting.speedExtra = QJsonObject{{QStringLiteral("dmu"), 1}};
    t.setting.extra = QJsonObject{{QStringLiteral("executeMode"), QStringLiteral("distribute")}};
    t.order = QJsonObject{
        {QStringLiteral("hops"), QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("Kafka1")},
                                                        {QStringLiteral("to"), QStringLiteral("Odps1")}}}}};
    t.kmsync = KmsyncOptions{5, 30, QJsonObject{{QStringLiteral("future"), 1}}};
    t.extra = QJsonObject{{QStringLiteral("extend"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("code")}}}};
    return t;
}

} // namespace

class TestTaskConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filesRoundTrip_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("sample clicks task") << samplePath(QStringLiteral("clicks-task.json"));
        QTest::newRow("2019 official skeleton") << dataPath(QStringLiteral("official-2019.json"));
        QTest::newRow("current form with extend") << dataPath(QStringLiteral("extend-form.json"));
        QTest::newRow("bad values kept") << dataPath(QStringLiteral("bad-keytype.json"));
    }
    void filesRoundTrip()
    {
        QFETCH(QString, path);
        const QByteArray original = readFile(path);
        QVERIFY2(!original.isEmpty(), qPrintable(path));
        const auto first = TaskConfig::fromJsonBytes(original);
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
        // semantic content equals the original: every key and value, with its JSON type
        const QJsonObject originalObject = QJsonDocument::fromJson(original).object();
        QCOMPARE(first->toJson(), originalObject);
        // load -> save -> load -> save: identical bytes and equal values
        const QByteArray saved1 = first->toJsonBytes();
        const auto second = TaskConfig::fromJsonBytes(saved1);
        QVERIFY(second.ok());
        QVERIFY(second.value() == first.value());
        QCOMPARE(second->toJsonBytes(), saved1);
    }

    void official2019Skeleton()
    {
        const auto task = TaskConfig::loadFile(dataPath(QStringLiteral("official-2019.json")));
        QVERIFY2(task.ok(), qPrintable(task.ok() ? QString() : task.error().message));
        const KafkaReaderConfig &r = task->reader;
        QCOMPARE(r.server, std::optional<QString>(QStringLiteral("host:9093")));
        QVERIFY(!r.datasource.has_value());
        QCOMPARE(r.topic, QStringLiteral("topicName"));
        QCOMPARE(r.column.size(), 8);
        QCOMPARE(r.column.at(5), QStringLiteral("'123'"));
        QCOMPARE(r.keyTypeValue(), KafkaDataType::ByteArray);
        QCOMPARE(r.valueTypeValue(), KafkaDataType::ByteArray);
        QCOMPARE(r.beginDateTime, std::optional<QString>(QStringLiteral("20190416000000")));
        QCOMPARE(r.endDateTime, std::optional<QString>(QStringLiteral("20190416000006")));
        QCOMPARE(r.effectiveGroupId(), QStringLiteral("demo_test"));
        QVERIFY(r.skipExceedRecord.isString()); // kept as the string "false"
        QCOMPARE(r.skipExceedRecordValue(), false);
        QCOMPARE(r.encodingValue(), QStringLiteral("UTF-8"));
        QCOMPARE(r.waitTimeSeconds(), 60);
        const OdpsWriterConfig &w = task->writer;
        QCOMPARE(w.datasource, QStringLiteral("odps_first"));
        QCOMPARE(w.table, QString());
        QCOMPARE(w.partition, std::optional<QString>(QString()));
        QCOMPARE(w.column, QStringList{QStringLiteral("*")});
        QCOMPARE(w.truncateValue(), true);
        QVERIFY(w.compress.isBool());
        QVERIFY(task->setting.errorLimitRecord.isString());
        QCOMPARE(task->setting.errorLimitRecordValue(), std::optional<qint64>(0));
        QCOMPARE(task->setting.concurrentValue(), 1);
        QCOMPARE(task->setting.speedExtra->value(QStringLiteral("dmu")).toInt(), 1);
        QCOMPARE(task->kmsyncValue().rerunsValue(), 3);
        QCOMPARE(task->kmsyncValue().rerunIntervalSecondsValue(), 120);
        QVERIFY(!task->kmsync.has_value());
        QVERIFY(!task->writerFirst);
        QCOMPARE(task->readerPath(), QStringLiteral("steps[0].parameter"));
    }

    void extendFormAndLooseValues()
    {
        const auto task = TaskConfig::loadFile(dataPath(QStringLiteral("extend-form.json")));
        QVERIFY2(task.ok(), qPrintable(task.ok() ? QString() : task.error().message));
        QVERIFY(task->writerFirst);
        QCOMPARE(task->readerPath(), QStringLiteral("steps[1].parameter"));
        QCOMPARE(task->writerPath(), QStringLiteral("steps[0].parameter"));
        QCOMPARE(
            task->extra.value(QStringLiteral("extend")).toObject().value(QStringLiteral("resourceGroup")).toString(),
            QStringLiteral("S_res_group_1"));
        const KafkaReaderConfig &r = task->reader;
        QCOMPARE(r.effectiveGroupId(), QStringLiteral("datax_events"));
        QCOMPARE(r.beginOffset.toString(), QStringLiteral("seekToBeginning"));
        QCOMPARE(r.endOffset.toInteger(), 15553274);
        QCOMPARE(r.stopWhenPollEmptyValue(), true);
        QCOMPARE(r.stopWhenReachEndOffsetValue(), true);
        QCOMPARE(r.partitionValue(), std::optional<int>(0));
        QCOMPARE(r.extra.value(QStringLiteral("dataFormat")).toString(), QStringLiteral("json"));
        QCOMPARE(r.extra.value(QStringLiteral("fetchMinBytes")).toInt(), 1);
        QCOMPARE(task->writer.truncateValue(), false);
        QCOMPARE(task->writer.emptyAsNullValue(), true);
        QCOMPARE(task->writer.extra.value(QStringLiteral("overLengthRule")).toString(), QStringLiteral("truncate"));
        QCOMPARE(task->writer.partitionSpec(), QStringLiteral("pt=${bizdate},type=1"));
        QVERIFY(task->setting.errorLimitRecord.isDouble());
        QCOMPARE(task->setting.errorLimitRecordValue(), std::optional<qint64>(10));
        QCOMPARE(task->setting.throttleValue(), true);
        QCOMPARE(task->setting.mbpsValue(), std::optional<double>(12.0));
        QCOMPARE(task->setting.concurrentValue(), 2);
        QVERIFY(task->setting.extra->value(QStringLiteral("executeMode")).isNull());
    }

    void everyFieldRoundTrips()
    {
        const TaskConfig original = fullTask();
        const auto loaded = TaskConfig::fromJson(original.toJson());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        QVERIFY(loaded.value() == original);
        QCOMPARE(loaded->toJsonBytes(), original.toJsonBytes());
        // and each field changes the output: a task that differs in one field is not equal
        TaskConfig changed = original;
        changed.reader.skipExceedRecord = false; // bool instead of the string "false"
        QVERIFY(!(changed == original));
        QVERIFY(changed.toJsonBytes() != original.toJsonBytes());
        const auto reloaded = TaskConfig::fromJson(changed.toJson());
        QVERIFY(reloaded.ok());
        QVERIFY(reloaded->reader.skipExceedRecord.isBool());
    }

    void unknownKeysKept_data()
    {
        QTest::addColumn<QString>("where");
        QTest::newRow("top level") << "top";
        QTest::newRow("step") << "step";
        QTest::newRow("reader parameter") << "reader";
        QTest::newRow("writer parameter") << "writer";
        QTest::newRow("setting") << "setting";
        QTest::newRow("setting.speed") << "speed";
        QTest::newRow("kmsync") << "kmsync";
    }
    void unknownKeysKept()
    {
        QFETCH(QString, where);
        QJsonObject doc = QJsonDocument::fromJson(readFile(samplePath(QStringLiteral("clicks-task.json")))).object();
        const QJsonValue marker = QJsonObject{{QStringLiteral("nested"), QJsonArray{1, QStringLiteral("two"), true}}};
        const QString key = QStringLiteral("zzUnknown");
        QJsonArray steps = doc.value(QStringLiteral("steps")).toArray();
        QJsonObject step0 = steps.at(0).toObject();
        QJsonObject step1 = steps.at(1).toObject();
        if (where == QLatin1String("top")) {
            doc.insert(key, marker);
        } else if (where == QLatin1String("step")) {
            step0.insert(key, marker);
        } else if (where == QLatin1String("reader")) {
            QJsonObject p = step0.value(QStringLiteral("parameter")).toObject();
            p.insert(key, marker);
            step0.insert(QStringLiteral("parameter"), p);
        } else if (where == QLatin1String("writer")) {
            QJsonObject p = step1.value(QStringLiteral("parameter")).toObject();
            p.insert(key, marker);
            step1.insert(QStringLiteral("parameter"), p);
        } else if (where == QLatin1String("setting") || where == QLatin1String("speed")) {
            QJsonObject s = doc.value(QStringLiteral("setting")).toObject();
            if (where == QLatin1String("setting")) {
                s.insert(key, marker);
            } else {
                QJsonObject speed = s.value(QStringLiteral("speed")).toObject();
                speed.insert(key, marker);
                s.insert(QStringLiteral("speed"), speed);
            }
            doc.insert(QStringLiteral("setting"), s);
        } else {
            QJsonObject k = doc.value(QStringLiteral("kmsync")).toObject();
            k.insert(key, marker);
            doc.insert(QStringLiteral("kmsync"), k);
        }
        steps[0] = step0;
        steps[1] = step1;
        doc.insert(QStringLiteral("steps"), steps);
        const auto task = TaskConfig::fromJson(doc);
        QVERIFY(task.ok());
        QCOMPARE(task->toJson(), doc);
    }

    void wrongTypesKeptAsGiven()
    {
        QJsonObject doc = QJsonDocument::fromJson(readFile(samplePath(QStringLiteral("clicks-task.json")))).object();
        QJsonArray steps = doc.value(QStringLiteral("steps")).toArray();
        QJsonObject step0 = steps.at(0).toObject();
        QJsonObject p = step0.value(QStringLiteral("parameter")).toObject();
        p.insert(QStringLiteral("topic"), 12);
        p.insert(QStringLiteral("column"), QJsonArray{QStringLiteral("a"), 5});
        step0.insert(QStringLiteral("parameter"), p);
        steps[0] = step0;
        doc.insert(QStringLiteral("steps"), steps);
        doc.insert(QStringLiteral("kmsync"), QJsonObject{{QStringLiteral("reruns"), QStringLiteral("three")}});
        const auto task = TaskConfig::fromJson(doc);
        QVERIFY(task.ok());
        QCOMPARE(task->reader.topic, QString());
        QCOMPARE(task->reader.extra.value(QStringLiteral("topic")).toInt(), 12);
        QCOMPARE(task->toJson(), doc);
    }

    void structureErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << readFile(dataPath(QStringLiteral("not-json.json"))) << "config.json"
                                  << "line 3, column 1";
        QTest::newRow("array") << QByteArray("[1,2]") << "config.json"
                               << "must hold a JSON object";
        QTest::newRow("datax 1.0") << readFile(dataPath(QStringLiteral("datax-1.0.json"))) << "config.structure"
                                   << "DataX 1.0";
        QTest::newRow("no steps") << QByteArray(R"({"type":"job"})") << "config.structure"
                                  << "steps: missing";
        QTest::newRow("steps object") << QByteArray(R"({"steps":{}})") << "config.structure"
                                      << "expected an array, got object";
        QTest::newRow("one step") << QByteArray(R"({"steps":[{"stepType":"kafka","category":"reader"}]})")
                                  << "config.structure"
                                  << "exactly 2 steps (a kafka reader and an odps writer), got 1";
        QTest::newRow("mysql reader") << QByteArray(
            R"({"steps":[{"stepType":"mysql","category":"reader"},{"stepType":"odps","category":"writer"}]})")
                                      << "config.structure"
                                      << "steps[0].stepType: \"mysql\" is not supported";
        QTest::newRow("hdfs writer") << QByteArray(
            R"({"steps":[{"stepType":"kafka","category":"reader"},{"stepType":"hdfs","category":"writer"}]})")
                                     << "config.structure"
                                     << "steps[1].stepType: \"hdfs\" is not supported";
        QTest::newRow("two readers") << QByteArray(
            R"({"steps":[{"stepType":"kafka","category":"reader"},{"stepType":"kafka","category":"reader"}]})")
                                     << "config.structure"
                                     << "steps[1]: a second reader";
        QTest::newRow("step not object") << QByteArray(R"({"steps":[{"stepType":"kafka","category":"reader"}, 3]})")
                                         << "config.structure"
                                         << "steps[1]: expected an object, got number";
    }
    void structureErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, code);
        QFETCH(QString, message);
        const auto task = TaskConfig::fromJsonBytes(json);
        QVERIFY(!task.ok());
        QCOMPARE(task.error().code, code);
        QVERIFY2(task.error().message.contains(message), qPrintable(task.error().message));
    }

    void saveFileIsStable()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto task = TaskConfig::loadFile(dataPath(QStringLiteral("extend-form.json")));
        QVERIFY(task.ok());
        const QString a = dir.filePath(QStringLiteral("a.json"));
        const QString b = dir.filePath(QStringLiteral("b.json"));
        QVERIFY(task->saveFile(a).ok());
        const auto again = TaskConfig::loadFile(a);
        QVERIFY(again.ok());
        QVERIFY(again->saveFile(b).ok());
        QCOMPARE(readFile(a), readFile(b));
        QVERIFY(!TaskConfig::loadFile(dir.filePath(QStringLiteral("missing.json"))).ok());
    }

    void jsonPath_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("column");
        QTest::addColumn<int>("segments");
        QTest::newRow("top") << "event_id"
                             << "event_id"
                             << "event_id" << 1;
        QTest::newRow("nested") << "a.a1"
                                << "a.a1"
                                << "a_a1" << 2;
        QTest::newRow("index") << "c[1]"
                               << "c[1]"
                               << "c_1" << 2;
        QTest::newRow("index then key") << "d[0].AA"
                                        << "d[0].AA"
                                        << "d_0_aa" << 3;
        QTest::newRow("items") << "items[0].sku"
                               << "items[0].sku"
                               << "items_0_sku" << 3;
        QTest::newRow("quoted dotted") << "[\"a.b\"]"
                                       << "[\"a.b\"]"
                                       << "a_b" << 1;
        QTest::newRow("quoted chain") << "[\"page\"][\"ref.domain\"]"
                                      << "page[\"ref.domain\"]"
                                      << "page_ref_domain" << 2;
        QTest::newRow("index quoted") << "d[0][\"x.y\"]"
                                      << "d[0][\"x.y\"]"
                                      << "d_0_x_y" << 3;
        QTest::newRow("leading index") << "[0].x"
                                       << "[0].x"
                                       << "col_0_x" << 2;
        QTest::newRow("empty quoted key") << "[\"\"]"
                                          << "[\"\"]"
                                          << "col_" << 1;
        QTest::newRow("first key like a Kafka field") << "[\"__key__\"].a"
                                                      << "[\"__key__\"].a"
                                                      << "key_a" << 2;
        QTest::newRow("escaped quote") << "[\"say \\\"hi\\\"\"]"
                                       << "[\"say \\\"hi\\\"\"]"
                                       << "say_hi" << 1;
        QTest::newRow("nested arrays") << "m[1][2]"
                                       << "m[1][2]"
                                       << "m_1_2" << 3;
        QTest::newRow("digit start") << "1st.x"
                                     << "1st.x"
                                     << "col_1st_x" << 2;
    }
    void jsonPath()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(QString, column);
        QFETCH(int, segments);
        const auto path = mapping::JsonPath::parse(text);
        QVERIFY2(path.ok(), qPrintable(path.ok() ? QString() : path.error().message));
        QCOMPARE(int(path->segments().size()), segments);
        QCOMPARE(path->toString(), canonical);
        QCOMPARE(ddlColumnName(path.value()), column);
        const auto again = mapping::JsonPath::parse(path->toString());
        QVERIFY(again.ok());
        QVERIFY(again->segments() == path->segments());
    }

    void jsonPathErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "JSON path is empty";
        QTest::newRow("double dot") << "a..b"
                                    << "expected a key name, found '.' at position 3";
        QTest::newRow("leading dot") << ".a"
                                     << "expected a key name, found '.' at position 1";
        QTest::newRow("trailing dot") << "a."
                                      << "expected a key name after '.' at position 3";
        QTest::newRow("unclosed index") << "items[0.sku"
                                        << "expected ']' after the array index at position 8";
        QTest::newRow("unclosed bracket") << "a["
                                          << "expected an index or a \"quoted key\" after '[' at position 3";
        QTest::newRow("letters in index")
            << "a[x]"
            << "expected an array index (digits) or a \"quoted key\" after '[' at position 3";
        QTest::newRow("stray close") << "a]b"
                                     << "unexpected ']' at position 2";
        QTest::newRow("unterminated quote") << "[\"a.b]"
                                            << "unterminated quoted key starting at position 2";
        QTest::newRow("quote without bracket") << "\"a.b\""
                                               << "unexpected '\"' (quoted keys are written [\"key\"]) at position 1";
        QTest::newRow("junk after bracket") << "a[0]b"
                                            << "expected '.' or '[' after ']' at position 5";
        QTest::newRow("dot bracket") << "a.[0]"
                                     << "expected a key name after '.', found '[' at position 3";
        QTest::newRow("single quotes")
            << "['a.b']"
            << "expected an array index (digits) or a \"quoted key\" after '[' at position 2";
        QTest::newRow("bad escape") << "[\"a\\nb\"]"
                                    << "unknown escape";
    }
    void jsonPathErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const auto path = mapping::JsonPath::parse(text);
        QVERIFY(!path.ok());
        QCOMPARE(path.error().code, QStringLiteral("mapping.path_syntax"));
        QVERIFY2(path.error().message.contains(message), qPrintable(path.error().message));
    }

    void sourceFields_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("constant");
        QTest::newRow("key") << "__key__" << int(mapping::SourceField::Kind::Key) << "";
        QTest::newRow("headers") << "__headers__" << int(mapping::SourceField::Kind::Headers) << "";
        QTest::newRow("constant") << "'123'" << int(mapping::SourceField::Kind::Constant) << "123";
        QTest::newRow("empty constant") << "''" << int(mapping::SourceField::Kind::Constant) << "";
        QTest::newRow("path") << "user.id" << int(mapping::SourceField::Kind::Path) << "";
    }
    void sourceFields()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(QString, constant);
        const auto field = parseSourceField(text);
        QVERIFY2(field.ok(), qPrintable(field.ok() ? QString() : field.error().message));
        QCOMPARE(int(field->kind()), kind);
        QCOMPARE(QString::fromStdString(field->constant()), constant);
    }
    void sourceFieldErrors()
    {
        const auto unterminated = parseSourceField(QStringLiteral("'abc"));
        QVERIFY(!unterminated.ok());
        QCOMPARE(unterminated.error().code, QStringLiteral("config.constant"));
        QVERIFY(unterminated.error().message.contains(QStringLiteral("no closing single quote")));
        // not one of the six fields: a JSON path to the key "__topic__" (validation warns)
        const auto unknown = parseSourceField(QStringLiteral("__topic__"));
        QVERIFY(unknown.ok());
        QCOMPARE(unknown->kind(), mapping::SourceField::Kind::Path);
        QVERIFY(looksLikeKafkaField(unknown.value()));
        QVERIFY(!looksLikeKafkaField(parseSourceField(QStringLiteral("__key__")).value()));
    }

    void partitionSpec_data()
    {
        QTest::addColumn<QString>("partition");
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("ok");
        QTest::newRow("one") << "ds=${partition}"
                             << "ds=${partition}" << true;
        QTest::newRow("two comma") << "ds=20221122, hh=10"
                                   << "ds=20221122,hh=10" << true;
        QTest::newRow("2019 slash") << "pt=20150101/type=1/biz=2"
                                    << "pt=20150101,type=1,biz=2" << true;
        QTest::newRow("empty") << ""
                               << "" << true;
        QTest::newRow("no value") << "ds="
                                  << "" << false;
        QTest::newRow("no key") << "=1"
                                << "" << false;
        QTest::newRow("no equals") << "ds"
                                   << "" << false;
        QTest::newRow("twice") << "ds=1,DS=2"
                               << "" << false;
        // The one partition spec's rules (odpssql::PartitionSpec), as the destination reads the same text.
        QTest::newRow("REST quotes") << "ds='20221122',hh=\"10\""
                                     << "ds=20221122,hh=10" << true;
        QTest::newRow("key case") << "DS=1/Hh=2"
                                  << "ds=1,hh=2" << true;
        QTest::newRow("bad key") << "my-key=1"
                                 << "" << false;
        QTest::newRow("quote in value") << "ds=a'b"
                                        << "" << false;
    }
    void partitionSpec()
    {
        QFETCH(QString, partition);
        QFETCH(QString, spec);
        QFETCH(bool, ok);
        OdpsWriterConfig w;
        w.partition = partition;
        QCOMPARE(w.partitionKeyValues().ok(), ok);
        QCOMPARE(w.partitionSpec(), spec);
        if (!ok)
            QCOMPARE(w.partitionKeyValues().error().code, QStringLiteral("config.partition"));
    }

    // A task's author reads the writer's partition problems in the task's words, the field named.
    void partitionMessages_data()
    {
        QTest::addColumn<QString>("partition");
        QTest::addColumn<QString>("message");
        QTest::newRow("not key=value") << " ds "
                                       << "partition \"ds\": \"ds\" is not key=value; write e.g. "
                                          "ds=${partition} or ds=20221122,hh=10";
        QTest::newRow("no value") << "ds=1,HH="
                                  << "partition \"ds=1,HH=\": key hh has no value";
        QTest::newRow("twice") << "ds=1,DS=2"
                               << "partition \"ds=1,DS=2\": key ds appears twice";
        QTest::newRow("quote") << "ds=a\"b"
                               << "partition \"ds=a\"b\": the value of key ds is a\"b; partition values may "
                                  "not contain quotes";
    }
    void partitionMessages()
    {
        QFETCH(QString, partition);
        QFETCH(QString, message);
        OdpsWriterConfig w;
        w.partition = partition;
        const auto kvs = w.partitionKeyValues();
        QVERIFY(!kvs.ok());
        QCOMPARE(kvs.error().message, message);
    }
};

QTEST_APPLESS_MAIN(TestTaskConfig)
#include "tst_taskconfig.moc"
