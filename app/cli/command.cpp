#include "app/cli/command.h"

namespace kmsync::cli {

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

} // namespace kmsync::cli
