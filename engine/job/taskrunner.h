#pragma once

#include <map>
#include <memory>

#include <QString>

#include "engine/config/taskloader.h"
#include "engine/core/stoptoken.h"
#include "engine/job/syncjob.h"

namespace kmsync::engine {

// Everything one run of a task needs, built from a resolved task: the Kafka source, the sink of the
// writer's datasource (local warehouse or MaxCompute), the mapping and the job options.
struct JobPlan
{
    SyncJobOptions options;
    std::unique_ptr<MessageSource> source;
    std::unique_ptr<RecordSink> sink;
    MapperFactory mapperFactory;
    QString taskKey; // identifies the task in the offset ledger
    QString ledgerPath;
};

struct PlanOptions
{
    bool fromLedger = false; // start each Kafka partition where the previous window's run ended
    QString dirtyFile;       // empty: <workspace>/.kmsync/dirty/<task>-<partition>-<time>.jsonl
    int kafkaTimeoutMs = 10000;
    LogFn log;
    const StopToken *stop = nullptr; // cuts the sink's network calls short; runTask() sets its own
};

// Builds the plan; an Error here is bad input or configuration (no data has moved).
Result<JobPlan> planJob(const config::ResolvedTask &task, const PlanOptions &options);

struct TaskRunOptions
{
    PlanOptions plan;
    int reruns = -1;               // automatic reruns after a failed attempt; -1: the task's kmsync.reruns (default 3)
    int rerunIntervalSeconds = -1; // -1: the task's kmsync.rerunIntervalSeconds (default 120)
};

// Runs a task end to end: plan, run, and on failure rerun (not for bad input, dirty-data limits or a cancel),
// then check and record the offset ledger. The summary of the last attempt is returned; summary.attempts
// says how many there were. `badInput` is set when the failure was bad input or configuration.
RunSummary runTask(const config::ResolvedTask &task, const TaskRunOptions &options, const StopToken &stop,
                   SyncObserver &observer, bool *badInput = nullptr);

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
