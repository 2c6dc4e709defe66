// kmsync-cli sandbox: keep an in-process Kafka sandbox (mock cluster seeded with the `clicks` topic) running
// until SIGINT/SIGTERM, so that other kmsync runs, kcat or any Kafka client can read it.
#include <atomic>
#include <csignal>
#include <thread>

#include <QCommandLineParser>
#include <QTextStream>

#include "app/cli/command.h"
#include "engine/kafka/sandboxcluster.h"

using namespace kmsync;
using namespace kmsync::engine;

namespace {

std::atomic<bool> g_stop{false};

void onSandboxStopSignal(int)
{
    g_stop.store(true);
}

QString helpText(const QCommandLineParser &parser)
{
    QString text = parser.helpText();
    const qsizetype options = text.indexOf(QLatin1String(" [options]"));
    if (text.startsWith(QLatin1String("Usage: ")) && options > 0)
        text.replace(7, options - 7, QStringLiteral("kmsync-cli sandbox"));
    return text;
}

int runSandbox(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto fail = [&err](const QString &message, int code) {
        err << "kmsync-cli sandbox: " << message << "\n";
        return code;
    };
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Starts an in-process Kafka sandbox (a librdkafka mock cluster on 127.0.0.1) seeded with the topic `clicks`:\n"
        "JSON click events with nested objects, arrays and keys with dots, user-id keys (some null), headers on\n"
        "some messages, timestamps over 48 hours (some out of order) and a few malformed values.\n"
        "The timestamps cover the 48 hours before the end of today in Asia/Shanghai (yesterday and today there),\n"
        "so every run on the same day gets the same messages and a day's window holds the same counts every day;\n"
        "--relative-to-now ends them at the current time instead.\n"
        "The first stdout line is bootstrap.servers=127.0.0.1:PORT, then a summary of the topic. It runs until\n"
        "SIGINT or SIGTERM (exit code 0). The same seed gives the same messages."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption partitions(QStringLiteral("partitions"),
                                        QStringLiteral("Partitions of the topic (default 4)."), QStringLiteral("N"),
                                        QStringLiteral("4"));
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("Messages to seed (default 3000)."),
                                      QStringLiteral("N"), QStringLiteral("3000"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the generated data (default 1)."),
                                  QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption relativeToNow(
        QStringLiteral("relative-to-now"),
        QStringLiteral("End the timestamps at the current time instead of the end of today (Asia/Shanghai)."));
    parser.addOptions({help, partitions, messages, seed, relativeToNow});
    if (!parser.parse(QStringList{QStringLiteral("kmsync-cli sandbox")} + arguments))
        return fail(parser.errorText(), cli::ExitBadInput);
    if (parser.isSet(help)) {
        out << helpText(parser);
        return cli::ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()),
                    cli::ExitBadInput);
    kafka::SandboxOptions options;
    bool ok = false;
    options.partitions = parser.value(partitions).toInt(&ok);
    if (!ok || options.partitions < 1 || options.partitions > 1000)
        return fail(QStringLiteral("--partitions: \"%1\" is not a number from 1 to 1000").arg(parser.value(partitions)),
                    cli::ExitBadInput);
    options.messages = parser.value(messages).toInt(&ok);
    if (!ok || options.messages < 0 || options.messages > 1000000)
        return fail(QStringLiteral("--messages: \"%1\" is not a number from 0 to 1000000").arg(parser.value(messages)),
                    cli::ExitBadInput);
    options.seed = parser.value(seed).toUInt(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed: \"%1\" is not a number from 0 to 4294967295").arg(parser.value(seed)),
                    cli::ExitBadInput);

    options.relativeToNow = parser.isSet(relativeToNow);

    std::signal(SIGINT, &onSandboxStopSignal);
    std::signal(SIGTERM, &onSandboxStopSignal);
    auto sandbox = kafka::SandboxCluster::start(options);
    if (!sandbox)
        return fail(sandbox.error().message, cli::ExitRunFailed);
    out << "bootstrap.servers=" << (*sandbox)->bootstrapServers() << "\n";
    out << (*sandbox)->summary() << "\n";
    out << "Running until SIGINT or SIGTERM.\n";
    out.flush();
    while (!g_stop.load())
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    out << "Sandbox stopped.\n";
    return cli::ExitOk;
}

const cli::Registration reg{{QStringLiteral("sandbox"),
                             QStringLiteral("Run a local Kafka sandbox seeded with sample click events"), &runSandbox}};

} // namespace
