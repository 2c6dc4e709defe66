// kmsync-cli sql --datasource NAME [--datasources F] [--env dev|prod] "STATEMENT"
// Runs MaxCompute DDL (CREATE TABLE, DROP TABLE, ALTER TABLE ... ADD|DROP PARTITION, ADD COLUMNS) on a datasource:
// translated to SQLite on a local warehouse, and on MaxCompute itself for an odps datasource, through
// engine/job/destination.h as the GUI's "Create table" does.
#include <cstdio>

#include <QCommandLineParser>

#include "app/cli/command.h"
#include "app/cli/datasourceoptions.h"
#include "engine/job/destination.h"
#include "app/cli/taskoptions.h"

namespace {

using namespace kmsync;

int runSql(const QStringList &arguments)
{
    const QString command = QStringLiteral("sql");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs MaxCompute DDL on a datasource and prints what it did:\n"
                       "  CREATE TABLE [IF NOT EXISTS] [project.]t (col TYPE [NOT NULL] [COMMENT 'x'], ...)\n"
                       "      [COMMENT 'x'] [PARTITIONED BY (k TYPE, ...)] [LIFECYCLE n]\n"
                       "  DROP TABLE [IF EXISTS] t\n"
                       "  ALTER TABLE t ADD [IF NOT EXISTS] PARTITION (k='v'[, ...]) [PARTITION (...)]...\n"
                       "  ALTER TABLE t DROP [IF EXISTS] PARTITION (k='v'[, ...])[, PARTITION (...)]...\n"
                       "  ALTER TABLE t ADD COLUMNS (col TYPE [COMMENT 'x'], ...)   (existing rows read NULL)\n"
                       "Several statements separated by ';' run in one transaction. On a local datasource the "
                       "warehouse file is created when missing."));
    const QCommandLineOption help = cli::addDatasourceOptions(parser, QStringLiteral(
                                                                          "The datasource to run on (local or odps)."));
    parser.addPositionalArgument(QStringLiteral("STATEMENT"), QStringLiteral("MaxCompute DDL (quote it)."));

    if (const int code = cli::parseDatasourceCommand(parser, command, arguments, help); code >= 0)
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        cli::printError(command, QStringLiteral("expected one STATEMENT argument (quote the whole statement), got %1")
                                     .arg(positional.size()));
        return cli::ExitBadInput;
    }
    const QString &sql = positional.first();
    if (const auto parsed = engine::checkDestinationSql(sql); !parsed) {
        cli::printError(command, parsed.error().message);
        return cli::ExitBadInput;
    }
    const auto datasource = cli::destinationDatasource(parser, command);
    if (!datasource)
        return cli::ExitBadInput;
    const cli::StopOnSignal stop; // Ctrl-C stops the statement (and its SQL instance)
    const auto done = engine::runDestinationSql(datasource.value(), sql, stop.token(),
                                                [](engine::LogLevel level, const QString &message) {
                                                    if (level >= engine::LogLevel::Warning)
                                                        std::fprintf(stderr, "kmsync-cli sql: %s\n",
                                                                     message.toUtf8().constData());
                                                });
    if (!done) {
        cli::printError(command, done.error().message);
        if (done.error().code == QLatin1String(engine::kCancelledCode))
            return cli::ExitCancelled;
        // DDL that does not fit the warehouse (exists, missing, bad spec) is bad input; I/O is a failed run.
        return done.error().code.startsWith(QLatin1String("sql.")) ? cli::ExitBadInput : cli::ExitRunFailed;
    }
    for (const QString &line : done.value())
        std::printf("%s\n", line.toUtf8().constData());
    return cli::ExitOk;
}

const cli::Registration reg{
    {QStringLiteral("sql"),
     QStringLiteral("Run MaxCompute DDL (CREATE/DROP TABLE, ADD/DROP PARTITION, ADD COLUMNS) on a datasource"),
     &runSql}};

} // namespace
