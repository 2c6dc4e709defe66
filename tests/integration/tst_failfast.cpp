// Fail fast: an attempt ends as soon as its outcome is certain (every broker refused or unresolvable, TLS or
// authentication rejected, the topic or table missing); the timeout is only for silence. The kind of the error
// decides whether `kmsync-cli run` reruns, the summary lists every attempt, and the wait before a rerun is
// announced once with the time of the next attempt. Preview, Test connection and the topic/table lists fail as
// fast. Each attempt is measured here and must end in under 2 s (the Kafka timeout is 10 s).
#include <array>
#include <atomic>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include "engine/config/datasource.h"
#include "engine/core/errorkind.h"
#include "engine/job/connector.h"
#include "engine/kafka/kafkaadmin.h"
#include "engine/kafka/mockcluster.h"
#include "engine/warehouse/localwarehouse.h"
#include "tests/support/process/runprocess.h"

using namespace kmsync::engine;

namespace {

constexpr qint64 kAttemptBoundMs = 2000; // generous: a refusal is known within a quarter of a second

QJsonObject step(const QString &type, const QString &category, const QJsonObject &parameter)
{
    return QJsonObject{{QStringLiteral("stepType"), type},
                       {QStringLiteral("category"), category},
                       {QStringLiteral("name"), category},
                       {QStringLiteral("parameter"), parameter}};
}

bool writeJson(const QString &path, const QJsonObject &object)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(object).toJson()) > 0;
}

// A listener that is no TLS listener: it answers a TLS ClientHello with plain text, or closes at once. It runs on
// its own thread, so that it answers while this thread is blocked in an engine call.
class NonTlsServer
{
public:
    enum class Mode { PlainText, Close };
    explicit NonTlsServer(Mode mode)
        : m_mode(mode)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), size) != 0 || ::listen(m_fd, 16) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &size) != 0)
            return;
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~NonTlsServer()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        for (const int fd : m_open)
            ::close(fd);
        if (m_fd >= 0)
            ::close(m_fd);
    }
    NonTlsServer(const NonTlsServer &) = delete;
    NonTlsServer &operator=(const NonTlsServer &) = delete;
    bool listening() const { return m_port != 0; }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }

private:
    void serve()
    {
        while (!m_stop) {
            pollfd listener{m_fd, POLLIN, 0};
            if (::poll(&listener, 1, 50) <= 0)
                continue;
            const int client = ::accept(m_fd, nullptr, nullptr);
            if (client < 0)
                continue;
            if (m_mode == Mode::Close) {
                ::close(client);
                continue;
            }
            // Read the ClientHello, answer as an HTTP server would, and keep the connection open.
            pollfd hello{client, POLLIN, 0};
            std::array<char, 4096> buffer{};
            if (::poll(&hello, 1, 1000) > 0)
                static_cast<void>(::recv(client, buffer.data(), buffer.size(), 0));
            static const char kAnswer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
            static_cast<void>(::send(client, kAnswer, sizeof kAnswer - 1, MSG_NOSIGNAL));
            m_open.push_back(client);
        }
    }

    Mode m_mode;
    int m_fd = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::vector<int> m_open; // the serving thread's, closed after it ended
    std::thread m_thread;
};

} // namespace

