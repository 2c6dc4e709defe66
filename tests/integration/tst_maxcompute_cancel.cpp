// link: kmsync_mcserver kmsync_maxcompute kmsync_core
// Stopping OdpsClient calls against a slow or failing test server: a stop set while an SQL instance is polled, while
// a block PUT is in flight, while a retry waits out its backoff and while the upload session is still being made
// (overlapSetup) ends the call within a second of the stop, with the Error "cancelled", and leaves the table as it
// was. Error bodies that are not ODPS errors (a proxy's page, a
// gateway's JSON, nothing) are quoted with the status line, secrets masked.
//
// The server answers from this thread's event loop, so each client call runs on a QThread of its own while the
// test waits with QTRY_*.
#include <QTest>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

#include <QElapsedTimer>
#include <QThread>

#include "engine/core/stoptoken.h"
#include "engine/maxcompute/odpsclient.h"
#include "engine/maxcompute/tunnelsink.h"
#include "tests/support/mcserver/mcserver.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;
using kmsync::test::McFault;
using kmsync::test::McServer;

namespace {

constexpr int kSlowMs = 30000;     // a server that answers this late is "slow": far beyond the 1 s budget
constexpr qint64 kBudgetMs = 1000; // from the stop to the call's return

// A client of `server` whose calls `stop` ends; quick retries unless the test wants a long backoff.
OdpsClient clientFor(McServer &server, const StopToken &stop, int retryDelayMs = 5)
{
    OdpsClientOptions options;
    options.retries = 7;
    options.retryInitialDelayMs = retryDelayMs;
    options.retryMaxDelayMs = std::max(retryDelayMs, 20);
    options.sqlPollIntervalMs = 5;
    options.requestTimeoutMs = 60000;
    options.stop = &stop;
    auto client = OdpsClient::create(server.connection(), options);
    return *client;
}

std::vector<Row> rows(int64_t count)
{
    std::vector<Row> out;
    for (int64_t i = 0; i < count; ++i)
        out.push_back(Row{i});
    return out;
}

// CREATE TABLE t (v BIGINT) on `server`, through a client no stop ends.
bool createTableT(McServer &server)
{
    const StopToken never;
    return clientFor(server, never).runSql(QStringLiteral("CREATE TABLE t (v BIGINT)")).ok();
}

// begin (table t) -> write `count` rows -> commit; the first failure, if any.
Result<void> uploadRows(TunnelSink &sink, int64_t count)
{
    if (auto begun = sink.begin(SinkTarget{QStringLiteral("t"), QString(), false}); !begun)
        return begun;
    if (auto written = sink.write(rows(count)); !written)
        return written;
    return sink.commit();
}

// Runs `work` on its own thread; stop() sets the token and notes when, finished() says whether it has returned.
class Worker
{
public:
    explicit Worker(std::function<void(const StopToken &stop)> work)
    {
        m_clock.start();
        m_thread.reset(QThread::create([this, work = std::move(work)] {
            work(m_stop);
            m_returnedAt = m_clock.elapsed();
        }));
        m_thread->start();
    }
    ~Worker()
    {
        m_stop.requestStop();
        m_thread->wait();
    }
    void stop()
    {
        m_stoppedAt = m_clock.elapsed();
        m_stop.requestStop();
    }
    bool finished() const { return m_thread->isFinished(); }
    // Milliseconds from stop() to the work's return.
    qint64 stopToReturnMs() const { return m_returnedAt - m_stoppedAt; }

private:
    StopToken m_stop;
    QElapsedTimer m_clock;
    std::atomic<qint64> m_stoppedAt{0};
    std::atomic<qint64> m_returnedAt{0};
    std::unique_ptr<QThread> m_thread;
};

bool logged(const McServer &server, const QByteArray &needle)
{
    for (const QByteArray &line : server.requestLog()) {
        if (line.contains(needle))
            return true;
    }
    return false;
}

QString describe(const Result<void> &r)
{
    return r.ok() ? QStringLiteral("ok") : r.error().code + QStringLiteral(": ") + r.error().message;
}

} // namespace

