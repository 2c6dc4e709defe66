#include "engine/maxcompute/odpssigner.h"

#include <algorithm>
#include <map>

#include <QCryptographicHash>
#include <QLocale>
#include <QMessageAuthenticationCode>
#include <QTimeZone>

namespace kmsync::engine::maxcompute {

OdpsSigner::OdpsSigner(QString accessId, QString accessKey, QString securityToken, QString region)
    : m_accessId(std::move(accessId))
    , m_accessKey(std::move(accessKey))
    , m_securityToken(std::move(securityToken))
    , m_region(std::move(region))
{
}

QByteArray OdpsSigner::stringToSign(const QByteArray &verb, const QString &resourcePath, const QueryList &query,
                                    const HeaderList &headers)
{
    std::map<QByteArray, QByteArray> signedHeaders{{"content-md5", {}}, {"content-type", {}}, {"date", {}}};
    for (const auto &[name, value] : headers) {
        const QByteArray lower = name.toLower();
        if (lower == "content-md5" || lower == "content-type" || lower == "date" || lower.startsWith("x-odps-"))
            signedHeaders[lower] = value;
    }
    std::map<QByteArray, QByteArray> params; // sorted by byte order; a repeated name keeps the last value
    for (const auto &[name, value] : query) {
        params[name.toUtf8()] = value.toUtf8();
        if (name.startsWith(QLatin1String("x-odps-")))
            signedHeaders[name.toUtf8()] = value.toUtf8();
    }
    QByteArray out = verb;
    out += '\n';
    for (const auto &[name, value] : signedHeaders) {
        if (name.startsWith("x-odps-"))
            out += name + ':' + value;
        else
            out += value;
        out += '\n';
    }
    out += resourcePath.toUtf8();
    if (!params.empty()) {
        out += '?';
        bool first = true;
        for (const auto &[name, value] : params) {
            if (!first)
                out += '&';
            first = false;
            out += name;
            if (!value.isEmpty())
                out += '=' + value;
        }
    }
    return out;
}

QByteArray OdpsSigner::httpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

QDateTime OdpsSigner::parseHttpDate(const QByteArray &text)
{
    QDateTime t = QLocale::c().toDateTime(QString::fromLatin1(text.trimmed()),
                                          QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (t.isValid())
        t.setTimeZone(QTimeZone::utc());
    return t;
}

QByteArray OdpsSigner::authorization(const QByteArray &stringToSign, const QDateTime &time) const
{
    if (m_region.isEmpty()) {
        const QByteArray sig =
            QMessageAuthenticationCode::hash(stringToSign, m_accessKey.toUtf8(), QCryptographicHash::Sha1).toBase64();
        return "ODPS " + m_accessId.toUtf8() + ':' + sig;
    }
    const QByteArray day = time.toUTC().toString(QStringLiteral("yyyyMMdd")).toLatin1();
    const auto hmac256 = [](const QByteArray &key, const QByteArray &data) {
        return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
    };
    const QByteArray kDate = hmac256("aliyun_v4" + m_accessKey.toUtf8(), day);
    const QByteArray kRegion = hmac256(kDate, m_region.toUtf8());
    const QByteArray kService = hmac256(kRegion, "odps");
    const QByteArray kSigning = hmac256(kService, "aliyun_v4_request");
    const QByteArray sig =
        QMessageAuthenticationCode::hash(stringToSign, kSigning, QCryptographicHash::Sha1).toBase64();
    return "ODPS " + m_accessId.toUtf8() + '/' + day + '/' + m_region.toUtf8() + "/odps/aliyun_v4_request:" + sig;
}

void OdpsSigner::sign(const QByteArray &verb, const QString &resourcePath, const QueryList &query, HeaderList &headers,
                      const QDateTime &time) const
{
    const auto drop = [&headers](const QByteArray &name) {
        headers.erase(std::remove_if(headers.begin(), headers.end(),
                                     [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; }),
                      headers.end());
    };
    drop("Date");
    drop("Authorization");
    drop("authorization-sts-token");
    headers.emplaceBack(QByteArray("Date"), QByteArray(httpDate(time)));
    headers.emplaceBack(QByteArray("Authorization"),
                        QByteArray(authorization(stringToSign(verb, resourcePath, query, headers), time)));
    if (!m_securityToken.isEmpty())
        headers.emplaceBack(QByteArray("authorization-sts-token"), QByteArray(m_securityToken.toUtf8()));
}

} // namespace kmsync::engine::maxcompute
