// kmsync-cli query --datasource NAME [--datasources F] [--env dev|prod] [--max-rows N] "SQL"
// Runs one read-only query on a local warehouse and prints CSV with a header, e.g. the checks from the
// DataWorks guide: select count(*) from test_project.test_table where ds=2022112200;
#include <cstdio>

#include <QCommandLineParser>
#include <QFile>

#include "app/cli/command.h"
#include "engine/job/destination.h"
#include "app/cli/taskoptions.h"
#include "engine/config/datasources.h"
#include "engine/warehouse/csvwriter.h"
#include "engine/warehouse/localwarehouse.h"

namespace {

using namespace kmsync;

constexpr int kDefaultMaxRows = 10000;

// The datasource named by --datasource in --datasources (default ./datasources.json) for --env.
engine::Result<engine::config::Datasource> lookupDatasource(const QCommandLineParser &parser)
{
    auto sources = engine::config::Datasources::load(parser.value(QStringLiteral("datasources")),
                                                     parser.value(QStringLiteral("env")));
    if (!sources)
        return sources.error();
    return sources->resolve(parser.value(QStringLiteral("datasource")));
}

int runQuery(const QStringList &arguments)
{
    const QString command = QStringLiteral("query");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs one read-only SQL query (SELECT) on a local warehouse datasource and prints the result as "
                       "CSV with a header: NULL as an empty field, BOOLEAN as true/false, DATETIME as "
                       "yyyy-MM-dd HH:mm:ss. A \"project.\" prefix on table names is accepted. Statements that "
                       "would change the warehouse are rejected (exit code 2)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("datasource"), QStringLiteral("The datasource to query (local or odps)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("datasources"), QStringLiteral("The workspace's datasources file (default: ./datasources.json)."),
                      QStringLiteral("FILE"), QStringLiteral("datasources.json")});
    parser.addOption({QStringLiteral("env"), QStringLiteral("Which connection of the datasource: dev or prod (default: dev)."),
                      QStringLiteral("ENV"), QStringLiteral("dev")});
    parser.addOption({QStringLiteral("max-rows"),
                      QStringLiteral("Print at most N rows (default %1); says so on stderr when more matched.")
                          .arg(kDefaultMaxRows),
                      QStringLiteral("N"), QString::number(kDefaultMaxRows)});
    parser.addPositionalArgument(QStringLiteral("SQL"), QStringLiteral("One SELECT statement."));

    if (!parser.parse(QStringList{QStringLiteral("kmsync-cli query")} + arguments)) {
        cli::printError(command, parser.errorText());
        return cli::ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: kmsync-cli query [options] SQL"));
        std::fputs(qPrintable(help), stdout);
        return cli::ExitOk;
    }
    if (!parser.isSet(QStringLiteral("datasource"))) {
        cli::printError(command, QStringLiteral("--datasource NAME is required (a local or odps datasource of the workspace)"));
        return cli::ExitBadInput;
    }
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
    const auto datasource = lookupDatasource(parser);
    if (!datasource) {
        cli::printError(command, datasource.error().message);
        return cli::ExitBadInput;
    }
    if (datasource->type != QLatin1String("local") && datasource->type != QLatin1String("odps")) {
        cli::printError(command, QStringLiteral("datasource \"%1\" is of type %2; query runs on local or odps datasources")
                                     .arg(datasource->name, datasource->type));
        return cli::ExitBadInput;
    }
    const auto result = engine::queryDestination(datasource.value(), positional.first(), maxRows);
    if (!result) {
        cli::printError(command, result.error().message);
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
        cli::printError(command, QStringLiteral("output truncated to %1 rows (--max-rows %1); more rows matched")
                                     .arg(maxRows));
    }
    return cli::ExitOk;
}

const cli::Registration reg{{QStringLiteral("query"), QStringLiteral("Run a read-only SQL query on a destination (CSV)"),
                             &runQuery}};

} // namespace
