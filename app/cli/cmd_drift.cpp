// kmsync-cli drift TASK.json [--datasources F] [--env dev|prod] [-p NAME=EXPR]... [--cyctime T] [--limit N]
// Reads the task's range as `preview` does and prints one JSON object: the leaf paths the message values hold
// that the mapping does not (with counts, JSON types and a sample), the mapped paths no message holds, mapped
// values that do not convert to their column's type, and the ALTER TABLE ... ADD COLUMNS to follow.
// Exit 0 when the report was produced (drift or not), 1 when the source could not be read, 2 bad input.
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

#include "app/cli/command.h"
#include "app/cli/taskoptions.h"
#include "engine/config/taskloader.h"
#include "engine/job/drift.h"
#include "engine/job/taskrunner.h"

namespace {

using namespace kmsync;

int runDrift(const QStringList &arguments)
{
    const QString command = QStringLiteral("drift");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Profiles the message values of the task's range against its mapping and prints one JSON "
                       "object: messages, invalid (not JSON), unmapped (leaf paths the mapping misses: path, count, "
                       "types, sample, and the column to add), neverSeen (mapped paths no message holds), "
                       "typeConflicts (mapped values that do not convert to the column type) and alter (ALTER TABLE "
                       "... ADD COLUMNS for the unmapped paths, or null). Writes nothing. Exit 0 report produced, 1 "
                       "source unreadable, 2 bad input."));
    parser.addOption(QCommandLineOption(QStringLiteral("limit"),
                                        QStringLiteral("Read at most N messages (default: the whole range)."),
                                        QStringLiteral("N")));
    cli::addTaskOptions(parser);
    QString taskPath;
    engine::config::TaskRunOptions options;
    if (const int code = cli::parseTaskCommand(parser, command, arguments, taskPath, options); code >= 0)
        return code;
    int limit = 0;
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1) {
            cli::printError(command, QStringLiteral("--limit: \"%1\" is not a whole number >= 1")
                                         .arg(parser.value(QStringLiteral("limit"))));
            return cli::ExitBadInput;
        }
    }
    engine::config::ResolvedTask resolved;
    if (const int code = cli::loadValidTask(command, taskPath, options, resolved); code >= 0)
        return code;
    const cli::StopOnSignal stop; // Ctrl-C stops reading; no report is printed then
    const auto report = engine::driftTask(resolved, limit, stop.token(),
                                          [&command](engine::LogLevel level, const QString &message) {
                                              cli::printLog(command, level, message);
                                          });
    if (!report.ok()) {
        cli::printError(command, report.error().message);
        if (report.error().code == QLatin1String(engine::kCancelledCode))
            return cli::ExitCancelled;
        if (report.error().code.startsWith(QLatin1String("drift.")) || engine::isBadInputCode(report.error().code))
            return cli::ExitBadInput;
        return cli::ExitRunFailed;
    }
    if (!report->tableExists) {
        QTextStream(stderr) << "kmsync-cli drift: table \"" << report->table.name
                            << "\" does not exist yet; columns and types are those of the generated DDL\n";
    }
    QTextStream(stdout) << QJsonDocument(engine::driftJson(report.value())).toJson(QJsonDocument::Indented);
    return cli::ExitOk;
}

const cli::Registration reg{{QStringLiteral("drift"),
                             QStringLiteral("Report schema drift of a task's range: unmapped and never-seen paths, "
                                            "type conflicts, ALTER TABLE to follow"),
                             &runDrift}};

} // namespace
