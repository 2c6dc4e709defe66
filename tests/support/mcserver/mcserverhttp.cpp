#include "tests/support/mcserver/mcserverhttp.h"

#include <algorithm>

#include <zlib.h>

#include <QJsonObject>
#include <QUrl>

#include "engine/odpssql/partitionspec.h"

using kmsync::engine::ColumnDef;
using kmsync::engine::odpssql::PartitionSpec;

namespace kmsync::test::mcserverhttp {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    default:
        return "OTHER";
    }
}

Query parseQuery(const QByteArray &raw)
{
    Query out;
    for (const QByteArray &part : raw.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        const QByteArray name = eq < 0 ? part : part.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
        out.append({QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value)});
    }
    return out;
}

bool has(const Query &q, const char *name)
{
    return std::any_of(q.begin(), q.end(), [&](const auto &p) { return p.first == QLatin1String(name); });
}

QString get(const Query &q, const char *name)
{
    for (const auto &[k, v] : q) {
        if (k == QLatin1String(name))
            return v;
    }
    return {};
}

QByteArray headerOf(const QHttpServerRequest &r, const QByteArray &name)
{
    for (const auto &[k, v] : r.headers()) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool inflateZlib(const QByteArray &in, QByteArray &out)
{
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK)
        return false;
    out.clear();
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    zs.avail_in = uInt(in.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        const qsizetype had = out.size();
        out.resize(had + std::max<qsizetype>(4 * in.size(), 4096));
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + had);
        zs.avail_out = uInt(out.size() - had);
        rc = inflate(&zs, Z_NO_FLUSH);
        out.resize(qsizetype(zs.total_out));
    }
    inflateEnd(&zs);
    return rc == Z_STREAM_END && zs.avail_in == 0;
}

bool isTunnelSpecForm(const QString &spec)
{
    const auto parsed = PartitionSpec::parse(spec);
    return spec.isEmpty() || (parsed && parsed->toString() == spec);
}

bool isQuotedSpecForm(const QString &spec)
{
    const auto parsed = PartitionSpec::parse(spec);
    return parsed && !parsed->isEmpty() && parsed->toQuotedString() == spec;
}

QJsonArray columnsJson(const std::vector<ColumnDef> &cols)
{
    QJsonArray a;
    for (const auto &c : cols) {
        a.append(QJsonObject{{QStringLiteral("name"), c.name},
                             {QStringLiteral("type"), c.type.toString().toLower()},
                             {QStringLiteral("comment"), c.comment},
                             {QStringLiteral("isNullable"), true},
                             {QStringLiteral("nullable"), true}});
    }
    return a;
}

} // namespace kmsync::test::mcserverhttp
