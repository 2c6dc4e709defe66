// kmsync-cli ddl TASK.json [--datasources F] [--samples FILE | --from-window [--limit N]] [-p NAME=EXPR]...
//     [--cyctime T] [--apply]
// Prints the destination table's CREATE TABLE statement ("Generate destination table schema").
#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimeZone>

#include "app/cli/command.h"
#include "engine/job/destination.h"
#include "app/cli/taskoptions.h"
#include "engine/config/ddlgenerator.h"
#include "engine/config/taskloader.h"
#include "engine/job/drift.h"
#include "engine/job/taskrunner.h"

namespace {

using namespace kmsync;

// A field profile of the message values in `file`, one JSON document per line, with the task's time zone (so
// that strings that read as its date-times type as DATETIME).
engine::Result<engine::mapping::FieldProfile> readSamples(const QString &file, const engine::config::TaskConfig &task)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return engine::makeError(QStringLiteral("cli.samples"),
                                 QStringLiteral("cannot read --samples %1: %2").arg(file, f.errorString()));
    engine::mapping::FieldProfilerOptions options;
    if (task.reader.timeZone && !task.reader.timeZone->isEmpty())
        options.timeZone = QTimeZone(task.reader.timeZone->toUtf8());
    engine::mapping::FieldProfiler profiler({}, options);
    int lineNo = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        ++lineNo;
        if (line.isEmpty())
            continue;
        if (!profiler.addJson(std::string_view(line.constData(), std::size_t(line.size())))) {
            QJsonParseError error{};
            QJsonDocument::fromJson(line, &error);
            return engine::makeError(QStringLiteral("cli.samples"),
                                     QStringLiteral("--samples %1 line %2 is not JSON: %3")
                                         .arg(file)
                                         .arg(lineNo)
                                         .arg(error.error != QJsonParseError::NoError
                                                  ? error.errorString()
                                                  : QStringLiteral("not a document")));
        }
    }
    return profiler.profile();
}

int runDdl(const QStringList &arguments)
{
    const QString command = QStringLiteral("ddl");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints the CREATE TABLE statement for the task's destination: a table named after the topic "
                       "with the six Kafka fields, one column per mapped JSON path, the writer's partition keys and "
                       "LIFECYCLE 36500."));
    cli::addTaskOptions(parser);
    parser.addOption(
        {QStringLiteral("samples"),
         QStringLiteral("Message values, one JSON document per line, to infer the JSON path columns' types "
                        "from (default: STRING)."),
         QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("from-window"),
         QStringLiteral("Infer the JSON path columns' types from the message values of the task's window, read as "
                        "`drift` reads it (at most --limit messages).")});
    parser.addOption({QStringLiteral("limit"),
                      QStringLiteral("With --from-window: read at most N messages (default: the whole window)."),
                      QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("apply"),
         QStringLiteral("Also create the table on the writer's datasource (local warehouse or MaxCompute); "
                        "an existing table is left as it is (IF NOT EXISTS).")});
    QString taskPath;
    engine::config::TaskRunOptions options;
    if (const int code = cli::parseTaskCommand(parser, command, arguments, taskPath, options); code >= 0)
        return code;

    engine::config::ResolvedTask resolved;
    if (const int code = cli::loadTaskFile(command, taskPath, options, resolved); code >= 0)
        return code;
    const engine::config::TaskConfig &task = resolved.task;
    if (parser.isSet(QStringLiteral("samples")) && parser.isSet(QStringLiteral("from-window"))) {
        cli::printError(command, QStringLiteral("--samples and --from-window both give the types; use one"));
        return cli::ExitBadInput;
    }
    int limit = 0;
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || !parser.isSet(QStringLiteral("from-window"))) {
            cli::printError(command, QStringLiteral("--limit: \"%1\" is not a whole number >= 1 (and goes with "
                                                    "--from-window)")
                                         .arg(parser.value(QStringLiteral("limit"))));
            return cli::ExitBadInput;
        }
    }
    std::optional<engine::mapping::FieldProfile> profile;
    if (parser.isSet(QStringLiteral("samples"))) {
        auto read = readSamples(parser.value(QStringLiteral("samples")), task);
        if (!read) {
            cli::printError(command, read.error().message);
            return cli::ExitBadInput;
        }
        profile = std::move(read.value());
    } else if (parser.isSet(QStringLiteral("from-window"))) {
        const cli::StopOnSignal stop;
        auto report = engine::driftTask(resolved, limit, stop.token(),
                                        [&command](engine::LogLevel level, const QString &message) {
                                            cli::printLog(command, level, message);
                                        });
        if (!report) {
            cli::printError(command, report.error().message);
            if (report.error().code == QLatin1String(engine::kCancelledCode))
                return cli::ExitCancelled;
            return report.error().code.startsWith(QLatin1String("drift."))
                        || engine::isBadInputCode(report.error().code)
                     ? cli::ExitBadInput
                     : cli::ExitRunFailed;
        }
        profile = std::move(report->profile);
    }
    const auto schema = profile ? engine::config::ddlSchema(task, *profile) : engine::config::ddlSchema(task);
    if (!schema) {
        cli::printError(command, schema.error().message);
        return cli::ExitBadInput;
    }
    QTextStream out(stdout);
    const QString ddl = engine::config::renderDdl(schema.value());
    out << ddl;
    if (!parser.isSet(QStringLiteral("apply")))
        return cli::ExitOk;
    out.flush();
    const auto datasource = resolved.datasources.resolve(task.writer.datasource);
    if (!datasource) {
        cli::printError(command, datasource.error().message);
        return cli::ExitBadInput;
    }
    if (schema->name.compare(task.writer.table, Qt::CaseInsensitive) != 0) {
        cli::printError(command, QStringLiteral("warning: the generated table \"%1\" is named after the topic, but the "
                                                "writer writes to \"%2\"; edit one of them")
                                     .arg(schema->name, task.writer.table));
    }
    const cli::StopOnSignal stop; // Ctrl-C stops the DDL (and its SQL instance)
    const auto applied = engine::runDestinationSql(datasource.value(), ddl, stop.token());
    if (!applied) {
        cli::printError(command, applied.error().message);
        if (applied.error().code == QLatin1String(engine::kCancelledCode))
            return cli::ExitCancelled;
        return applied.error().code.startsWith(QLatin1String("sql.")) ? cli::ExitBadInput : cli::ExitRunFailed;
    }
    QTextStream err(stderr);
    for (const QString &line : applied.value())
        err << "kmsync-cli ddl: " << line << " on " << datasource->name << "\n";
    return cli::ExitOk;
}

const cli::Registration reg{
    {QStringLiteral("ddl"), QStringLiteral("Print the destination table's CREATE TABLE statement"), &runDdl}};

} // namespace
