#include "engine/job/ledger.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace kmsync::engine {

namespace {

QJsonObject entryToJson(const Ledger::Entry &entry)
{
    QJsonArray ranges;
    for (const PartitionRange &range : entry.ranges) {
        ranges.append(QJsonObject{{QStringLiteral("partition"), range.partition},
                                  {QStringLiteral("start"), qint64(range.startOffset)},
                                  {QStringLiteral("end"), qint64(range.endOffset)}});
    }
    QJsonObject object{{QStringLiteral("partitionSpec"), entry.partitionSpec},
                       {QStringLiteral("table"), entry.table},
                       {QStringLiteral("runAt"), entry.runAt},
                       {QStringLiteral("ranges"), ranges}};
    if (!entry.commitId.isEmpty())
        object.insert(QStringLiteral("commitId"), entry.commitId);
    if (!entry.window.isEmpty())
        object.insert(QStringLiteral("window"), entry.window);
    return object;
}

} // namespace

QString Ledger::defaultPath(const QString &workspaceDir)
{
    return QDir(workspaceDir).filePath(QStringLiteral(".kmsync/ledger.json"));
}

Result<Ledger> Ledger::load(const QString &path)
{
    Ledger ledger;
    ledger.m_path = path;
    QFile file(path);
    if (!file.exists())
        return ledger;
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("ledger.io"),
                         QStringLiteral("cannot read the offset ledger %1: %2").arg(path, file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject()) {
        return makeError(QStringLiteral("ledger.corrupt"),
                         QStringLiteral("the offset ledger %1 is not valid JSON (%2 at byte %3); fix or remove it")
                             .arg(path, parseError.errorString())
                             .arg(parseError.offset));
    }
    const QJsonObject tasks = doc.object().value(QStringLiteral("tasks")).toObject();
    for (auto it = tasks.begin(); it != tasks.end(); ++it) {
        std::vector<Entry> entries;
        for (const QJsonValue &value : it.value().toArray()) {
            const QJsonObject object = value.toObject();
            Entry entry;
            entry.partitionSpec = object.value(QStringLiteral("partitionSpec")).toString();
            entry.table = object.value(QStringLiteral("table")).toString();
            entry.runAt = object.value(QStringLiteral("runAt")).toString();
            entry.commitId = object.value(QStringLiteral("commitId")).toString();
            entry.window = object.value(QStringLiteral("window")).toString();
            for (const QJsonValue &r : object.value(QStringLiteral("ranges")).toArray()) {
                const QJsonObject range = r.toObject();
                entry.ranges.push_back(PartitionRange{range.value(QStringLiteral("partition")).toInt(),
                                                      qint64(range.value(QStringLiteral("start")).toDouble()),
                                                      qint64(range.value(QStringLiteral("end")).toDouble())});
            }
            entries.push_back(std::move(entry));
        }
        ledger.m_tasks[it.key()] = std::move(entries);
    }
    return ledger;
}

const std::vector<Ledger::Entry> &Ledger::entries(const QString &taskKey) const
{
    static const std::vector<Entry> none;
    const auto it = m_tasks.find(taskKey);
    return it == m_tasks.end() ? none : it->second;
}

const Ledger::Entry *Ledger::find(const QString &taskKey, const QString &partitionSpec) const
{
    for (const Entry &entry : entries(taskKey)) {
        if (entry.partitionSpec == partitionSpec)
            return &entry;
    }
    return nullptr;
}

const Ledger::Entry *Ledger::previous(const QString &taskKey, const QString &partitionSpec) const
{
    const auto &list = entries(taskKey);
    size_t limit = list.size();
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].partitionSpec == partitionSpec) {
            limit = i;
            break;
        }
    }
    for (size_t i = limit; i > 0; --i) {
        if (list[i - 1].partitionSpec != partitionSpec)
            return &list[i - 1];
    }
    return nullptr;
}

LedgerCheck Ledger::check(const QString &taskKey, const QString &partitionSpec,
                          const std::vector<PartitionRange> &ranges) const
{
    LedgerCheck result;
    const Entry *prev = previous(taskKey, partitionSpec);
    if (!prev)
        return result;
    result.hasPrevious = true;
    result.previousPartitionSpec = prev->partitionSpec;
    result.previousRunAt = prev->runAt;
    for (const PartitionRange &range : ranges) {
        LedgerCheck::Partition p;
        p.partition = range.partition;
        p.start = range.startOffset;
        for (const PartitionRange &old : prev->ranges) {
            if (old.partition == range.partition)
                p.previousEnd = old.endOffset;
        }
        result.partitions.push_back(p);
    }
    return result;
}

std::map<int32_t, int64_t> Ledger::startOffsets(const QString &taskKey, const QString &partitionSpec) const
{
    std::map<int32_t, int64_t> offsets;
    if (const Entry *prev = previous(taskKey, partitionSpec)) {
        for (const PartitionRange &range : prev->ranges)
            offsets[range.partition] = range.endOffset;
    }
    return offsets;
}

Result<void> Ledger::record(const QString &taskKey, Entry entry)
{
    auto &list = m_tasks[taskKey];
    bool replaced = false;
    for (Entry &existing : list) {
        if (existing.partitionSpec == entry.partitionSpec) {
            existing = entry;
            replaced = true;
        }
    }
    if (!replaced)
        list.push_back(std::move(entry));

    QJsonObject tasks;
    for (const auto &[key, entries] : m_tasks) {
        QJsonArray array;
        for (const Entry &e : entries)
            array.append(entryToJson(e));
        tasks.insert(key, array);
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(QStringLiteral("ledger.io"),
                         QStringLiteral("cannot write the offset ledger %1: %2").arg(m_path, file.errorString()));
    }
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("tasks"), tasks}})
                   .toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        return makeError(QStringLiteral("ledger.io"),
                         QStringLiteral("cannot write the offset ledger %1: %2").arg(m_path, file.errorString()));
    }
    return {};
}

} // namespace kmsync::engine
