#pragma once

#include <map>
#include <vector>

#include <QJsonObject>
#include <QString>

#include "engine/core/messagesource.h"
#include "engine/core/result.h"
#include "engine/job/syncobserver.h"

namespace kmsync::engine {

// The offset ledger: for each task, the Kafka offset ranges every successful run wrote into each
// destination partition, kept in a JSON file beside the workspace (.kmsync/ledger.json).
// It answers "does this run start where the previous window ended?" and gives the start offsets
// for --from-ledger, so records that arrive late (timestamp in an earlier window) are never lost.
class Ledger
{
public:
    struct Entry
    {
        QString partitionSpec;
        QString table;
        QString runAt; // ISO 8601 UTC
        std::vector<PartitionRange> ranges;
        QString commitId; // unique per successful run (empty in entries written before kmsync recorded it)
        QString window;   // the resolved reader window the run read (readerWindow()), for backfill --resume
    };

    // A missing file is an empty ledger; a corrupt one is an Error (never silently replaced).
    static Result<Ledger> load(const QString &path);
    static QString defaultPath(const QString &workspaceDir);

    // The run before `partitionSpec` for this task: the latest recorded run of another destination
    // partition that was recorded before `partitionSpec`'s first run (or the latest one at all when
    // `partitionSpec` was never recorded).
    const Entry *previous(const QString &taskKey, const QString &partitionSpec) const;
    // Compares the given start offsets with the previous run's end offsets.
    LedgerCheck check(const QString &taskKey, const QString &partitionSpec,
                      const std::vector<PartitionRange> &ranges) const;
    // Start offsets for --from-ledger: previous run's end offset per Kafka partition (empty if none).
    std::map<int32_t, int64_t> startOffsets(const QString &taskKey, const QString &partitionSpec) const;

    // Records a successful run (a rerun of the same destination partition replaces its entry) and saves.
    Result<void> record(const QString &taskKey, Entry entry);

    const std::vector<Entry> &entries(const QString &taskKey) const;
    // The entry of `partitionSpec` for this task, or nullptr.
    const Entry *find(const QString &taskKey, const QString &partitionSpec) const;

private:
    QString m_path;
    std::map<QString, std::vector<Entry>> m_tasks;
};

} // namespace kmsync::engine
