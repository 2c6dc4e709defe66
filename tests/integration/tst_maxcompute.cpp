// link: kmsync_mcserver kmsync_maxcompute kmsync_core
#include <QTest>

#include <algorithm>
#include <limits>
#include <set>
#include <memory>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include "engine/maxcompute/odpsclient.h"
#include "engine/maxcompute/tunnelrecordwriter.h"
#include "engine/maxcompute/tunnelsink.h"
#include "engine/maxcompute/uploadpipeline.h"
#include "engine/odpssql/mcsql.h"
#include "tests/support/mcserver/mcserver.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;
using kmsync::test::McFault;
using kmsync::test::McRequest;
using kmsync::test::McServer;

namespace {

const QString kAllTypesDdl = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS `all_types` (`c_bigint` BIGINT, `c_double` DOUBLE, `c_decimal` DECIMAL(38,18), "
    "`c_boolean` BOOLEAN, `c_string` STRING COMMENT 'text', `c_datetime` DATETIME, `c_date` DATE, `c_timestamp` TIMESTAMP, "
    "`c_binary` BINARY, `c_int` INT, `c_float` FLOAT, `c_varchar` VARCHAR(20)) PARTITIONED BY (`ds` STRING) LIFECYCLE 36500");

std::vector<Row> allTypesRows()
{
    const auto i64 = [](int64_t v) { return Value{v}; };
    std::vector<Row> rows;
    rows.push_back({i64(std::numeric_limits<int64_t>::max()), -0.5, Decimal{"12345678901234567890.123456789012345678"},
                    true, std::string("中文字符 ✓"), DateTime{0}, Date{0}, Timestamp{0, 0}, std::string("\x00\xff", 2),
                    i64(2147483647), 1.5, std::string("vc")});
    rows.push_back({i64(std::numeric_limits<int64_t>::min() + 1), -1.7976931348623157e308,
                    Decimal{"-0.000000000000000001"}, false, std::string(), DateTime{-1}, Date{-1},
                    Timestamp{-1, 999999999}, std::string(), i64(-2147483648), -0.25, std::string()});
    rows.push_back({i64(0), 3.141592653589793, Decimal{"0"}, true, std::string("a,b\"c\nd"), DateTime{253402300799999},
                    Date{2932896}, Timestamp{253402300799, 123456789}, std::string("bin"), i64(0), 0.0,
                    std::string("x")});
    rows.push_back({i64(-1), 5e-324, Decimal{"-99.5"}, false, std::string("€"), DateTime{-62135596800000},
                    Date{-719162}, Timestamp{-62135596800, 1}, std::string(1000, 'z'), i64(7), 1e10, std::string("é")});
    rows.push_back(Row(12)); // every column NULL
    return rows;
}

struct Fixture
{
    McServer server;
    std::optional<OdpsClient> client;
    QStringList logLines;

    explicit Fixture(bool withTunnelEndpoint = false, QJsonObject overrides = {})
    {
        server.start();
        QJsonObject conn = server.connection(withTunnelEndpoint);
        for (auto it = overrides.begin(); it != overrides.end(); ++it)
            conn.insert(it.key(), it.value());
        OdpsClientOptions options;
        options.retryInitialDelayMs = 5;
        options.retryMaxDelayMs = 20;
        options.retries = 3;
        options.sqlPollIntervalMs = 5;
        options.requestTimeoutMs = 5000;
        options.log = [this](LogLevel, const QString &line) { logLines << line; };
        auto c = OdpsClient::create(conn, options);
        if (c)
            client.emplace(*c);
    }
    TunnelSink sink(TunnelSinkOptions options = {})
    {
        options.log = [this](LogLevel, const QString &line) { logLines << line; };
        return TunnelSink(*client, std::move(options));
    }
};

QString errorText(const Error &e)
{
    return e.code + QStringLiteral(": ") + e.message;
}

} // namespace