class TestMaxComputeCancel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The status poll of an SQL instance hangs; the stop aborts it, and the client asks the service to terminate
    // the instance (PUT <Status>Terminated</Status>, as the SDKs' Instance.stop() does).
    void stopDuringSlowSqlPoll()
    {
        McServer server;
        QVERIFY(server.start());
        server.addFault(McFault{McFault::Target::SqlPoll, 0, 1, 0, kSlowMs});
        Result<void> ran = makeError(QStringLiteral("not.run"), QString());
        Worker worker([&](const StopToken &stop) {
            OdpsClient client = clientFor(server, stop);
            ran = client.runSql(QStringLiteral("SELECT 1"));
        });
        QTRY_VERIFY_WITH_TIMEOUT(logged(server, "taskstatus"), 10000);
        QTest::qWait(200); // the poll is in flight, its answer far away
        QVERIFY(!worker.finished());
        worker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(worker.finished(), 10000);
        qInfo("SQL poll: the call returned %lld ms after the stop", worker.stopToReturnMs());
        QVERIFY2(worker.stopToReturnMs() < kBudgetMs, qPrintable(QString::number(worker.stopToReturnMs())));
        QVERIFY(!ran.ok());
        QCOMPARE(ran.error().code, QString::fromLatin1(kCancelledCode));
        QVERIFY2(ran.error().message.contains(QLatin1String("SELECT 1")), qPrintable(ran.error().message));
        QTRY_COMPARE_WITH_TIMEOUT(server.instancesStopped(), 1, 5000);
    }

    // A block PUT hangs: the stop aborts it, the session is never committed and the table stays empty.
    void stopDuringSlowBlockUpload()
    {
        McServer server;
        QVERIFY(server.start());
        QVERIFY(createTableT(server));
        server.addFault(McFault{McFault::Target::BlockPut, 0, 1, 0, kSlowMs});
        Result<void> written = makeError(QStringLiteral("not.run"), QString());
        Worker worker([&](const StopToken &stop) {
            TunnelSinkOptions options;
            options.blockSizeBytes = 1024; // the first write fills a block
            TunnelSink sink(clientFor(server, stop), options);
            written = uploadRows(sink, 2000);
        });
        QTRY_VERIFY_WITH_TIMEOUT(logged(server, "blockid=0"), 10000);
        QTest::qWait(200);
        QVERIFY(!worker.finished());
        worker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(worker.finished(), 10000);
        qInfo("block upload: the call returned %lld ms after the stop", worker.stopToReturnMs());
        QVERIFY2(worker.stopToReturnMs() < kBudgetMs, qPrintable(QString::number(worker.stopToReturnMs())));
        QVERIFY2(!written.ok() && written.error().code == QLatin1String(kCancelledCode), qPrintable(describe(written)));
        QCOMPARE(server.commits(), 0);
        QVERIFY(server.rows(QStringLiteral("t")).empty());
    }

    // With overlapSetup the session is made on a helper thread while rows are written; here its request hangs. Rows
    // fill the held pipeline and write() waits for room ("full"), or they fit and commit() waits for the session
    // ("fits"). The stop ends either wait within the budget: nothing is sent, nothing committed.
    void stopWhileTheSessionIsMade_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("fits, commit waits") << 100; // one block of 1 KiB
        QTest::newRow("full, write waits") << 5000; // ~50 blocks: more than the held pipeline takes
    }
    void stopWhileTheSessionIsMade()
    {
        QFETCH(int, count);
        McServer server;
        QVERIFY(server.start());
        QVERIFY(createTableT(server));
        server.addFault(McFault{McFault::Target::CreateSession, 0, 1, 0, kSlowMs});
        Result<void> written = makeError(QStringLiteral("not.run"), QString());
        Worker worker([&](const StopToken &stop) {
            TunnelSinkOptions options;
            options.blockSizeBytes = 1024;
            options.overlapSetup = true;
            TunnelSink sink(clientFor(server, stop), options);
            written = uploadRows(sink, count);
        });
        QTRY_VERIFY_WITH_TIMEOUT(logged(server, "uploads"), 10000);
        QTest::qWait(300);
        QVERIFY(!worker.finished());
        worker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(worker.finished(), 10000);
        qInfo("overlapped setup: the call returned %lld ms after the stop", worker.stopToReturnMs());
        QVERIFY2(worker.stopToReturnMs() < kBudgetMs, qPrintable(QString::number(worker.stopToReturnMs())));
        QVERIFY2(!written.ok() && written.error().code == QLatin1String(kCancelledCode), qPrintable(describe(written)));
        QCOMPARE(server.blockPuts(), 0);
        QCOMPARE(server.commits(), 0);
        QVERIFY(server.rows(QStringLiteral("t")).empty());
    }

    // A block PUT fails with 500 and the retry waits 20 s: the stop ends the wait, nothing is sent again.
    void stopDuringRetryBackoff()
    {
        McServer server;
        QVERIFY(server.start());
        QVERIFY(createTableT(server));
        server.addFault(McFault{McFault::Target::BlockPut, 0, 10, 500, 0});
        Result<void> written = makeError(QStringLiteral("not.run"), QString());
        Worker worker([&](const StopToken &stop) {
            TunnelSinkOptions options;
            options.blockSizeBytes = 1024;
            TunnelSink sink(clientFor(server, stop, 20000), options);
            written = uploadRows(sink, 2000);
        });
        QTRY_COMPARE_WITH_TIMEOUT(server.blockIdsPut().size(), 1, 10000);
        QTest::qWait(300); // well into the 20 s backoff
        QVERIFY(!worker.finished());
        worker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(worker.finished(), 10000);
        qInfo("retry backoff: the call returned %lld ms after the stop", worker.stopToReturnMs());
        QVERIFY2(worker.stopToReturnMs() < kBudgetMs, qPrintable(QString::number(worker.stopToReturnMs())));
        QVERIFY2(!written.ok() && written.error().code == QLatin1String(kCancelledCode), qPrintable(describe(written)));
        QCOMPARE(server.blockIdsPut().size(), 1); // no attempt after the stop
        QCOMPARE(server.commits(), 0);
        QVERIFY(server.rows(QStringLiteral("t")).empty());
    }

    // A stop set before a call starts: nothing is sent.
    void stoppedBeforeTheCall()
    {
        McServer server;
        QVERIFY(server.start());
        StopToken stop;
        stop.requestStop();
        OdpsClient client = clientFor(server, stop);
        const auto tables = client.listTables();
        QVERIFY(!tables.ok());
        QCOMPARE(tables.error().code, QString::fromLatin1(kCancelledCode));
        QVERIFY(server.requestLog().isEmpty());
    }

    // What a proxy or gateway answers instead of the service: the status line and the body's start, masked.
    void foreignErrorBodies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("statusLine");
        QTest::addColumn<QString>("bodyStart");
        QTest::addColumn<QString>("secret");
        QByteArray html = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
                          "<p>upstream said accessKey=Pl4ntedS3cret while connecting</p>";
        html += QByteArray(400, 'x') + "</body></html>";
        QTest::newRow("proxy html") << 502 << QByteArray("text/html") << html << QStringLiteral("HTTP 502 Bad Gateway")
                                    << QStringLiteral("<html><head><title>502 Bad Gateway")
                                    << QStringLiteral("Pl4ntedS3cret");
        QTest::newRow("gateway json") << 400 << QByteArray("application/json")
                                      << QByteArray(R"({"error":"route not found","password":"hunter2secret"})")
                                      << QStringLiteral("HTTP 400 Bad Request")
                                      << QStringLiteral(R"({"error":"route not found")")
                                      << QStringLiteral("hunter2secret");
        QTest::newRow("empty 405") << 405 << QByteArray("text/plain") << QByteArray()
                                   << QStringLiteral("HTTP 405 Method Not Allowed") << QStringLiteral("(empty body)")
                                   << QString();
    }
    void foreignErrorBodies()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, statusLine);
        QFETCH(QString, bodyStart);
        QFETCH(QString, secret);
        McServer server;
        QVERIFY(server.start());
        QVERIFY(createTableT(server));
        McFault fault{McFault::Target::CreateSession, 0, 100, status, 0, body, contentType};
        server.addFault(fault);
        Result<void> begun = makeError(QStringLiteral("not.run"), QString());
        std::unique_ptr<QThread> worker(QThread::create([&] {
            const StopToken never;
            TunnelSink sink(clientFor(server, never));
            begun = sink.begin(SinkTarget{QStringLiteral("t"), QString(), false});
        }));
        worker->start();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 20000);
        worker->wait();
        QVERIFY(!begun.ok());
        const QString message = begun.error().message;
        qInfo("%s", qPrintable(message));
        // "<what> failed: HTTP 502 Bad Gateway: <the body's first 200 characters>… (request id ...)"
        const QString head = statusLine + QStringLiteral(": ");
        const qsizetype open = message.indexOf(head);
        const qsizetype close = message.lastIndexOf(QLatin1String(" (request id "));
        QVERIFY2(open >= 0 && close > open, qPrintable(message));
        const QString quoted = message.mid(open + head.size(), close - open - head.size());
        QVERIFY2(quoted.startsWith(bodyStart), qPrintable(quoted));
        if (body.size() > 200)
            QVERIFY2(quoted.size() == 201 && quoted.endsWith(QChar(0x2026)), qPrintable(quoted));
        else
            QVERIFY2(quoted.size() <= 200, qPrintable(quoted));
        if (!secret.isEmpty())
            QVERIFY2(!message.contains(secret) && message.contains(QLatin1String("******")), qPrintable(message));
        // A known code still maps: a 502 is the server's fault.
        if (status == 502)
            QCOMPARE(begun.error().code, QStringLiteral("maxcompute.server"));
    }
};

QTEST_GUILESS_MAIN(TestMaxComputeCancel)
#include "tst_maxcompute_cancel.moc"
