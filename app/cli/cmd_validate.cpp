// kmsync-cli validate TASK.json [--datasources F] [--env dev|prod] [-p NAME=EXPR]... [--cyctime T]
// Prints one "ERROR|WARNING <path>: <message>" line per finding to stdout; exit 0 when the task has no
// errors (warnings allowed), 2 when it has errors or cannot be read. A valid task also gets one line on stderr,
// "OK: TASK (N columns, window BEGIN to END ZONE)", so a person sees it worked while stdout stays the findings.
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

#include "app/cli/command.h"
#include "app/cli/taskoptions.h"
#include "engine/config/taskloader.h"

namespace {

using namespace kmsync;

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
    const qsizetype columns = resolved.task.writer.column.size();
    QTextStream(stderr) << "OK: " << QFileInfo(taskPath).fileName() << " (" << columns
                        << (columns == 1 ? " column" : " columns") << ", window "
                        << engine::config::readerWindowText(resolved.task) << ")\n";
    return cli::ExitOk;
}

const cli::Registration reg{
    {QStringLiteral("validate"), QStringLiteral("Check a task file and its datasources"), &runValidate}};

} // namespace
