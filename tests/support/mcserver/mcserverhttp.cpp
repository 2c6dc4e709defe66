#include "tests/support/mcserver/mcserverhttp.h"

#include <algorithm>

#include <libdeflate.h>

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
    // libdeflate rather than zlib's inflate: the server stands for a service on other machines, but shares the
    // benchmark's cores, and zlib's inflate and its Adler-32 were 55 % of its instructions (libdeflate checks the
    // same zlib header, stream and Adler-32). Whole-buffer: the output grows until the block fits.
    struct Decompressor
    {
        libdeflate_decompressor *handle = libdeflate_alloc_decompressor();
        ~Decompressor() { libdeflate_free_decompressor(handle); }
    };
    thread_local Decompressor decompressor;
    if (!decompressor.handle)
        return false;
    constexpr qsizetype kMaxOut = qsizetype(1) << 30;
    qsizetype capacity = std::max<qsizetype>(8 * in.size(), 64 * 1024);
    for (;;) {
        out.resize(capacity);
        size_t consumed = 0;
        size_t produced = 0;
        const libdeflate_result rc = libdeflate_zlib_decompress_ex(decompressor.handle, in.constData(),
                                                                   size_t(in.size()), out.data(), size_t(out.size()),
                                                                   &consumed, &produced);
        if (rc == LIBDEFLATE_SUCCESS) {
            out.resize(qsizetype(produced));
            return consumed == size_t(in.size()); // nothing may follow the stream
        }
        if (rc != LIBDEFLATE_INSUFFICIENT_SPACE || capacity >= kMaxOut) {
            out.clear();
            return false;
        }
        capacity = std::min(capacity * 2, kMaxOut);
    }
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
