// kmsync-cli run TASK.json [--datasources F] [--env dev|prod] [-p NAME=EXPR]... [--cyctime T]
//                [--progress jsonl|text|none] [--from-ledger] [--reruns N] [--rerun-interval S] [--dirty-file F]
// Runs the task: Kafka -> mapping -> destination, all or nothing. On success prints one JSON summary line
// (read, written, dirty, partitions, audit, seconds, ...) to stdout; on failure the same line with "ok":false.
// SIGINT/SIGTERM cancel cleanly (the destination is left unchanged, exit 3).

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "app/cli/command.h"
#include "app/cli/taskoptions.h"
#include "engine/core/crashhandler.h"
#include "engine/config/taskloader.h"
#include "engine/job/taskrunner.h"

namespace {

using namespace kmsync;

class ConsoleObserver final : public engine::SyncObserver
{
public:
    enum class Mode { None, Text, JsonLines };
    explicit ConsoleObserver(Mode mode)
        : m_mode(mode)
        , m_out(stdout)
        , m_err(stderr)
    {
    }

    void onProgress(const engine::JobProgress &progress) override
    {
        if (m_mode == Mode::JsonLines) {
            QJsonArray partitions;
            for (const auto &p : progress.partitions) {
                partitions.append(QJsonObject{{QStringLiteral("partition"), p.partition},
                                              {QStringLiteral("done"), qint64(p.nextOffset - p.startOffset)},
                                              {QStringLiteral("total"), qint64(p.endOffset - p.startOffset)},
                                              {QStringLiteral("records"), qint64(p.records)},
                                              {QStringLiteral("bytes"), qint64(p.bytes)},
                                              {QStringLiteral("dirty"), qint64(p.dirty)}});
            }
            const QJsonObject line{{QStringLiteral("type"), QStringLiteral("progress")},
                                   {QStringLiteral("read"), qint64(progress.read)},
                                   {QStringLiteral("written"), qint64(progress.written)},
                                   {QStringLiteral("dirty"), qint64(progress.dirty)},
                                   {QStringLiteral("bytes"), qint64(progress.bytes)},
                                   {QStringLiteral("recordsPerSecond"), progress.recordsPerSecond},
                                   {QStringLiteral("seconds"), progress.seconds},
                                   {QStringLiteral("partitions"), partitions}};
            m_out << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
            m_out.flush();
        } else if (m_mode == Mode::Text) {
            int64_t done = 0;
            int64_t total = 0;
            for (const auto &p : progress.partitions) {
                done += p.nextOffset - p.startOffset;
                total += p.endOffset - p.startOffset;
            }
            m_err << QStringLiteral("progress: %1/%2 offsets, %3 written, %4 dirty, %5 records/s\n")
                         .arg(done)
                         .arg(total)
                         .arg(progress.written)
                         .arg(progress.dirty)
                         .arg(qint64(progress.recordsPerSecond));
            m_err.flush();
        }
    }
    void onLog(engine::LogLevel level, const QString &message) override
    {
        m_err.flush();
        cli::printLog(QStringLiteral("run"), level, message);
    }

private:
    Mode m_mode;
    QTextStream m_out;
    QTextStream m_err;
};

int runRun(const QStringList &arguments)
{
    const QString command = QStringLiteral("run");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a task: reads the Kafka range, maps every message and writes the destination partition "
        "in one commit. Prints a JSON summary line; exit 0 ok, 1 run failed, 2 bad input, 3 cancelled."));
    parser.addOption(
        QCommandLineOption(QStringLiteral("progress"),
                           QStringLiteral("Progress output: jsonl (JSON lines on stdout), text (stderr) or "
                                          "none (default)."),
                           QStringLiteral("MODE"), QStringLiteral("none")));
    parser.addOption(QCommandLineOption(QStringLiteral("from-ledger"),
                                        QStringLiteral("Start each Kafka partition where the previous window's run "
                                                       "ended (offset ledger), instead of the time lookup.")));
    parser.addOption(QCommandLineOption(QStringLiteral("reruns"),
                                        QStringLiteral("Automatic reruns after a failed attempt (default: the task's, "
                                                       "3)."),
                                        QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringLiteral("rerun-interval"),
                                        QStringLiteral("Seconds between reruns (default: the task's, 120)."),
                                        QStringLiteral("S")));
    parser.addOption(QCommandLineOption(QStringLiteral("dirty-file"),
                                        QStringLiteral("Where dirty records go (JSON lines; default "
                                                       "<workspace>/.kmsync/dirty/...)."),
                                        QStringLiteral("FILE")));
    cli::addTaskOptions(parser);
    QString taskPath;
    engine::config::TaskRunOptions loadOptions;
    if (const int code = cli::parseTaskCommand(parser, command, arguments, taskPath, loadOptions); code >= 0)
        return code;

    ConsoleObserver::Mode mode = ConsoleObserver::Mode::None;
    const QString progress = parser.value(QStringLiteral("progress"));
    if (progress == QLatin1String("jsonl")) {
        mode = ConsoleObserver::Mode::JsonLines;
    } else if (progress == QLatin1String("text")) {
        mode = ConsoleObserver::Mode::Text;
    } else if (progress != QLatin1String("none")) {
        cli::printError(command, QStringLiteral("--progress: \"%1\" is not one of jsonl, text, none").arg(progress));
        return cli::ExitBadInput;
    }
    engine::TaskRunOptions runOptions;
    runOptions.plan.fromLedger = parser.isSet(QStringLiteral("from-ledger"));
    runOptions.plan.dirtyFile = parser.value(QStringLiteral("dirty-file"));
    for (const auto &[name, target] : {std::pair{QStringLiteral("reruns"), &runOptions.reruns},
                                       std::pair{QStringLiteral("rerun-interval"), &runOptions.rerunIntervalSeconds}}) {
        if (!parser.isSet(name))
            continue;
        bool ok = false;
        const int value = parser.value(name).toInt(&ok);
        if (!ok || value < 0) {
            cli::printError(command,
                            QStringLiteral("--%1: \"%2\" is not a whole number >= 0").arg(name, parser.value(name)));
            return cli::ExitBadInput;
        }
        *target = value;
    }

    engine::config::ResolvedTask resolved;
    engine::crashPoint("loading the task");
    if (const int code = cli::loadValidTask(command, taskPath, loadOptions, resolved,
                                            QStringLiteral("the task is not valid; nothing was run"));
        code >= 0)
        return code;
    cli::padHeapsForRun(resolved);

    ConsoleObserver observer(mode);
    // The window in the task's time zone, named, as the desktop Run panel's log starts.
    observer.onLog(engine::LogLevel::Info,
                   QStringLiteral("window: %1").arg(engine::config::readerWindowText(resolved.task)));
    bool badInput = false;
    engine::crashPoint("running the task");
    const engine::RunSummary summary = [&] {
        const cli::StopOnSignal stop;
        return engine::runTask(resolved, runOptions, stop.token(), observer, &badInput);
    }();

    if (!summary.ok)
        cli::printAdvice(command, summary.errorCode, taskPath);
    QTextStream out(stdout);
    out << engine::summaryJson(summary) << "\n";
    out.flush();
    if (summary.ok)
        return cli::ExitOk;
    if (summary.cancelled)
        return cli::ExitCancelled;
    return badInput ? cli::ExitBadInput : cli::ExitRunFailed;
}

const cli::Registration reg{
    {QStringLiteral("run"), QStringLiteral("Run a task: Kafka -> mapping -> destination"), &runRun}};

} // namespace
