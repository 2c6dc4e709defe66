// kmsync-cli sql --datasource NAME [--datasources F] [--env dev|prod] "STATEMENT"
// Runs MaxCompute DDL (CREATE TABLE, DROP TABLE, ALTER TABLE ... ADD|DROP PARTITION) on a datasource:
// translated to SQLite on a local warehouse, and (later) on MaxCompute itself for an odps datasource.
#include <cstdio>

#include <QCommandLineParser>

#include "app/cli/command.h"
#include "engine/job/destination.h"
#include "app/cli/taskoptions.h"
#include "engine/config/datasources.h"
#include "engine/warehouse/localwarehouse.h"
#include "engine/warehouse/mcsql.h"

namespace {

using namespace kmsync;

// The datasource named by --datasource in --datasources (default ./datasources.json) for --env.
engine::Result<engine::config::Datasource> lookupDatasource(const QCommandLineParser &parser)
{
    auto sources = engine::config::Datasources::load(parser.value(QStringLiteral("datasources")),
                                                     parser.value(QStringLiteral("env")));
    if (!sources)
        return sources.error();
    return sources->resolve(parser.value(QStringLiteral("datasource")));
}

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
                       "Several statements separated by ';' run in one transaction. On a local datasource the "
                       "warehouse file is created when missing."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("datasource"), QStringLiteral("The datasource to run on (local or odps)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("datasources"), QStringLiteral("The workspace's datasources file (default: ./datasources.json)."),
                      QStringLiteral("FILE"), QStringLiteral("datasources.json")});
    parser.addOption({QStringLiteral("env"), QStringLiteral("Which connection of the datasource: dev or prod (default: dev)."),
                      QStringLiteral("ENV"), QStringLiteral("dev")});
    parser.addPositionalArgument(QStringLiteral("STATEMENT"), QStringLiteral("MaxCompute DDL (quote it)."));

    if (!parser.parse(QStringList{QStringLiteral("kmsync-cli sql")} + arguments)) {
        cli::printError(command, parser.errorText());
        return cli::ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: kmsync-cli sql [options] STATEMENT"));
        std::fputs(qPrintable(help), stdout);
        return cli::ExitOk;
    }
    if (!parser.isSet(QStringLiteral("datasource"))) {
        cli::printError(command, QStringLiteral("--datasource NAME is required (a local or odps datasource of the "
                                                "workspace)"));
        return cli::ExitBadInput;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        cli::printError(command, QStringLiteral("expected one STATEMENT argument (quote the whole statement), got %1")
                                     .arg(positional.size()));
        return cli::ExitBadInput;
    }
    const QString sql = positional.first();
    const auto statements = engine::warehouse::parseScript(sql);
    if (!statements) {
        cli::printError(command, statements.error().message);
        return cli::ExitBadInput;
    }
    const auto datasource = lookupDatasource(parser);
    if (!datasource) {
        cli::printError(command, datasource.error().message);
        return cli::ExitBadInput;
    }

    if (datasource->type != QLatin1String("local") && datasource->type != QLatin1String("odps")) {
        cli::printError(command, QStringLiteral("datasource \"%1\" is of type %2; sql runs on local or odps datasources")
                                     .arg(datasource->name, datasource->type));
        return cli::ExitBadInput;
    }
    const auto done = engine::runDestinationSql(datasource.value(), sql, [](engine::LogLevel level, const QString &message) {
        if (level >= engine::LogLevel::Warning)
            std::fprintf(stderr, "kmsync-cli sql: %s\n", message.toUtf8().constData());
    });
    if (!done) {
        cli::printError(command, done.error().message);
        // DDL that does not fit the warehouse (exists, missing, bad spec) is bad input; I/O is a failed run.
        return done.error().code.startsWith(QLatin1String("sql."))
            ? cli::ExitBadInput
            : cli::ExitRunFailed;
    }
    for (const QString &line : done.value())
        std::printf("%s\n", line.toUtf8().constData());
    return cli::ExitOk;
}

const cli::Registration reg{{QStringLiteral("sql"),
                             QStringLiteral("Run MaxCompute DDL (CREATE/DROP TABLE, ADD/DROP PARTITION) on a datasource"),
                             &runSql}};

} // namespace
