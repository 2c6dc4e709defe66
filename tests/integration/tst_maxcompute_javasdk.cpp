// link: kmsync_mcserver kmsync_maxcompute kmsync_core
// The MaxCompute Java SDK (odps-sdk-core, tests/javasdk/pom.xml) as a second reference next to pyodps:
// (1) the SDK's own ProtobufRecordStreamReader decodes kmsync's Tunnel blocks, every type, value for value;
// (2) the SDK's TableTunnel uploads to kmsync's test server, which must store exactly what the SDK wrote;
// (3) every operation kmsync performs, done through the SDK's public API against the test server, succeeds with the
//     expected result, so the server speaks what the Java SDK expects (chunked PUTs, Content-MD5, the SDK's own
//     ALTER TABLE for partitions, its polls).
// tests/javasdk/setup.sh fetches the jars once into ${KMSYNC_BINARY_DIR}/odps-java/ and compiles SdkPeer.java; the
// Java cases are skipped only when it exits 3 (no java/javac/mvn, or Maven Central unreachable).
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>

#include <QCryptographicHash>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QUrlQuery>

#include "engine/maxcompute/odpssigner.h"
#include "engine/maxcompute/tunnelrecordwriter.h"
#include "tests/support/mcserver/mcserver.h"
#include "tests/support/process/runprocess.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;
using kmsync::test::McServer;
using kmsync::test::McTable;
using kmsync::test::ProcessResult;
using kmsync::test::runProcess;

