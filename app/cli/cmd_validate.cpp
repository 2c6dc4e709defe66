// kmsync-cli validate TASK.json [--datasources F] [--env dev|prod] [-p NAME=EXPR]... [--cyctime T]
// Prints one "ERROR|WARNING <path>: <message>" line per finding to stdout; exit 0 when the task has no
// errors (warnings allowed), 2 when it has errors or cannot be read. A valid task also gets one line on stderr,
// "OK: TASK (N columns, window BEGIN to END ZONE)", so a person sees it worked while stdout stays the findings.
#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QTextStream>

#include "app/cli/command.h"
#include "app/cli/taskoptions.h"
#include "engine/config/taskloader.h"

namespace {

using namespace kmsync;

// One end of the reader's range as the task gives it after substitution: a time (yyyyMMddHHmmss shown as
// "yyyy-MM-dd HH:mm:ss"), an offset keyword or number, or epoch milliseconds.
QString rangeEnd(const std::optional<QString> &dateTime, const QJsonValue &offset, const QJsonValue &millis)
{
    if (dateTime && !dateTime->isEmpty()) {
        const QDateTime t = QDateTime::fromString(*dateTime, QStringLiteral("yyyyMMddHHmmss"));
        return t.isValid() ? t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : *dateTime;
    }
    if (!millis.isUndefined() && !millis.isNull())
        return QStringLiteral("%1 ms").arg(millis.isString() ? millis.toString()
                                                             : QString::number(qint64(millis.toDouble())));
    if (!offset.isUndefined() && !offset.isNull())
        return offset.isString() ? offset.toString() : QStringLiteral("offset %1").arg(qint64(offset.toDouble()));
    return QStringLiteral("(none)");
}

int runValidate(const QStringList &arguments)
{
    const QString command = QStringLiteral("validate");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Checks a task file: required keys, value types, begin/end, column mapping, JSON paths, "
                       "datasources and unresolved ${parameters}.\nPrints one \"ERROR|WARNING <path>: <message>\" "
                       "line per finding; exit 0 when valid, 2 when not."));
    cli::addTaskOptions(parser);
    QString taskPath;
    engine::config::TaskRunOptions options;
    if (const int code = cli::parseTaskCommand(parser, command, arguments, taskPath, options); code >= 0)
        return code;

    engine::config::ResolvedTask resolved;
    if (const int code = cli::loadTaskFile(command, taskPath, options, resolved); code >= 0)
        return code;
    const engine::config::ValidationIssues issues = engine::config::validateResolvedTask(resolved);
    QTextStream out(stdout);
    for (const auto &issue : issues)
        out << issue.toString() << "\n";
    if (engine::config::hasErrors(issues))
        return cli::ExitBadInput;
    out.flush();
    const auto &reader = resolved.task.reader;
    const qsizetype columns = resolved.task.writer.column.size();
    QTextStream(stderr) << "OK: " << QFileInfo(taskPath).fileName() << " (" << columns
                        << (columns == 1 ? " column" : " columns") << ", window "
                        << rangeEnd(reader.beginDateTime, reader.beginOffset, reader.beginTimestampMillis) << " to "
                        << rangeEnd(reader.endDateTime, reader.endOffset, reader.endTimestampMillis) << " "
                        << engine::config::taskTimeZone(resolved.task).id() << ")\n";
    return cli::ExitOk;
}

const cli::Registration reg{
    {QStringLiteral("validate"), QStringLiteral("Check a task file and its datasources"), &runValidate}};

} // namespace
