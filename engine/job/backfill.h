#pragma once

#include <functional>
#include <optional>
#include <vector>

#include <QDate>
#include <QString>
#include <QStringList>

#include "engine/config/taskloader.h"
#include "engine/core/result.h"
#include "engine/core/stoptoken.h"
#include "engine/job/syncobserver.h"
#include "engine/job/taskrunner.h"
#include "engine/params/backfill.h"

namespace kmsync::engine {

// A backfill (补数据) of one task: every instance of params::backfillInstances() run as an ordinary run
// (runTask(): atomic per destination partition, reruns, dirty limit, audit, ledger), one after another or several
// at once. The CLI's `backfill` and the desktop's Tools > Backfill both plan and run through here.

struct BackfillRequest
{
    config::TaskConfig raw;                   // the task as in the file
    QString taskPath;                         // locates datasources.json and keys the ledger
    config::TaskRunOptions load;              // datasources, env, secrets; params and cyctime are per instance
    std::optional<params::Cycle> cycle;       // nullopt: the task's own schedule (kmsync.schedule)
    std::vector<params::Assignment> assigned; // empty: the task's parameter line, else the cycle preset's
    QDate from;                               // business dates, inclusive
    QDate to;
    params::BackfillOrder order = params::BackfillOrder::Ascending;
};

// One planned instance: the schedule's view and the task resolved for it.
struct BackfillItem
{
    params::BackfillInstance instance;
    config::ResolvedTask resolved;
    QString destinationPartition;         // the writer's partition spec, resolved ("ds=20221121")
    QString window;                       // readerWindow() of the resolved task
    std::optional<QDateTime> windowBegin; // the resolved beginDateTime / endDateTime, when they are times
    std::optional<QDateTime> windowEnd;
    QStringList errors; // parameters that do not evaluate, validation errors: the instance cannot run
};

struct BackfillPlan
{
    params::Cycle cycle;
    std::vector<params::Assignment> assignments; // the parameter line used
    QString cycleSource;                         // "--cycle day", "the task's schedule"
    std::vector<BackfillItem> items;
    int errors() const; // items with errors
};

// The task's own schedule (its kmsync.schedule block), or nullopt when it has none.
std::optional<params::Cycle> taskSchedule(const config::TaskConfig &task);
// Its parameter line, as assignments (empty when it has none or it does not parse).
std::vector<params::Assignment> taskParameterLine(const config::TaskConfig &task);

// The cycle, the parameter line and the instances of the request, without resolving the task (no I/O: what the
// desktop dialog lists before it starts). Errors as planBackfill()'s, except those of resolving.
Result<BackfillPlan> backfillSchedule(const BackfillRequest &request);

// Expands the request into instances and resolves the task for each. An Error (code "backfill.input") is bad
// input for the whole backfill: no cycle (the task has no schedule and none was given), an empty range, a range
// without instances, two instances writing the same destination partition, or a datasources file that does not
// load. Problems of single instances are in their `errors`.
Result<BackfillPlan> planBackfill(const BackfillRequest &request);

// Where a backfill instance stands.
enum class BackfillState { Queued, Running, Succeeded, Failed, Cancelled, Skipped, NotRun };
QString backfillStateName(BackfillState state); // "queued", "running", "done", "failed", "cancelled", ...

struct BackfillOutcome
{
    size_t index = 0; // into BackfillPlan::items
    BackfillState state = BackfillState::Queued;
    RunSummary summary;      // of the run (Succeeded, Failed, Cancelled)
    bool badInput = false;   // the failure was bad input or configuration
    QString skippedCommitId; // Skipped: the ledger entry that already holds this window
    QString skippedRunAt;
};

// Told about every instance; the calls come from the runner's worker threads (one instance per thread at a
// time), so implementations must be thread-safe.
class BackfillObserver
{
public:
    virtual ~BackfillObserver();
    virtual void onInstanceStarted(size_t index) = 0;
    virtual void onInstanceProgress(size_t index, const JobProgress &progress) = 0;
    virtual void onInstanceLog(size_t index, LogLevel level, const QString &message) = 0;
    virtual void onInstanceFinished(const BackfillOutcome &outcome) = 0;
};

struct BackfillOptions
{
    TaskRunOptions run; // reruns, interval, dirty file (fromLedger is not allowed)
    int parallel = 1;   // instances at once (>= 1); runs into a local warehouse take turns (one SQLite writer)
    bool resume = false;
    bool keepGoing = false; // false: no instance starts after one failed
};

struct BackfillSummary
{
    int instances = 0;
    int succeeded = 0;
    int failed = 0;
    int skipped = 0;
    int cancelled = 0; // running when the stop came, rolled back
    int notRun = 0;    // never started (stopped, or after a failure without keepGoing)
    bool stopped = false;
    bool badInput = false; // every failure was bad input
    double seconds = 0;
    std::vector<BackfillOutcome> outcomes; // in the order instances ended
    bool ok() const { return failed == 0 && cancelled == 0 && notRun == 0; }
};

// Whether --resume would skip the item: the ledger holds a successful run of the same task into the same
// destination partition with the same resolved window. Sets commitId/runAt from that entry.
bool alreadyCommitted(const BackfillItem &item, QString *commitId = nullptr, QString *runAt = nullptr);

// Runs the plan's items (they must have no errors) in order, up to options.parallel at once. `stop` stops it:
// running instances roll back (Cancelled), the rest are NotRun. Instances of --resume that are already committed
// are Skipped without running.
BackfillSummary runBackfill(const BackfillPlan &plan, const BackfillOptions &options, const StopToken &stop,
                            BackfillObserver &observer);

} // namespace kmsync::engine