namespace {

// One cell in SdkPeer's canonical text (see the header of tests/javasdk/SdkPeer.java): null for NULL, otherwise a
// string that is equal exactly when the values are equal (floating point compared by bits).
QJsonValue canonical(const Value &value, const ColumnType &type)
{
    struct V
    {
        const ColumnType &type;
        QJsonValue operator()(std::monostate) const { return QJsonValue::Null; }
        QJsonValue operator()(bool b) const { return b ? QStringLiteral("true") : QStringLiteral("false"); }
        QJsonValue operator()(int64_t i) const { return QString::number(i); }
        QJsonValue operator()(double d) const
        {
            if (type.kind == TypeKind::Float) {
                const auto f = static_cast<float>(d);
                quint32 bits;
                std::memcpy(&bits, &f, 4);
                return QStringLiteral("f:%1").arg(bits, 8, 16, QLatin1Char('0'));
            }
            quint64 bits;
            std::memcpy(&bits, &d, 8);
            return QStringLiteral("d:%1").arg(bits, 16, 16, QLatin1Char('0'));
        }
        QJsonValue operator()(const std::string &s) const
        {
            const QByteArray bytes(s.data(), qsizetype(s.size()));
            return type.kind == TypeKind::Binary ? QString::fromLatin1(bytes.toBase64()) : QString::fromUtf8(bytes);
        }
        QJsonValue operator()(const Decimal &d) const { return QString::fromStdString(d.text); }
        QJsonValue operator()(const DateTime &d) const { return QString::number(d.epochMs); }
        QJsonValue operator()(const Date &d) const { return QString::number(d.epochDays); }
        QJsonValue operator()(const Timestamp &t) const
        {
            return QStringLiteral("%1:%2").arg(t.epochSeconds).arg(t.nanos, 9, 10, QLatin1Char('0'));
        }
    };
    return std::visit(V{type}, value);
}

QJsonArray canonicalRow(const Row &row, const std::vector<ColumnDef> &columns)
{
    QJsonArray a;
    for (size_t i = 0; i < columns.size(); ++i)
        a.append(canonical(i < row.size() ? row[i] : Value{}, columns[i].type));
    return a;
}

// SdkPeer's SCHEMA argument: "name:type,..." with the types as the Tunnel schema spells them.
QString schemaArg(const std::vector<ColumnDef> &columns)
{
    QStringList parts;
    for (const auto &c : columns)
        parts << c.name + QLatin1Char(':') + c.type.toString().toLower();
    return parts.join(QLatin1Char(','));
}

std::vector<ColumnDef> columnsOf(const QList<QPair<QString, QString>> &spec)
{
    std::vector<ColumnDef> cols;
    for (const auto &[name, type] : spec)
        cols.push_back(ColumnDef{name, *ColumnType::parse(type), QString()});
    return cols;
}

// Every type TunnelRecordWriter writes (engine/core/columntype.h), in one table.
const QList<QPair<QString, QString>> kEveryType = {
    {QStringLiteral("c_bigint"), QStringLiteral("BIGINT")},
    {QStringLiteral("c_int"), QStringLiteral("INT")},
    {QStringLiteral("c_smallint"), QStringLiteral("SMALLINT")},
    {QStringLiteral("c_tinyint"), QStringLiteral("TINYINT")},
    {QStringLiteral("c_double"), QStringLiteral("DOUBLE")},
    {QStringLiteral("c_float"), QStringLiteral("FLOAT")},
    {QStringLiteral("c_boolean"), QStringLiteral("BOOLEAN")},
    {QStringLiteral("c_string"), QStringLiteral("STRING")},
    {QStringLiteral("c_varchar"), QStringLiteral("VARCHAR(20)")},
    {QStringLiteral("c_char"), QStringLiteral("CHAR(5)")},
    {QStringLiteral("c_binary"), QStringLiteral("BINARY")},
    {QStringLiteral("c_datetime"), QStringLiteral("DATETIME")},
    {QStringLiteral("c_date"), QStringLiteral("DATE")},
    {QStringLiteral("c_timestamp"), QStringLiteral("TIMESTAMP")},
    {QStringLiteral("c_decimal"), QStringLiteral("DECIMAL(10,2)")},
    {QStringLiteral("c_decimal38"), QStringLiteral("DECIMAL(38,18)")},
};

QString everyTypeDdl(const QString &table)
{
    QStringList cols;
    for (const auto &[name, type] : kEveryType)
        cols << name + QLatin1Char(' ') + type;
    return QStringLiteral("CREATE TABLE %1 (%2) PARTITIONED BY (ds STRING)")
        .arg(table, cols.join(QStringLiteral(", ")));
}

std::vector<Row> edgeRows()
{
    const auto i64 = [](int64_t v) { return Value{v}; };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<Row> rows;
    // Ordinary values.
    rows.push_back({i64(1), i64(7), i64(-1), i64(0), 1.5, 0.5, true, std::string("abc"), std::string("vc"),
                    std::string("c"), std::string("\x00\x01\xff", 3), DateTime{1669075200000}, Date{19318},
                    Timestamp{1669046400, 123456789}, Decimal{"12.34"},
                    Decimal{"12345678901234567890.123456789012345678"}});
    rows.push_back(Row(kEveryType.size())); // every column NULL
    // Minimum values; DATETIME, DATE and TIMESTAMP at 0001-01-01T00:00:00Z.
    rows.push_back({i64(std::numeric_limits<int64_t>::min() + 1), i64(std::numeric_limits<int32_t>::min()), i64(-32768),
                    i64(-128), -std::numeric_limits<double>::max(), double(-std::numeric_limits<float>::max()), false,
                    std::string(), std::string(), std::string(), std::string(), DateTime{-62135596800000},
                    Date{-719162}, Timestamp{-62135596800, 0}, Decimal{"-99999999.99"},
                    Decimal{"-0.000000000000000001"}});
    // Maximum values; 9999-12-31T23:59:59.999(999999)Z.
    rows.push_back({i64(std::numeric_limits<int64_t>::max()), i64(std::numeric_limits<int32_t>::max()), i64(32767),
                    i64(127), std::numeric_limits<double>::max(), double(std::numeric_limits<float>::max()), true,
                    std::string("中文字符 😀 \"q\" \\ \t\n\r end"), std::string("日本語テキスト"), std::string("ü€"),
                    std::string(300, '\xab'), DateTime{253402300799999}, Date{2932896},
                    Timestamp{253402300799, 999999999}, Decimal{"99999999.99"},
                    Decimal{"99999999999999999999.999999999999999999"}});
    // Floating-point specials, and DATETIMEs where a calendar or zone conversion would show: before 1900,
    // 1 ms before the epoch, and the instant China's 1986 DST began (1986-05-04 02:00 Asia/Shanghai).
    rows.push_back({i64(-2), i64(0), i64(0), i64(-1), -0.0, -inf, false, std::string(1, '\0'), std::string("été"),
                    std::string("a b"), std::string("bin"), DateTime{-2208988800877}, Date{-1},
                    Timestamp{-1, 999999999}, Decimal{"-0.01"}, Decimal{"0"}});
    rows.push_back({i64(3), i64(-7), i64(1), i64(1), inf, 1e-45, true, std::string("x"), std::string(),
                    std::string("zzzzz"), std::string("\xff"), DateTime{-1}, Date{0}, Timestamp{-2208988801, 1},
                    Decimal{"0.10"}, Decimal{"-1"}});
    rows.push_back({i64(4), i64(1), i64(2), i64(2), std::nan(""), 3.4e-38, false, std::string("y"), std::string("v"),
                    std::string("k"), std::string("\x80"), DateTime{515527200000}, Date{5967},
                    Timestamp{515527199, 999999999}, Decimal{"1.00"}, Decimal{"3.141592653589793238"}});
    // The instant the US DST began in 2022 (2022-03-13 02:00 America/New_York = 07:00Z), and a DATE in 1900.
    rows.push_back({i64(5), i64(2), i64(3), i64(3), 5e-324, 1.17549435e-38, true, std::string("z"), std::string("w"),
                    std::string("q"), std::string("\x01"), DateTime{1647154800000}, Date{-25567},
                    Timestamp{1647154800, 1}, Decimal{"-12.30"}, Decimal{"0.000000000000000001"}});
    // One day and a millisecond before the epoch; the epoch itself as a TIMESTAMP.
    rows.push_back({i64(6), i64(3), i64(4), i64(4), 0.1, 0.1, false, std::string("w"), std::string("u"),
                    std::string("p"), std::string("\x02"), DateTime{-86400001}, Date{-2}, Timestamp{0, 0}, Decimal{"7"},
                    Decimal{"-7.5"}});
    return rows;
}

QList<QJsonArray> jsonLines(const QByteArray &out, QString *error)
{
    QList<QJsonArray> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
        if (!doc.isArray()) {
            *error = QStringLiteral("not a JSON array line: %1 (%2)").arg(QString::fromUtf8(line), pe.errorString());
            return {};
        }
        lines << doc.array();
    }
    return lines;
}

