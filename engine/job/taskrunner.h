#pragma once

#include <map>
#include <memory>

#include <QString>

#include "engine/config/taskloader.h"
#include "engine/core/stoptoken.h"
#include "engine/job/syncjob.h"

namespace kmsync::engine {

namespace mapping {
class RecordMapper;
}

// Everything one run of a task needs, built from a resolved task: the source of the reader's datasource (Kafka),
// the sink of the writer's datasource (local warehouse or MaxCompute), the mapping and the job options.
struct JobPlan
{
    SyncJobOptions options;
    std::unique_ptr<MessageSource> source;
    std::unique_ptr<RecordSink> sink;
    MapperFactory mapperFactory;
    QString taskKey; // identifies the task in the offset ledger
    QString ledgerPath;
    // The mapper mapperFactory built last (it profiles the values), for the summary's drift counts.
    std::shared_ptr<std::shared_ptr<mapping::RecordMapper>> mapper;
};

// The drift counts of the plan's last mapper, when it profiled (the task maps JSON paths).
std::optional<DriftCounts> planDrift(const JobPlan &plan);

struct PlanOptions
{
    bool fromLedger = false; // start each Kafka partition where the previous window's run ended
    QString dirtyFile;       // empty: <workspace>/.kmsync/dirty/<task>-<partition>-<time>.jsonl
    int kafkaTimeoutMs = 10000;
    LogFn log;
    const StopToken *stop = nullptr; // cuts the sink's network calls short; runTask() sets its own
};

// The datasource the task's reader reads: its "datasource" (which must be a kafka one), or a Kafka datasource made
// of the 2019 form's single "server".
Result<config::Datasource> readerDatasource(const config::ResolvedTask &task);

// Builds the plan (the source and the sink through their kinds' Connector, connector.h); an Error here is bad input or
// configuration (no data has moved).
Result<JobPlan> planJob(const config::ResolvedTask &task, const PlanOptions &options);

struct TaskRunOptions
{
    PlanOptions plan;
    int reruns = -1;               // automatic reruns after a failed attempt; -1: the task's kmsync.reruns (default 3)
    int rerunIntervalSeconds = -1; // -1: the task's kmsync.rerunIntervalSeconds (default 120)
    // Set by whoever wants the next attempt now ("Rerun now"): ends a wait before a rerun at once. runTask()
    // resets it when a wait begins. May be null.
    StopToken *rerunNow = nullptr;
};

// Runs a task end to end: plan, run, and on failure rerun when waiting can help (isRerunnable() of the error's
// kind: a refused connection, a timeout, a 5xx; never a missing topic or table, rejected credentials, a
// mapping mismatch, bad input, the dirty-data limit or a cancel), then check and record the offset ledger.
// Before each wait it says once (log and SyncObserver::onRerunScheduled()) when the next attempt starts.
// The summary is the last attempt's, except that summary.seconds covers the whole run and summary.attemptLog
// lists every attempt. `badInput` is set when the failure was bad input or configuration.
RunSummary runTask(const config::ResolvedTask &task, const TaskRunOptions &options, const StopToken &stop,
                   SyncObserver &observer, bool *badInput = nullptr);

// True for error codes that mean bad input or configuration (the CLI's exit 2), not a failed run.
bool isBadInputCode(const QString &code);

// The window a run of the resolved task reads, as the ledger records it: the topic and the reader's begin and end
// (beginDateTime / beginOffset / beginTimestampMillis, likewise for the end), e.g.
// "topic=events begin=20221121000000 end=20221122000000". Two runs with the same text read the same messages.
QString readerWindow(const config::TaskConfig &task);

// The key of a task in the offset ledger: the task file's base name and the destination table, "clicks@ods_clicks".
QString ledgerTaskKey(const config::ResolvedTask &task);
// The offset ledger of the task's workspace (the datasources' workspace, else the task file's folder).
QString ledgerPathOf(const config::ResolvedTask &task);

// The summary as the one JSON line `kmsync-cli run` prints.
QByteArray summaryJson(const RunSummary &summary);

} // namespace kmsync::engine
