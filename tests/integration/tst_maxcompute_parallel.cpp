// link: kmsync_mcserver kmsync_maxcompute kmsync_core
// TunnelSink with setting.speed.concurrent > 1 and a throttle, against the test server made far away (latency and a
// per-connection bandwidth cap): parallel block uploads store exactly the rows one channel stores, a block that fails
// for good or a stop leaves the table unchanged with no commit, and the byte cap holds.
//
// The server answers from this thread's event loop: the sink's waits run that loop when the sink is called here, and
// a run that must be stopped from outside runs on a QThread of its own while the test waits with QTRY_*.
#include <QTest>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QThread>

#include "engine/core/stoptoken.h"
#include "engine/maxcompute/odpsclient.h"
#include "engine/maxcompute/odpstransport.h"
#include "engine/maxcompute/tunnelsink.h"
#include "tests/support/mcserver/mcserver.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;
using kmsync::test::McFault;
using kmsync::test::McServer;

namespace {

OdpsClient clientFor(McServer &server, const StopToken *stop = nullptr)
{
    OdpsClientOptions options;
    options.retries = 2;
    options.retryInitialDelayMs = 5;
    options.retryMaxDelayMs = 20;
    options.sqlPollIntervalMs = 5;
    options.requestTimeoutMs = 60000;
    options.stop = stop;
    return *OdpsClient::create(server.connection(), options);
}

// Rows of several shapes, so that blocks differ in content and size.
std::vector<Row> sampleRows(int64_t count)
{
    std::vector<Row> out;
    out.reserve(size_t(count));
    for (int64_t i = 0; i < count; ++i) {
        Row row{i, std::string(size_t(i % 37), char('a' + i % 26)) + std::to_string(i * 7919)};
        if (i % 11 == 0)
            row[1] = std::monostate{};
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<std::string> sortedText(const std::vector<Row> &rows)
{
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const Row &row : rows) {
        std::string line;
        for (const Value &v : row)
            line += debugString(v) + '\x1f';
        out.push_back(std::move(line));
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString describe(const Result<void> &r)
{
    return r.ok() ? QStringLiteral("ok") : r.error().code + QStringLiteral(": ") + r.error().message;
}

// begin → write in batches of 500 → commit; the first failure, if any.
Result<void> upload(TunnelSink &sink, const SinkTarget &target, const std::vector<Row> &rows)
{
    if (auto begun = sink.begin(target); !begun)
        return begun;
    for (size_t at = 0; at < rows.size(); at += 500) {
        const size_t n = std::min<size_t>(500, rows.size() - at);
        if (auto written = sink.write(std::span<const Row>(rows.data() + at, n)); !written)
            return written;
    }
    return sink.commit();
}

// What uploadSampleRows() saw.
struct TimedUpload
{
    Result<void> result = makeError(QStringLiteral("not.run"), QString());
    qint64 ms = 0; // from the sink's begin to its commit's answer
    UploadStats stats;
    int blocksSent = 0;
};

// Uploads `count` sample rows into the unpartitioned table t through a TunnelSink with `options`, timed.
TimedUpload uploadSampleRows(OdpsClient &client, const TunnelSinkOptions &options, int64_t count)
{
    TunnelSink sink(client, options);
    TimedUpload out;
    QElapsedTimer clock;
    clock.start();
    out.result = upload(sink, SinkTarget{QStringLiteral("t"), QString(), false}, sampleRows(count));
    out.ms = clock.elapsed();
    out.stats = sink.uploadStats();
    out.blocksSent = sink.blocksSent();
    return out;
}

} // namespace

class TestMaxComputeParallel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // concurrent = 4 over many small blocks stores exactly the rows of a one-channel upload, and the uploads did
    // overlap on the server.
    void parallelUploadStoresTheSameRows()
    {
        McServer server;
        QVERIFY(server.start());
        server.setLatencyMs(30);
        OdpsClient client = clientFor(server);
        QVERIFY(client.runSql(QStringLiteral("CREATE TABLE p (v BIGINT, s STRING) PARTITIONED BY (ds STRING)")).ok());
        const std::vector<Row> rows = sampleRows(6000);

        TunnelSinkOptions one;
        one.blockSizeBytes = 4096;
        one.concurrent = 1;
        TunnelSink single(client, one);
        auto first = upload(single, SinkTarget{QStringLiteral("p"), QStringLiteral("ds=single"), false}, rows);
        QVERIFY2(first.ok(), qPrintable(describe(first)));
        QCOMPARE(server.maxConcurrentBlockPuts(), 1);
        const int blocks = single.blocksSent();
        QVERIFY2(blocks >= 20, qPrintable(QString::number(blocks)));

        TunnelSinkOptions four = one;
        four.concurrent = 4;
        TunnelSink parallel(client, four);
        auto second = upload(parallel, SinkTarget{QStringLiteral("p"), QStringLiteral("ds=parallel"), false}, rows);
        QVERIFY2(second.ok(), qPrintable(describe(second)));
        QCOMPARE(parallel.blocksSent(), blocks);
        QVERIFY2(server.maxConcurrentBlockPuts() >= 2 && server.maxConcurrentBlockPuts() <= 4,
                 qPrintable(QString::number(server.maxConcurrentBlockPuts())));
        QVERIFY(parallel.uploadStats().maxInFlight >= 2);
        QCOMPARE(server.commits(), 2);

        const auto a = server.rows(QStringLiteral("p"), QStringLiteral("ds=single"));
        const auto b = server.rows(QStringLiteral("p"), QStringLiteral("ds=parallel"));
        QCOMPARE(a.size(), rows.size());
        QCOMPARE(b.size(), rows.size());
        QVERIFY(sortedText(a) == sortedText(rows));
        QVERIFY(sortedText(b) == sortedText(a));
        // Every block id once, all of them in [0, blocks).
        QList<qint64> ids = server.blockIdsPut().mid(blocks);
        std::sort(ids.begin(), ids.end());
        QCOMPARE(ids.size(), blocks);
        for (int i = 0; i < blocks; ++i)
            QCOMPARE(ids[i], qint64(i));
    }

    // One block fails for good (500 on every try) while others are in flight: the run fails naming it, nothing is
    // committed, the overwritten partition keeps its rows and the partition the run created is dropped again.
    void failedBlockUnderConcurrencyLeavesTableUnchanged_data()
    {
        QTest::addColumn<QString>("partition");
        QTest::newRow("overwrite an existing partition") << QStringLiteral("ds=1");
        QTest::newRow("a partition the run creates") << QStringLiteral("ds=2");
    }

    void failedBlockUnderConcurrencyLeavesTableUnchanged()
    {
        QFETCH(QString, partition);
        McServer server;
        QVERIFY(server.start());
        server.setLatencyMs(20);
        OdpsClient client = clientFor(server);
        QVERIFY(client.runSql(QStringLiteral("CREATE TABLE p (v BIGINT, s STRING) PARTITIONED BY (ds STRING)")).ok());
        {
            TunnelSink before(client);
            const std::vector<Row> old{Row{int64_t(42), std::string("kept")}};
            QVERIFY(upload(before, SinkTarget{QStringLiteral("p"), QStringLiteral("ds=1"), false}, old).ok());
        }
        const auto partitionsBefore = server.catalogue().table(QStringLiteral("p"))->partitions;
        const int commitsBefore = server.commits();
        McFault fault;
        fault.target = McFault::Target::BlockPut;
        fault.blockId = 5;
        fault.times = 1000;
        fault.status = 500;
        server.addFault(fault);

        TunnelSinkOptions o;
        o.blockSizeBytes = 4096;
        o.concurrent = 4;
        TunnelSink sink(client, o);
        auto r = upload(sink, SinkTarget{QStringLiteral("p"), partition, true}, sampleRows(6000));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("maxcompute.server"));
        QVERIFY2(r.error().message.contains(QStringLiteral("Uploading block 5 of session")), qPrintable(describe(r)));
        sink.rollback();
        QCOMPARE(server.blockIdsPut().count(5), 3); // 1 + 2 retries, under the same id
        QVERIFY(server.maxConcurrentBlockPuts() >= 2);
        QCOMPARE(server.commits(), commitsBefore);
        const auto kept = server.rows(QStringLiteral("p"), QStringLiteral("ds=1"));
        QCOMPARE(kept.size(), size_t(1));
        QCOMPARE(std::get<int64_t>(kept[0][0]), int64_t(42));
        QVERIFY(server.rows(QStringLiteral("p"), QStringLiteral("ds=2")).empty());
        QVERIFY(server.catalogue().table(QStringLiteral("p"))->partitions == partitionsBefore);
    }

    // A stop while several blocks are in flight on a slow link: the run returns "cancelled" promptly, nothing is
    // committed, the table stays empty.
    void stopDuringConcurrentUpload()
    {
        McServer server;
        QVERIFY(server.start());
        {
            OdpsClient setup = clientFor(server);
            QVERIFY(setup.runSql(QStringLiteral("CREATE TABLE t (v BIGINT, s STRING)")).ok());
        }
        // Every block PUT is answered only after 30 s: far beyond the 1 s budget.
        McFault slow;
        slow.target = McFault::Target::BlockPut;
        slow.times = 100000;
        slow.status = 0;
        slow.delayMs = 30000;
        server.addFault(slow);
        StopToken stop;
        Result<void> result = makeError(QStringLiteral("not.run"), QString());
        QElapsedTimer clock;
        clock.start();
        std::atomic<qint64> returnedAt{0};
        std::unique_ptr<QThread> worker(QThread::create([&] {
            TunnelSinkOptions o;
            o.blockSizeBytes = 4096;
            o.concurrent = 4;
            TunnelSink sink(clientFor(server, &stop), o);
            result = upload(sink, SinkTarget{QStringLiteral("t"), QString(), false}, sampleRows(6000));
            returnedAt = clock.elapsed();
        }));
        worker->start();
        QTRY_VERIFY_WITH_TIMEOUT(server.maxConcurrentBlockPuts() >= 3, 10000);
        QTest::qWait(100);
        QVERIFY(!worker->isFinished());
        const qint64 stoppedAt = clock.elapsed();
        stop.requestStop();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 10000);
        worker->wait();
        QVERIFY2(returnedAt - stoppedAt < 1000, qPrintable(QString::number(returnedAt - stoppedAt)));
        QVERIFY2(!result.ok() && result.error().code == QLatin1String(kCancelledCode), qPrintable(describe(result)));
        QCOMPARE(server.commits(), 0);
        QVERIFY(server.rows(QStringLiteral("t")).empty());
    }

