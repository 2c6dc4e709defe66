#include "engine/maxcompute/tunnelsink.h"

#include <algorithm>
#include <set>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

namespace kmsync::engine::maxcompute {

namespace {

constexpr int64_t kMaxBlocks = 20000; // block ids lie in [0, 20000)
constexpr size_t kMiB = 1024u * 1024u;
// All blocks held at once (being encoded, waiting, being compressed, compressed and waiting or in flight) stay within
// this when the block size is automatic.
constexpr size_t kBlockBudget = 48 * kMiB;
constexpr size_t kMinAutoBlock = 1 * kMiB;
constexpr size_t kMaxAutoBlock = 8 * kMiB;
constexpr size_t kMaxGrownBlock = 64 * kMiB;
// 4,000 blocks of each size: 20,000 blocks carry 31x the first size x 4,000 (less where 64 MiB caps it).
constexpr int64_t kBlocksPerDoubling = 4000;
// Room past the block size so that the block's last record does not double the writer's buffer.
constexpr size_t kBufferSlack = 256 * 1024;
// How old warm-up's answer to "does the partition exist?" may be when begin() acts on it.
constexpr qint64 kPartitionAnswerMaxAgeMs = 1000;

// Whether `spec` of `table` is missing (the partition's GET).
Result<bool> partitionMissing(OdpsClient &client, const QString &table, const PartitionSpec &spec)
{
    auto exists = client.partitionExists(table, spec);
    if (!exists)
        return exists.error();
    return !*exists;
}

int compressorsFor(int concurrent)
{
    // Deflate at level 1 outruns a connection by far; more threads than cores (or 4) only add blocks held in memory.
    const int cores = std::max(1, QThread::idealThreadCount());
    return std::clamp(std::min(concurrent, cores), 1, 4);
}

bool sameType(const ColumnType &a, const ColumnType &b)
{
    if (a.kind != b.kind)
        return false;
    if (a.kind == TypeKind::Decimal && a.precision > 0 && b.precision > 0)
        return a.precision == b.precision && a.scale == b.scale;
    if (a.kind == TypeKind::Varchar || a.kind == TypeKind::Char)
        return a.length == b.length;
    return true;
}

} // namespace

TunnelSink::TunnelSink(OdpsClient client, TunnelSinkOptions options)
    : m_client(std::move(client))
    , m_options(std::move(options))
    , m_uploadTransport(m_client.transport())
{
    if (m_options.blockSizeBytes != 0 && m_options.blockSizeBytes < 1024)
        m_options.blockSizeBytes = 1024;
    m_options.concurrent = std::clamp(m_options.concurrent, 1, 32);
}

size_t TunnelSink::blockSizeFor(int64_t index) const
{
    size_t base = m_options.blockSizeBytes;
    if (base == 0) {
        const auto uploaders = size_t(m_options.concurrent);
        const auto compressors = size_t(compressorsFor(m_options.concurrent));
        // The writer's block, the encoded ones waiting or compressing, the compressed ones waiting or in flight.
        base = std::clamp(kBlockBudget / (1 + compressors + uploaders + compressors), kMinAutoBlock, kMaxAutoBlock);
    }
    size_t size = base;
    for (int64_t step = index / kBlocksPerDoubling; step > 0 && size < kMaxGrownBlock; --step)
        size = std::min(size * 2, std::max(base, kMaxGrownBlock));
    return size;
}

void TunnelSink::flushLogs()
{
    std::vector<std::pair<LogLevel, QString>> lines;
    {
        std::lock_guard lock(m_logMutex);
        lines.swap(m_pendingLogs);
    }
    for (const auto &[level, line] : lines)
        log(level, line);
}

TunnelSink::~TunnelSink()
{
    if (m_active)
        rollback();
    joinSetup(true);
}

void TunnelSink::log(LogLevel level, const QString &message) const
{
    if (m_options.log)
        m_options.log(level, message);
}

Result<TableSchema> TunnelSink::tableSchema(const QString &table)
{
    auto schema = m_client.tableSchema(table);
    if (!schema)
        return schema.error();
    for (const ColumnDef &want : m_options.expectedColumns) {
        const auto index = schema->columnIndex(want.name);
        if (!index) {
            QStringList names;
            for (const auto &c : schema->columns)
                names << c.name;
            return makeError(QStringLiteral("sink.schema_mismatch"),
                             QStringLiteral("The mapping writes column \"%1\" but table %2.%3 has no such column; its "
                                            "columns are: %4.")
                                 .arg(want.name, m_client.project(), table, names.join(QStringLiteral(", "))));
        }
        const ColumnDef &have = schema->columns[size_t(*index)];
        if (!sameType(want.type, have.type)) {
            return makeError(QStringLiteral("sink.schema_mismatch"),
                             QStringLiteral("The mapping writes column \"%1\" as %2 but in table %3.%4 it is %5.")
                                 .arg(want.name, want.type.toString(), m_client.project(), table,
                                      have.type.toString()));
        }
    }
    m_schema = *schema;
    return schema;
}

QString TunnelSink::tablePath() const
{
    return QStringLiteral("/projects/%1/tables/%2").arg(m_client.project(), m_target.table);
}

QueryList TunnelSink::sessionQuery() const
{
    QueryList q;
    if (!m_spec.isEmpty())
        q.append({QStringLiteral("partition"), m_spec.toString()});
    q.append({QStringLiteral("curr_project"), m_client.project()});
    return q;
}

void TunnelSink::resetRun(bool keepSetup)
{
    if (m_pipeline) {
        m_pipeline->abort();
        m_stats = m_pipeline->stats();
    }
    if (!keepSetup)
        joinSetup(true);
    m_pipeline.reset();
    flushLogs();
    m_uploadId.clear();
    m_writer.reset();
    m_nextBlock = 0;
    m_records = 0;
    m_active = false;
    m_partitionOrigin = PartitionOrigin::Existing;
}

QString TunnelSink::setupKey(const SinkTarget &target)
{
    return target.table.toLower() + QLatin1Char('\n') + target.partitionSpec;
}

void TunnelSink::warmUp(const SinkTarget &target)
{
    if (!m_options.overlapSetup || m_active || m_setupThread)
        return;
    auto spec = PartitionSpec::parse(target.partitionSpec);
    if (!spec)
        return; // begin() says what is wrong with it
    startSetup(target.table, *spec, wantsPartition(*spec));
    m_preparedFor = setupKey(target);
}

Result<void> TunnelSink::begin(const SinkTarget &target)
{
    // Helper threads that warmUp() started for this target are kept (they have their connections open by now).
    const bool prepared = !m_active && m_setupThread && !m_setupGo && m_preparedFor == setupKey(target);
    if (!prepared && m_active)
        rollback();
    resetRun(prepared);
    const auto refuse = [this](const Error &error) {
        joinSetup(true);
        return error;
    };
    m_target = target;
    auto spec = PartitionSpec::parse(target.partitionSpec);
    if (!spec)
        return refuse(makeError(QStringLiteral("sink.invalid_partition_spec"), spec.error().message));
    m_spec = *spec;
    if (!m_schema || m_schema->name.compare(target.table, Qt::CaseInsensitive) != 0) {
        auto schema = tableSchema(target.table);
        if (!schema)
            return refuse(schema.error());
    }
    if (!m_schema->partitionKeys.empty() && m_spec.isEmpty()) {
        QStringList keys;
        for (const auto &k : m_schema->partitionKeys)
            keys << k.name + QStringLiteral("=...");
        return refuse(
            makeError(QStringLiteral("sink.invalid_partition_spec"),
                      QStringLiteral("Table %1 is partitioned; the writer's \"partition\" must name every level: %2.")
                          .arg(target.table, keys.join(QLatin1Char(',')))));
    }
    m_writer.emplace(m_schema->columns);
    m_nextBlock = 0;
    m_blockSize = blockSizeFor(0);
    m_writer->reserveBuffer(m_blockSize + kBufferSlack);
    m_stats = {};
    if (!m_options.overlapSetup) {
        OdpsConnectionScope connections;
        const Result<bool> missing = wantsPartition(m_spec) ? partitionMissing(m_client, m_target.table, m_spec)
                                                            : Result<bool>(false);
        const LogFn say = [this](LogLevel level, const QString &line) { log(level, line); };
        auto session = missing ? openSession(m_client, *missing, m_partitionOrigin, say)
                               : Result<QString>(missing.error());
        if (!session) {
            dropCreatedPartition();
            resetRun();
            return session.error();
        }
        m_uploadId = *session;
        // Every block goes through a copy of this transport: the Tunnel endpoint is known by now (the session was
        // created through it).
        m_uploadTransport = m_client.transport();
        startPipeline(false);
        m_active = true;
        log(LogLevel::Info, sessionLine());
    } else {
        if (!prepared)
            startSetup(m_target.table, m_spec, wantsPartition(m_spec));
        startPipeline(true);
        m_active = true;
        // The pipeline's mutex orders what the setup writes before the uploads that read it (open() comes after);
        // this thread reads it after joining the setup thread.
        {
            std::lock_guard lock(m_setupMutex);
            m_setupGo = true;
        }
        m_setupCv.notify_all();
    }
    log(LogLevel::Debug, QStringLiteral("Blocks of %1 bytes raw, %2 uploaded at once%3")
                             .arg(m_blockSize)
                             .arg(m_options.concurrent)
                             .arg(m_options.maxBytesPerSecond > 0
                                      ? QStringLiteral(", at most %1 bytes/s").arg(qint64(m_options.maxBytesPerSecond))
                                      : QString()));
    return {};
}

void TunnelSink::logPending(LogLevel level, const QString &line)
{
    std::lock_guard lock(m_logMutex);
    m_pendingLogs.emplace_back(level, line);
}

LogFn TunnelSink::pendingLog()
{
    return [this](LogLevel level, const QString &line) { logPending(level, line); };
}

void TunnelSink::startPipeline(bool held)
{
    UploadPipelineOptions pipeline;
    pipeline.uploaders = m_options.concurrent;
    pipeline.compressors = compressorsFor(m_options.concurrent);
    pipeline.compress = m_options.compress;
    pipeline.compressionLevel = m_options.compressionLevel;
    pipeline.maxBytesPerSecond = m_options.maxBytesPerSecond;
    pipeline.stop = m_client.options().stop;
    pipeline.held = held;
    m_pipeline = std::make_unique<UploadPipeline>(pipeline, [this](int64_t blockId, const QByteArray &body,
                                                                   const StopToken &abort) {
        return uploadBlock(blockId, body, abort);
    });
}

void TunnelSink::startSetup(const QString &table, const PartitionSpec &spec, bool withPartition)
{
    m_setupAbort = std::make_unique<StopToken>();
    m_setupGo = false;
    m_setupPartitionOrigin = PartitionOrigin::Existing;
    m_partitionResult.reset();
    m_preparedFor.clear();
    OdpsClient client = m_client;
    OdpsClientOptions options = client.options();
    options.abort = m_setupAbort.get();
    options.log = pendingLog();
    client.setOptions(std::move(options));
    // Two chains of round trips, side by side: the partition thread asks whether the partition exists while the setup
    // thread finds the Tunnel endpoint and opens the connections to it (its own and the upload threads'). The session
    // needs both answers. Both threads start with what only reads, then wait for begin() (waitForGo()) before anything
    // changes: started by warmUp(), those requests and their connections' handshakes overlap the table's schema being
    // read.
    if (withPartition) {
        m_partitionThread.reset(QThread::create([this, client, table, spec]() mutable {
            OdpsConnectionScope connections;
            auto missing = partitionMissing(client, table, spec);
            QElapsedTimer age;
            age.start();
            if (!waitForGo())
                return;
            // An answer that has aged (Kafka can take seconds to open) is asked again: "missing" makes a partition
            // that this run then owns and drops on failure, so it must not be older than the round trips before it.
            if (missing && *missing && age.elapsed() > kPartitionAnswerMaxAgeMs)
                missing = partitionMissing(client, table, spec);
            m_partitionResult = std::move(missing);
        }));
        m_partitionThread->start();
    }
    QThread *partitionThread = m_partitionThread.get();
    m_setupThread.reset(QThread::create([this, client, partitionThread]() mutable {
        OdpsConnectionScope connections;
        auto tunnel = client.tunnelEndpoint();
        if (tunnel)
            OdpsConnectionScope::preconnect(*tunnel);
        const bool go = waitForGo();
        if (go && tunnel)
            m_pipeline->preconnect(*tunnel);
        if (partitionThread)
            partitionThread->wait(); // bounded by the requests' timeouts and m_setupAbort
        if (!go)
            return;
        if (!tunnel) {
            m_pipeline->fail(tunnel.error());
            return;
        }
        if (m_partitionResult && !m_partitionResult->ok()) {
            m_pipeline->fail(m_partitionResult->error());
            return;
        }
        const bool missing = m_partitionResult && m_partitionResult->value();
        auto session = openSession(client, missing, m_setupPartitionOrigin, pendingLog());
        if (!session) {
            m_pipeline->fail(session.error());
            return;
        }
        m_uploadId = *session;
        m_uploadTransport = client.transport();
        logPending(LogLevel::Info, sessionLine());
        m_pipeline->open();
    }));
    m_setupThread->start();
}

bool TunnelSink::waitForGo()
{
    std::unique_lock lock(m_setupMutex);
    m_setupCv.wait(lock, [this] { return m_setupGo || m_setupAbort->stopRequested(); });
    return m_setupGo && !m_setupAbort->stopRequested();
}

void TunnelSink::joinSetup(bool abort)
{
    if (!m_setupThread)
        return;
    {
        std::lock_guard lock(m_setupMutex);
        if (abort || !m_setupGo)
            m_setupAbort->requestStop();
    }
    m_setupCv.notify_all();
    // No event loop needed here, even for a server living in this thread: without `abort` this is called once the
    // pipeline has finished, i.e. the setup opened or failed it (its last request is answered), or the run's stop,
    // which the setup's requests watch too, ended the wait.
    m_setupThread->wait();
    m_setupThread.reset();
    if (m_partitionThread) {
        m_partitionThread->wait();
        m_partitionThread.reset();
    }
    m_preparedFor.clear();
    if (m_setupPartitionOrigin != PartitionOrigin::Existing)
        m_partitionOrigin = m_setupPartitionOrigin;
    if (!m_uploadId.isEmpty()) {
        // The Tunnel endpoint the setup discovered, for the session's reload and commit.
        const OdpsClientOptions options = m_client.options();
        m_client.transport() = m_uploadTransport;
        m_client.setOptions(options);
    }
}

bool TunnelSink::wantsPartition(const PartitionSpec &spec) const
{
    return !spec.isEmpty() && m_options.createPartition;
}

QString TunnelSink::sessionLine() const
{
    return QStringLiteral("Upload session %1 for %2%3 (%4)")
        .arg(m_uploadId, m_target.table, m_spec.isEmpty() ? QString() : QLatin1Char('/') + m_spec.toString(),
             m_target.truncate ? QStringLiteral("overwrite") : QStringLiteral("append"));
}

Result<QString> TunnelSink::openSession(OdpsClient &client, bool createPartition, PartitionOrigin &origin,
                                        const LogFn &say)
{
    origin = PartitionOrigin::Existing;
    if (!createPartition)
        return requestSession(client, false);
    // From here on the partition may exist because of this run (the service may create it with the session even
    // when the session fails afterwards): rollback asks, and drops it when it is there.
    origin = PartitionOrigin::Session;
    auto session = requestSession(client, true);
    const QString partition = QStringLiteral("%1 of %2").arg(m_spec.toString(), m_target.table);
    if (session) {
        say(LogLevel::Info, QStringLiteral("Partition %1 is new: the upload session creates it").arg(partition));
        return session;
    }
    if (session.error().code != QLatin1String("sink.no_such_partition"))
        return session;
    // A service that does not take create_partition on a batch session (no document promises it does).
    say(LogLevel::Info, QStringLiteral("The Tunnel did not create partition %1 (NoSuchPartition); adding it with an "
                                       "SQL instance")
                            .arg(partition));
    if (auto added = client.addPartition(m_target.table, m_spec); !added)
        return added.error();
    origin = PartitionOrigin::Sql;
    say(LogLevel::Info, QStringLiteral("Created partition %1").arg(partition));
    return requestSession(client, false);
}

Result<QString> TunnelSink::requestSession(OdpsClient &client, bool createPartition)
{
    const SinkTarget &target = m_target;
    QueryList q{{QStringLiteral("uploads"), QString()}};
    q.append(sessionQuery());
    if (target.truncate)
        q.append({QStringLiteral("overwrite"), QStringLiteral("true")});
    if (createPartition)
        q.append({QStringLiteral("create_partition"), QStringLiteral("true")});
    // No odps-tunnel-date-transform: v1, which pyodps and the Java SDK send. A session answered with "true" would
    // want each DATETIME as the local wall-clock time read in a fixed UTC+8 calendar (the Java SDK's DateUtils),
    // which moves instants before 1928, in the 1946-49 summers, or by hours outside China (tst_maxcompute_javasdk
    // measures it). Not offering it keeps every DATETIME the true UTC epoch milliseconds, as pyodps writes them.
    auto r = client.transport().sendWithRetry(OdpsTransport::Endpoint::Tunnel, "POST", tablePath(), q,
                                              {{"x-odps-tunnel-version", "6"}});
    const QString what = QStringLiteral("Creating the upload session for %1%2")
                             .arg(target.table, m_spec.isEmpty() ? QString() : QLatin1Char(' ') + m_spec.toString());
    if (!r)
        return r.error();
    if (r->status != 200 && r->status != 201)
        return OdpsTransport::httpError(*r, what);
    const QJsonObject session = QJsonDocument::fromJson(r->body).object();
    const QString uploadId = session.value(QStringLiteral("UploadID")).toString();
    if (uploadId.isEmpty()) {
        return makeError(QStringLiteral("maxcompute.bad_response"),
                         QStringLiteral("%1: the answer has no UploadID (request id %2).")
                             .arg(what, QString::fromLatin1(r->requestId())));
    }
    // The session's schema is what the blocks are decoded against: it must be the schema the rows were mapped to.
    const QJsonArray cols =
        session.value(QStringLiteral("Schema")).toObject().value(QStringLiteral("columns")).toArray();
    bool same = cols.size() == qsizetype(m_schema->columns.size());
    for (qsizetype i = 0; same && i < cols.size(); ++i) {
        const QJsonObject c = cols.at(i).toObject();
        const auto type = ColumnType::parse(c.value(QStringLiteral("type")).toString());
        const ColumnDef &mine = m_schema->columns[size_t(i)];
        same = type && c.value(QStringLiteral("name")).toString().compare(mine.name, Qt::CaseInsensitive) == 0
            && sameType(*type, mine.type);
    }
    if (!same) {
        QStringList theirs;
        for (const auto &v : cols)
            theirs << v.toObject().value(QStringLiteral("name")).toString() + QLatin1Char(' ')
                          + v.toObject().value(QStringLiteral("type")).toString();
        return makeError(QStringLiteral("sink.schema_mismatch"),
                         QStringLiteral("Table %1 changed since its schema was read: the upload session has columns "
                                        "(%2) (request id %3). Read the schema again and re-map.")
                             .arg(target.table, theirs.join(QStringLiteral(", ")),
                                  QString::fromLatin1(r->requestId())));
    }
    return uploadId;
}

Result<void> TunnelSink::write(std::span<const Row> rows)
{
    if (!m_active || !m_writer) {
        return makeError(QStringLiteral("sink.state"),
                         QStringLiteral("TunnelSink::write() called without a successful begin()."));
    }
    if (m_setupThread) {
        // A session that could not be made fails the run now rather than after the rest of the topic is read.
        if (auto failed = m_pipeline->failure())
            return *failed;
    }
    for (size_t i = 0; i < rows.size(); ++i) {
        if (auto ok = m_writer->write(rows[i]); !ok) {
            Error e = ok.error();
            e.message = QStringLiteral("Record %1: %2").arg(m_records + m_writer->recordCount() + 1).arg(e.message);
            return e;
        }
        if (m_writer->size() >= m_blockSize) {
            if (auto ok = flushBlock(); !ok)
                return ok;
        }
    }
    return {};
}

Result<void> TunnelSink::uploadBlock(int64_t blockId, const QByteArray &body, const StopToken &abort)
{
    // Runs on an upload thread: its own copy of the transport, stopped by the run's token or the pipeline's abort,
    // its log lines passed on from the caller's thread.
    OdpsTransport transport = m_uploadTransport;
    OdpsClientOptions options = transport.options();
    options.abort = &abort;
    options.log = pendingLog();
    transport.setOptions(std::move(options));
    // A block goes out whole with Content-Length (the SDKs stream it chunked; the service reads sized bodies and
    // documents IncompleteBody for short ones) and deflate-compressed by default (both SDKs send raw blocks unless
    // compression is switched on, and the same encoding when it is).
    HeaderList headers{{"Content-Type", "application/octet-stream"}, {"x-odps-tunnel-version", "6"}};
    if (m_options.compress)
        headers.emplaceBack(QByteArray("Content-Encoding"), QByteArray("deflate"));
    QueryList q{{QStringLiteral("uploadid"), m_uploadId}, {QStringLiteral("blockid"), QString::number(blockId)}};
    q.append(sessionQuery());
    auto r = transport.sendWithRetry(OdpsTransport::Endpoint::Tunnel, "PUT", tablePath(), q, headers, body);
    if (!r)
        return r.error();
    if (r->status != 200 && r->status != 201)
        return OdpsTransport::httpError(
            *r, QStringLiteral("Uploading block %1 of session %2").arg(blockId).arg(m_uploadId));
    std::lock_guard lock(m_logMutex);
    m_pendingLogs.emplace_back(LogLevel::Debug,
                               QStringLiteral("Block %1 stored: %2 bytes sent").arg(blockId).arg(body.size()));
    return {};
}

Result<void> TunnelSink::flushBlock()
{
    if (m_nextBlock >= kMaxBlocks) {
        return makeError(QStringLiteral("sink.too_many_blocks"),
                         QStringLiteral(
                             "The upload session already has %1 blocks, the Tunnel maximum; raise the block size.")
                             .arg(kMaxBlocks));
    }
    m_writer->finish();
    const int64_t blockId = m_nextBlock++;
    const int64_t records = m_writer->recordCount();
    std::string block = m_writer->takeBlock(m_pipeline->spareBuffer());
    m_records += records;
    m_blockSize = blockSizeFor(m_nextBlock);
    auto submitted = m_pipeline->submit(blockId, std::move(block), records);
    flushLogs();
    return submitted;
}

Result<void> TunnelSink::commit()
{
    if (!m_active || !m_writer)
        return makeError(QStringLiteral("sink.state"),
                         QStringLiteral("TunnelSink::commit() called without a successful begin()."));
    const auto failed = [this](Error e) -> Result<void> {
        rollback();
        return e;
    };
    OdpsConnectionScope connections; // the reload and the commit over one connection
    if (m_writer->recordCount() > 0) {
        if (auto ok = flushBlock(); !ok)
            return failed(ok.error());
    }
    // The Tunnel is often another host than the service, with handshakes of its own: once the session exists (the
    // setup wrote the endpoint before opening the pipeline), this thread's connection to it, for the reload and the
    // commit, opens while the last blocks upload.
    if (m_pipeline->waitUntilOpen()) {
        if (auto tunnel = m_uploadTransport.tunnelEndpoint(); tunnel)
            OdpsConnectionScope::preconnect(*tunnel);
    }
    auto uploaded = m_pipeline->finish(); // with overlapSetup, waits for the session too
    m_stats = m_pipeline->stats();
    joinSetup(false);
    flushLogs();
    if (!uploaded)
        return failed(uploaded.error());
    const std::vector<int64_t> stored = m_pipeline->storedBlocks();
    QueryList q{{QStringLiteral("uploadid"), m_uploadId}};
    q.append(sessionQuery());
    // Reload the session and compare its block list with the blocks this run stored (getblockid=true asks for the
    // list, as the Java SDK's reload does).
    QueryList reloadQuery = q;
    reloadQuery.append({QStringLiteral("getblockid"), QStringLiteral("true")});
    if (m_partitionOrigin == PartitionOrigin::Session) // as pyodps reloads a session it asked to create the partition
        reloadQuery.append({QStringLiteral("create_partition"), QStringLiteral("true")});
    auto reload = m_client.transport().sendWithRetry(OdpsTransport::Endpoint::Tunnel, "GET", tablePath(), reloadQuery,
                                                     {{"x-odps-tunnel-version", "6"}});
    if (!reload)
        return failed(reload.error());
    if (reload->status != 200)
        return failed(OdpsTransport::httpError(*reload, QStringLiteral("Reloading upload session %1").arg(m_uploadId)));
    std::set<int64_t> server;
    for (const QJsonValue &b :
         QJsonDocument::fromJson(reload->body).object().value(QStringLiteral("UploadedBlockList")).toArray())
        server.insert(b.toObject().value(QStringLiteral("BlockID")).toInteger(-1));
    const std::set<int64_t> mine(stored.begin(), stored.end());
    if (server != mine) {
        return failed(makeError(QStringLiteral("sink.commit"),
                                QStringLiteral("Upload session %1: the server holds %2 blocks but this run stored %3; "
                                               "not committing (request id %4).")
                                    .arg(m_uploadId)
                                    .arg(server.size())
                                    .arg(mine.size())
                                    .arg(QString::fromLatin1(reload->requestId()))));
    }
    if (m_client.stopRequested())
        return failed(makeError(QString::fromLatin1(kCancelledCode),
                                QStringLiteral("Committing upload session %1 was cancelled.").arg(m_uploadId)));
    // Past this point a stop no longer counts: a commit cut off in flight may still land on the server, and then
    // the run would report "unchanged" for a table that changed. The commit is one short request.
    OdpsClient committer = m_client;
    OdpsClientOptions options = committer.options();
    options.stop = nullptr;
    committer.setOptions(std::move(options));
    auto r = committer.transport().sendWithRetry(OdpsTransport::Endpoint::Tunnel, "POST", tablePath(), q,
                                                 {{"x-odps-tunnel-version", "6"}});
    if (!r)
        return failed(r.error());
    if (r->status != 200 && r->status != 201) {
        // A retried commit may find the session already committed by the previous attempt.
        auto again = m_client.transport().send(OdpsTransport::Endpoint::Tunnel, "GET", tablePath(), q,
                                               {{"x-odps-tunnel-version", "6"}});
        const QString status =
            again && again->status == 200
                ? QJsonDocument::fromJson(again->body).object().value(QStringLiteral("Status")).toString().toLower()
                : QString();
        if (status != QLatin1String("closed"))
            return failed(OdpsTransport::httpError(*r, QStringLiteral("Committing upload session %1").arg(m_uploadId)));
    }
    log(LogLevel::Info,
        QStringLiteral("Committed session %1: %2 records in %3 blocks into %4")
            .arg(m_uploadId)
            .arg(m_records)
            .arg(stored.size())
            .arg(m_target.table + (m_spec.isEmpty() ? QString() : QLatin1Char('/') + m_spec.toString())));
    // One line the benchmark reads: what went over the wire and how long the run waited on the network.
    log(LogLevel::Info,
        QStringLiteral("Uploaded %1 bytes raw as %2 bytes sent (ratio %3) with %4 at once: network busy %5 s, "
                       "uploads %6 s in all, throttled %7 s, writer waited %8 s for uploads")
            .arg(m_stats.rawBytes)
            .arg(m_stats.sentBytes)
            .arg(m_stats.sentBytes > 0 ? double(m_stats.rawBytes) / double(m_stats.sentBytes) : 1.0, 0, 'f', 2)
            .arg(m_options.concurrent)
            .arg(m_stats.networkSeconds, 0, 'f', 3)
            .arg(m_stats.requestSeconds, 0, 'f', 3)
            .arg(m_stats.throttleSeconds, 0, 'f', 3)
            .arg(m_stats.stallSeconds, 0, 'f', 3));
    const int64_t records = m_records;
    const UploadStats stats = m_stats;
    resetRun();
    m_records = records;
    m_stats = stats;
    return {};
}

void TunnelSink::dropCreatedPartition()
{
    // The run made this (empty) partition, or asked the session to: remove it so the table is as it was. A stopped
    // run skips this (it is an SQL instance, which can take long) and says so.
    if (m_partitionOrigin == PartitionOrigin::Existing)
        return;
    if (m_client.stopRequested()) {
        log(LogLevel::Warning,
            m_partitionOrigin == PartitionOrigin::Sql
                ? QStringLiteral("Stopped: the empty partition %1 this run created is left in place.")
                      .arg(m_spec.toString())
                : QStringLiteral(
                      "Stopped: if the Tunnel created the partition %1 for this run's session, it is left in "
                      "place, empty.")
                      .arg(m_spec.toString()));
        return;
    }
    if (m_partitionOrigin == PartitionOrigin::Session) {
        // The service may create it with the session or only at the commit: a run that failed before is asked
        // about, so that it sends no DROP for a partition that is not there.
        const auto exists = m_client.partitionExists(m_target.table, m_spec);
        if (const bool *there = exists.valueIfOk(); there && !*there)
            return;
    }
    if (auto dropped = m_client.dropPartition(m_target.table, m_spec); !dropped)
        log(LogLevel::Warning,
            QStringLiteral("Could not drop the partition this run created: %1").arg(dropped.error().message));
}

void TunnelSink::rollback()
{
    if (m_pipeline)
        m_pipeline->abort(); // the blocks in flight first: the session is abandoned anyway
    joinSetup(true);
    flushLogs();
    if (m_active)
        dropCreatedPartition();
    if (m_active && !m_uploadId.isEmpty())
        log(LogLevel::Info, QStringLiteral("Upload session %1 abandoned; nothing was committed.").arg(m_uploadId));
    else if (m_active)
        log(LogLevel::Info, QStringLiteral("Nothing was committed: the upload session was never created."));
    resetRun();
}

} // namespace kmsync::engine::maxcompute
