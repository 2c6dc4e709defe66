// link: kmsync_maxcompute kmsync_core
// SIGINT while kmsync-cli query / sql / ddl --apply waits on a MaxCompute endpoint that never answers (a TCP
// listener that accepts and stays silent): the command stops its request and exits 3 (cancelled) within a second,
// instead of waiting out the 120 s request timeout or being killed mid-call.
#include <csignal>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

class TestCliCancel final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QTcpServer m_silent;
    int m_accepted = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_silent.listen(QHostAddress::LocalHost, 0));
        connect(&m_silent, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_silent.nextPendingConnection()) {
                socket->setParent(&m_silent);
                ++m_accepted;
            }
        });
        QFile file(m_dir.filePath(QStringLiteral("datasources.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("{\"datasources\": {\"mc\": {\"type\": \"odps\", \"connection\": {\"endpoint\": "
                                  "\"http://127.0.0.1:%1/api\", \"project\": \"p\", \"accessId\": \"id\", "
                                  "\"accessKey\": \"key\"}}}}")
                       .arg(m_silent.serverPort())
                       .toUtf8());
    }

    void sigintStops_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("query") << QStringList{QStringLiteral("query"), QStringLiteral("--datasource"),
                                              QStringLiteral("mc"), QStringLiteral("select count(*) from t")};
        QTest::newRow("sql") << QStringList{QStringLiteral("sql"), QStringLiteral("--datasource"), QStringLiteral("mc"),
                                            QStringLiteral("CREATE TABLE t (a STRING)")};
    }
    void sigintStops()
    {
        QFETCH(QStringList, args);
        const int before = m_accepted;
        QProcess cli;
        cli.setWorkingDirectory(m_dir.path());
        cli.start(QStringLiteral(KMSYNC_CLI_PATH), args);
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_accepted > before, 10000);
        QTest::qWait(200); // the request is out; its answer would never come
        QCOMPARE(cli.state(), QProcess::Running);
        QElapsedTimer sinceSignal;
        sinceSignal.start();
        ::kill(pid_t(cli.processId()), SIGINT);
        QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 10000);
        const qint64 took = sinceSignal.elapsed();
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        qInfo("%s: exit %d %lld ms after SIGINT: %s", qPrintable(args.first()), cli.exitCode(), took,
              qPrintable(err.trimmed()));
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli.exitCode(), 3);
        QVERIFY2(err.contains(QLatin1String("cancelled")), qPrintable(err));
        QVERIFY2(took < 1000, qPrintable(QString::number(took)));
    }
};

QTEST_GUILESS_MAIN(TestCliCancel)
#include "tst_cli_cancel.moc"