class TestMaxCompute : public QObject
{
    Q_OBJECT

private:
    // The two ways TunnelSink makes the partition and the session: on helper threads while the caller writes
    // (overlapSetup, as runs do) or in begin().
    static void overlapRows()
    {
        QTest::addColumn<bool>("overlap");
        QTest::newRow("overlapSetup") << true;
        QTest::newRow("in begin()") << false;
    }

private Q_SLOTS:
    void discoveryAndCatalogue()
    {
        Fixture f;
        QVERIFY(f.client);
        auto created =
            f.client->runSql(kAllTypesDdl,
                             OdpsClient::settingsFor(
                                 TableSchema{{}, {ColumnDef{QStringLiteral("c"), ColumnType{TypeKind::Int}, {}}}, {}}));
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : errorText(created.error())));
        auto tunnel = f.client->tunnelEndpoint();
        QVERIFY(tunnel.ok());
        QCOMPARE(tunnel->toString(), f.server.tunnelEndpoint());
        auto tables = f.client->listTables();
        QVERIFY(tables.ok());
        QCOMPARE(*tables, QStringList{QStringLiteral("all_types")});
        auto schema = f.client->tableSchema(QStringLiteral("all_types"));
        QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : errorText(schema.error())));
        QCOMPARE(schema->columns.size(), size_t(12));
        QCOMPARE(schema->columns[2].type.toString(), QStringLiteral("DECIMAL(38,18)"));
        QCOMPARE(schema->columns[4].comment, QStringLiteral("text"));
        QCOMPARE(schema->columns[11].type.toString(), QStringLiteral("VARCHAR(20)"));
        QCOMPARE(schema->partitionKeys.size(), size_t(1));
        QCOMPARE(schema->partitionKeys[0].name, QStringLiteral("ds"));
    }

    void sqlErrorsCarryServerText()
    {
        Fixture f;
        // The server is strict about the 2.0 type system: without the setting an INT column fails...
        auto noOdps2 = f.client->runSql(QStringLiteral("CREATE TABLE t2 (c INT)"),
                                        {{QStringLiteral("odps.sql.type.system.odps2"), QStringLiteral("false")}});
        QVERIFY(!noOdps2.ok());
        QCOMPARE(noOdps2.error().code, QStringLiteral("maxcompute.sql_failed"));
        QVERIFY2(noOdps2.error().message.contains(QStringLiteral("odps.sql.type.system.odps2")),
                 qPrintable(noOdps2.error().message));
        // ...and runSql sets it by itself when the DDL uses a 2.0 type.
        auto auto2 = f.client->runSql(QStringLiteral("CREATE TABLE t2 (c INT COMMENT 'bigint here', `date` STRING)"));
        QVERIFY2(auto2.ok(), qPrintable(auto2.ok() ? QString() : auto2.error().message));
        auto again = f.client->runSql(QStringLiteral("CREATE TABLE t2 (c BIGINT)"));
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QStringLiteral("already exists")), qPrintable(again.error().message));
        auto missing = f.client->query(QStringLiteral("select count(*) from nope"));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QStringLiteral("ODPS-0130131")), qPrintable(missing.error().message));
    }

    // Every value of every supported type goes through TunnelSink → server decoder unchanged.
    void allTypesRoundTrip_data()
    {
        QTest::addColumn<bool>("compress");
        QTest::addColumn<int>("blockSize");
        QTest::addColumn<bool>("configuredTunnel");
        QTest::newRow("deflate, one block") << true << (64 << 20) << false;
        QTest::newRow("raw, one block") << false << (64 << 20) << true;
        QTest::newRow("deflate, 1 KiB blocks") << true << 1024 << false;
    }

    void allTypesRoundTrip()
    {
        QFETCH(bool, compress);
        QFETCH(int, blockSize);
        QFETCH(bool, configuredTunnel);
        Fixture f(configuredTunnel);
        QVERIFY(f.client->runSql(kAllTypesDdl, {{QStringLiteral("odps.sql.type.system.odps2"), QStringLiteral("true")}})
                    .ok());
        TunnelSinkOptions o;
        o.compress = compress;
        o.blockSizeBytes = size_t(blockSize);
        TunnelSink sink = f.sink(o);
        auto schema = sink.tableSchema(QStringLiteral("all_types"));
        QVERIFY(schema.ok());
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("all_types"), QStringLiteral("ds=20221122"), false}).ok());
        std::vector<Row> rows;
        for (int rep = 0; rep < 20; ++rep) {
            for (const Row &r : allTypesRows())
                rows.push_back(r);
        }
        auto written = sink.write(rows);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : errorText(written.error())));
        QVERIFY(f.server.rows(QStringLiteral("all_types"), QStringLiteral("ds=20221122"))
                    .empty()); // invisible before commit
        auto committed = sink.commit();
        QVERIFY2(committed.ok(), qPrintable(committed.ok() ? QString() : errorText(committed.error())));
        QCOMPARE(sink.recordsWritten(), int64_t(rows.size()));
        if (blockSize == 1024)
            QVERIFY2(sink.blocksSent() > 3, qPrintable(QString::number(sink.blocksSent())));
        else
            QCOMPARE(sink.blocksSent(), 1);
        const auto stored = f.server.rows(QStringLiteral("all_types"), QStringLiteral("ds=20221122"));
        QCOMPARE(stored.size(), rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            Row expected = rows[i];
            if (!isNull(expected[10]))
                expected[10] = double(float(std::get<double>(expected[10]))); // FLOAT keeps 32 bits
            if (stored[i] != expected) {
                for (size_t c = 0; c < expected.size(); ++c)
                    QCOMPARE(QString::fromStdString(debugString(stored[i][c])),
                             QString::fromStdString(debugString(expected[c])));
            }
            QVERIFY(stored[i] == expected);
        }
        auto count = f.client->query(QStringLiteral("select count(*) from all_types where ds='20221122'"));
        QVERIFY(count.ok());
        QCOMPARE(count->rows.at(0).at(0).value_or(QString()), QString::number(rows.size()));
        auto all = f.client->query(QStringLiteral("select * from all_types where ds='20221122'"));
        QVERIFY(all.ok());
        QCOMPARE(all->columns.size(), 13);
        QCOMPARE(qsizetype(all->rows.size()), qsizetype(rows.size()));
        QCOMPARE(all->rows[0][4].value_or(QString()), QStringLiteral("中文字符 ✓"));
        QCOMPARE(all->rows[2][4].value_or(QString()), QStringLiteral("a,b\"c\nd"));
        QCOMPARE(all->rows[0][12].value_or(QString()), QStringLiteral("20221122"));
    }

    void ddlTypeDetection_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("odps2");
        QTest::newRow("bigint only") << QStringLiteral("CREATE TABLE t (a BIGINT, b STRING, c DECIMAL)") << false;
        QTest::newRow("int") << QStringLiteral("create table t (a int)") << true;
        QTest::newRow("decimal(p,s)") << QStringLiteral("CREATE TABLE t (a DECIMAL (10,2))") << true;
        QTest::newRow("type word in comment") << QStringLiteral("CREATE TABLE t (a STRING COMMENT 'a date') ") << false;
        QTest::newRow("type word as column") << QStringLiteral("CREATE TABLE t (`date` STRING, `int` BIGINT)") << false;
        QTest::newRow("partition date type")
            << QStringLiteral("CREATE TABLE t (a STRING) PARTITIONED BY (d TINYINT)") << true;
        QTest::newRow("select") << QStringLiteral("select cast(a as int) from t") << false;
    }

    void ddlTypeDetection()
    {
        QFETCH(QString, sql);
        QFETCH(bool, odps2);
        QCOMPARE(kmsync::engine::odpssql::ddlUsesOdps2Types(sql), odps2);
    }

    void truncateVersusAppend()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        const auto run = [&](std::vector<int64_t> values, bool truncate) {
            TunnelSink sink = f.sink();
            if (!sink.begin(SinkTarget{QStringLiteral("t"), QString(), truncate}).ok())
                return false;
            std::vector<Row> rows;
            for (int64_t v : values)
                rows.push_back(Row{v});
            return sink.write(rows).ok() && sink.commit().ok();
        };
        QVERIFY(run({1, 2, 3}, false));
        QVERIFY(run({4, 5}, false));
        QCOMPARE(f.server.rows(QStringLiteral("t")).size(), size_t(5));
        QVERIFY(run({9}, true));
        const auto rows = f.server.rows(QStringLiteral("t"));
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(std::get<int64_t>(rows[0][0]), int64_t(9));
        QVERIFY(run({}, true)); // truncate with nothing to write empties the table
        QCOMPARE(f.server.rows(QStringLiteral("t")).size(), size_t(0));
    }

    // A block that fails (5xx, 429, or no answer in time) is re-sent under the same block id.
    void blockRetry_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("500 on block 2") << 500 << 0;
        QTest::newRow("503 on block 2") << 503 << 0;
        QTest::newRow("429 on block 2") << 429 << 0;
        QTest::newRow("slow answer on block 2") << 0 << 1500;
    }

    void blockRetry()
    {
        QFETCH(int, status);
        QFETCH(int, delayMs);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT, s STRING)")).ok());
        OdpsClientOptions co = f.client->options();
        co.requestTimeoutMs = 500;
        f.client->setOptions(co);
        f.server.addFault(McFault{McFault::Target::BlockPut, 1, 1, status, delayMs});
        TunnelSinkOptions o;
        o.blockSizeBytes = 1024;
        TunnelSink sink = f.sink(o);
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}).ok());
        std::vector<Row> rows;
        for (int64_t i = 0; i < 300; ++i)
            rows.push_back(Row{i, std::string(size_t(i % 17), 'q')});
        auto w = sink.write(rows);
        QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : errorText(w.error())));
        auto c = sink.commit();
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : errorText(c.error())));
        const QList<qint64> ids = f.server.blockIdsPut();
        QVERIFY2(ids.size() >= 4, qPrintable(QString::number(ids.size())));
        QCOMPARE(ids[0], qint64(0));
        QCOMPARE(ids[1], qint64(1)); // failed
        QCOMPARE(ids[2], qint64(1)); // re-sent under the same id
        QCOMPARE(ids.count(1), 2);
        const auto stored = f.server.rows(QStringLiteral("t"));
        QCOMPARE(stored.size(), rows.size());
        for (size_t i = 0; i < rows.size(); ++i)
            QVERIFY(stored[i] == rows[i]);
        QVERIFY(f.logLines.join(QLatin1Char('\n')).contains(QStringLiteral("Retrying")));
    }

    // ALTER TABLE ... ADD COLUMNS through an SQL instance: the new columns follow the old ones, rows written
    // before read NULL there, and the next upload writes them.
    void addColumns()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        {
            TunnelSink sink = f.sink();
            QVERIFY(sink.begin(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=1"), false}).ok());
            QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}}).ok());
            QVERIFY(sink.commit().ok());
        }
        auto added = f.client->runSql(
            QStringLiteral("ALTER TABLE `p` ADD COLUMNS (`z_z1` BIGINT COMMENT 'JSON path z.z1', `s` STRING)"));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : errorText(added.error())));
        auto schema = f.client->tableSchema(QStringLiteral("p"));
        QVERIFY(schema.ok());
        QCOMPARE(int(schema->columns.size()), 3);
        QCOMPARE(schema->columns[1].name, QStringLiteral("z_z1"));
        QCOMPARE(schema->columns[1].type.kind, TypeKind::BigInt);
        QCOMPARE(schema->columns[1].comment, QStringLiteral("JSON path z.z1"));
        QCOMPARE(schema->columns[2].name, QStringLiteral("s"));
        QCOMPARE(int(schema->partitionKeys.size()), 1);
        const auto old = f.server.rows(QStringLiteral("p"), QStringLiteral("ds=1"));
        QCOMPARE(old.size(), size_t(1));
        QVERIFY(old[0] == (Row{int64_t(1), std::monostate{}, std::monostate{}}));
        {
            TunnelSink sink = f.sink();
            QVERIFY(sink.begin(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=2"), false}).ok());
            QVERIFY(sink.write(std::vector<Row>{Row{int64_t(2), int64_t(7), std::string("x")}}).ok());
            QVERIFY(sink.commit().ok());
        }
        QVERIFY(f.server.rows(QStringLiteral("p"), QStringLiteral("ds=2"))[0]
                == (Row{int64_t(2), int64_t(7), std::string("x")}));
        const auto count = f.client->query(QStringLiteral("SELECT COUNT(*) FROM p"));
        QVERIFY(count.ok());

        // a name the table has (data column or partition key, any case) is refused, and nothing changes
        for (const QString &sql : {QStringLiteral("ALTER TABLE p ADD COLUMNS (V STRING)"),
                                   QStringLiteral("ALTER TABLE p ADD COLUMNS (n STRING, ds STRING)")}) {
            auto dup = f.client->runSql(sql);
            QVERIFY(!dup.ok());
            QVERIFY2(dup.error().message.contains(QStringLiteral("Duplicate column name")),
                     qPrintable(dup.error().message));
        }
        QCOMPARE(int(f.client->tableSchema(QStringLiteral("p"))->columns.size()), 3);
        auto missing = f.client->runSql(QStringLiteral("ALTER TABLE nope ADD COLUMNS (a STRING)"));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QStringLiteral("Table not found")),
                 qPrintable(missing.error().message));
    }

    // The commit's answer is lost (too slow): the retried commit must not apply the data twice.
    void commitRetryIsIdempotent()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        OdpsClientOptions co = f.client->options();
        co.requestTimeoutMs = 300;
        f.client->setOptions(co);
        f.server.addFault(McFault{McFault::Target::Commit, 0, 1, 0, 1000});
        TunnelSink sink = f.sink();
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}, Row{int64_t(2)}}).ok());
        auto c = sink.commit();
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : errorText(c.error())));
        QCOMPARE(f.server.commits(), 1);
        QCOMPARE(f.server.rows(QStringLiteral("t")).size(), size_t(2));
    }

    void blockRetriesExhausted()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        f.server.addFault(McFault{McFault::Target::BlockPut, 0, 100, 500, 0});
        TunnelSink sink = f.sink();
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}}).ok());
        auto c = sink.commit();
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, QStringLiteral("maxcompute.server"));
        QVERIFY2(c.error().message.contains(QStringLiteral("request id mc")), qPrintable(c.error().message));
        QCOMPARE(f.server.blockIdsPut().size(), 4); // 1 + 3 retries
        QCOMPARE(f.server.commits(), 0);
        QVERIFY(f.server.rows(QStringLiteral("t")).empty());
    }

    // A session that cannot be committed leaves the table (and its partitions) as they were.
    void commitFailureLeavesTableUnchanged_data()
    {
        QTest::addColumn<QString>("partition");
        QTest::newRow("existing partition") << QStringLiteral("ds=1");
        QTest::newRow("new partition") << QStringLiteral("ds=2");
    }

    void commitFailureLeavesTableUnchanged()
    {
        QFETCH(QString, partition);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        {
            TunnelSink first = f.sink();
            QVERIFY(first.begin(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=1"), false}).ok());
            QVERIFY(first.write(std::vector<Row>{Row{int64_t(42)}}).ok());
            QVERIFY(first.commit().ok());
        }
        const auto partitionsBefore = f.server.catalogue().table(QStringLiteral("p"))->partitions;
        f.server.addFault(McFault{McFault::Target::Commit, 0, 100, 500, 0});
        TunnelSink sink = f.sink();
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("p"), partition, true}).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(7)}, Row{int64_t(8)}}).ok());
        auto c = sink.commit();
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, QStringLiteral("maxcompute.server"));
        QVERIFY2(c.error().message.contains(QStringLiteral("Committing upload session")),
                 qPrintable(c.error().message));
        sink.rollback();
        const auto rows = f.server.rows(QStringLiteral("p"), QStringLiteral("ds=1"));
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(std::get<int64_t>(rows[0][0]), int64_t(42));
        QVERIFY(f.server.rows(QStringLiteral("p"), QStringLiteral("ds=2")).empty());
        QVERIFY(f.server.catalogue().table(QStringLiteral("p"))->partitions == partitionsBefore);
    }

    void blockListMismatchIsNotCommitted()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        TunnelSink sink = f.sink();
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}).ok());
        // Someone else stores block 7 in this session: the block lists differ, so the sink must not commit.
        kmsync::engine::maxcompute::TunnelRecordWriter w(
            std::vector<ColumnDef>{ColumnDef{QStringLiteral("v"), ColumnType{TypeKind::BigInt}, {}}});
        QVERIFY(w.write(Row{int64_t(5)}).ok());
        w.finish();
        auto put = f.client->transport().send(OdpsTransport::Endpoint::Tunnel, "PUT",
                                              QStringLiteral("/projects/kmsync_test/tables/t"),
                                              {{QStringLiteral("uploadid"), sink.uploadId()},
                                               {QStringLiteral("blockid"), QStringLiteral("7")},
                                               {QStringLiteral("curr_project"), QStringLiteral("kmsync_test")}},
                                              {{"Content-Type", "application/octet-stream"}},
                                              QByteArray(w.data().data(), qsizetype(w.size())));
        QVERIFY(put.ok());
        QCOMPARE(put->status, 200);
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}}).ok());
        auto c = sink.commit();
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, QStringLiteral("sink.commit"));
        QCOMPARE(f.server.commits(), 0);
    }

    void serverRejectsCorruptBlocks()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        TunnelSink sink = f.sink();
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}).ok());
        const QByteArray bad = QByteArray::fromHex("080280c0ff7f01f0ffff7f02f8ffff7f00"); // wrong record CRC
        auto put = f.client->transport().send(OdpsTransport::Endpoint::Tunnel, "PUT",
                                              QStringLiteral("/projects/kmsync_test/tables/t"),
                                              {{QStringLiteral("uploadid"), sink.uploadId()},
                                               {QStringLiteral("blockid"), QStringLiteral("0")},
                                               {QStringLiteral("curr_project"), QStringLiteral("kmsync_test")}},
                                              {{"Content-Type", "application/octet-stream"}}, bad);
        QVERIFY(put.ok());
        QCOMPARE(put->status, 400);
        const Error e = OdpsTransport::httpError(*put, QStringLiteral("PUT"));
        QVERIFY2(e.message.contains(QStringLiteral("MalformedDataStream")), qPrintable(e.message));
        QVERIFY2(e.message.contains(QStringLiteral("checksum")), qPrintable(e.message));
    }

    // The server inflates deflate bodies whole: one that expands far past its size (all zeros) is stored, one with a
    // damaged Adler-32 or bytes after the stream is MalformedDataStream.
    void serverInflatesAndChecksDeflateBodies()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        TunnelSink sink = f.sink();
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}).ok());
        TunnelRecordWriter writer({ColumnDef{QStringLiteral("v"), ColumnType{TypeKind::BigInt}, {}}});
        for (int i = 0; i < 200000; ++i)
            QVERIFY(writer.write(Row{int64_t(0)}).ok());
        writer.finish();
        const std::string raw(writer.data());
        QByteArray deflated;
        BlockCompressor compressor(1);
        QVERIFY(compressor.compress(raw.data(), raw.size(), deflated).ok());
        QVERIFY2(qsizetype(raw.size()) > 50 * deflated.size(), qPrintable(QString::number(deflated.size())));
        const auto put = [&](int64_t blockId, const QByteArray &body) {
            return f.client->transport().send(OdpsTransport::Endpoint::Tunnel, "PUT",
                                              QStringLiteral("/projects/kmsync_test/tables/t"),
                                              {{QStringLiteral("uploadid"), sink.uploadId()},
                                               {QStringLiteral("blockid"), QString::number(blockId)},
                                               {QStringLiteral("curr_project"), QStringLiteral("kmsync_test")}},
                                              {{"Content-Type", "application/octet-stream"},
                                               {"Content-Encoding", "deflate"}},
                                              body);
        };
        auto stored = put(0, deflated);
        QVERIFY(stored.ok());
        QCOMPARE(stored->status, 200);
        QByteArray damaged = deflated;
        damaged[damaged.size() - 1] = char(damaged.at(damaged.size() - 1) ^ 0x01); // the Adler-32's last byte
        QByteArray trailing = deflated + QByteArray("x");
        for (const QByteArray &bad : {damaged, trailing, QByteArray("not deflate at all")}) {
            auto refused = put(1, bad);
            QVERIFY(refused.ok());
            QCOMPARE(refused->status, 400);
            const Error e = OdpsTransport::httpError(*refused, QStringLiteral("PUT"));
            QVERIFY2(e.message.contains(QStringLiteral("MalformedDataStream")), qPrintable(e.message));
            QVERIFY2(e.message.contains(QStringLiteral("cannot be inflated")), qPrintable(e.message));
        }
        sink.rollback();
    }

    void authFailures_data()
    {
        QTest::addColumn<QString>("accessId");
        QTest::addColumn<QString>("accessKey");
        QTest::addColumn<int>("skew");
        QTest::addColumn<QString>("serverCode");
        QTest::newRow("wrong secret") << QString::fromLatin1(McServer::kAccessId) << QStringLiteral("wrong-secret-XYZ")
                                      << 0 << QStringLiteral("SignatureDoesNotMatch");
        QTest::newRow("unknown id") << QStringLiteral("nobody") << QStringLiteral("wrong-secret-XYZ") << 0
                                    << QStringLiteral("InvalidAccessKeyId");
        QTest::newRow("clock 20 min off")
            << QString::fromLatin1(McServer::kAccessId) << QString::fromLatin1(McServer::kAccessKey) << 1200
            << QStringLiteral("RequestTimeTooSkewed");
    }

    void authFailures()
    {
        QFETCH(QString, accessId);
        QFETCH(QString, accessKey);
        QFETCH(int, skew);
        QFETCH(QString, serverCode);
        Fixture f(false, QJsonObject{{QStringLiteral("accessId"), accessId}, {QStringLiteral("accessKey"), accessKey}});
        f.server.setClockSkewSeconds(skew);
        auto schema = f.client->tableSchema(QStringLiteral("t"));
        QVERIFY(!schema.ok());
        QCOMPARE(schema.error().code, QStringLiteral("maxcompute.auth"));
        QVERIFY2(schema.error().message.contains(serverCode), qPrintable(schema.error().message));
        QVERIFY2(schema.error().message.contains(QStringLiteral("request id mc")), qPrintable(schema.error().message));
        QVERIFY(!schema.error().message.contains(accessKey));
        QVERIFY(!f.logLines.join(QLatin1Char('\n')).contains(accessKey));
        QCOMPARE(f.server.authFailures(), 1); // 403 is not retried
    }

    void stsTokenIsSent()
    {
        Fixture f(false, QJsonObject{{QStringLiteral("securityToken"), QStringLiteral("sts-token-SECRET")}});
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        auto tables = f.client->listTables();
        QVERIFY(tables.ok());
        QCOMPARE(tables->size(), 1);
        QCOMPARE(f.server.lastStsToken(), QByteArray("sts-token-SECRET"));
        QVERIFY(!f.logLines.join(QLatin1Char('\n')).contains(QStringLiteral("sts-token-SECRET")));
    }

    // The client and the sink run in a worker thread (no GUI, own event loop) while the server runs in this one.
    void worksFromWorkerThread()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        OdpsClient client = *f.client;
        Result<QStringList> tables = makeError(QStringLiteral("not.run"), QString());
        Result<void> committed = makeError(QStringLiteral("not.run"), QString());
        std::unique_ptr<QThread> worker(QThread::create([&] {
            tables = client.listTables();
            TunnelSink sink(client);
            auto begun = sink.begin(SinkTarget{QStringLiteral("t"), QString(), false});
            if (!begun.ok()) {
                committed = begun;
                return;
            }
            std::vector<Row> rows;
            for (int64_t i = 0; i < 1000; ++i)
                rows.push_back(Row{i});
            committed = sink.write(rows);
            if (committed.ok())
                committed = sink.commit();
        }));
        worker->start();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 20000);
        worker->wait();
        QVERIFY2(tables.ok(), qPrintable(tables.ok() ? QString() : tables.error().message));
        QCOMPARE(*tables, QStringList{QStringLiteral("t")});
        QVERIFY2(committed.ok(), qPrintable(committed.ok() ? QString() : committed.error().message));
        QCOMPARE(f.server.rows(QStringLiteral("t")).size(), size_t(1000));
    }

    // NoSuchTable / NoSuchPartition / InvalidPartitionSpec come back with the server's code and request id. Without
    // overlapSetup begin() fails; with it (as in a run) begin() may return first, and then the same error comes back
    // from write() or commit(). Either way nothing is uploaded or committed.
    void destinationErrors_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("partition");
        QTest::addColumn<bool>("createPartition");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("needle");
        QTest::addColumn<bool>("overlap");
        for (const bool overlap : {false, true}) {
            const QString suffix = overlap ? QStringLiteral(" (overlapSetup)") : QString();
            const auto row = [&suffix](const char *name) -> QTestData & {
                return QTest::newRow(qPrintable(QString::fromLatin1(name) + suffix));
            };
            row("no such table") << QStringLiteral("missing") << QString() << true
                                 << QStringLiteral("sink.no_such_table") << QStringLiteral("Table not found")
                                 << overlap;
            row("no such partition") << QStringLiteral("p") << QStringLiteral("ds=3") << false
                                     << QStringLiteral("sink.no_such_partition") << QStringLiteral("NoSuchPartition")
                                     << overlap;
            row("wrong key (REST)") << QStringLiteral("p") << QStringLiteral("dt=3") << true
                                    << QStringLiteral("sink.invalid_partition_spec")
                                    << QStringLiteral("InvalidPartitionSpec") << overlap;
            row("wrong key (Tunnel)") << QStringLiteral("p") << QStringLiteral("ds=3,hh=1") << false
                                      << QStringLiteral("sink.invalid_partition_spec")
                                      << QStringLiteral("InvalidPartitionSpec") << overlap;
            row("partition on unpartitioned")
                << QStringLiteral("t") << QStringLiteral("ds=3") << false
                << QStringLiteral("sink.invalid_partition_spec") << QStringLiteral("not partitioned") << overlap;
        }
    }

    void destinationErrors()
    {
        QFETCH(QString, table);
        QFETCH(QString, partition);
        QFETCH(bool, createPartition);
        QFETCH(QString, code);
        QFETCH(QString, needle);
        QFETCH(bool, overlap);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        TunnelSinkOptions o;
        o.createPartition = createPartition;
        o.overlapSetup = overlap;
        TunnelSink sink = f.sink(o);
        Result<void> outcome = sink.begin(SinkTarget{table, partition, false});
        if (!overlap)
            QVERIFY(!outcome.ok());
        if (outcome.ok()) {
            outcome = sink.write(std::vector<Row>{Row{int64_t(1)}, Row{int64_t(2)}});
            if (outcome.ok())
                outcome = sink.commit();
            else
                sink.rollback();
        }
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error().code, code);
        QVERIFY2(outcome.error().message.contains(needle), qPrintable(outcome.error().message));
        QVERIFY2(outcome.error().message.contains(QStringLiteral("request id mc")),
                 qPrintable(outcome.error().message));
        QCOMPARE(f.server.blockPuts(), 0);
        QCOMPARE(f.server.commits(), 0);
    }

    // overlapSetup: begin() returns before the partition and the session exist, blocks are encoded and compressed
    // meanwhile, and the rows land once the session is there. The server lives in this thread, so nothing the setup
    // thread sends can be answered before this thread waits: right after begin() and a first block, the server has
    // seen no session request at all, which would be impossible had begin() made the session itself.
    void overlapSetupWritesBeforeTheSessionExists()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        f.server.clearRequests();
        TunnelSinkOptions o;
        o.overlapSetup = true;
        o.blockSizeBytes = 1024;
        o.concurrent = 2;
        TunnelSink sink = f.sink(o);
        const auto sessionRequests = [&f] {
            int n = 0;
            for (const McRequest &r : f.server.requests())
                n += r.tunnel && r.method == "POST"
                          && std::any_of(r.query.begin(), r.query.end(),
                                         [](const auto &kv) { return kv.first == QLatin1String("uploads"); })
                       ? 1
                       : 0;
            return n;
        };
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=7"), true}).ok());
        std::vector<Row> first;
        for (int64_t i = 0; i < 200; ++i) // 200 BIGINTs: one block of ~1 KiB, handed to the pipeline
            first.push_back(Row{i});
        QVERIFY(sink.write(first).ok());
        QCOMPARE(sessionRequests(), 0);
        QCOMPARE(f.server.blockPuts(), 0);
        std::vector<Row> rest;
        for (int64_t i = 200; i < 3000; ++i)
            rest.push_back(Row{i});
        QVERIFY(sink.write(rest).ok());
        auto committed = sink.commit();
        QVERIFY2(committed.ok(), qPrintable(committed.ok() ? QString() : errorText(committed.error())));
        QCOMPARE(sessionRequests(), 1);
        QVERIFY(f.server.blockPuts() > 3);
        const auto rows = f.server.rows(QStringLiteral("p"), QStringLiteral("ds=7"));
        QCOMPARE(rows.size(), size_t(3000));
        std::set<int64_t> values;
        for (const Row &r : rows)
            values.insert(std::get<int64_t>(r[0]));
        QCOMPARE(values.size(), size_t(3000));
        QCOMPARE(*values.begin(), int64_t(0));
        QCOMPARE(*values.rbegin(), int64_t(2999));
        const QString log = f.logLines.join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QStringLiteral("Partition ds=7 of p is new: the upload session creates it")),
                 qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("Upload session ")), qPrintable(log));
        QVERIFY(!sink.uploadId().isEmpty() || f.server.commits() == 1);
        QCOMPARE(f.server.commits(), 1);
    }

    // overlapSetup: the run's partition was missing and the run fails: the session is refused, the Tunnel endpoint
    // cannot be found (looked up while the partition is asked about), or a block is refused after the session was
    // made. Whoever made the partition (the session when it was created, or the SQL instance a service that ignores
    // create_partition gets), it is dropped, so the table is as it was; where nothing made it, no DROP is sent.
    void overlapSetupDropsThePartitionItCreated_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("dropSent");
        QTest::addColumn<QString>("logged");
        const int atCommit = int(McServer::CreatePartition::AtCommit);
        const int atSession = int(McServer::CreatePartition::AtSession);
        const int ignored = int(McServer::CreatePartition::Ignored);
        QTest::newRow("session refused") << atCommit << int(McFault::Target::CreateSession)
                                         << QStringLiteral("no upload for you") << false << QString();
        QTest::newRow("no Tunnel endpoint") << atCommit << int(McFault::Target::TunnelDiscovery)
                                            << QStringLiteral("no tunnel for you") << false << QString();
        QTest::newRow("made by the session, block refused")
            << atSession << int(McFault::Target::BlockPut) << QStringLiteral("no block for you") << true
            << QStringLiteral("Partition ds=9 of p is new: the upload session creates it");
        QTest::newRow("made at commit, block refused")
            << atCommit << int(McFault::Target::BlockPut) << QStringLiteral("no block for you") << false
            << QStringLiteral("Partition ds=9 of p is new: the upload session creates it");
        QTest::newRow("added by SQL, block refused")
            << ignored << int(McFault::Target::BlockPut) << QStringLiteral("no block for you") << true
            << QStringLiteral("Created partition ds=9 of p");
    }
    void overlapSetupDropsThePartitionItCreated()
    {
        QFETCH(int, mode);
        QFETCH(int, target);
        QFETCH(QString, message);
        QFETCH(bool, dropSent);
        QFETCH(QString, logged);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        f.server.setCreatePartition(McServer::CreatePartition(mode));
        f.server.addFault(McFault{McFault::Target(target), 0, 100, 403, 0,
                                  QStringLiteral(R"({"Code":"NoPermission","Message":"%1"})").arg(message).toUtf8(),
                                  "application/json"});
        f.server.clearRequests();
        TunnelSinkOptions o;
        o.overlapSetup = true;
        TunnelSink sink = f.sink(o);
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=9"), false}).ok());
        auto outcome = sink.write(std::vector<Row>{Row{int64_t(1)}});
        if (outcome.ok())
            outcome = sink.commit();
        else
            sink.rollback();
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error().message.contains(message), qPrintable(outcome.error().message));
        QCOMPARE(f.server.commits(), 0);
        auto exists = f.client->partitionExists(QStringLiteral("p"), *PartitionSpec::parse(QStringLiteral("ds=9")));
        QVERIFY(exists.ok());
        QVERIFY(!*exists);
        bool dropped = false;
        for (const McRequest &r : f.server.requests())
            dropped = dropped || (r.method == "POST" && r.body.contains("DROP IF EXISTS PARTITION"));
        QCOMPARE(dropped, dropSent);
        const QString log = f.logLines.join(QLatin1Char('\n'));
        if (!logged.isEmpty())
            QVERIFY2(log.contains(logged), qPrintable(log));
    }

    // A missing partition is made by the upload session (create_partition=true, as pyodps sends it): no SQL instance
    // and no polls in the run, one round trip fewer or more before the first block. A service that answers
    // NoSuchPartition all the same gets the partition from an SQL instance and is asked for the session again; an
    // existing partition is not asked for. With and without overlapSetup.
    void sessionCreatesTheMissingPartition_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("existing");
        QTest::addColumn<bool>("overlap");
        QTest::addColumn<int>("sessionPosts");
        QTest::addColumn<int>("instances");
        for (const bool overlap : {true, false}) {
            const char *suffix = overlap ? " (overlapSetup)" : " (in begin())";
            QTest::newRow(qPrintable(QStringLiteral("made at commit%1").arg(QLatin1String(suffix))))
                << int(McServer::CreatePartition::AtCommit) << false << overlap << 1 << 0;
            QTest::newRow(qPrintable(QStringLiteral("made with the session%1").arg(QLatin1String(suffix))))
                << int(McServer::CreatePartition::AtSession) << false << overlap << 1 << 0;
            QTest::newRow(qPrintable(QStringLiteral("Tunnel ignores it%1").arg(QLatin1String(suffix))))
                << int(McServer::CreatePartition::Ignored) << false << overlap << 2 << 1;
            QTest::newRow(qPrintable(QStringLiteral("partition exists%1").arg(QLatin1String(suffix))))
                << int(McServer::CreatePartition::AtCommit) << true << overlap << 1 << 0;
        }
    }
    void sessionCreatesTheMissingPartition()
    {
        QFETCH(int, mode);
        QFETCH(bool, existing);
        QFETCH(bool, overlap);
        QFETCH(int, sessionPosts);
        QFETCH(int, instances);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        if (existing)
            QVERIFY(f.client->runSql(QStringLiteral("ALTER TABLE p ADD PARTITION (ds='4')")).ok());
        f.server.setCreatePartition(McServer::CreatePartition(mode));
        f.server.clearRequests();
        TunnelSinkOptions o;
        o.overlapSetup = overlap;
        TunnelSink sink = f.sink(o);
        const SinkTarget target{QStringLiteral("p"), QStringLiteral("ds=4"), false};
        sink.warmUp(target);
        QVERIFY(sink.begin(target).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}, Row{int64_t(2)}}).ok());
        auto committed = sink.commit();
        QVERIFY2(committed.ok(), qPrintable(committed.ok() ? QString() : errorText(committed.error())));
        QCOMPARE(f.server.rows(QStringLiteral("p"), QStringLiteral("ds=4")).size(), size_t(2));
        int posts = 0;
        int asked = 0;
        int sql = 0;
        for (const McRequest &r : f.server.requests()) {
            const auto has = [&r](const char *name) {
                return std::any_of(r.query.begin(), r.query.end(),
                                   [name](const auto &kv) { return kv.first == QLatin1String(name); });
            };
            if (r.tunnel && r.method == "POST" && has("uploads")) {
                ++posts;
                asked += has("create_partition") ? 1 : 0;
                if (has("create_partition"))
                    QCOMPARE(r.query.last(),
                             (QPair<QString, QString>(QStringLiteral("create_partition"), QStringLiteral("true"))));
            }
            sql += !r.tunnel && r.method == "POST" && r.path.endsWith(QLatin1String("/instances")) ? 1 : 0;
        }
        QCOMPARE(posts, sessionPosts);
        QCOMPARE(asked, existing ? 0 : 1);
        QCOMPARE(sql, instances);
        const QString log = f.logLines.join(QLatin1Char('\n'));
        QCOMPARE(log.contains(QStringLiteral("Created partition ds=4 of p")), instances > 0);
        QCOMPARE(log.contains(QStringLiteral("Partition ds=4 of p is new")), !existing && instances == 0);
    }

    // SQL instances (ADD PARTITION, as a run sends it) are polled at 100, 250 and 500 ms after the first poll, then
    // every second: one that runs 350 ms is seen to end well before the 1 s a fixed interval would take, and one that
    // runs 1 s no later than that fixed interval would see it.
    void sqlPollsStartShort_data()
    {
        QTest::addColumn<int>("runMs");
        QTest::addColumn<int>("seenBeforeMs");
        QTest::addColumn<int>("minPolls");
        QTest::newRow("350 ms") << 350 << 900 << 3; // polls at ~0, 100, 250 (Running), 500 ms; fixed: 0, 1000 ms
        QTest::newRow("1 s") << 1000 << 1250 << 4;  // ~0, 100, 250, 500 (Running), 1000 ms
    }
    void sqlPollsStartShort()
    {
        QFETCH(int, runMs);
        QFETCH(int, seenBeforeMs);
        QFETCH(int, minPolls);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        f.server.setSqlRunMs(runMs);
        f.server.clearRequests();
        OdpsClientOptions options;
        options.sqlPollIntervalMs = 1000;
        auto client = OdpsClient::create(f.server.connection(), options);
        QVERIFY(client.ok());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(client->addPartition(QStringLiteral("p"), *PartitionSpec::parse(QStringLiteral("ds=1"))).ok());
        const qint64 ms = clock.elapsed();
        int polls = 0;
        for (const McRequest &r : f.server.requests())
            polls += r.method == "GET" && r.path.contains(QLatin1String("/instances/")) ? 1 : 0;
        QVERIFY2(ms >= runMs && ms < seenBeforeMs, qPrintable(QString::number(ms)));
        QVERIFY2(polls >= minPolls, qPrintable(QString::number(polls)));
        auto exists = client->partitionExists(QStringLiteral("p"), *PartitionSpec::parse(QStringLiteral("ds=1")));
        QVERIFY(exists.ok() && *exists);
    }

    // overlapSetup: the Tunnel endpoint is looked up while the partition is asked about (two chains of round trips side
    // by side, not one after the other). With every answer 200 ms away, the lookup and the partition's GET are both
    // waiting for their answers at one time; without overlapSetup the setup sends one request at a time.
    void overlapSetupFindsTheTunnelWhileAskingForThePartition_data() { overlapRows(); }
    void overlapSetupFindsTheTunnelWhileAskingForThePartition()
    {
        QFETCH(bool, overlap);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        f.server.setLatencyMs(200);
        TunnelSinkOptions o;
        o.overlapSetup = overlap;
        TunnelSink sink = f.sink(o);
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=3"), false}).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}, Row{int64_t(2)}}).ok());
        auto committed = sink.commit();
        QVERIFY2(committed.ok(), qPrintable(committed.ok() ? QString() : errorText(committed.error())));
        QCOMPARE(f.server.rows(QStringLiteral("p"), QStringLiteral("ds=3")).size(), size_t(2));
        QCOMPARE(f.server.maxConcurrentOtherRequests(), overlap ? 2 : 1);
        const QString log = f.logLines.join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QStringLiteral("Partition ds=3 of p is new")), qPrintable(log));
    }

    // warmUp() (a run calls it before reading the table's schema) starts the setup threads, which open their
    // connections and send what only reads at once: with 300 ms of handshakes per new connection, the partition's GET
    // has been answered before begin(), and the session request that creates the partition goes out over a connection
    // that is through its handshakes. Without warmUp() the GET comes after begin() and waits for them.
    void warmUpOpensTheSetupConnectionsAhead_data()
    {
        QTest::addColumn<bool>("warm");
        QTest::newRow("warmUp") << true;
        QTest::newRow("begin only") << false;
    }
    void warmUpOpensTheSetupConnectionsAhead()
    {
        QFETCH(bool, warm);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        f.server.clearRequests();
        f.server.setConnectLatencyMs(300);
        OdpsConnectionScope connections; // the caller's requests share one connection
        TunnelSinkOptions o;
        o.overlapSetup = true;
        TunnelSink sink = f.sink(o);
        const SinkTarget target{QStringLiteral("p"), QStringLiteral("ds=5"), false};
        if (warm) {
            sink.warmUp(target);
            QTest::qWait(400); // a run reads the table's schema and opens Kafka meanwhile
        }
        QVERIFY(sink.tableSchema(QStringLiteral("p")).ok());
        const qsizetype beforeBegin = f.server.requests().size();
        QVERIFY(sink.begin(target).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}, Row{int64_t(2)}}).ok());
        auto committed = sink.commit();
        QVERIFY2(committed.ok(), qPrintable(committed.ok() ? QString() : errorText(committed.error())));
        QCOMPARE(f.server.rows(QStringLiteral("p"), QStringLiteral("ds=5")).size(), size_t(2));
        const QList<McRequest> &requests = f.server.requests();
        qsizetype partitionGet = -1;
        qsizetype addPartition = -1; // the session request that creates it
        for (qsizetype i = 0; i < requests.size(); ++i) {
            const McRequest &r = requests.at(i);
            if (!r.tunnel && r.method == "GET" && std::any_of(r.query.begin(), r.query.end(), [](const auto &kv) {
                    return kv.first == QLatin1String("partition");
                }))
                partitionGet = i;
            if (r.tunnel && r.method == "POST" && std::any_of(r.query.begin(), r.query.end(), [](const auto &kv) {
                    return kv.first == QLatin1String("create_partition");
                }))
                addPartition = i;
        }
        QVERIFY(partitionGet >= 0 && addPartition > partitionGet);
        QCOMPARE(partitionGet < beforeBegin, warm);
        QVERIFY(addPartition >= beforeBegin); // nothing that changes the destination before begin()
        QVERIFY(!requests.at(addPartition).handshakeWait);
        QCOMPARE(requests.at(partitionGet).handshakeWait, true); // the thread's first request, at once
    }

    // The Tunnel is often another host than the service, with its own TCP and TLS handshakes. The caller's thread,
    // which reloads and commits the session, opens its connection to it while the last blocks upload, so the reload
    // does not wait for handshakes. Here the test server's Tunnel is on a port of its own: another host to the client,
    // each connection 250 ms from its first answer, every answer 500 ms away.
    void commitConnectsToTheTunnelAhead_data() { overlapRows(); }
    void commitConnectsToTheTunnelAhead()
    {
        QFETCH(bool, overlap);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        QVERIFY(f.server.separateTunnel()); // what Tunnel discovery answers
        const QJsonObject connection = f.server.connection();
        OdpsClientOptions options;
        options.sqlPollIntervalMs = 5;
        options.requestTimeoutMs = 10000;
        auto client = OdpsClient::create(connection, options);
        QVERIFY(client.ok());
        f.server.setConnectLatencyMs(250);
        f.server.setLatencyMs(
            500); // the last block's answer comes well after the handshakes of a connection opened then
        OdpsConnectionScope connections; // a run's thread holds one (runTask)
        TunnelSinkOptions o;
        o.overlapSetup = overlap;
        TunnelSink sink(*client, o);
        QVERIFY(sink.tableSchema(QStringLiteral("t")).ok());
        f.server.clearRequests();
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}, Row{int64_t(2)}}).ok());
        auto committed = sink.commit();
        QVERIFY2(committed.ok(), qPrintable(committed.ok() ? QString() : errorText(committed.error())));
        QCOMPARE(f.server.rows(QStringLiteral("t")).size(), size_t(2));
        int reloads = 0;
        for (const McRequest &r : f.server.requests()) {
            if (r.tunnel && r.method == "GET" && std::any_of(r.query.begin(), r.query.end(), [](const auto &kv) {
                    return kv.first == QLatin1String("getblockid");
                })) {
                ++reloads;
                QVERIFY(!r.handshakeWait);
            }
        }
        QCOMPARE(reloads, 1);
    }

    // warm-up's "the partition is missing" is asked again when it is over a second old by begin(): someone else added
    // the partition meanwhile, so this run did not create it and must not drop it when it fails.
    void warmUpAsksAgainWhenTheAnswerIsOld()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        TunnelSinkOptions o;
        o.overlapSetup = true;
        TunnelSink sink = f.sink(o);
        const SinkTarget target{QStringLiteral("p"), QStringLiteral("ds=6"), false};
        sink.warmUp(target);
        QTest::qWait(300);                                                                      // its GET: missing
        QVERIFY(f.client->runSql(QStringLiteral("ALTER TABLE p ADD PARTITION (ds='6')")).ok()); // someone else
        QTest::qWait(900);                                                                      // Kafka opening slowly
        f.server.addFault(McFault{McFault::Target::CreateSession, 0, 100, 403, 0,
                                  QByteArray(R"({"Code":"NoPermission","Message":"no upload for you"})"),
                                  "application/json"});
        QVERIFY(sink.begin(target).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}}).ok());
        QVERIFY(!sink.commit().ok());
        auto exists = f.client->partitionExists(QStringLiteral("p"), *PartitionSpec::parse(QStringLiteral("ds=6")));
        QVERIFY(exists.ok());
        QVERIFY(*exists);
        const QString log = f.logLines.join(QLatin1Char('\n'));
        QVERIFY2(!log.contains(QStringLiteral("Created partition ds=6")), qPrintable(log));
        for (const McRequest &r : f.server.requests()) // the session was not asked to create it
            QVERIFY(std::none_of(r.query.begin(), r.query.end(),
                                 [](const auto &kv) { return kv.first == QLatin1String("create_partition"); }));
    }

    // warmUp() changes nothing by itself: without begin() it only reads (the Tunnel endpoint's lookup, the partition's
    // GET). A begin() for another target than the one warmed up for still writes where it is told, and only there.
    void warmUpChangesNothingByItself()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING)")).ok());
        f.server.clearRequests();
        TunnelSinkOptions o;
        o.overlapSetup = true;
        {
            TunnelSink sink = f.sink(o);
            sink.warmUp(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=1"), false});
            QTest::qWait(200);
        }
        QStringList seen;
        for (const McRequest &r : f.server.requests())
            seen << QString::fromLatin1(r.method) + QLatin1Char(' ') + r.path;
        seen.sort();
        QCOMPARE(seen, (QStringList{QStringLiteral("GET /projects/kmsync_test/tables/p"),
                                    QStringLiteral("GET /projects/kmsync_test/tunnel")}));
        TunnelSink sink = f.sink(o);
        sink.warmUp(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=1"), false});
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=2"), false}).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(7)}}).ok());
        QVERIFY(sink.commit().ok());
        QCOMPARE(f.server.rows(QStringLiteral("p"), QStringLiteral("ds=2")).size(), size_t(1));
        auto one = f.client->partitionExists(QStringLiteral("p"), *PartitionSpec::parse(QStringLiteral("ds=1")));
        QVERIFY(one.ok());
        QVERIFY(!*one);
    }

    // The test server moves a session's rows into the table at commit; the committed session still lists its blocks
    // with their record counts, as the service's reload does.
    void committedSessionKeepsItsBlockList()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        TunnelSinkOptions o;
        o.blockSizeBytes = 1024;
        TunnelSink sink = f.sink(o);
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}).ok());
        std::vector<Row> rows;
        for (int64_t i = 0; i < 2000; ++i)
            rows.push_back(Row{i});
        QVERIFY(sink.write(rows).ok());
        const QString uploadId = sink.uploadId();
        QVERIFY(sink.commit().ok());
        QCOMPARE(f.server.rows(QStringLiteral("t")).size(), size_t(2000));
        auto reload = f.client->transport().send(OdpsTransport::Endpoint::Tunnel, "GET",
                                                 QStringLiteral("/projects/kmsync_test/tables/t"),
                                                 {{QStringLiteral("uploadid"), uploadId},
                                                  {QStringLiteral("curr_project"), QStringLiteral("kmsync_test")}});
        QVERIFY(reload.ok());
        QCOMPARE(reload->status, 200);
        const QJsonObject session = QJsonDocument::fromJson(reload->body).object();
        QCOMPARE(session.value(QStringLiteral("Status")).toString().toLower(), QStringLiteral("closed"));
        const QJsonArray blocks = session.value(QStringLiteral("UploadedBlockList")).toArray();
        QCOMPARE(int(blocks.size()), sink.blocksSent());
        QVERIFY(blocks.size() > 3);
        qint64 records = 0;
        for (const QJsonValue &b : blocks)
            records += b.toObject().value(QStringLiteral("RecordCount")).toInteger();
        QCOMPARE(records, qint64(2000));
    }

    void missingPartitionIsCreated()
    {
        Fixture f;
        QVERIFY(
            f.client->runSql(QStringLiteral("CREATE TABLE p (v BIGINT) PARTITIONED BY (ds STRING, hh STRING)")).ok());
        TunnelSink sink = f.sink();
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("p"), QStringLiteral("ds=20221122,hh=10"), false}).ok());
        QVERIFY(sink.write(std::vector<Row>{Row{int64_t(1)}}).ok());
        QVERIFY(sink.commit().ok());
        QCOMPARE(f.server.rows(QStringLiteral("p"), QStringLiteral("ds=20221122,hh=10")).size(), size_t(1));
        auto exists = f.client->partitionExists(QStringLiteral("p"),
                                                *PartitionSpec::parse(QStringLiteral("ds=20221122,hh=10")));
        QVERIFY(exists.ok() && *exists);
    }

    void schemaMismatchBeforeAnyData_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("needle");
        QTest::newRow("missing column") << QStringLiteral("nope") << QStringLiteral("BIGINT")
                                        << QStringLiteral("no such column");
        QTest::newRow("other type") << QStringLiteral("v") << QStringLiteral("STRING")
                                    << QStringLiteral("as STRING but");
    }

    void schemaMismatchBeforeAnyData()
    {
        QFETCH(QString, column);
        QFETCH(QString, type);
        QFETCH(QString, needle);
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        TunnelSinkOptions o;
        o.expectedColumns = {ColumnDef{column, *ColumnType::parse(type), {}}};
        TunnelSink sink = f.sink(o);
        auto schema = sink.tableSchema(QStringLiteral("t"));
        QVERIFY(!schema.ok());
        QCOMPARE(schema.error().code, QStringLiteral("sink.schema_mismatch"));
        QVERIFY2(schema.error().message.contains(needle), qPrintable(schema.error().message));
        QCOMPARE(f.server.blockPuts(), 0);
    }

    void tableChangedBetweenSchemaAndBegin()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        TunnelSink sink = f.sink();
        QVERIFY(sink.tableSchema(QStringLiteral("t")).ok());
        QVERIFY(f.client->runSql(QStringLiteral("DROP TABLE t")).ok());
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v STRING, w BIGINT)")).ok());
        auto begun = sink.begin(SinkTarget{QStringLiteral("t"), QString(), false});
        QVERIFY(!begun.ok());
        QCOMPARE(begun.error().code, QStringLiteral("sink.schema_mismatch"));
        QVERIFY2(begun.error().message.contains(QStringLiteral("v string")), qPrintable(begun.error().message));
    }

    void badValueStopsBeforeUpload()
    {
        Fixture f;
        QVERIFY(f.client->runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok());
        TunnelSink sink = f.sink();
        QVERIFY(sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}).ok());
        auto w = sink.write(std::vector<Row>{Row{int64_t(1)}, Row{std::string("x")}});
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, QStringLiteral("tunnel.value_type"));
        QVERIFY2(w.error().message.startsWith(QStringLiteral("Record 2:")), qPrintable(w.error().message));
        sink.rollback();
        QVERIFY(f.server.rows(QStringLiteral("t")).empty());
    }
};

QTEST_GUILESS_MAIN(TestMaxCompute)
#include "tst_maxcompute.moc"
