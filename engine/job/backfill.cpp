#include "engine/job/backfill.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include <QCoreApplication>

#include "engine/config/taskform.h"
#include "engine/job/ledger.h"
#include "engine/params/lint.h"

namespace kmsync::engine {

namespace {

Error inputError(const QString &message)
{
    return makeError(QStringLiteral("backfill.input"), message);
}

// Forwards one instance's run to the backfill observer with the instance's index.
class InstanceObserver final : public SyncObserver
{
public:
    InstanceObserver(BackfillObserver &observer, size_t index)
        : m_observer(observer)
        , m_index(index)
    {
    }
    void onProgress(const JobProgress &progress) override { m_observer.onInstanceProgress(m_index, progress); }
    void onLog(LogLevel level, const QString &message) override { m_observer.onInstanceLog(m_index, level, message); }

private:
    BackfillObserver &m_observer;
    size_t m_index;
};

} // namespace

BackfillObserver::~BackfillObserver() = default;

int BackfillPlan::errors() const
{
    int n = 0;
    for (const BackfillItem &item : items)
        n += item.errors.isEmpty() ? 0 : 1;
    return n;
}

std::optional<params::Cycle> taskSchedule(const config::TaskConfig &task)
{
    if (!task.kmsync || !task.kmsync->extra.value(QStringLiteral("schedule")).isObject())
        return std::nullopt;
    return config::taskFormFrom(task).schedule.cycle;
}

std::vector<params::Assignment> taskParameterLine(const config::TaskConfig &task)
{
    if (!taskSchedule(task))
        return {};
    auto parsed = params::parseAssignments(config::taskFormFrom(task).schedule.parameters);
    return parsed ? *parsed : std::vector<params::Assignment>{};
}

QString backfillStateName(BackfillState state)
{
    switch (state) {
    case BackfillState::Queued:
        return QStringLiteral("queued");
    case BackfillState::Running:
        return QStringLiteral("running");
    case BackfillState::Succeeded:
        return QStringLiteral("done");
    case BackfillState::Failed:
        return QStringLiteral("failed");
    case BackfillState::Cancelled:
        return QStringLiteral("cancelled");
    case BackfillState::Skipped:
        return QStringLiteral("skipped");
    case BackfillState::NotRun:
        return QStringLiteral("not run");
    }
    return QString();
}

Result<BackfillPlan> backfillSchedule(const BackfillRequest &request)
{
    BackfillPlan plan;
    if (!request.from.isValid() || !request.to.isValid())
        return inputError(QStringLiteral("the business-date range needs a valid first and last date"));
    if (request.from > request.to) {
        // Each front end names its own way out (kmsync-cli: --from/--to, the app: its date pickers).
        return makeError(QStringLiteral("backfill.range_reversed"),
                         QCoreApplication::translate("Backfill", "the first business date %1 is after the last one, %2")
                             .arg(request.from.toString(Qt::ISODate), request.to.toString(Qt::ISODate)));
    }
    if (request.cycle) {
        plan.cycle = *request.cycle;
        plan.cycleSource = QStringLiteral("the given cycle");
    } else if (const auto own = taskSchedule(request.raw)) {
        plan.cycle = *own;
        plan.cycleSource = QStringLiteral("the task's schedule");
    } else {
        return makeError(QStringLiteral("backfill.no_schedule"),
                         QCoreApplication::translate("Backfill", "the task has no schedule (kmsync.schedule)"));
    }
    plan.assignments = request.assigned;
    if (plan.assignments.empty())
        plan.assignments = taskParameterLine(request.raw);
    if (plan.assignments.empty()) {
        // A cycle like a preset's: the preset's parameter line (startTime/endTime/partition).
        for (const params::CyclePreset &preset : params::cyclePresets()) {
            if (preset.cycle.unit == plan.cycle.unit) {
                plan.assignments = preset.assignments();
                break;
            }
        }
    }

    const auto instances = params::backfillInstances(plan.cycle, request.from, request.to, plan.assignments,
                                                     request.order);
    if (instances.empty()) {
        return inputError(
            QStringLiteral("no instance of the cycle (%1) is scheduled for the business dates %2 to "
                           "%3 (they run on the day after each business date)")
                .arg(plan.cycle.describe(), request.from.toString(Qt::ISODate), request.to.toString(Qt::ISODate)));
    }
    for (const params::BackfillInstance &instance : instances) {
        BackfillItem item;
        item.instance = instance;
        item.errors = instance.errors;
        item.windowBegin = instance.start;
        item.windowEnd = instance.end;
        plan.items.push_back(std::move(item));
    }
    return plan;
}

Result<BackfillPlan> planBackfill(const BackfillRequest &request)
{
    auto plan = backfillSchedule(request);
    if (!plan)
        return plan;
    for (BackfillItem &item : plan->items) {
        const params::BackfillInstance &instance = item.instance;
        if (item.errors.isEmpty()) {
            config::TaskRunOptions options = request.load;
            options.params = plan->assignments;
            options.cyctime = instance.cyctime;
            auto resolved = config::resolveTask(request.raw, request.taskPath, options);
            if (!resolved) {
                if (resolved.error().code.startsWith(QLatin1String("datasource.")))
                    return resolved.error();
                item.errors.append(resolved.error().message);
            } else {
                item.resolved = std::move(resolved.value());
                for (const config::ValidationIssue &issue : config::validateResolvedTask(item.resolved)) {
                    if (issue.severity == config::ValidationIssue::Severity::Error)
                        item.errors.append(issue.toString());
                }
                item.destinationPartition = item.resolved.task.writer.partitionSpec();
                item.window = readerWindow(item.resolved.task);
                const config::KafkaReaderConfig &reader = item.resolved.task.reader;
                item.windowBegin.reset();
                item.windowEnd.reset();
                if (reader.beginDateTime) {
                    if (auto t = params::parseDataWorksDateTime(*reader.beginDateTime))
                        item.windowBegin = *t;
                }
                if (reader.endDateTime) {
                    if (auto t = params::parseDataWorksDateTime(*reader.endDateTime))
                        item.windowEnd = *t;
                }
            }
        }
    }
    return plan;
}

bool alreadyCommitted(const BackfillItem &item, QString *commitId, QString *runAt)
{
    auto ledger = Ledger::load(ledgerPathOf(item.resolved));
    if (!ledger)
        return false;
    const Ledger::Entry *entry = ledger->find(ledgerTaskKey(item.resolved), item.destinationPartition);
    if (!entry || entry->window.isEmpty() || entry->window != item.window)
        return false;
    if (commitId)
        *commitId = entry->commitId;
    if (runAt)
        *runAt = entry->runAt;
    return true;
}

BackfillSummary runBackfill(const BackfillPlan &plan, const BackfillOptions &options, const StopToken &stop,
                            BackfillObserver &observer)
{
    const auto started = std::chrono::steady_clock::now();
    BackfillSummary summary;
    summary.instances = int(plan.items.size());

    std::mutex mutex;
    std::condition_variable changed;
    size_t next = 0;
    bool failedOnce = false;
    std::set<QString> runningPartitions; // two instances never write one partition at once
    std::mutex warehouseWriter;          // runs into the local warehouse take turns (one SQLite writer)

    auto finish = [&](const BackfillOutcome &outcome) {
        {
            const std::lock_guard<std::mutex> lock(mutex);
            switch (outcome.state) {
            case BackfillState::Succeeded:
                ++summary.succeeded;
                break;
            case BackfillState::Failed:
                ++summary.failed;
                failedOnce = true;
                break;
            case BackfillState::Cancelled:
                ++summary.cancelled;
                break;
            case BackfillState::Skipped:
                ++summary.skipped;
                break;
            case BackfillState::NotRun:
                ++summary.notRun;
                break;
            default:
                break;
            }
            summary.outcomes.push_back(outcome);
        }
        observer.onInstanceFinished(outcome);
    };

    auto worker = [&] {
        for (;;) {
            size_t index = 0;
            {
                std::unique_lock<std::mutex> lock(mutex);
                for (;;) {
                    if (next >= plan.items.size())
                        return;
                    if (stop.stopRequested() || (failedOnce && !options.keepGoing)) {
                        // Nothing new starts: every instance left is reported as not run (by one worker).
                        while (next < plan.items.size()) {
                            BackfillOutcome outcome;
                            outcome.index = next++;
                            outcome.state = BackfillState::NotRun;
                            lock.unlock();
                            finish(outcome);
                            lock.lock();
                        }
                        changed.notify_all();
                        return;
                    }
                    if (!runningPartitions.count(plan.items[next].destinationPartition))
                        break;
                    // Wait for the instance writing the same partition; wake up now and then for a stop.
                    changed.wait_for(lock, std::chrono::milliseconds(200));
                }
                index = next++;
                runningPartitions.insert(plan.items[index].destinationPartition);
            }
            const BackfillItem &item = plan.items[index];
            BackfillOutcome outcome;
            outcome.index = index;
            if (options.resume && alreadyCommitted(item, &outcome.skippedCommitId, &outcome.skippedRunAt)) {
                outcome.state = BackfillState::Skipped;
            } else {
                observer.onInstanceStarted(index);
                InstanceObserver instanceObserver(observer, index);
                const auto kind = item.resolved.datasources.kind(item.resolved.task.writer.datasource);
                std::unique_lock<std::mutex> writer(warehouseWriter, std::defer_lock);
                if (kind == config::DatasourceKind::Local)
                    writer.lock();
                if (stop.stopRequested()) {
                    outcome.state = BackfillState::Cancelled;
                    outcome.summary.cancelled = true;
                    outcome.summary.errorCode = QStringLiteral("job.cancelled");
                    outcome.summary.errorMessage = QStringLiteral("cancelled before it started; nothing was written");
                    outcome.summary.partitionSpec = item.destinationPartition;
                } else {
                    outcome.summary = runTask(item.resolved, options.run, stop, instanceObserver, &outcome.badInput);
                    outcome.state = outcome.summary.ok
                                      ? BackfillState::Succeeded
                                      : (outcome.summary.cancelled ? BackfillState::Cancelled : BackfillState::Failed);
                }
            }
            {
                const std::lock_guard<std::mutex> lock(mutex);
                runningPartitions.erase(item.destinationPartition);
            }
            finish(outcome);
            changed.notify_all();
        }
    };

    const int threads = std::max(1, std::min<int>(options.parallel, int(plan.items.size())));
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i)
        pool.emplace_back(worker);
    worker();
    for (std::thread &t : pool)
        t.join();

    summary.stopped = stop.stopRequested();
    bool allBad = summary.failed > 0;
    for (const BackfillOutcome &o : summary.outcomes) {
        if (o.state == BackfillState::Failed && !o.badInput)
            allBad = false;
    }
    summary.badInput = allBad;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

} // namespace kmsync::engine
