// kmsync-mcserver: runs the MaxCompute test server until interrupted and prints its datasource connection object.
//   kmsync-mcserver [--bandwidth BYTES_PER_S] [--latency MS] [--connect-latency MS] [--sql-run MS] [--separate-tunnel]
// The knobs make it a service far away (per connection on request bodies; added to every answer; added to the first
// answer on each connection, for its handshakes; how long an SQL instance such as ADD PARTITION runs); the environment
// variables KMSYNC_MCSERVER_BANDWIDTH, KMSYNC_MCSERVER_LATENCY_MS, KMSYNC_MCSERVER_CONNECT_MS and
// KMSYNC_MCSERVER_SQL_RUN_MS set them too (the options win). --separate-tunnel puts the Tunnel endpoint (what discovery
// answers) on a second port: another host than the service to the client, as on Alibaba Cloud, with connections of
// its own.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include "tests/support/mcserver/mcserver.h"

namespace {

// A whole number >= 0 from the option, else the environment variable, else 0; false (and a message) when malformed.
bool knob(const QCommandLineParser &parser, const QString &option, const char *env, qint64 &value)
{
    QString text = parser.value(option);
    QString from = QStringLiteral("--") + option;
    if (!parser.isSet(option)) {
        text = qEnvironmentVariable(env);
        from = QString::fromLatin1(env);
    }
    if (text.isEmpty()) {
        value = 0;
        return true;
    }
    bool ok = false;
    value = text.toLongLong(&ok);
    if (!ok || value < 0) {
        QTextStream(stderr) << "kmsync-mcserver: " << from << " \"" << text << "\" is not a whole number >= 0\n";
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The kmsync MaxCompute test server (REST + Tunnel) on 127.0.0.1."));
    parser.addHelpOption();
    parser.addOption(QCommandLineOption(QStringLiteral("bandwidth"),
                                        QStringLiteral("Request-body bytes per second per connection (0: no cap; "
                                                       "env KMSYNC_MCSERVER_BANDWIDTH)."),
                                        QStringLiteral("BYTES_PER_S")));
    parser.addOption(QCommandLineOption(QStringLiteral("latency"),
                                        QStringLiteral("Milliseconds added to every answer (env "
                                                       "KMSYNC_MCSERVER_LATENCY_MS)."),
                                        QStringLiteral("MS")));
    parser.addOption(QCommandLineOption(QStringLiteral("connect-latency"),
                                        QStringLiteral("Milliseconds added to the first answer on each connection, "
                                                       "for its TCP and TLS handshakes (env "
                                                       "KMSYNC_MCSERVER_CONNECT_MS)."),
                                        QStringLiteral("MS")));
    parser.addOption(QCommandLineOption(QStringLiteral("sql-run"),
                                        QStringLiteral("Milliseconds an SQL instance runs before its status says "
                                                       "Terminated (env KMSYNC_MCSERVER_SQL_RUN_MS)."),
                                        QStringLiteral("MS")));
    parser.addOption(QCommandLineOption(QStringLiteral("separate-tunnel"),
                                        QStringLiteral("Serve the Tunnel endpoint on a second port, so that clients "
                                                       "open connections of their own to it (default: one port).")));
    parser.process(app);
    qint64 bandwidth = 0;
    qint64 latency = 0;
    qint64 connectLatency = 0;
    qint64 sqlRun = 0;
    if (!knob(parser, QStringLiteral("bandwidth"), "KMSYNC_MCSERVER_BANDWIDTH", bandwidth)
        || !knob(parser, QStringLiteral("latency"), "KMSYNC_MCSERVER_LATENCY_MS", latency)
        || !knob(parser, QStringLiteral("connect-latency"), "KMSYNC_MCSERVER_CONNECT_MS", connectLatency)
        || !knob(parser, QStringLiteral("sql-run"), "KMSYNC_MCSERVER_SQL_RUN_MS", sqlRun))
        return 2;
    kmsync::test::McServer server;
    server.setBandwidthPerConnection(bandwidth);
    server.setLatencyMs(int(latency));
    server.setConnectLatencyMs(int(connectLatency));
    server.setSqlRunMs(int(sqlRun));
    if (parser.isSet(QStringLiteral("separate-tunnel")))
        server.separateTunnel();
    if (server.start() == 0) {
        QTextStream(stderr) << "kmsync-mcserver: cannot listen on 127.0.0.1\n";
        return 1;
    }
    QTextStream(stdout) << QJsonDocument(server.connection()).toJson(QJsonDocument::Compact) << Qt::endl;
    return app.exec();
}
