#include "engine/job/syncjob.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace kmsync::engine {

SyncObserver::~SyncObserver() = default;
void SyncObserver::onAttemptStarted(int, int) {}
void SyncObserver::onRerunScheduled(const RerunSchedule &) {}

namespace {

using Clock = std::chrono::steady_clock;

struct DirtyEntry
{
    int32_t partition = 0;
    int64_t offset = 0;
    int64_t timestampMs = -1;
    QString reason;
    QByteArray key;
    bool keyNull = true;
    QByteArray value;
};

struct PartitionDelta
{
    int64_t records = 0;
    int64_t bytes = 0;
    int64_t dirty = 0;
    int64_t lastOffset = -1;
    int64_t before = 0;
    int64_t after = 0;
};

// What the reader thread hands to the writer: mapped rows plus the bookkeeping for them.
struct Batch
{
    std::vector<Row> rows; // rows[0, rowCount) are this batch's; the rest are spare buffers for reuse
    size_t rowCount = 0;
    std::vector<DirtyEntry> dirty;
    std::map<int32_t, PartitionDelta> partitions;
    int64_t bytes = 0;
    bool last = false;
    std::optional<Error> error;
};

class BatchQueue
{
public:
    explicit BatchQueue(size_t capacity)
        : m_capacity(capacity)
    {
    }

    // Returns false when the queue was closed by the consumer.
    bool push(Batch batch)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_closed || m_items.size() < m_capacity; });
        if (m_closed)
            return false;
        m_items.push_back(std::move(batch));
        m_notEmpty.notify_one();
        return true;
    }
    // Waits up to timeout; returns nullopt on timeout.
    std::optional<Batch> pop(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        if (!m_notEmpty.wait_for(lock, timeout, [this] { return !m_items.empty(); }))
            return std::nullopt;
        Batch batch = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return batch;
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<Batch> m_items;
    size_t m_capacity;
    bool m_closed = false;
};

// Row buffers travel back from the writer to the reader, so that the strings of one batch's rows are
// reused by a later batch instead of being allocated and freed for every record.
class RowPool
{
public:
    std::vector<Row> take()
    {
        std::lock_guard lock(m_mutex);
        if (m_free.empty())
            return {};
        std::vector<Row> rows = std::move(m_free.back());
        m_free.pop_back();
        return rows;
    }
    void give(std::vector<Row> rows)
    {
        std::lock_guard lock(m_mutex);
        if (m_free.size() < 8)
            m_free.push_back(std::move(rows));
    }

private:
    std::mutex m_mutex;
    std::vector<std::vector<Row>> m_free;
};

QString truncatedText(const std::optional<std::string> &bytes, int max)
{
    if (!bytes)
        return {};
    const auto size = std::min<size_t>(bytes->size(), size_t(max));
    return QString::fromUtf8(bytes->data(), qsizetype(size));
}

