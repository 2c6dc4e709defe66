// kmsync-cli: the headless front end over the engine. See `kmsync-cli --help`.
#include <cstdio>

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>
#include <QTranslator>

#include "app/cli/command.h"
#include "engine/core/crashhandler.h"
#include "engine/engine.h"

using namespace kmsync;

namespace {

void printUsage(QTextStream &out)
{
    out << "Usage: kmsync-cli COMMAND [OPTIONS]\n"
           "Kafka to MaxCompute batch synchronization (DataWorks script-mode task files).\n\n"
           "Commands:\n";
    for (const auto &[name, command] : cli::commandRegistry())
        out << "  " << name.leftJustified(10) << " " << command.summary << "\n";
    out << "\nRun 'kmsync-cli COMMAND --help' for a command's options.\n"
           "Exit codes: 0 ok, 1 run failed, 2 bad input or config, 3 cancelled.\n";
}

// kmsync-cli speaks English unless the environment asks for Chinese (the first of LANGUAGE, LC_ALL, LC_MESSAGES
// and LANG that is set starts with "zh"): then what the engine tells the user (the run log, errors) is in 简体中文.
// The CLI's own texts (usage, --help) stay English.
bool wantsChinese()
{
    for (const char *name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const QByteArray value = qgetenv(name);
        if (!value.isEmpty())
            return value.startsWith("zh");
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    engine::installCrashHandler("kmsync-cli");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kmsync-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KMSYNC_VERSION));
    QTranslator chinese; // the engine's messages (translations/kmsync_zh_CN.ts, embedded by kmsync_i18n)
    if (wantsChinese() && chinese.load(QStringLiteral(":/i18n/kmsync_zh_CN")))
        QCoreApplication::installTranslator(&chinese);

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")
        || args.first() == QLatin1String("help")) {
        printUsage(args.isEmpty() ? err : out);
        return args.isEmpty() ? cli::ExitBadInput : cli::ExitOk;
    }
    if (args.first() == QLatin1String("--version") || args.first() == QLatin1String("version")) {
        out << engine::versionString() << "\n";
        return cli::ExitOk;
    }
    const QString name = args.takeFirst();
    const auto &registry = cli::commandRegistry();
    const auto it = registry.find(name);
    if (it == registry.end()) {
        err << "kmsync-cli: unknown command \"" << name << "\"\n\n";
        printUsage(err);
        return cli::ExitBadInput;
    }
    return it->second.run(args);
}
