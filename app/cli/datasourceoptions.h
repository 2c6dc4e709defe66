#pragma once

#include <optional>

#include <QCommandLineParser>
#include <QString>

#include "engine/config/datasource.h"

namespace kmsync::cli {

// The options of the commands that run on one destination datasource (query, sql):
//   --datasource NAME    the datasource (local or odps); `datasourceDescription` is its help text
//   --datasources FILE   the workspace's datasources file (default ./datasources.json)
//   --env dev|prod       which connection of the datasource (default dev)
// after Qt's --help option, which the returned option is.
QCommandLineOption addDatasourceOptions(QCommandLineParser &parser, const QString &datasourceDescription);

// parseCommandLine() (see commandline.h), then requires --datasource. Returns -1 when the command should
// go on, else the exit code (the message is printed).
int parseDatasourceCommand(QCommandLineParser &parser, const QString &command, const QStringList &arguments,
                           const QCommandLineOption &help);

// The local or odps datasource named by --datasource in --datasources for --env. Prints
// "kmsync-cli <command>: <message>" and returns nothing when the file or the name does not resolve or the
// datasource is of another type (the command then exits with ExitBadInput).
std::optional<engine::config::Datasource> destinationDatasource(const QCommandLineParser &parser,
                                                                const QString &command);

} // namespace kmsync::cli
