// kmsync-cli query --datasource NAME [--datasources F] [--env dev|prod] [--max-rows N] "SQL"
// Runs one read-only query on a local warehouse and prints CSV with a header, e.g. the checks from the
// DataWorks guide: select count(*) from test_project.test_table where ds=2022112200;
#include <QCommandLineParser>
#include <QFile>

#include "app/cli/command.h"
#include "app/cli/datasourceoptions.h"
#include "engine/job/destination.h"
#include "app/cli/taskoptions.h"
#include "engine/warehouse/csvwriter.h"

namespace {

using namespace kmsync;

constexpr int kDefaultMaxRows = 10000;

int runQuery(const QStringList &arguments)
{
    const QString command = QStringLiteral("query");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs one read-only SQL query (SELECT) on a local warehouse datasource and prints the result as "
                       "CSV with a header: NULL as an empty field, BOOLEAN as true/false, DATETIME as "
                       "yyyy-MM-dd HH:mm:ss. A \"project.\" prefix on table names is accepted. Statements that "
                       "would change the warehouse are rejected (exit code 2)."));
    const QCommandLineOption help = cli::addDatasourceOptions(parser, QStringLiteral(
                                                                          "The datasource to query (local or odps)."));
    parser.addOption(
        {QStringLiteral("max-rows"),
         QStringLiteral("Print at most N rows (default %1); says so on stderr when more matched.").arg(kDefaultMaxRows),
         QStringLiteral("N"), QString::number(kDefaultMaxRows)});
    parser.addPositionalArgument(QStringLiteral("SQL"), QStringLiteral("One SELECT statement."));

    if (const int code = cli::parseDatasourceCommand(parser, command, arguments, help); code >= 0)
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        cli::printError(command, QStringLiteral("expected one SQL argument (quote the whole query), got %1")
                                     .arg(positional.size()));
        return cli::ExitBadInput;
    }
    bool ok = false;
    const int maxRows = parser.value(QStringLiteral("max-rows")).toInt(&ok);
    if (!ok || maxRows < 1) {
        cli::printError(command, QStringLiteral("--max-rows \"%1\" is not allowed: give a positive number of rows")
                                     .arg(parser.value(QStringLiteral("max-rows"))));
        return cli::ExitBadInput;
    }
    const auto datasource = cli::destinationDatasource(parser, command);
    if (!datasource)
        return cli::ExitBadInput;
    const cli::StopOnSignal stop; // Ctrl-C stops the query (and its SQL instance)
    const auto result = engine::queryDestination(datasource.value(), positional.first(), maxRows, stop.token());
    if (!result) {
        cli::printError(command, result.error().message);
        cli::printAdvice(command, result.error().code);
        if (result.error().code == QLatin1String(engine::kCancelledCode))
            return cli::ExitCancelled;
        const QString code = result.error().code;
        return code == QLatin1String("query.io") || code.startsWith(QLatin1String("maxcompute.")) ? cli::ExitRunFailed
                                                                                                  : cli::ExitBadInput;
    }
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return cli::ExitRunFailed;
    out.write(engine::warehouse::toCsv(result.value()));
    out.close();
    if (result->truncated) {
        cli::printError(command,
                        QStringLiteral("output truncated to %1 rows (--max-rows %1); more rows matched").arg(maxRows));
    }
    return cli::ExitOk;
}

const cli::Registration reg{
    {QStringLiteral("query"), QStringLiteral("Run a read-only SQL query on a destination (CSV)"), &runQuery}};

} // namespace