class TestFailFast final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<kafka::MockCluster> m_cluster;
    std::unique_ptr<NonTlsServer> m_plainText;
    std::unique_ptr<NonTlsServer> m_closing;
    int m_workspaces = 0;

    // The connection of a broker case (empty: the case cannot run here, *skip says why).
    QJsonObject connectionFor(const QString &broker, QString *skip) const
    {
        if (broker == QLatin1String("refused"))
            return {{QStringLiteral("bootstrap.servers"), QStringLiteral("127.0.0.1:1")}};
        if (broker == QLatin1String("unresolvable"))
            return {{QStringLiteral("bootstrap.servers"), QStringLiteral("no-such-host.invalid:9092")}};
        if (broker == QLatin1String("tls: plain-text listener"))
            return {{QStringLiteral("bootstrap.servers"), m_plainText->address()},
                    {QStringLiteral("security.protocol"), QStringLiteral("SSL")}};
        if (broker == QLatin1String("tls: listener closes"))
            return {{QStringLiteral("bootstrap.servers"), m_closing->address()},
                    {QStringLiteral("security.protocol"), QStringLiteral("SSL")}};
        if (broker == QLatin1String("auth rejected")) {
            const QString sasl = qEnvironmentVariable("KMSYNC_TEST_KAFKA_SASL_BOOTSTRAP");
            const QString user = qEnvironmentVariable("KMSYNC_TEST_KAFKA_PLAIN_USER");
            if (sasl.isEmpty() || user.isEmpty()) {
                *skip = QStringLiteral("KMSYNC_TEST_KAFKA_SASL_BOOTSTRAP / KMSYNC_TEST_KAFKA_PLAIN_USER are not set "
                                       "(scripts/kafka-broker.sh start; eval \"$(scripts/kafka-broker.sh env)\")");
                return {};
            }
            return {{QStringLiteral("bootstrap.servers"), sasl},
                    {QStringLiteral("security.protocol"), QStringLiteral("SASL_PLAINTEXT")},
                    {QStringLiteral("sasl.mechanism"), QStringLiteral("PLAIN")},
                    {QStringLiteral("sasl.username"), user},
                    {QStringLiteral("sasl.password"),
                     QStringLiteral("wrong-") + QUuid::createUuid().toString(QUuid::Id128).left(8)}};
        }
        return m_cluster->connection(); // "missing topic", "missing table": a broker that answers
    }

    // A workspace with the Kafka datasource, a local warehouse (with table `events` unless told otherwise) and a
    // task reading `topic`; returns the task's path.
    QString writeWorkspace(const QJsonObject &connection, const QString &topic, bool createTable = true)
    {
        const QString dir = m_dir.filePath(QStringLiteral("ws%1").arg(++m_workspaces));
        if (!QDir().mkpath(dir))
            return {};
        const QJsonObject datasources{
            {QStringLiteral("datasources"),
             QJsonObject{{QStringLiteral("kafka"), QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                                                               {QStringLiteral("connection"), connection}}},
                         {QStringLiteral("wh"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("local")},
                                      {QStringLiteral("connection"),
                                       QJsonObject{{QStringLiteral("path"), QStringLiteral("wh.db")}}}}}}}};
        if (!writeJson(dir + QStringLiteral("/datasources.json"), datasources))
            return {};
        auto warehouse = warehouse::LocalWarehouse::open(dir + QStringLiteral("/wh.db"));
        if (!warehouse.ok())
            return {};
        if (createTable
            && !(*warehouse)
                    ->executeSql(QStringLiteral("CREATE TABLE events (o BIGINT, v STRING) PARTITIONED BY (ds STRING)"))
                    .ok())
            return {};
        const QJsonObject reader{{QStringLiteral("datasource"), QStringLiteral("kafka")},
                                 {QStringLiteral("topic"), topic},
                                 {QStringLiteral("column"),
                                  QJsonArray{QStringLiteral("__offset__"), QStringLiteral("__value__")}},
                                 {QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                                 {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")}};
        const QJsonObject writer{{QStringLiteral("datasource"), QStringLiteral("wh")},
                                 {QStringLiteral("table"), QStringLiteral("events")},
                                 {QStringLiteral("partition"), QStringLiteral("ds=x")},
                                 {QStringLiteral("column"), QJsonArray{QStringLiteral("o"), QStringLiteral("v")}}};
        const QJsonObject task{{QStringLiteral("type"), QStringLiteral("job")},
                               {QStringLiteral("version"), QStringLiteral("2.0")},
                               {QStringLiteral("steps"),
                                QJsonArray{step(QStringLiteral("kafka"), QStringLiteral("reader"), reader),
                                           step(QStringLiteral("odps"), QStringLiteral("writer"), writer)}},
                               {QStringLiteral("setting"), QJsonObject{}}};
        const QString path = dir + QStringLiteral("/task.json");
        return writeJson(path, task) ? path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto cluster = kafka::MockCluster::start();
        QVERIFY(cluster.ok());
        m_cluster = std::move(*cluster);
        QVERIFY(m_cluster->createTopic(QStringLiteral("events"), 1).ok());
        m_plainText = std::make_unique<NonTlsServer>(NonTlsServer::Mode::PlainText);
        m_closing = std::make_unique<NonTlsServer>(NonTlsServer::Mode::Close);
        QVERIFY(m_plainText->listening() && m_closing->listening());
    }

    // `kmsync-cli run` with one rerun allowed, 1 s apart: a failure waiting can fix runs twice, one it cannot
    // runs once; every attempt ends in under 2 s and the summary lists each with its error.
    void runEndsEachAttemptAtOnce_data()
    {
        QTest::addColumn<QString>("broker");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("rerun");
        QTest::addColumn<int>("exitCode");
        const QString events = QStringLiteral("events");
        const QString unreachable = QStringLiteral("kafka.unreachable");
        QTest::newRow("refused") << "refused" << events << unreachable << "unreachable" << true << 1;
        QTest::newRow("unresolvable") << "unresolvable" << events << unreachable << "unreachable" << true << 1;
        QTest::newRow("tls: plain-text listener") << "tls: plain-text listener" << events << "kafka.tls"
                                                  << "tls" << false << 1;
        QTest::newRow("tls: listener closes") << "tls: listener closes" << events << "kafka.tls"
                                              << "tls" << false << 1;
        QTest::newRow("auth rejected") << "auth rejected" << events << "kafka.auth"
                                       << "auth" << false << 1;
        QTest::newRow("missing topic") << "missing topic"
                                       << "no-such-topic"
                                       << "kafka.topic_missing"
                                       << "not_found" << false << 2;
    }
    void runEndsEachAttemptAtOnce()
    {
        QFETCH(QString, broker);
        QFETCH(QString, topic);
        QFETCH(QString, code);
        QFETCH(QString, kind);
        QFETCH(bool, rerun);
        QFETCH(int, exitCode);
        QString skip;
        const QJsonObject connection = connectionFor(broker, &skip);
        if (!skip.isEmpty())
            QSKIP(qPrintable(skip));
        const QString task = writeWorkspace(connection, topic);
        QVERIFY(!task.isEmpty());

        const int interval = 1;
        QElapsedTimer timer;
        timer.start();
        const auto r = kmsync::test::runProcess(QStringLiteral(KMSYNC_CLI_PATH),
                                                {QStringLiteral("run"), task, QStringLiteral("--reruns"),
                                                 QStringLiteral("1"), QStringLiteral("--rerun-interval"),
                                                 QString::number(interval)},
                                                60000);
        const qint64 elapsed = timer.elapsed();
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(r.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(err)));
        const int expectedAttempts = rerun ? 2 : 1;
        // Measured here: the whole process, less the wait between the attempts, within 2 s per attempt.
        const qint64 working = elapsed - (rerun ? interval * 1000 : 0);
        QVERIFY2(working < kAttemptBoundMs * expectedAttempts,
                 qPrintable(
                     QStringLiteral("%1 attempt(s) took %2 ms: %3").arg(expectedAttempts).arg(working).arg(err)));

        const QJsonObject summary = QJsonDocument::fromJson(r.out.trimmed().split('\n').last()).object();
        QCOMPARE(summary.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(summary.value(QStringLiteral("error")).toString(), code);
        QCOMPARE(summary.value(QStringLiteral("errorKind")).toString(), kind);
        const QJsonArray attempts = summary.value(QStringLiteral("attempts")).toArray();
        QCOMPARE(attempts.size(), expectedAttempts);
        double attemptSeconds = 0;
        for (int i = 0; i < attempts.size(); ++i) {
            const QJsonObject attempt = attempts.at(i).toObject();
            QCOMPARE(attempt.value(QStringLiteral("attempt")).toInt(), i + 1);
            QCOMPARE(attempt.value(QStringLiteral("ok")).toBool(true), false);
            QCOMPARE(attempt.value(QStringLiteral("error")).toString(), code);
            QCOMPARE(attempt.value(QStringLiteral("kind")).toString(), kind);
            QVERIFY(!attempt.value(QStringLiteral("message")).toString().isEmpty());
            const double seconds = attempt.value(QStringLiteral("seconds")).toDouble(-1);
            QVERIFY2(seconds >= 0 && seconds < kAttemptBoundMs / 1000.0, qPrintable(QString::number(seconds)));
            attemptSeconds += seconds;
        }
        // The run's seconds cover every attempt and the wait, not the last attempt alone.
        const double total = summary.value(QStringLiteral("seconds")).toDouble();
        QVERIFY2(total >= attemptSeconds + (rerun ? interval : 0) - 0.01,
                 qPrintable(QStringLiteral("seconds %1, attempts %2").arg(total).arg(attemptSeconds)));
        QVERIFY(total * 1000 <= double(elapsed));

        // The wait is announced once, with the time of the next attempt; a failure waiting cannot fix says so.
        QCOMPARE(err.count(QLatin1String("attempt 2 starts at")), rerun ? 1 : 0);
        if (rerun) {
            QVERIFY2(err.contains(
                         QStringLiteral("attempt 1 of 2 failed (%1); waiting 1 s, attempt 2 starts at ").arg(kind)),
                     qPrintable(err));
        } else {
            QVERIFY2(err.contains(QStringLiteral("attempt 1 failed with a %1 error (%2), which waiting cannot fix; "
                                                 "not rerunning")
                                      .arg(kind, code)),
                     qPrintable(err));
        }
    }

    // A missing destination table is known before Kafka is asked: no rerun either.
    void missingTableEndsWithoutRerun()
    {
        const QString task = writeWorkspace(m_cluster->connection(), QStringLiteral("events"), false);
        QVERIFY(!task.isEmpty());
        QElapsedTimer timer;
        timer.start();
        const auto r = kmsync::test::runProcess(QStringLiteral(KMSYNC_CLI_PATH),
                                                {QStringLiteral("run"), task, QStringLiteral("--reruns"),
                                                 QStringLiteral("3"), QStringLiteral("--rerun-interval"),
                                                 QStringLiteral("60")},
                                                60000);
        QVERIFY2(timer.elapsed() < kAttemptBoundMs, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(r.exitCode, 2);
        const QJsonObject summary = QJsonDocument::fromJson(r.out.trimmed().split('\n').last()).object();
        QCOMPARE(summary.value(QStringLiteral("error")).toString(), QStringLiteral("sink.no_such_table"));
        QCOMPARE(summary.value(QStringLiteral("attempts")).toArray().size(), 1);
    }

    // Preview, Test connection and the topic list end as fast as a run's attempt, with the same error.
    void previewAndListsEndAtOnce_data() { runEndsEachAttemptAtOnce_data(); }
    void previewAndListsEndAtOnce()
    {
        QFETCH(QString, broker);
        QFETCH(QString, topic);
        QFETCH(QString, code);
        QString skip;
        const QJsonObject connection = connectionFor(broker, &skip);
        if (!skip.isEmpty())
            QSKIP(qPrintable(skip));
        const QString task = writeWorkspace(connection, topic);
        QVERIFY(!task.isEmpty());

        QElapsedTimer timer;
        timer.start();
        const auto r = kmsync::test::runProcess(QStringLiteral(KMSYNC_CLI_PATH), {QStringLiteral("preview"), task},
                                                60000);
        QVERIFY2(timer.elapsed() < kAttemptBoundMs, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(r.exitCode != 0 && r.exitCode != -1, r.err.constData());

        config::Datasource datasource;
        datasource.name = QStringLiteral("kafka");
        datasource.kind = config::DatasourceKind::Kafka;
        datasource.connection = connection;
        const StopToken stop;
        const Connector &kafkaConnector = connectorFor(config::DatasourceKind::Kafka);
        if (broker.startsWith(QLatin1String("missing"))) {
            // The broker answers: the connection and the list work, the sample finds no topic.
            QVERIFY(kafkaConnector.testConnection(datasource, stop).ok());
            timer.restart();
            auto sample = kafka::fetchSample(connection, topic, 10, kafka::SampleRange::latestMessages(), 10000);
            QVERIFY(timer.elapsed() < kAttemptBoundMs);
            QVERIFY(!sample.ok());
            QCOMPARE(sample.error().code, code);
            return;
        }
        timer.restart();
        auto tested = kafkaConnector.testConnection(datasource, stop);
        QVERIFY2(timer.elapsed() < kAttemptBoundMs, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!tested.ok());
        QCOMPARE(tested.error().code, code);
        timer.restart();
        auto topics = kafkaConnector.listTopics(datasource, 10000, stop);
        QVERIFY2(timer.elapsed() < kAttemptBoundMs, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!topics.ok());
        QCOMPARE(topics.error().code, code);
    }

    // A MaxCompute endpoint that refuses or does not resolve: Test connection and the table list end at once
    // (the transport's backoff is for dropped connections and 5xx, not for a certain refusal).
    void tableListsEndAtOnce_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("refused") << QStringLiteral("http://127.0.0.1:1/api");
        QTest::newRow("unresolvable") << QStringLiteral("http://no-such-host.invalid/api");
    }
    void tableListsEndAtOnce()
    {
        QFETCH(QString, endpoint);
        config::Datasource datasource;
        datasource.name = QStringLiteral("mc");
        datasource.kind = config::DatasourceKind::MaxCompute;
        datasource.connection = {{QStringLiteral("endpoint"), endpoint},
                                 {QStringLiteral("project"), QStringLiteral("p")},
                                 {QStringLiteral("accessId"), QStringLiteral("id")},
                                 {QStringLiteral("accessKey"), QStringLiteral("key")}};
        const StopToken stop;
        const Connector &connector = connectorFor(config::DatasourceKind::MaxCompute);
        QElapsedTimer timer;
        timer.start();
        auto tables = connector.listTables(datasource, stop, {});
        QVERIFY2(timer.elapsed() < kAttemptBoundMs, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!tables.ok());
        QCOMPARE(tables.error().code, QStringLiteral("maxcompute.unreachable"));
        QCOMPARE(errorKindOf(tables.error()), ErrorKind::Unreachable);
        timer.restart();
        auto tested = connector.testConnection(datasource, stop);
        QVERIFY2(timer.elapsed() < kAttemptBoundMs, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!tested.ok());
        QCOMPARE(tested.error().code, QStringLiteral("maxcompute.unreachable"));
    }
};

QTEST_GUILESS_MAIN(TestFailFast)
#include "tst_failfast.moc"