    // maxBytesPerSecond caps all uploads together: the run cannot be faster than (bytes sent - one second's burst)
    // at that rate, even with four connections.
    void throttleCapsTheBytesSent()
    {
        McServer server;
        QVERIFY(server.start());
        OdpsClient client = clientFor(server);
        QVERIFY(client.runSql(QStringLiteral("CREATE TABLE t (v BIGINT, s STRING)")).ok());
        TunnelSinkOptions o;
        o.blockSizeBytes = 16 * 1024;
        o.concurrent = 4;
        o.compress = false; // bytes sent = bytes encoded, so the run's size is known
        o.maxBytesPerSecond = 100 * 1024;
        const TimedUpload run = uploadSampleRows(client, o, 12000);
        const double seconds = double(run.ms) / 1000.0;
        QVERIFY2(run.result.ok(), qPrintable(describe(run.result)));
        const UploadStats &stats = run.stats;
        QVERIFY2(stats.sentBytes > 3 * 100 * 1024, qPrintable(QString::number(stats.sentBytes)));
        const double floor = double(stats.sentBytes - 100 * 1024) / (100 * 1024);
        qInfo("%lld bytes in %.2f s (at least %.2f s at 100 KiB/s)", qint64(stats.sentBytes), seconds, floor);
        QVERIFY2(seconds >= 0.9 * floor, qPrintable(QStringLiteral("%1 s < %2 s").arg(seconds).arg(floor)));
        QVERIFY(stats.throttleSeconds > 0);
        QCOMPARE(server.rows(QStringLiteral("t")).size(), size_t(12000));
    }

