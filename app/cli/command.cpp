#include "app/cli/command.h"

#include <QRegularExpression>
#include <QTextStream>

#include <csignal>

namespace kmsync::cli {

namespace {

engine::StopToken g_signalled; // lock-free, so the handler may set it

extern "C" void onStopSignal(int)
{
    g_signalled.requestStop();
}

// An argument as it can be pasted into a shell: as is when plain, else in single quotes.
QString shellQuoted(const QString &argument)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./=:,@%+-]+$"));
    if (plain.match(argument).hasMatch())
        return argument;
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

StopOnSignal::StopOnSignal()
{
    g_signalled.reset();
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
}

StopOnSignal::~StopOnSignal()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

const engine::StopToken &StopOnSignal::token() const
{
    return g_signalled;
}

std::map<QString, Command> &commandRegistry()
{
    static std::map<QString, Command> registry;
    return registry;
}

Registration::Registration(Command command)
{
    const QString name = command.name;
    commandRegistry().emplace(name, std::move(command));
}

void printLog(const QString &command, engine::LogLevel level, const QString &message)
{
    if (level == engine::LogLevel::Debug)
        return;
    const char *prefix = level == engine::LogLevel::Error   ? "error: "
                       : level == engine::LogLevel::Warning ? "warning: "
                                                            : "";
    QTextStream err(stderr);
    err << "kmsync-cli " << command << ": " << prefix << message << "\n";
    err.flush();
}

QString adviceFor(const QString &errorCode, const QString &taskPath)
{
    const QString task = taskPath.isEmpty() ? QStringLiteral("TASK") : shellQuoted(taskPath);
    if (errorCode == QLatin1String("sink.no_such_table"))
        return QStringLiteral("create it with kmsync-cli ddl %1 --apply or kmsync-cli sql").arg(task);
    if (errorCode == QLatin1String("datasource.no_file"))
        return QStringLiteral("pass --datasources FILE or put datasources.json next to the task");
    if (errorCode == QLatin1String("backfill.no_schedule"))
        return QStringLiteral("pass --cycle day, hour, 5min, week or month");
    if (errorCode == QLatin1String("query.not_read_only"))
        return QStringLiteral("use kmsync-cli sql for CREATE/DROP TABLE and partitions");
    return {};
}

void printAdvice(const QString &command, const QString &errorCode, const QString &taskPath)
{
    const QString advice = adviceFor(errorCode, taskPath);
    if (!advice.isEmpty())
        printLog(command, engine::LogLevel::Info, advice);
}

} // namespace kmsync::cli