// The reading half: polls the source, maps every message, and queues the rows.
void readAndMap(MessageSource &source, MapFn &map, const SyncJobOptions &options, const StopToken &stop,
                const StopToken &abort, BatchQueue &queue, RowPool &pool)
{
    const auto started = Clock::now();
    int64_t totalBytes = 0;
    // Throttled runs take small bites so the rate is smooth rather than one burst and a long sleep.
    const int batchSize = options.throttle && options.mbps > 0 ? std::min(options.batchSize, 64) : options.batchSize;
    std::vector<KafkaMessage> messages;
    messages.reserve(size_t(batchSize));
    const bool audit = options.windowBeginMs.has_value() && options.windowEndMs.has_value();
    for (;;) {
        if (stop.stopRequested() || abort.stopRequested()) {
            Batch end;
            end.last = true;
            queue.push(std::move(end));
            return;
        }
        source.recycle(messages);
        auto more = source.poll(messages, batchSize, 200, stop);
        Batch batch;
        if (!more.ok()) {
            batch.error = more.error();
            batch.last = true;
            queue.push(std::move(batch));
            return;
        }
        batch.rows = pool.take();
        if (batch.rows.size() < messages.size())
            batch.rows.resize(messages.size());
        for (const KafkaMessage &message : messages) {
            PartitionDelta &delta = batch.partitions[message.partition];
            const int64_t size = int64_t(message.key ? message.key->size() : 0)
                               + int64_t(message.value ? message.value->size() : 0);
            delta.records += 1;
            delta.bytes += size;
            delta.lastOffset = message.offset;
            batch.bytes += size;
            if (audit) {
                if (message.timestampMs < *options.windowBeginMs)
                    ++delta.before;
                else if (message.timestampMs >= *options.windowEndMs)
                    ++delta.after;
            }
            QString reason;
            if (map(message, batch.rows[batch.rowCount], &reason)) {
                ++batch.rowCount;
            } else {
                delta.dirty += 1;
                DirtyEntry entry;
                entry.partition = message.partition;
                entry.offset = message.offset;
                entry.timestampMs = message.timestampMs;
                entry.reason = reason;
                entry.keyNull = !message.key.has_value();
                entry.key = truncatedText(message.key, 1024).toUtf8();
                entry.value = truncatedText(message.value, 4096).toUtf8();
                batch.dirty.push_back(std::move(entry));
            }
        }
        totalBytes += batch.bytes;
        batch.last = !more.value();
        const bool last = batch.last;
        if (!queue.push(std::move(batch)) || last)
            return;
        if (options.throttle && options.mbps > 0) {
            // Token bucket over the whole run: never ahead of mbps on average.
            const double allowedSeconds = double(totalBytes) / (options.mbps * 1024.0 * 1024.0);
            const auto due = started
                           + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(allowedSeconds));
            while (Clock::now() < due && !stop.stopRequested() && !abort.stopRequested())
                std::this_thread::sleep_for(
                    std::min<Clock::duration>(due - Clock::now(), std::chrono::milliseconds(50)));
        }
    }
}

class DirtyFile
{
public:
    explicit DirtyFile(QString path)
        : m_path(std::move(path))
    {
    }

    Result<void> append(const std::vector<DirtyEntry> &entries)
    {
        if (entries.empty())
            return {};
        if (m_path.isEmpty())
            return {};
        if (!m_file.isOpen()) {
            QDir().mkpath(QFileInfo(m_path).absolutePath());
            m_file.setFileName(m_path);
            if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                return makeError(QStringLiteral("job.dirty_file"),
                                 QStringLiteral("cannot write the dirty-records file %1: %2")
                                     .arg(m_path, m_file.errorString()));
            }
        }
        for (const DirtyEntry &entry : entries) {
            QJsonObject line;
            line.insert(QStringLiteral("partition"), entry.partition);
            line.insert(QStringLiteral("offset"), qint64(entry.offset));
            line.insert(QStringLiteral("timestamp"), qint64(entry.timestampMs));
            line.insert(QStringLiteral("reason"), entry.reason);
            line.insert(QStringLiteral("key"), entry.keyNull ? QJsonValue() : QJsonValue(QString::fromUtf8(entry.key)));
            line.insert(QStringLiteral("value"), QString::fromUtf8(entry.value));
            m_file.write(QJsonDocument(line).toJson(QJsonDocument::Compact));
            m_file.write("\n", 1);
        }
        m_file.flush();
        return {};
    }
    bool written() const { return m_file.isOpen(); }
    QString path() const { return m_path; }

private:
    QString m_path;
    QFile m_file;
};

} // namespace

SyncJob::SyncJob(SyncJobOptions options, std::unique_ptr<MessageSource> source, std::unique_ptr<RecordSink> sink,
                 MapperFactory mapperFactory)
    : m_options(std::move(options))
    , m_source(std::move(source))
    , m_sink(std::move(sink))
    , m_mapperFactory(std::move(mapperFactory))
{
}

SyncJob::~SyncJob() = default;