    // The server's far-away knobs: a body's answer waits for its bytes at the connection's bandwidth, plus latency.
    void serverBandwidthAndLatency()
    {
        McServer server;
        QVERIFY(server.start());
        OdpsClient client = clientFor(server);
        QVERIFY(client.runSql(QStringLiteral("CREATE TABLE t (v BIGINT, s STRING)")).ok());
        server.setBandwidthPerConnection(200 * 1024);
        server.setLatencyMs(100);
        TunnelSinkOptions o;
        o.blockSizeBytes = 64 << 20; // one block
        o.compress = false;
        const TimedUpload run = uploadSampleRows(client, o, 12000);
        const qint64 ms = run.ms;
        QVERIFY2(run.result.ok(), qPrintable(describe(run.result)));
        QCOMPARE(run.blocksSent, 1);
        // begin (create session), the PUT, reload and commit: 4 answers with latency, one body over the link.
        const qint64 atLeast = 4 * 100 + run.stats.sentBytes * 1000 / (200 * 1024);
        QVERIFY2(ms >= atLeast, qPrintable(QStringLiteral("%1 ms < %2 ms").arg(ms).arg(atLeast)));
        QVERIFY2(run.stats.networkSeconds * 1000 >= double(atLeast - 300),
                 qPrintable(QStringLiteral("network %1 s, run %2 ms, at least %3 ms, %4 bytes sent")
                                .arg(run.stats.networkSeconds)
                                .arg(ms)
                                .arg(atLeast)
                                .arg(run.stats.sentBytes)));
    }

