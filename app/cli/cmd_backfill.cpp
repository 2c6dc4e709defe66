// kmsync-cli backfill TASK --from YYYY-MM-DD --to YYYY-MM-DD [--cycle day|hour|5min|week|month] [-p NAME=EXPR]...
//                     [--datasources F] [--env dev|prod] [--order asc|desc] [--parallel N] [--resume] [--keep-going]
// DataWorks' backfill (补数据): runs the task once per scheduled instance of the business dates, each instance an
// ordinary run with its own resolved parameters. One JSON line per instance as it ends, then a summary line.
// Exit 0 every instance succeeded or was skipped, 1 one failed, 2 bad input, 3 cancelled (SIGINT/SIGTERM).

#include <algorithm>
#include <mutex>
#include <vector>

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include "app/cli/command.h"
#include "app/cli/taskoptions.h"
#include "engine/config/taskloader.h"
#include "engine/job/backfill.h"

namespace {

using namespace kmsync;
using namespace kmsync::engine;

QString stamp(const QDateTime &dt)
{
    return dt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QJsonObject instanceJson(const BackfillItem &item)
{
    QJsonObject parameters;
    for (const auto &[name, value] : item.instance.parameters)
        parameters.insert(name, value);
    return QJsonObject{{QStringLiteral("cyctime"), item.instance.cyctimeText()},
                       {QStringLiteral("bizdate"), item.instance.bizdateText()},
                       {QStringLiteral("params"), parameters},
                       {QStringLiteral("destinationPartition"), item.destinationPartition},
                       {QStringLiteral("window"),
                        QJsonObject{{QStringLiteral("start"),
                                     item.windowBegin ? QJsonValue(stamp(*item.windowBegin)) : QJsonValue()},
                                    {QStringLiteral("end"),
                                     item.windowEnd ? QJsonValue(stamp(*item.windowEnd)) : QJsonValue()}}}};
}

// Prints each instance's line as it ends, and its engine log lines on stderr; called from the runner's threads.
class ConsoleBackfillObserver final : public BackfillObserver
{
public:
    explicit ConsoleBackfillObserver(const BackfillPlan &plan)
        : m_plan(plan)
        , m_out(stdout)
    {
    }
    void onInstanceStarted(size_t) override {}
    void onInstanceProgress(size_t, const JobProgress &) override {}
    void onInstanceLog(size_t index, LogLevel level, const QString &message) override
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        cli::printLog(QStringLiteral("backfill"), level,
                      QStringLiteral("%1: %2").arg(m_plan.items[index].instance.cyctimeText(), message));
    }
    void onInstanceFinished(const BackfillOutcome &outcome) override
    {
        if (outcome.state == BackfillState::NotRun)
            return; // never started: counted in the summary's notRun
        const BackfillItem &item = m_plan.items[outcome.index];
        QJsonObject line = instanceJson(item);
        const RunSummary &s = outcome.summary;
        const bool skipped = outcome.state == BackfillState::Skipped;
        line.insert(QStringLiteral("ok"), skipped || s.ok);
        line.insert(QStringLiteral("state"), backfillStateName(outcome.state));
        line.insert(QStringLiteral("skipped"), skipped);
        line.insert(QStringLiteral("read"), qint64(s.read));
        line.insert(QStringLiteral("written"), qint64(s.written));
        line.insert(QStringLiteral("dirty"), qint64(s.dirty));
        line.insert(QStringLiteral("seconds"), s.seconds);
        if (skipped) {
            line.insert(QStringLiteral("commitId"), outcome.skippedCommitId);
            line.insert(QStringLiteral("committedAt"), outcome.skippedRunAt);
        } else {
            line.insert(QStringLiteral("attempts"), s.attempts);
            if (!s.commitId.isEmpty())
                line.insert(QStringLiteral("commitId"), s.commitId);
            if (!s.dirtyFile.isEmpty())
                line.insert(QStringLiteral("dirtyFile"), s.dirtyFile);
        }
        if (!skipped && !s.ok) {
            line.insert(QStringLiteral("error"), s.errorMessage);
            line.insert(QStringLiteral("errorCode"), s.errorCode);
        }
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_out << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
        m_out.flush();
    }

private:
    const BackfillPlan &m_plan;
    std::mutex m_mutex;
    QTextStream m_out;
};

int runBackfillCommand(const QStringList &arguments)
{
    const QString command = QStringLiteral("backfill");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Backfills a range of business dates (DataWorks' 补数据): runs the task once per instance the cycle schedules "
        "on the day after each business date D, with ${...}/$bizdate evaluated with D and $[...]/$cyctime with the "
        "instance's scheduled time. Each instance is an ordinary run (one commit per destination partition, reruns, "
        "dirty limit, audit, ledger). Prints one JSON line per instance as it ends, then a summary line; exit 0 all "
        "succeeded or were skipped, 1 an instance failed, 2 bad input, 3 cancelled."));
    parser.addOption(
        {QStringLiteral("from"), QStringLiteral("First business date, YYYY-MM-DD."), QStringLiteral("date")});
    parser.addOption(
        {QStringLiteral("to"), QStringLiteral("Last business date, YYYY-MM-DD (inclusive)."), QStringLiteral("date")});
    parser.addOption({QStringLiteral("cycle"),
                      QStringLiteral("day, hour, 5min, week or month (default: the task's own schedule)."),
                      QStringLiteral("cycle")});
    parser.addOption({QStringLiteral("order"), QStringLiteral("asc (oldest first, default) or desc (newest first)."),
                      QStringLiteral("order"), QStringLiteral("asc")});
    parser.addOption({QStringLiteral("parallel"),
                      QStringLiteral("Instances run at once (default 1); those writing into a local warehouse still "
                                     "run one after another (one SQLite writer)."),
                      QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("resume"),
                      QStringLiteral("Skip instances whose destination partition a successful run of this task "
                                     "already committed with the same resolved window (offset ledger).")});
    parser.addOption({QStringLiteral("keep-going"),
                      QStringLiteral("Run the remaining instances after one failed (default: stop starting new "
                                     "ones).")});
    parser.addOption({QStringLiteral("reruns"),
                      QStringLiteral("Automatic reruns of a failed instance (default: the task's, 3)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("rerun-interval"),
                      QStringLiteral("Seconds between reruns (default: the task's, 120)."), QStringLiteral("S")});
    cli::addTaskOptions(parser);
    QString taskPath;
    config::TaskRunOptions loadOptions;
    if (const int code = cli::parseTaskCommand(parser, command, arguments, taskPath, loadOptions); code >= 0)
        return code;
    auto fail = [&command](const QString &message) {
        cli::printError(command, message);
        return cli::ExitBadInput;
    };
    if (parser.isSet(QStringLiteral("cyctime")))
        return fail(QStringLiteral("--cyctime does not apply: each instance is evaluated at its own scheduled time "
                                   "(use --from/--to business dates)"));

    BackfillRequest request;
    QDate *dates[2] = {&request.from, &request.to};
    const QString names[2] = {QStringLiteral("from"), QStringLiteral("to")};
    for (int i = 0; i < 2; ++i) {
        if (!parser.isSet(names[i]))
            return fail(QStringLiteral("--%1 is required (a business date YYYY-MM-DD)").arg(names[i]));
        *dates[i] = QDate::fromString(parser.value(names[i]), QStringLiteral("yyyy-MM-dd"));
        if (!dates[i]->isValid())
            return fail(QStringLiteral("--%1 \"%2\" is not a date (expected YYYY-MM-DD)")
                            .arg(names[i], parser.value(names[i])));
    }
    if (request.from > request.to) {
        return fail(QStringLiteral("--from %1 is after --to %2")
                        .arg(request.from.toString(Qt::ISODate), request.to.toString(Qt::ISODate)));
    }
    if (parser.isSet(QStringLiteral("cycle"))) {
        const auto preset = params::cyclePreset(parser.value(QStringLiteral("cycle")));
        if (!preset)
            return fail(QStringLiteral("--cycle \"%1\" is not a cycle (allowed: day, hour, 5min, week, month)")
                            .arg(parser.value(QStringLiteral("cycle"))));
        request.cycle = preset->cycle;
    }
    const auto order = params::backfillOrderFromName(parser.value(QStringLiteral("order")));
    if (!order)
        return fail(
            QStringLiteral("--order \"%1\" is not allowed (asc or desc)").arg(parser.value(QStringLiteral("order"))));
    request.order = *order;

    BackfillOptions options;
    options.resume = parser.isSet(QStringLiteral("resume"));
    options.keepGoing = parser.isSet(QStringLiteral("keep-going"));
    bool parsedOk = false;
    options.parallel = parser.value(QStringLiteral("parallel")).toInt(&parsedOk);
    if (!parsedOk || options.parallel < 1 || options.parallel > 64)
        return fail(QStringLiteral("--parallel \"%1\" is not a whole number from 1 to 64")
                        .arg(parser.value(QStringLiteral("parallel"))));
    for (const auto &[name, target] :
         {std::pair{QStringLiteral("reruns"), &options.run.reruns},
          std::pair{QStringLiteral("rerun-interval"), &options.run.rerunIntervalSeconds}}) {
        if (!parser.isSet(name))
            continue;
        const int value = parser.value(name).toInt(&parsedOk);
        if (!parsedOk || value < 0)
            return fail(QStringLiteral("--%1: \"%2\" is not a whole number >= 0").arg(name, parser.value(name)));
        *target = value;
    }

    config::ResolvedTask loaded;
    if (const int code = cli::loadTaskFile(command, taskPath, loadOptions, loaded); code >= 0)
        return code;
    cli::padHeapsForRun(loaded);
    request.raw = loaded.raw;
    request.taskPath = taskPath;
    request.load = loadOptions;
    request.assigned = loadOptions.params;
    request.load.params.clear();

    auto plan = planBackfill(request);
    if (!plan) {
        const QString advice = cli::adviceFor(plan.error().code, taskPath);
        return fail(advice.isEmpty() ? plan.error().message : plan.error().message + QStringLiteral("; ") + advice);
    }
    if (plan->errors() > 0) {
        cli::printError(command, QStringLiteral("%1 of %2 instances cannot run; nothing was run")
                                     .arg(plan->errors())
                                     .arg(plan->items.size()));
        // One line per distinct problem, naming the first instance that has it and how many more do.
        std::vector<std::pair<QString, std::vector<const BackfillItem *>>> problems;
        for (const BackfillItem &item : plan->items) {
            for (const QString &e : item.errors) {
                auto it = std::find_if(problems.begin(), problems.end(), [&e](const auto &p) { return p.first == e; });
                if (it == problems.end())
                    problems.push_back({e, {&item}});
                else
                    it->second.push_back(&item);
            }
        }
        QTextStream err(stderr);
        for (const auto &[message, items] : problems) {
            err << "instance " << items.front()->instance.cyctimeText() << " (bizdate "
                << items.front()->instance.bizdateText() << ")";
            if (items.size() > 1)
                err << " and " << items.size() - 1 << " more";
            err << ": " << message << "\n";
        }
        return cli::ExitBadInput;
    }

    ConsoleBackfillObserver observer(*plan);
    const BackfillSummary summary = [&] {
        const cli::StopOnSignal stop;
        return runBackfill(*plan, options, stop.token(), observer);
    }();

    const QJsonObject line{{QStringLiteral("instances"), summary.instances},
                           {QStringLiteral("succeeded"), summary.succeeded},
                           {QStringLiteral("failed"), summary.failed},
                           {QStringLiteral("skipped"), summary.skipped},
                           {QStringLiteral("cancelled"), summary.cancelled},
                           {QStringLiteral("notRun"), summary.notRun},
                           {QStringLiteral("ok"), summary.ok()},
                           {QStringLiteral("seconds"), summary.seconds},
                           {QStringLiteral("cycle"), plan->cycle.describe()},
                           {QStringLiteral("from"), request.from.toString(Qt::ISODate)},
                           {QStringLiteral("to"), request.to.toString(Qt::ISODate)}};
    QTextStream out(stdout);
    out << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
    out.flush();
    if (summary.stopped)
        return cli::ExitCancelled;
    if (summary.failed > 0)
        return summary.badInput ? cli::ExitBadInput : cli::ExitRunFailed;
    return cli::ExitOk;
}

const cli::Registration reg{{QStringLiteral("backfill"),
                             QStringLiteral("Backfill business dates: one run per scheduled instance (补数据)"),
                             &runBackfillCommand}};

} // namespace
