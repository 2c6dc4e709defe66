// kmsync-cli preview TASK.json [--datasources F] [--env dev|prod] [-p NAME=EXPR]... [--cyctime T] [--limit N]
// Prints the first N messages of the task's range as JSON lines of mapped records, exactly as a run would
// write them; nothing is written. A dirty record prints {"_partition":..,"_offset":..,"_dirty":"reason"}.
// Times (_time, DATETIME and TIMESTAMP columns) are wall-clock times in the task's time zone, which they name.
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "app/cli/command.h"
#include "app/cli/taskoptions.h"
#include "engine/config/taskloader.h"
#include "engine/job/preview.h"

namespace {

using namespace kmsync;

int runPreview(const QStringList &arguments)
{
    const QString command = QStringLiteral("preview");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Maps the first messages of the task's range as a run would and prints them as JSON lines "
                       "(one object per message: _partition, _offset, _timestamp (epoch ms), _time (that time in the "
                       "task's time zone, named), then the destination columns; DATETIME and TIMESTAMP values are "
                       "in the task's time zone too; dirty records carry _dirty with the reason). Writes nothing."));
    parser.addOption(QCommandLineOption(QStringLiteral("limit"), QStringLiteral("How many messages (default 10)."),
                                        QStringLiteral("N"), QStringLiteral("10")));
    cli::addTaskOptions(parser);
    QString taskPath;
    engine::config::TaskRunOptions options;
    if (const int code = cli::parseTaskCommand(parser, command, arguments, taskPath, options); code >= 0)
        return code;
    bool ok = false;
    const int limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 1) {
        cli::printError(command, QStringLiteral("--limit: \"%1\" is not a whole number >= 1")
                                     .arg(parser.value(QStringLiteral("limit"))));
        return cli::ExitBadInput;
    }
    engine::config::ResolvedTask resolved;
    if (const int code = cli::loadValidTask(command, taskPath, options, resolved); code >= 0)
        return code;
    QTextStream err(stderr);
    const cli::StopOnSignal stop; // Ctrl-C ends the reading early; what was read is shown
    const auto preview =
        engine::previewTask(resolved, limit, stop.token(),
                            [&err, &command](engine::LogLevel level, const QString &message) {
                                err.flush();
                                cli::printLog(command, level,
                                              message); // the run's format: "warning: " before a warning
                            });
    if (!preview.ok()) {
        cli::printError(command, preview.error().message);
        if (preview.error().code == QLatin1String(engine::kCancelledCode))
            return cli::ExitCancelled;
        return cli::ExitRunFailed;
    }
    if (!preview->tableExists) {
        err << "kmsync-cli preview: table \"" << preview->table.name
            << "\" does not exist yet; showing the columns of the generated DDL\n";
    }
    QTextStream out(stdout);
    for (const auto &record : preview->records) {
        QJsonObject line{{QStringLiteral("_partition"), record.partition},
                         {QStringLiteral("_offset"), qint64(record.offset)},
                         {QStringLiteral("_timestamp"), qint64(record.timestampMs)}};
        if (record.timestampMs >= 0)
            line.insert(QStringLiteral("_time"), engine::config::zonedTimeText(record.timestampMs, preview->timeZone));
        if (record.dirty) {
            line.insert(QStringLiteral("_dirty"), record.reason);
        } else {
            for (auto it = record.columns.begin(); it != record.columns.end(); ++it)
                line.insert(it.key(), it.value());
        }
        out << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
    }
    return cli::ExitOk;
}

const cli::Registration reg{
    {QStringLiteral("preview"), QStringLiteral("Show mapped records of a task's range (writes nothing)"), &runPreview}};

} // namespace