    // A thread's OdpsConnectionScope keeps its connection open between exchanges; without one every exchange opens
    // its own. The run's threads (its caller, the setup thread, each upload thread) each hold one.
    void connectionScopeReusesConnections()
    {
        McServer server;
        QVERIFY(server.start());
        OdpsClient client = clientFor(server);
        int before = server.connections();
        for (int i = 0; i < 5; ++i)
            QVERIFY(client.listTables().ok());
        QCOMPARE(server.connections() - before, 5);
        before = server.connections();
        {
            OdpsConnectionScope scope;
            {
                OdpsConnectionScope nested; // uses the outer one's connections
                QVERIFY(client.listTables().ok());
            }
            for (int i = 0; i < 5; ++i)
                QVERIFY(client.listTables().ok());
        }
        QCOMPARE(server.connections() - before, 1);
    }

    // Many blocks at concurrent 2 go out over a handful of connections (each upload thread keeps its own), not one
    // connection per block; with the server charging 150 ms for each new connection, that is what keeps the run short.
    void uploadsReuseTheirConnections()
    {
        McServer server;
        QVERIFY(server.start());
        OdpsClient client = clientFor(server);
        QVERIFY(client.runSql(QStringLiteral("CREATE TABLE t (v BIGINT, s STRING)")).ok());
        server.setConnectLatencyMs(150);
        const int before = server.connections();
        const int putsBefore = server.blockPuts();
        TunnelSinkOptions o;
        o.blockSizeBytes = 4096;
        o.concurrent = 2;
        const TimedUpload run = uploadSampleRows(client, o, 6000);
        QVERIFY2(run.result.ok(), qPrintable(describe(run.result)));
        QVERIFY2(run.blocksSent >= 20, qPrintable(QString::number(run.blocksSent)));
        QCOMPARE(server.blockPuts() - putsBefore, run.blocksSent);
        // The table read, begin's partition and session requests, two upload threads, the reload and commit.
        const int opened = server.connections() - before;
        QVERIFY2(opened <= 5,
                 qPrintable(QStringLiteral("%1 connections for %2 blocks").arg(opened).arg(run.blocksSent)));
        QCOMPARE(server.rows(QStringLiteral("t")).size(), size_t(6000));
    }

