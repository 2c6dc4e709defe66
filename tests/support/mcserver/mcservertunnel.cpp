#include "tests/support/mcserver/mcserver.h"

#include <string_view>

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>

#include "engine/maxcompute/odpssigner.h"
#include "engine/maxcompute/tunnelrecordreader.h"
#include "engine/odpssql/partitionspec.h"
#include "tests/support/mcserver/mcserverhttp.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;
using kmsync::engine::odpssql::PartitionSpec;

// The Tunnel half of the test server: upload sessions, block PUTs, reload and commit.
namespace kmsync::test {

using namespace mcserverhttp;

QJsonObject McServer::sessionJson(const QString &id, const Session &s) const
{
    QJsonArray blocks;
    for (const auto &[blockId, b] : s.blocks) {
        blocks.append(QJsonObject{{QStringLiteral("BlockID"), blockId},
                                  {QStringLiteral("RecordCount"), b.records},
                                  {QStringLiteral("RawSize"), b.rawSize},
                                  {QStringLiteral("Version"), 1},
                                  {QStringLiteral("FileName"), QStringLiteral("%1_%2").arg(blockId).arg(id)}});
    }
    return QJsonObject{
        {QStringLiteral("UploadID"), id},
        {QStringLiteral("Status"), s.status},
        {QStringLiteral("Owner"), QString::fromLatin1(kAccessId)},
        {QStringLiteral("Initiated"), QString::fromLatin1(OdpsSigner::httpDate(QDateTime::currentDateTimeUtc()))},
        {QStringLiteral("IsOverwrite"), s.overwrite},
        {QStringLiteral("MaxFieldSize"), 8388608},
        {QStringLiteral("QuotaName"), QString()},
        {QStringLiteral("Schema"), QJsonObject{{QStringLiteral("IsVirtualView"), false},
                                               {QStringLiteral("columns"), columnsJson(s.schema.columns)},
                                               {QStringLiteral("partitionKeys"), columnsJson(s.schema.partitionKeys)}}},
        {QStringLiteral("UploadedBlockList"), blocks},
    };
}

McServer::Reply McServer::tunnel(const QHttpServerRequest &request, const QString &tableName,
                                 const QList<QPair<QString, QString>> &query)
{
    const QByteArray verb = methodName(request.method());
    Reply ok;
    if (verb == "POST" && has(query, "uploads")) {
        McTable *t = m_sql.table(tableName);
        if (!t)
            return tunnelError(404, QStringLiteral("NoSuchTable"),
                               QStringLiteral("The specified table name does not exist: %1").arg(tableName));
        const QString partText = get(query, "partition");
        if (!isTunnelSpecForm(partText))
            return tunnelError(400, QStringLiteral("InvalidPartitionSpec"),
                               QStringLiteral(
                                   "the Tunnel takes a partition as k=v[,k2=v2] without quotes or spaces, as the "
                                   "SDKs send it: %1")
                                   .arg(partText));
        if (!t->schema.partitionKeys.empty() && partText.isEmpty())
            return tunnelError(400, QStringLiteral("MissingPartitionSpec"),
                               QStringLiteral("You need to specify a partitionspec along with the specified table"));
        auto spec = PartitionSpec::parse(partText);
        if (!spec)
            return tunnelError(400, QStringLiteral("InvalidPartitionSpec"), spec.error().message);
        auto key = McSqlEngine::canonicalPartition(*t, *spec);
        if (!key)
            return tunnelError(400, QStringLiteral("InvalidPartitionSpec"), key.error().message);
        const bool createPartition = get(query, "create_partition") == QLatin1String("true")
                                  && m_createPartition != CreatePartition::Ignored;
        if (!t->schema.partitionKeys.empty() && !t->partitions.count(*key)) {
            if (!createPartition)
                return tunnelError(404, QStringLiteral("NoSuchPartition"),
                                   QStringLiteral("The specified partition does not exist: %1").arg(*key));
            if (m_createPartition == CreatePartition::AtSession)
                t->partitions.insert(*key);
        }
        Session s;
        s.table = t->schema.name;
        s.partition = *key;
        s.overwrite = get(query, "overwrite") == QLatin1String("true");
        s.schema = t->schema;
        const QString id = QStringLiteral("20261126%1%2")
                               .arg(m_nextId, 8, 10, QLatin1Char('0'))
                               .arg(quint64(QDateTime::currentMSecsSinceEpoch()), 0, 16);
        m_sessions[id] = s;
        ok.body = QJsonDocument(sessionJson(id, s)).toJson(QJsonDocument::Compact);
        return ok;
    }
    const QString uploadId = get(query, "uploadid");
    if (uploadId.isEmpty())
        return tunnelError(400, QStringLiteral("InvalidArgument"),
                           QStringLiteral("unsupported Tunnel request (need uploads or uploadid)"));
    auto sit = m_sessions.find(uploadId);
    if (sit == m_sessions.end())
        return tunnelError(404, QStringLiteral("NoSuchUpload"),
                           QStringLiteral("The specified upload id does not exist: %1").arg(uploadId));
    Session &s = sit->second;
    if (s.table.compare(tableName, Qt::CaseInsensitive) != 0)
        return tunnelError(400, QStringLiteral("InvalidArgument"),
                           QStringLiteral("upload %1 belongs to table %2").arg(uploadId, s.table));
    if (verb == "GET") {
        ok.body = QJsonDocument(sessionJson(uploadId, s)).toJson(QJsonDocument::Compact);
        return ok;
    }
    if (verb == "PUT") {
        if (s.status != QLatin1String("normal"))
            return tunnelError(409, QStringLiteral("StatusConflict"),
                               QStringLiteral("The upload session is %1").arg(s.status));
        bool okId = false;
        const qint64 blockId = get(query, "blockid").toLongLong(&okId);
        if (!okId || blockId < 0 || blockId >= kMaxBlockId)
            return tunnelError(400, QStringLiteral("InvalidBlockID"),
                               QStringLiteral("block id must be in [0, 20000): %1").arg(get(query, "blockid")));
        ++m_blockPuts;
        QByteArray body = request.body();
        const QByteArray encoding = headerOf(request, "Content-Encoding").trimmed().toLower();
        if (encoding == "deflate") {
            QByteArray raw;
            if (!inflateZlib(body, raw))
                return tunnelError(400, QStringLiteral("MalformedDataStream"),
                                   QStringLiteral("the deflate (zlib) body cannot be inflated"));
            body = raw;
        } else if (!encoding.isEmpty()) {
            return tunnelError(400, QStringLiteral("UnsupportedCompression"),
                               QStringLiteral("the test server decodes deflate only, not %1")
                                   .arg(QString::fromLatin1(encoding)));
        }
        auto rows =
            TunnelRecordReader(s.schema.columns).decode(std::string_view(body.constData(), size_t(body.size())));
        if (!rows)
            return tunnelError(400, QStringLiteral("MalformedDataStream"), rows.error().message);
        Block block;
        block.rows = std::move(rows).value();
        block.records = qint64(block.rows.size());
        block.rawSize = body.size();
        s.blocks[blockId] = std::move(block);
        return ok;
    }
    if (verb == "POST") {
        if (s.status == QLatin1String("closed")) { // idempotent commit
            ok.body = QJsonDocument(sessionJson(uploadId, s)).toJson(QJsonDocument::Compact);
            return ok;
        }
        McTable *t = m_sql.table(s.table);
        if (!t)
            return tunnelError(404, QStringLiteral("NoSuchTable"),
                               QStringLiteral("The table was dropped during the upload: %1").arg(s.table));
        if (!t->schema.partitionKeys.empty())
            t->partitions.insert(s.partition);
        auto &target = t->data[s.partition];
        if (s.overwrite)
            target.clear();
        // Moved, not copied: a committed session keeps only its block list (ids, counts, sizes), as the service's
        // does, and a commit of many blocks stays as quick as the service's metadata update.
        size_t records = target.size();
        for (const auto &[blockId, b] : s.blocks)
            records += b.rows.size();
        target.reserve(records);
        for (auto &[blockId, b] : s.blocks) {
            for (auto &row : b.rows)
                target.push_back(std::move(row));
            b.rows.clear();
            b.rows.shrink_to_fit();
        }
        s.status = QStringLiteral("closed");
        ++m_commits;
        ok.body = QJsonDocument(sessionJson(uploadId, s)).toJson(QJsonDocument::Compact);
        return ok;
    }
    return tunnelError(405, QStringLiteral("MethodNotAllowed"),
                       QStringLiteral("method %1").arg(QString::fromLatin1(verb)));
}

} // namespace kmsync::test
