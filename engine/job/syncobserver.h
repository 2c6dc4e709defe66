#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <QDateTime>
#include <QString>

#include "engine/core/log.h"
#include "engine/core/messagesource.h"

namespace kmsync::engine {

// Progress of one Kafka partition during a run.
struct PartitionProgress
{
    int32_t partition = 0;
    int64_t startOffset = 0;
    int64_t endOffset = 0;  // exclusive
    int64_t nextOffset = 0; // next offset to read; == endOffset when the partition is done
    int64_t records = 0;    // messages read from this partition
    int64_t bytes = 0;      // key + value bytes read
    int64_t dirty = 0;
    friend bool operator==(const PartitionProgress &, const PartitionProgress &) = default;
};

struct JobProgress
{
    std::vector<PartitionProgress> partitions;
    int64_t read = 0;
    int64_t written = 0;
    int64_t dirty = 0;
    int64_t bytes = 0;
    double seconds = 0;          // since the job started reading
    double recordsPerSecond = 0; // over the last progress interval
    double megabytesPerSecond = 0;
};

// Records whose timestamp falls outside the task's [begin, end) window although their offset is in the
// resolved range (late or early producers): counted per Kafka partition.
struct WindowAudit
{
    int32_t partition = 0;
    int64_t before = 0; // timestamp < window begin
    int64_t after = 0;  // timestamp >= window end
    friend bool operator==(const WindowAudit &, const WindowAudit &) = default;
};

// The offset-ledger check: how this run's start offsets join the previous run's end offsets.
struct LedgerCheck
{
    struct Partition
    {
        int32_t partition = 0;
        int64_t previousEnd = -1; // -1: the previous run did not read this partition
        int64_t start = 0;
        int64_t gap() const { return previousEnd < 0 ? 0 : start - previousEnd; } // > 0 gap, < 0 overlap
    };
    bool hasPrevious = false;
    QString previousPartitionSpec;
    QString previousRunAt;
    std::vector<Partition> partitions;
    bool contiguous() const
    {
        for (const auto &p : partitions) {
            if (p.gap() != 0)
                return false;
        }
        return true;
    }
};

// One attempt of a run: runTask() runs a failed attempt again when waiting can help (errorkind.h).
struct RunAttempt
{
    int number = 1;
    bool ok = false;
    bool cancelled = false;
    QString errorCode; // empty when ok
    QString errorMessage;
    double seconds = 0; // this attempt alone, without the wait before it
};

// Schema drift seen while mapping (when the task maps JSON paths): distinct leaf paths in the values that no
// mapped path covers, and mapped JSON paths that no message contained. `kmsync-cli drift` gives the details.
struct DriftCounts
{
    int64_t unmapped = 0;
    int64_t neverSeen = 0;
    friend bool operator==(const DriftCounts &, const DriftCounts &) = default;
};

struct RunSummary
{
    bool ok = false;
    bool cancelled = false;
    QString errorCode;
    QString errorMessage;
    int64_t read = 0;
    int64_t written = 0;
    int64_t dirty = 0;
    int64_t bytes = 0;
    double seconds = 0;       // the whole run: every attempt and the waits between them
    double commitSeconds = 0; // the last attempt's sink commit alone (0 when it did not get that far)
    QString partitionSpec;
    std::vector<PartitionRange> ranges; // what was read, per Kafka partition
    std::vector<WindowAudit> audit;     // empty when the task has no time window
    LedgerCheck ledger;
    QString dirtyFile;                  // empty when no dirty record was written
    int attempts = 1;                   // how many attempts ran
    std::vector<RunAttempt> attemptLog; // each of them, in order (runTask() fills it)
    std::optional<DriftCounts> drift;   // unset when the run mapped no JSON path (or never got to mapping)
    QString commitId;                   // set when the run committed: its id in the offset ledger
};

// A failed attempt that will run again: reported once, when the wait begins.
struct RerunSchedule
{
    int failedAttempt = 1;
    int maxAttempts = 1;     // reruns + 1
    int waitSeconds = 0;     // from now
    QDateTime nextAttempt;   // when the next attempt starts (UTC)
    QString nextAttemptText; // the same in the task's time zone, zone named ("2026-12-05 09:30:00 Asia/Shanghai")
    QString errorCode;       // why the attempt failed
    QString errorMessage;
};

// What a running job reports. Called on the thread that runs the job; implementations forward
// (e.g. as queued signals to a GUI, or as lines to a console). Must not block for long.
class SyncObserver
{
public:
    virtual ~SyncObserver();
    virtual void onProgress(const JobProgress &progress) = 0;
    virtual void onLog(LogLevel level, const QString &message) = 0;
    // Attempt `attempt` of at most `maxAttempts` begins (runTask(); the first one too).
    virtual void onAttemptStarted(int attempt, int maxAttempts);
    // A failed attempt runs again after a wait (runTask()); the wait has begun.
    virtual void onRerunScheduled(const RerunSchedule &schedule);
};

// An observer that ignores everything (tests, previews).
class NullObserver final : public SyncObserver
{
public:
    void onProgress(const JobProgress &) override {}
    void onLog(LogLevel, const QString &) override {}
};

} // namespace kmsync::engine
