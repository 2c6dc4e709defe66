#include "engine/maxcompute/tunnelsink.h"

#include <algorithm>
#include <set>

#include <zlib.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kmsync::engine::maxcompute {

namespace {

constexpr int64_t kMaxBlocks = 20000; // block ids lie in [0, 20000)

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
{
    if (m_options.blockSizeBytes < 1024)
        m_options.blockSizeBytes = 1024;
}

TunnelSink::~TunnelSink()
{
    if (m_active)
        rollback();
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

void TunnelSink::resetRun()
{
    m_uploadId.clear();
    m_writer.reset();
    m_blocks.clear();
    m_records = 0;
    m_active = false;
    m_createdPartition = false;
}

Result<void> TunnelSink::begin(const SinkTarget &target)
{
    if (m_active)
        rollback();
    resetRun();
    m_target = target;
    auto spec = PartitionSpec::parse(target.partitionSpec);
    if (!spec)
        return makeError(QStringLiteral("sink.invalid_partition_spec"), spec.error().message);
    m_spec = *spec;
    if (!m_schema || m_schema->name.compare(target.table, Qt::CaseInsensitive) != 0) {
        auto schema = tableSchema(target.table);
        if (!schema)
            return schema.error();
    }
    if (!m_schema->partitionKeys.empty() && m_spec.isEmpty()) {
        QStringList keys;
        for (const auto &k : m_schema->partitionKeys)
            keys << k.name + QStringLiteral("=...");
        return makeError(QStringLiteral("sink.invalid_partition_spec"),
                         QStringLiteral(
                             "Table %1 is partitioned; the writer's \"partition\" must name every level: %2.")
                             .arg(target.table, keys.join(QLatin1Char(','))));
    }
    if (!m_spec.isEmpty() && m_options.createPartition) {
        auto exists = m_client.partitionExists(target.table, m_spec);
        if (!exists)
            return exists.error();
        if (!*exists) {
            auto added = m_client.addPartition(target.table, m_spec);
            if (!added)
                return added.error();
            m_createdPartition = true;
            log(LogLevel::Info, QStringLiteral("Created partition %1 of %2").arg(m_spec.toString(), target.table));
        }
    }
    QueryList q{{QStringLiteral("uploads"), QString()}};
    q.append(sessionQuery());
    if (target.truncate)
        q.append({QStringLiteral("overwrite"), QStringLiteral("true")});
    // No odps-tunnel-date-transform: v1, which pyodps and the Java SDK send. A session answered with "true" would
    // want each DATETIME as the local wall-clock time read in a fixed UTC+8 calendar (the Java SDK's DateUtils),
    // which moves instants before 1928, in the 1946-49 summers, or by hours outside China (tst_maxcompute_javasdk
    // measures it). Not offering it keeps every DATETIME the true UTC epoch milliseconds, as pyodps writes them.
    auto r = m_client.transport().sendWithRetry(OdpsTransport::Endpoint::Tunnel, "POST", tablePath(), q,
                                                {{"x-odps-tunnel-version", "6"}});
    const QString what = QStringLiteral("Creating the upload session for %1%2")
                             .arg(target.table, m_spec.isEmpty() ? QString() : QLatin1Char(' ') + m_spec.toString());
    auto fail = [this](Error e) -> Result<void> {
        if (m_createdPartition) {
            if (auto dropped = m_client.dropPartition(m_target.table, m_spec); !dropped)
                log(LogLevel::Warning, dropped.error().message);
        }
        resetRun();
        return e;
    };
    if (!r)
        return fail(r.error());
    if (r->status != 200 && r->status != 201)
        return fail(OdpsTransport::httpError(*r, what));
    const QJsonObject session = QJsonDocument::fromJson(r->body).object();
    m_uploadId = session.value(QStringLiteral("UploadID")).toString();
    if (m_uploadId.isEmpty()) {
        return fail(makeError(QStringLiteral("maxcompute.bad_response"),
                              QStringLiteral("%1: the answer has no UploadID (request id %2).")
                                  .arg(what, QString::fromLatin1(r->requestId()))));
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
        return fail(
            makeError(QStringLiteral("sink.schema_mismatch"),
                      QStringLiteral("Table %1 changed since its schema was read: the upload session has columns "
                                     "(%2) (request id %3). Read the schema again and re-map.")
                          .arg(target.table, theirs.join(QStringLiteral(", ")), QString::fromLatin1(r->requestId()))));
    }
    m_writer.emplace(m_schema->columns);
    m_active = true;
    log(LogLevel::Info,
        QStringLiteral("Upload session %1 for %2 (%3)")
            .arg(m_uploadId, target.table + (m_spec.isEmpty() ? QString() : QLatin1Char('/') + m_spec.toString()),
                 target.truncate ? QStringLiteral("overwrite") : QStringLiteral("append")));
    return {};
}

Result<void> TunnelSink::write(std::span<const Row> rows)
{
    if (!m_active || !m_writer) {
        return makeError(QStringLiteral("sink.state"),
                         QStringLiteral("TunnelSink::write() called without a successful begin()."));
    }
    for (size_t i = 0; i < rows.size(); ++i) {
        if (auto ok = m_writer->write(rows[i]); !ok) {
            Error e = ok.error();
            e.message = QStringLiteral("Record %1: %2").arg(m_records + m_writer->recordCount() + 1).arg(e.message);
            return e;
        }
        if (m_writer->size() >= m_options.blockSizeBytes) {
            if (auto ok = flushBlock(); !ok)
                return ok;
        }
    }
    return {};
}

Result<void> TunnelSink::compressBlock()
{
    const std::string_view raw = m_writer->data();
    z_stream zs{};
    if (deflateInit(&zs, m_options.compressionLevel) != Z_OK)
        return makeError(QStringLiteral("sink.compress"), QStringLiteral("zlib deflateInit failed."));
    m_compressed.resize(qsizetype(deflateBound(&zs, uLong(raw.size()))));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.data()));
    zs.avail_in = uInt(raw.size());
    zs.next_out = reinterpret_cast<Bytef *>(m_compressed.data());
    zs.avail_out = uInt(m_compressed.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto produced = qsizetype(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return makeError(QStringLiteral("sink.compress"), QStringLiteral("zlib deflate failed (%1).").arg(rc));
    m_compressed.resize(produced);
    return {};
}

Result<void> TunnelSink::flushBlock()
{
    if (int64_t(m_blocks.size()) >= kMaxBlocks) {
        return makeError(QStringLiteral("sink.too_many_blocks"),
                         QStringLiteral(
                             "The upload session already has %1 blocks, the Tunnel maximum; raise the block size.")
                             .arg(kMaxBlocks));
    }
    m_writer->finish();
    const auto blockId = int64_t(m_blocks.size());
    // A block goes out whole with Content-Length (the SDKs stream it chunked; the service reads sized bodies and
    // documents IncompleteBody for short ones) and deflate-compressed by default (both SDKs send raw blocks unless
    // compression is switched on, and the same encoding when it is).
    HeaderList headers{{"Content-Type", "application/octet-stream"}, {"x-odps-tunnel-version", "6"}};
    QByteArray body;
    if (m_options.compress) {
        if (auto ok = compressBlock(); !ok)
            return ok;
        headers.emplaceBack(QByteArray("Content-Encoding"), QByteArray("deflate"));
        body = m_compressed;
    } else {
        // No copy: the writer's buffer stays untouched until this block (and its retries) is done.
        body = QByteArray::fromRawData(m_writer->data().data(), qsizetype(m_writer->size()));
    }
    QueryList q{{QStringLiteral("uploadid"), m_uploadId}, {QStringLiteral("blockid"), QString::number(blockId)}};
    q.append(sessionQuery());
    auto r = m_client.transport().sendWithRetry(OdpsTransport::Endpoint::Tunnel, "PUT", tablePath(), q, headers, body);
    if (!r)
        return r.error();
    if (r->status != 200 && r->status != 201)
        return OdpsTransport::httpError(
            *r, QStringLiteral("Uploading block %1 of session %2").arg(blockId).arg(m_uploadId));
    m_blocks.push_back(blockId);
    m_records += m_writer->recordCount();
    log(LogLevel::Debug, QStringLiteral("Block %1 stored: %2 records, %3 bytes raw, %4 bytes sent")
                             .arg(blockId)
                             .arg(m_writer->recordCount())
                             .arg(m_writer->size())
                             .arg(body.size()));
    m_writer->reset();
    return {};
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
    if (m_writer->recordCount() > 0) {
        if (auto ok = flushBlock(); !ok)
            return failed(ok.error());
    }
    QueryList q{{QStringLiteral("uploadid"), m_uploadId}};
    q.append(sessionQuery());
    // Reload the session and compare its block list with the blocks this run stored (getblockid=true asks for the
    // list, as the Java SDK's reload does).
    QueryList reloadQuery = q;
    reloadQuery.append({QStringLiteral("getblockid"), QStringLiteral("true")});
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
    const std::set<int64_t> mine(m_blocks.begin(), m_blocks.end());
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
            .arg(m_blocks.size())
            .arg(m_target.table + (m_spec.isEmpty() ? QString() : QLatin1Char('/') + m_spec.toString())));
    const int64_t records = m_records;
    const size_t blocks = m_blocks.size();
    resetRun();
    m_records = records;
    m_blocks.assign(blocks, 0);
    return {};
}

void TunnelSink::rollback()
{
    if (m_active && m_createdPartition) {
        // The run created this (empty) partition; remove it so the table is as it was. A stopped run skips this
        // (it is an SQL instance, which can take long) and says so.
        if (m_client.stopRequested()) {
            log(LogLevel::Warning, QStringLiteral("Stopped: the empty partition %1 this run created is left in place.")
                                       .arg(m_spec.toString()));
        } else if (auto dropped = m_client.dropPartition(m_target.table, m_spec); !dropped)
            log(LogLevel::Warning,
                QStringLiteral("Could not drop the partition this run created: %1").arg(dropped.error().message));
    }
    if (m_active)
        log(LogLevel::Info, QStringLiteral("Upload session %1 abandoned; nothing was committed.").arg(m_uploadId));
    resetRun();
}

} // namespace kmsync::engine::maxcompute
