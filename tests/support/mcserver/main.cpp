// kmsync-mcserver: runs the MaxCompute test server until interrupted and prints its datasource connection object.
//   kmsync-mcserver [--bandwidth BYTES_PER_S] [--latency MS] [--connect-latency MS] [--sql-run MS] [--separate-tunnel]
// The knobs make it a service far away (per connection on request bodies; added to every answer; added to the first
// answer on each connection, for its handshakes; how long an SQL instance such as ADD PARTITION runs); the environment
// variables KMSYNC_MCSERVER_BANDWIDTH, KMSYNC_MCSERVER_LATENCY_MS, KMSYNC_MCSERVER_CONNECT_MS and
// KMSYNC_MCSERVER_SQL_RUN_MS set them too (the options win). --separate-tunnel puts the Tunnel endpoint (what discovery
// answers) on a second port: another host than the service to the client, as on Alibaba Cloud, with connections of
// its own.
#include <array>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include "tests/support/mcserver/mcserver.h"

namespace {

// A whole-number setting: its option, the environment variable that sets it too (the option wins), what it means,
// and its value once read.
struct Knob
{
    const char *option;
    const char *env;
    const char *help;
    const char *valueName;
    qint64 value = 0;

    QCommandLineOption commandLineOption() const
    {
        return QCommandLineOption(QString::fromLatin1(option),
                                  QStringLiteral("%1 (env %2).")
                                      .arg(QString::fromLatin1(help), QString::fromLatin1(env)),
                                  QString::fromLatin1(valueName));
    }

    // A whole number >= 0 from the option, else the environment variable, else 0; false (and a message) when
    // malformed.
    bool read(const QCommandLineParser &parser)
    {
        const QString name = QString::fromLatin1(option);
        QString text = parser.value(name);
        QString from = QStringLiteral("--") + name;
        if (!parser.isSet(name)) {
            text = qEnvironmentVariable(env);
            from = QString::fromLatin1(env);
        }
        value = 0;
        if (text.isEmpty())
            return true;
        bool ok = false;
        value = text.toLongLong(&ok);
        if (!ok || value < 0) {
            QTextStream(stderr) << "kmsync-mcserver: " << from << " \"" << text << "\" is not a whole number >= 0\n";
            return false;
        }
        return true;
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The kmsync MaxCompute test server (REST + Tunnel) on 127.0.0.1."));
    parser.addHelpOption();
    Knob bandwidth{"bandwidth", "KMSYNC_MCSERVER_BANDWIDTH", "Request-body bytes per second per connection (0: no cap)",
                   "BYTES_PER_S"};
    Knob latency{"latency", "KMSYNC_MCSERVER_LATENCY_MS", "Milliseconds added to every answer", "MS"};
    Knob connectLatency{"connect-latency", "KMSYNC_MCSERVER_CONNECT_MS",
                        "Milliseconds added to the first answer on each connection, for its TCP and TLS handshakes",
                        "MS"};
    Knob sqlRun{"sql-run", "KMSYNC_MCSERVER_SQL_RUN_MS",
                "Milliseconds an SQL instance runs before its status says Terminated", "MS"};
    const std::array<Knob *, 4> knobs{&bandwidth, &latency, &connectLatency, &sqlRun};
    for (const Knob *knob : knobs)
        parser.addOption(knob->commandLineOption());
    parser.addOption(QCommandLineOption(QStringLiteral("separate-tunnel"),
                                        QStringLiteral("Serve the Tunnel endpoint on a second port, so that clients "
                                                       "open connections of their own to it (default: one port).")));
    parser.process(app);
    for (Knob *knob : knobs) {
        if (!knob->read(parser))
            return 2;
    }
    kmsync::test::McServer server;
    server.setBandwidthPerConnection(bandwidth.value);
    server.setLatencyMs(int(latency.value));
    server.setConnectLatencyMs(int(connectLatency.value));
    server.setSqlRunMs(int(sqlRun.value));
    if (parser.isSet(QStringLiteral("separate-tunnel")))
        server.separateTunnel();
    if (server.start() == 0) {
        QTextStream(stderr) << "kmsync-mcserver: cannot listen on 127.0.0.1\n";
        return 1;
    }
    QTextStream(stdout) << QJsonDocument(server.connection()).toJson(QJsonDocument::Compact) << Qt::endl;
    return app.exec();
}