QString describe(const QJsonArray &a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

} // namespace

class TestMaxComputeJavaSdk : public QObject
{
    Q_OBJECT

private:
    QString m_classpath;
    QString m_skipReason;

    ProcessResult peer(const QStringList &args)
    {
        // -Duser.timezone=UTC as SdkPeer.main sets it: the SDK's DATETIME objects carry the JVM's default zone.
        return runProcess(QStringLiteral("java"),
                          QStringList{QStringLiteral("-Xmx256m"), QStringLiteral("-Duser.timezone=UTC"),
                                      QStringLiteral("-cp"), m_classpath, QStringLiteral("SdkPeer")}
                              + args,
                          180000);
    }

    ProcessResult op(McServer &server, const QString &tunnelEndpoint, const QStringList &args)
    {
        return peer(QStringList{QStringLiteral("op"), server.serviceEndpoint(), tunnelEndpoint,
                                QString::fromLatin1(McServer::kProject), QString::fromLatin1(McServer::kAccessId),
                                QString::fromLatin1(McServer::kAccessKey)}
                    + args);
    }

    static QJsonObject jsonObject(const ProcessResult &r)
    {
        return QJsonDocument::fromJson(r.out.trimmed().split('\n').constLast()).object();
    }

    static QString failure(const ProcessResult &r, const McServer &server)
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3\nserver: %4\nrequests:\n%5")
            .arg(r.exitCode)
            .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err.left(4000)), server.lastError(),
                 QString::fromUtf8(server.requestLog().join('\n')));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const ProcessResult r = runProcess(QStringLiteral("bash"),
                                           {QStringLiteral(KMSYNC_SOURCE_DIR "/tests/javasdk/setup.sh"),
                                            QStringLiteral(KMSYNC_BINARY_DIR "/odps-java")},
                                           540000);
        if (r.exitCode == 3) {
            m_skipReason = QStringLiteral("the Java SDK is unavailable: %1").arg(QString::fromUtf8(r.err.trimmed()));
            return;
        }
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_classpath = QString::fromUtf8(r.out.trimmed()).section(QLatin1Char('\n'), -1);
        QVERIFY2(m_classpath.contains(QLatin1String("odps-java")), qPrintable(m_classpath));
    }

    // What odps-tunnel-date-transform would do, from the SDK's own DateUtils: the reason kmsync does not offer it.
    // kmsync writes a DATETIME as its true UTC epoch milliseconds (javaReaderDecodesEveryType); a session that asks
    // for the transform would have the Java SDK write the JVM's local wall-clock time read in a fixed UTC+8 calendar
    // with only China's 1940-41 and 1986-91 summer times, which is another instant wherever that calendar and the
    // zone disagree.
    void dateTransformWouldMoveInstants()
    {
        if (!m_skipReason.isEmpty())
            QSKIP(qPrintable(m_skipReason));
        const auto ms = [](const char *iso) {
            return QDateTime::fromString(QLatin1String(iso), Qt::ISODate).toMSecsSinceEpoch();
        };
        const QList<qint64> instants{ms("2022-11-22T00:00:00Z"), ms("1988-07-01T00:00:00Z"), ms("1941-07-01T00:00:00Z"),
                                     ms("1930-06-01T00:00:00Z"), ms("1899-06-01T00:00:00Z"), ms("1927-06-01T00:00:00Z"),
                                     ms("1946-07-01T00:00:00Z")};
        const auto transformed = [&](const QString &zone) {
            QStringList args{QStringLiteral("datetransform"), zone};
            for (qint64 v : instants)
                args << QString::number(v);
            const ProcessResult r = peer(args);
            QList<qint64> out;
            for (const QJsonValue &v : QJsonDocument::fromJson(r.out.trimmed()).array())
                out << v.toString().toLongLong();
            return out;
        };
        const QList<qint64> shanghai = transformed(QStringLiteral("Asia/Shanghai"));
        QCOMPARE(shanghai.size(), instants.size());
        // A JVM in Shanghai keeps the instant where the calendars agree: today, the 1988 and 1941 summer times, 1930.
        for (int i = 0; i < 4; ++i)
            QCOMPARE(shanghai.at(i), instants.at(i));
        // ... and moves it before 1928 (local mean time in the zone, UTC+8 in the calendar) and in the 1946 summer.
        for (int i = 4; i < 7; ++i)
            QVERIFY2(shanghai.at(i) != instants.at(i), qPrintable(QString::number(instants.at(i))));
        QCOMPARE(shanghai.at(6) - instants.at(6), qint64(3600 * 1000));
        // A JVM in UTC reads its UTC wall clock as UTC+8: eight hours earlier.
        const QList<qint64> utc = transformed(QStringLiteral("UTC"));
        QCOMPARE(utc.size(), instants.size());
        QCOMPARE(utc.at(0), instants.at(0) - qint64(8 * 3600 * 1000));
    }

    void javaReaderDecodesEveryType()
    {
        if (!m_skipReason.isEmpty())
            QSKIP(qPrintable(m_skipReason));
        const std::vector<ColumnDef> columns = columnsOf(kEveryType);
        const std::vector<Row> rows = edgeRows();
        TunnelRecordWriter writer(columns);
        for (const Row &row : rows) {
            const auto written = writer.write(row);
            QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
        }
        writer.finish();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto decode = [&](const QByteArray &block) {
            QFile f(dir.filePath(QStringLiteral("block.bin")));
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(block) != block.size())
                return ProcessResult{};
            f.close();
            return peer({QStringLiteral("decode"), schemaArg(columns), f.fileName()});
        };
        const QByteArray block(writer.data().data(), qsizetype(writer.size()));

        const ProcessResult r = decode(block);
        QVERIFY2(r.exitCode == 0, qPrintable(QString::fromUtf8(r.err.left(4000))));
        QString error;
        const QList<QJsonArray> decoded = jsonLines(r.out, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(decoded.size(), qsizetype(rows.size()));
        for (size_t i = 0; i < rows.size(); ++i) {
            const QJsonArray expected = canonicalRow(rows[i], columns);
            for (qsizetype c = 0; c < expected.size(); ++c) {
                QVERIFY2(decoded[qsizetype(i)].at(c) == expected.at(c),
                         qPrintable(QStringLiteral("row %1, column %2 (%3): the Java SDK read %4, kmsync wrote %5")
                                        .arg(i)
                                        .arg(columns[size_t(c)].name, columns[size_t(c)].type.toString(),
                                             describe(QJsonArray{decoded[qsizetype(i)].at(c)}),
                                             describe(QJsonArray{expected.at(c)}))));
            }
            QCOMPARE(decoded[qsizetype(i)].size(), expected.size());
        }

        // An empty block is a valid stream with no records.
        TunnelRecordWriter empty(columns);
        empty.finish();
        const ProcessResult none = decode(QByteArray(empty.data().data(), qsizetype(empty.size())));
        QVERIFY2(none.exitCode == 0, none.err.constData());
        QVERIFY(none.out.trimmed().isEmpty());

        // The SDK's reader checks what it decodes: one flipped bit in a string value fails the record CRC.
        QByteArray corrupt = block;
        const qsizetype at = corrupt.indexOf("abc");
        QVERIFY(at > 0);
        corrupt[at] = 'b';
        const ProcessResult bad = decode(corrupt);
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("Checksum invalid"), bad.err.left(2000).constData());
    }

    void javaSdkUploadsToTestServer()
    {
        if (!m_skipReason.isEmpty())
            QSKIP(qPrintable(m_skipReason));
        McServer server;
        QVERIFY(server.start() != 0);
        const QMap<QString, QString> odps2{{QStringLiteral("odps.sql.type.system.odps2"), QStringLiteral("true")}};
        QVERIFY(server.catalogue().execute(everyTypeDdl(QStringLiteral("java_events")), odps2).ok());
        QVERIFY(server.catalogue()
                    .execute(QStringLiteral("ALTER TABLE java_events ADD PARTITION (ds='20221122')"), {})
                    .ok());

        const ProcessResult r = peer({QStringLiteral("upload"), server.serviceEndpoint(),
                                      QString::fromLatin1(McServer::kProject), QString::fromLatin1(McServer::kAccessId),
                                      QString::fromLatin1(McServer::kAccessKey), QStringLiteral("java_events"),
                                      QStringLiteral("ds=20221122")});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(server.authFailures(), 0);
        QCOMPARE(server.commits(), 1);
        QCOMPARE(server.blockPuts(), 1);

        const QList<QByteArray> out = r.out.trimmed().split('\n');
        const QJsonObject summary = QJsonDocument::fromJson(out.first()).object();
        QVERIFY2(!summary.value(QStringLiteral("uploadId")).toString().isEmpty(), out.first().constData());
        const int records = summary.value(QStringLiteral("records")).toInt();
        QCOMPARE(records, 2000);
        QString error;
        const QList<QJsonArray> written = jsonLines(r.out.mid(r.out.indexOf('\n') + 1), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(written.size(), qsizetype(records));

        const McTable *table = server.catalogue().table(QStringLiteral("java_events"));
        QVERIFY(table);
        const auto rows = server.rows(QStringLiteral("java_events"), QStringLiteral("ds=20221122"));
        QCOMPARE(rows.size(), size_t(records));
        for (size_t i = 0; i < rows.size(); ++i) {
            const QJsonArray stored = canonicalRow(rows[i], table->schema.columns);
            QVERIFY2(stored == written[qsizetype(i)],
                     qPrintable(QStringLiteral("row %1: the server stored %2, the SDK wrote %3")
                                    .arg(i)
                                    .arg(describe(stored), describe(written[qsizetype(i)]))));
        }
        // What SdkPeer writes, spelled out for a few cells, so that a peer printing the wrong thing cannot pass.
        QCOMPARE(std::get<int64_t>(rows[0][0]), int64_t(1));
        QCOMPARE(std::get<int64_t>(rows[1][0]), int64_t(-9223372036854775807LL));
        QCOMPARE(QString::fromStdString(std::get<std::string>(rows[1][7])), QStringLiteral("中文字符 😀"));
        QCOMPARE(std::get<DateTime>(rows[2][11]).epochMs, int64_t(-2208988800877));
        QCOMPARE(std::get<Timestamp>(rows[0][13]), (Timestamp{1669046400, 123456789}));
        QCOMPARE(std::get<Decimal>(rows[1][14]).text, std::string("-0.01"));
        for (const Value &v : rows[3])
            QVERIFY(isNull(v));
        QCOMPARE(std::get<int64_t>(rows[1999][0]), int64_t(1999) * 2654435761LL);
    }

    void javaSdkOperations()
    {
        if (!m_skipReason.isEmpty())
            QSKIP(qPrintable(m_skipReason));
        McServer server;
        QVERIFY(server.start() != 0);
        const QString direct = server.tunnelEndpoint();
        const QString discover = QStringLiteral("-");
        const QString spec = QStringLiteral("ds=20221122");

        ProcessResult r = op(server, discover,
                             {QStringLiteral("run_sql"),
                              QStringLiteral("CREATE TABLE java_ops (id BIGINT, name STRING, amount DECIMAL(10,2), "
                                             "at DATETIME, ts TIMESTAMP) PARTITIONED BY (ds STRING)")});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QVERIFY(!jsonObject(r).value(QStringLiteral("instanceId")).toString().isEmpty());
        QVERIFY(server.catalogue().table(QStringLiteral("java_ops")));

        r = op(server, discover, {QStringLiteral("list_tables")});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(jsonObject(r).value(QStringLiteral("tables")).toArray(), QJsonArray{QStringLiteral("java_ops")});

        r = op(server, discover, {QStringLiteral("table_schema"), QStringLiteral("java_ops")});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        const auto col = [](const char *name, const char *type) {
            return QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                               {QStringLiteral("type"), QLatin1String(type)}};
        };
        QCOMPARE(jsonObject(r).value(QStringLiteral("columns")).toArray(),
                 (QJsonArray{col("id", "bigint"), col("name", "string"), col("amount", "decimal(10,2)"),
                             col("at", "datetime"), col("ts", "timestamp")}));
        QCOMPARE(jsonObject(r).value(QStringLiteral("partitionKeys")).toArray(), QJsonArray{col("ds", "string")});

        r = op(server, discover, {QStringLiteral("partition_exists"), QStringLiteral("java_ops"), spec});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(jsonObject(r).value(QStringLiteral("exists")), QJsonValue(false));

        r = op(server, discover, {QStringLiteral("add_partition"), QStringLiteral("java_ops"), spec});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QVERIFY(server.catalogue().table(QStringLiteral("java_ops"))->partitions.count(spec));
        // IF NOT EXISTS: adding it again succeeds.
        r = op(server, discover, {QStringLiteral("add_partition"), QStringLiteral("java_ops"), spec});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));

        r = op(server, discover, {QStringLiteral("partition_exists"), QStringLiteral("java_ops"), spec});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(jsonObject(r).value(QStringLiteral("exists")), QJsonValue(true));

        r = op(server, discover, {QStringLiteral("tunnel_endpoint")});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(jsonObject(r).value(QStringLiteral("endpoint")).toString(), server.tunnelEndpoint());

        const QString count = QStringLiteral("select count(*) from java_ops where ds='20221122'");
        r = op(server, direct, {QStringLiteral("upload"), QStringLiteral("java_ops"), spec});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(jsonObject(r).value(QStringLiteral("records")).toInt(), 4);
        QCOMPARE(server.commits(), 1);
        QCOMPARE(server.rows(QStringLiteral("java_ops"), spec).size(), size_t(4));
        r = op(server, direct, {QStringLiteral("upload"), QStringLiteral("java_ops"), spec});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(server.rows(QStringLiteral("java_ops"), spec).size(), size_t(8));

        r = op(server, discover, {QStringLiteral("query"), count});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(jsonObject(r).value(QStringLiteral("columns")).toArray(), QJsonArray{QStringLiteral("_c0")});
        QCOMPARE(jsonObject(r).value(QStringLiteral("rows")).toArray(), QJsonArray{QJsonArray{QStringLiteral("8")}});

        // Overwrite replaces the partition's 8 rows with the session's 4.
        r = op(server, direct, {QStringLiteral("upload_overwrite"), QStringLiteral("java_ops"), spec});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(server.commits(), 3);
        r = op(server, discover, {QStringLiteral("query"), count});
        QVERIFY2(r.exitCode == 0, qPrintable(failure(r, server)));
        QCOMPARE(jsonObject(r).value(QStringLiteral("rows")).toArray(), QJsonArray{QJsonArray{QStringLiteral("4")}});

        // A failing statement reaches the SDK with the server's message (it reads ?result for the task it named).
        r = op(server, discover, {QStringLiteral("run_sql"), QStringLiteral("CREATE TABLE java_ops (x BIGINT)")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("already exists"), r.err.left(2000).constData());
        r = op(server, discover, {QStringLiteral("add_partition"), QStringLiteral("java_ops"), QStringLiteral("hh=1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("ODPS-0130071"), r.err.left(2000).constData());

        QCOMPARE(server.authFailures(), 0);
    }

    // Content-MD5 is signed and, when present, must be the MD5 of the body (no Java needed).
    void serverVerifiesContentMd5()
    {
        McServer server;
        QVERIFY(server.start() != 0);
        const QByteArray body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Instance><Job><Priority>9</Priority><Tasks><SQL>"
            "<Name>AnonymousSQLTask</Name><Query>CREATE TABLE md5_t (a BIGINT);</Query></SQL></Tasks></Job></Instance>";
        const OdpsSigner signer(QString::fromLatin1(McServer::kAccessId), QString::fromLatin1(McServer::kAccessKey));
        QNetworkAccessManager nam;
        const auto post = [&](const QByteArray &md5) {
            const QueryList query{{QStringLiteral("curr_project"), QString::fromLatin1(McServer::kProject)}};
            HeaderList headers{{"Content-Type", "application/xml"}, {"Content-MD5", md5}};
            const QString resource = QStringLiteral("/projects/%1/instances").arg(QLatin1String(McServer::kProject));
            signer.sign("POST", resource, query, headers);
            QUrl url(server.serviceEndpoint() + resource);
            QUrlQuery q;
            q.addQueryItem(query.first().first, query.first().second);
            url.setQuery(q);
            QNetworkRequest request(url);
            for (const auto &[k, v] : headers)
                request.setRawHeader(k, v);
            QNetworkReply *reply = nam.post(request, body);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        const QByteArray good = QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex();
        QCOMPARE(post(QCryptographicHash::hash(body + ' ', QCryptographicHash::Md5).toHex()), 400);
        QVERIFY2(server.lastError().startsWith(QLatin1String("InvalidContentMD5")), qPrintable(server.lastError()));
        QVERIFY(!server.catalogue().table(QStringLiteral("md5_t")));
        QCOMPARE(post(good), 201);
        QVERIFY(server.catalogue().table(QStringLiteral("md5_t")));
        QCOMPARE(server.authFailures(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMaxComputeJavaSdk)
#include "tst_maxcompute_javasdk.moc"