    // The connect-latency knob: a connection opened ahead (OdpsConnectionScope::preconnect) has had its handshakes by
    // its first request; one opened by the request itself waits for them, once.
    void preconnectedConnectionDoesNotWait()
    {
        McServer server;
        QVERIFY(server.start());
        OdpsClient client = clientFor(server);
        server.setConnectLatencyMs(300);
        {
            OdpsConnectionScope scope;
            OdpsConnectionScope::preconnect(QUrl(server.serviceEndpoint()));
            QTest::qWait(500); // the server accepts it meanwhile
            QVERIFY(client.listTables().ok());
        }
        QCOMPARE(server.connections(), 1);
        QCOMPARE(server.handshakeWaits(), 0);
        {
            OdpsConnectionScope scope;
            QElapsedTimer clock;
            clock.start();
            QVERIFY(client.listTables().ok());
            const qint64 first = clock.elapsed();
            QVERIFY2(first >= 290, qPrintable(QString::number(first)));
            for (int i = 0; i < 3; ++i)
                QVERIFY(client.listTables().ok()); // the same connection: no handshake charged again
        }
        QCOMPARE(server.connections(), 2);
        QCOMPARE(server.handshakeWaits(), 1);
    }

    // The bandwidth knob counts a body's time from its request's first bytes, as a real link does: a client that
    // takes 800 ms to send 1 MB at 1 MB/s has its answer ~1 s after it began, not 1 s after its last byte.
    void bandwidthCountsFromTheFirstBytes()
    {
        McServer server;
        QVERIFY(server.start());
        server.setBandwidthPerConnection(1000000);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body(1000000, 'x');
        const QByteArray head = QByteArrayLiteral(
                                    "PUT /api/projects/kmsync_test/tables/t HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    "Content-Type: application/octet-stream\r\nContent-Length: ")
                              + QByteArray::number(body.size()) + "\r\n\r\n";
        QElapsedTimer clock;
        clock.start();
        socket.write(head + body.left(body.size() / 2));
        QTest::qWait(800); // the server reads the first half meanwhile
        socket.write(body.mid(body.size() / 2));
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 10000);
        const qint64 ms = clock.elapsed();
        QVERIFY2(answer.startsWith("HTTP/1.1 "), answer.left(200).constData());
        // 1 MB at 1 MB/s from the first bytes: ~1000 ms. From the last byte it would be ~1800 ms.
        QVERIFY2(ms >= 950 && ms < 1500, qPrintable(QString::number(ms)));
    }

    // With overlapSetup the upload threads open their Tunnel connections while the partition and the session are
    // made, so their first blocks do not wait for handshakes: of the run's connections, only the caller's (no scope
    // here: the schema read, the commit) and the setup thread's do.
    void uploadThreadsConnectDuringSetup()
    {
        McServer server;
        QVERIFY(server.start());
        {
            OdpsClient client = clientFor(server);
            QVERIFY(
                client.runSql(QStringLiteral("CREATE TABLE p (v BIGINT, s STRING) PARTITIONED BY (ds STRING)")).ok());
        }
        server.setConnectLatencyMs(150);
        server.setLatencyMs(200); // the partition check, its SQL instance and the session: > 600 ms after preconnect
        const int before = server.connections();
        Result<void> result = makeError(QStringLiteral("not.run"), QString());
        std::unique_ptr<QThread> worker(QThread::create([&] {
            OdpsClient client = clientFor(server);
            TunnelSinkOptions o;
            o.blockSizeBytes = 4096;
            o.concurrent = 2;
            o.overlapSetup = true;
            TunnelSink sink(client, o);
            result = upload(sink, SinkTarget{QStringLiteral("p"), QStringLiteral("ds=1"), false}, sampleRows(3000));
        }));
        worker->start();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 60000);
        worker->wait();
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(server.rows(QStringLiteral("p"), QStringLiteral("ds=1")).size(), size_t(3000));
        const int opened = server.connections() - before;
        QVERIFY2(opened >= 4, qPrintable(QString::number(opened))); // caller's, setup's, two upload threads'
        QVERIFY2(server.handshakeWaits() <= opened - 2,
                 qPrintable(QStringLiteral("%1 of %2 connections waited").arg(server.handshakeWaits()).arg(opened)));
    }
};

QTEST_GUILESS_MAIN(TestMaxComputeParallel)
#include "tst_maxcompute_parallel.moc"
