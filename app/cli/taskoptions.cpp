#include "app/cli/taskoptions.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <QRegularExpression>
#include <QTextStream>

#include "app/cli/command.h"

namespace kmsync::cli {

using engine::Error;
using engine::Result;
using engine::config::TaskRunOptions;

void addTaskOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("TASK"), QStringLiteral("The task file (DataWorks script-mode JSON)."));
    parser.addOption({QStringLiteral("datasources"),
                      QStringLiteral("The workspace's datasources file (default: datasources.json next to the task)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("env"),
                      QStringLiteral("Which datasource connections to use: dev or prod (default dev)."),
                      QStringLiteral("ENV"), QStringLiteral("dev")});
    parser.addOption(
        {{QStringLiteral("p"), QStringLiteral("param")},
         QStringLiteral("A scheduling parameter NAME=EXPR, or a parameter line \"k1=expr1 k2=expr2\", "
                        "evaluated against --cyctime; repeatable. E.g. -p 'startTime=$[yyyymmddhh24mi-8/24/60]00' "
                        "-p partition=20221122."),
         QStringLiteral("NAME=EXPR")});
    parser.addOption(
        {QStringLiteral("cyctime"),
         QStringLiteral("The scheduled time the parameters are evaluated against, \"YYYY-MM-DD HH:MM:SS\" "
                        "in the task's time zone (default: now in the task's time zone, the reader's timeZone)."),
         QStringLiteral("TIME")});
}

Result<TaskRunOptions> readTaskOptions(const QCommandLineParser &parser)
{
    TaskRunOptions options;
    options.datasourcesFile = parser.value(QStringLiteral("datasources"));
    options.env = parser.value(QStringLiteral("env"));
    if (options.env != QLatin1String("dev") && options.env != QLatin1String("prod")) {
        return engine::makeError(QStringLiteral("cli.option"),
                                 QStringLiteral("--env \"%1\" is not allowed; use dev or prod").arg(options.env));
    }
    // Each -p is one NAME=EXPR or a whole DataWorks parameter line ("k1=expr1 k2=expr2"), as `params` takes it.
    for (const QString &line : parser.values(QStringLiteral("param"))) {
        auto parsed = engine::params::parseAssignments(line);
        if (!parsed || parsed->empty()) {
            return engine::makeError(QStringLiteral("cli.option"),
                                     QStringLiteral(
                                         "-p \"%1\" is not NAME=EXPR or a parameter line \"k1=expr1 k2=expr2\" "
                                         "(e.g. -p partition=20221122, -p 'startTime=$[yyyymmddhh24mi-8/24/60]00' "
                                         "or -p 'startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd]000000')%2")
                                         .arg(line,
                                              parsed ? QString() : QStringLiteral(": ") + parsed.error().message));
        }
        for (auto &a : *parsed) {
            bool replaced = false;
            for (auto &existing : options.params) {
                if (existing.name == a.name) {
                    existing = a; // the last -p for a name wins
                    replaced = true;
                }
            }
            if (!replaced)
                options.params.push_back(std::move(a));
        }
    }
    if (parser.isSet(QStringLiteral("cyctime"))) {
        const QString text = parser.value(QStringLiteral("cyctime")).trimmed();
        QDateTime cyctime = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        if (!cyctime.isValid())
            cyctime = QDateTime::fromString(text, QStringLiteral("yyyyMMddHHmmss"));
        if (!cyctime.isValid())
            cyctime = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm"));
        if (!cyctime.isValid()) {
            return engine::makeError(QStringLiteral("cli.option"),
                                     QStringLiteral("--cyctime \"%1\" is not a time; use \"YYYY-MM-DD HH:MM:SS\"")
                                         .arg(text));
        }
        options.cyctime = cyctime;
    } // else invalid: the loader takes now in the task's time zone
    return options;
}

void printError(const QString &command, const QString &message)
{
    QTextStream err(stderr);
    err << "kmsync-cli " << command << ": " << message << "\n";
}

int parseTaskCommand(QCommandLineParser &parser, const QString &command, const QStringList &arguments,
                     QString &taskPath, TaskRunOptions &options)
{
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("kmsync-cli %1").arg(command));
    if (!parser.parse(argv)) {
        printError(command, parser.errorText());
        return ExitBadInput;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt names the executable's path in the usage line; name the command instead.
        QString help = parser.helpText();
        static const QRegularExpression usage(QStringLiteral("^Usage: \\S+"));
        help.replace(usage, QStringLiteral("Usage: kmsync-cli %1").arg(command));
        QTextStream out(stdout);
        out << help;
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        printError(command, positional.isEmpty() ? QStringLiteral("missing the TASK file; see --help")
                                                 : QStringLiteral("expected one TASK file, got %1: %2")
                                                       .arg(positional.size())
                                                       .arg(positional.join(QLatin1Char(' '))));
        return ExitBadInput;
    }
    taskPath = positional.first();
    auto read = readTaskOptions(parser);
    if (!read) {
        printError(command, read.error().message);
        return ExitBadInput;
    }
    options = std::move(read.value());
    return -1;
}

int loadTaskFile(const QString &command, const QString &taskPath, const TaskRunOptions &options,
                 engine::config::ResolvedTask &task)
{
    auto resolved = engine::config::loadTask(taskPath, options);
    if (!resolved) {
        printError(command, resolved.error().message);
        return ExitBadInput;
    }
    task = std::move(resolved.value());
    return -1;
}

int loadValidTask(const QString &command, const QString &taskPath, const TaskRunOptions &options,
                  engine::config::ResolvedTask &task, const QString &invalidMessage)
{
    if (const int code = loadTaskFile(command, taskPath, options, task); code >= 0)
        return code;
    const engine::config::ValidationIssues issues = engine::config::validateResolvedTask(task);
    if (!engine::config::hasErrors(issues))
        return -1;
    // The message comes first: the commands printed it while the findings were still buffered.
    if (!invalidMessage.isEmpty())
        printError(command, invalidMessage);
    QTextStream err(stderr);
    for (const auto &issue : issues)
        err << issue.toString() << "\n";
    return ExitBadInput;
}

void padHeapsForRun(const engine::config::ResolvedTask &task)
{
#ifdef __GLIBC__
    const auto writer = task.datasources.resolve(task.task.writer.datasource);
    if (writer.ok() && writer->kind == engine::config::DatasourceKind::Local)
        mallopt(M_TOP_PAD, 16 * 1024 * 1024);
#else
    static_cast<void>(task);
#endif
}

} // namespace kmsync::cli
