#include "app/cli/datasourceoptions.h"

#include "app/cli/command.h"
#include "app/cli/commandline.h"
#include "app/cli/taskoptions.h"
#include "engine/config/datasources.h"

namespace kmsync::cli {

QCommandLineOption addDatasourceOptions(QCommandLineParser &parser, const QString &datasourceDescription)
{
    const QCommandLineOption help = parser.addHelpOption();
    parser.addOption({QStringLiteral("datasource"), datasourceDescription, QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("datasources"),
                      QStringLiteral("The workspace's datasources file (default: ./datasources.json)."),
                      QStringLiteral("FILE"), QStringLiteral("datasources.json")});
    parser.addOption({QStringLiteral("env"),
                      QStringLiteral("Which connection of the datasource: dev or prod (default: dev)."),
                      QStringLiteral("ENV"), QStringLiteral("dev")});
    return help;
}

int parseDatasourceCommand(QCommandLineParser &parser, const QString &command, const QStringList &arguments,
                           const QCommandLineOption &help)
{
    if (const int code = parseCommandLine(parser, command, arguments, help); code >= 0)
        return code;
    if (!parser.isSet(QStringLiteral("datasource"))) {
        printError(command,
                   QStringLiteral("--datasource NAME is required (a local or odps datasource of the workspace)"));
        return ExitBadInput;
    }
    return -1;
}

std::optional<engine::config::Datasource> destinationDatasource(const QCommandLineParser &parser,
                                                                const QString &command)
{
    const auto sources = engine::config::Datasources::load(parser.value(QStringLiteral("datasources")),
                                                           parser.value(QStringLiteral("env")));
    if (!sources) {
        printError(command, sources.error().message);
        return std::nullopt;
    }
    auto datasource = sources->resolve(parser.value(QStringLiteral("datasource")));
    if (!datasource) {
        printError(command, datasource.error().message);
        return std::nullopt;
    }
    if (!engine::config::isDestinationKind(datasource->kind)) {
        printError(command, QStringLiteral("datasource \"%1\" is of type %2; %3 runs on local or odps datasources")
                                .arg(datasource->name, engine::config::datasourceKindName(datasource->kind), command));
        return std::nullopt;
    }
    return std::move(datasource.value());
}

} // namespace kmsync::cli