RunSummary SyncJob::run(const StopToken &stop, SyncObserver &observer)
{
    RunSummary summary;
    summary.partitionSpec = m_options.target.partitionSpec;
    const auto started = Clock::now();
    auto seconds = [&started] { return std::chrono::duration<double>(Clock::now() - started).count(); };
    auto cancelled = [&]() {
        summary.cancelled = true;
        summary.errorCode = QStringLiteral("job.cancelled");
        summary.errorMessage = QCoreApplication::translate("SyncJob", "cancelled; the destination is unchanged");
        summary.seconds = seconds();
        observer.onLog(LogLevel::Warning, summary.errorMessage);
        return summary;
    };
    auto fail = [&](const Error &error) {
        // A source or sink call the stop cut short (a request aborted, a backoff left) is the cancel, not a failure.
        if (stop.stopRequested() && error.code == QLatin1String(kCancelledCode))
            return cancelled();
        summary.ok = false;
        summary.errorCode = error.code;
        summary.errorMessage = error.message;
        summary.seconds = seconds();
        observer.onLog(LogLevel::Error, error.message);
        return summary;
    };

    m_sink->warmUp(m_options.target); // e.g. connections opened while the schema is read
    auto schema = m_sink->tableSchema(m_options.target.table);
    if (!schema.ok())
        return fail(schema.error());
    auto map = m_mapperFactory(schema.value());
    if (!map.ok())
        return fail(map.error());

    auto ranges = m_source->open(stop);
    if (!ranges.ok())
        return fail(ranges.error());
    summary.ranges = ranges.value();

    JobProgress progress;
    std::map<int32_t, size_t> indexOf;
    for (const PartitionRange &range : ranges.value()) {
        indexOf[range.partition] = progress.partitions.size();
        PartitionProgress p;
        p.partition = range.partition;
        p.startOffset = range.startOffset;
        p.endOffset = range.endOffset;
        p.nextOffset = range.startOffset;
        progress.partitions.push_back(p);
    }
    int64_t total = 0;
    for (const auto &range : ranges.value())
        total += range.count();
    observer.onLog(LogLevel::Info,
                   QCoreApplication::translate("SyncJob", "reading %1 message(s) from %2 partition(s) into %3%4")
                       .arg(total)
                       .arg(ranges->size())
                       .arg(m_options.target.table, m_options.target.partitionSpec.isEmpty()
                                                        ? QString()
                                                        : QStringLiteral(" (%1)").arg(m_options.target.partitionSpec)));

    if (auto begun = m_sink->begin(m_options.target); !begun.ok())
        return fail(begun.error());

    std::map<int32_t, WindowAudit> audit;
    DirtyFile dirtyFile(m_options.dirtyFile);
    // Two batches between the reader and the writer: enough to keep both busy (4 was no faster and held ~8 MB
    // more rows at 480k nested messages).
    BatchQueue queue(2);
    StopToken abort; // set by this thread when it gives up (sink error, dirty limit)
    RowPool pool;
    std::thread reader([&] { readAndMap(*m_source, map.value(), m_options, stop, abort, queue, pool); });

    std::optional<Error> error;
    auto lastReport = Clock::now();
    auto lastReportRead = int64_t(0);
    auto lastReportBytes = int64_t(0);
    auto report = [&](bool force) {
        const auto now = Clock::now();
        const double interval = std::chrono::duration<double>(now - lastReport).count();
        if (!force && interval * 1000 < m_options.progressIntervalMs)
            return;
        progress.seconds = seconds();
        if (interval > 0) {
            progress.recordsPerSecond = double(progress.read - lastReportRead) / interval;
            progress.megabytesPerSecond = double(progress.bytes - lastReportBytes) / interval / (1024.0 * 1024.0);
        }
        lastReport = now;
        lastReportRead = progress.read;
        lastReportBytes = progress.bytes;
        observer.onProgress(progress);
    };

    int loggedDirty = 0;
    bool done = false;
    while (!done) {
        auto batch = queue.pop(std::chrono::milliseconds(100));
        if (!batch) {
            report(false);
            continue;
        }
        done = batch->last;
        if (batch->error) {
            error = batch->error;
            break;
        }
        if (batch->rowCount > 0) {
            if (auto written = m_sink->write(std::span<const Row>(batch->rows.data(), batch->rowCount));
                !written.ok()) {
                error = written.error();
                break;
            }
        }
        for (const auto &[partition, delta] : batch->partitions) {
            auto it = indexOf.find(partition);
            if (it == indexOf.end())
                continue;
            PartitionProgress &p = progress.partitions[it->second];
            p.records += delta.records;
            p.bytes += delta.bytes;
            p.dirty += delta.dirty;
            if (delta.lastOffset >= 0)
                p.nextOffset = delta.lastOffset + 1;
            WindowAudit &a = audit[partition];
            a.partition = partition;
            a.before += delta.before;
            a.after += delta.after;
            progress.read += delta.records;
            progress.dirty += delta.dirty;
        }
        progress.written += int64_t(batch->rowCount);
        pool.give(std::move(batch->rows));
        progress.bytes += batch->bytes;
        if (auto appended = dirtyFile.append(batch->dirty); !appended.ok()) {
            error = appended.error();
            break;
        }
        for (const DirtyEntry &entry : batch->dirty) {
            if (loggedDirty < 10) { // DataX logs the first 10 dirty records; so do we
                ++loggedDirty;
                observer.onLog(LogLevel::Warning,
                               QCoreApplication::translate("SyncJob", "dirty record at partition %1 offset %2: %3")
                                   .arg(entry.partition)
                                   .arg(entry.offset)
                                   .arg(entry.reason));
            }
        }
        if (m_options.errorLimit >= 0 && progress.dirty > m_options.errorLimit) {
            error = makeError(QStringLiteral("job.dirty_limit"),
                              QCoreApplication::translate(
                                  "SyncJob",
                                  "%1 dirty records exceed setting.errorLimit.record = %2; nothing was written "
                                  "(see %3)")
                                  .arg(progress.dirty)
                                  .arg(m_options.errorLimit)
                                  .arg(dirtyFile.path()));
            break;
        }
        report(false);
    }
    if (error || stop.stopRequested()) {
        abort.requestStop();
        queue.close();
    }
    reader.join();

    summary.read = progress.read;
    summary.written = progress.written;
    summary.dirty = progress.dirty;
    summary.bytes = progress.bytes;
    summary.dirtyFile = dirtyFile.written() ? dirtyFile.path() : QString();
    if (m_options.windowBeginMs && m_options.windowEndMs) {
        for (const PartitionRange &range : ranges.value()) {
            WindowAudit a = audit.count(range.partition) ? audit[range.partition] : WindowAudit{range.partition, 0, 0};
            summary.audit.push_back(a);
        }
    }
    summary.ranges = m_source->consumed();
    report(true);

    if (error || stop.stopRequested())
        summary.written = 0; // staged rows were rolled back: nothing was written
    if (error) {
        m_sink->rollback();
        observer.onLog(LogLevel::Error,
                       QCoreApplication::translate("SyncJob", "run failed, the destination is unchanged"));
        return fail(*error);
    }
    if (stop.stopRequested()) {
        m_sink->rollback();
        return cancelled();
    }
    const auto commitStarted = Clock::now();
    if (auto committed = m_sink->commit(); !committed.ok()) {
        m_sink->rollback();
        return fail(committed.error());
    }
    summary.commitSeconds = std::chrono::duration<double>(Clock::now() - commitStarted).count();
    observer.onLog(LogLevel::Info,
                   (summary.written == 1 ? QCoreApplication::translate("SyncJob", "committed %1 row to %2")
                                         : QCoreApplication::translate("SyncJob", "committed %1 rows to %2"))
                       .arg(summary.written)
                       .arg(m_options.target.table));
    if (auto offsets = m_source->commitOffsets(); !offsets.ok()) {
        // The data is in; only the group's bookkeeping lags. Say so loudly, but the run succeeded.
        observer
            .onLog(LogLevel::Warning,
                   QCoreApplication::translate("SyncJob",
                                               "data committed, but committing the consumer group offsets failed: %1")
                       .arg(offsets.error().message));
    }
    summary.ok = true;
    summary.seconds = seconds();
    return summary;
}

} // namespace kmsync::engine
