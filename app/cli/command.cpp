#include "app/cli/command.h"

#include <QTextStream>

#include <csignal>

namespace kmsync::cli {

namespace {

engine::StopToken g_signalled; // lock-free, so the handler may set it

extern "C" void onStopSignal(int)
{
    g_signalled.requestStop();
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

} // namespace kmsync::cli
