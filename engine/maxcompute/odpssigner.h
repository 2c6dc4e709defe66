#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace kmsync::engine::maxcompute {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;
using QueryList = QList<QPair<QString, QString>>;

// The ODPS request signature (Authorization: ODPS <AccessKeyId>:<base64(HMAC-SHA1(secret, StringToSign))>),
// shared by the client and the test server. The secret never leaves this object: there is no accessor for it.
class OdpsSigner
{
public:
    OdpsSigner() = default;
    OdpsSigner(QString accessId, QString accessKey, QString securityToken = {}, QString region = {});

    // StringToSign: VERB, Content-MD5, Content-Type, Date, the sorted x-odps-* headers (and x-odps-* query
    // parameters) as "name:value" lines, then the canonical resource: the decoded path relative to the endpoint
    // (no "/api"), "?" and every query parameter sorted by name as "name=value" ("name" when the value is empty).
    static QByteArray stringToSign(const QByteArray &verb, const QString &resourcePath, const QueryList &query,
                                   const HeaderList &headers);
    // RFC 1123 date in GMT with English names: "Tue, 22 Nov 2022 08:00:00 GMT".
    static QByteArray httpDate(const QDateTime &time);
    static QDateTime parseHttpDate(const QByteArray &text);

    // The Authorization header value for a StringToSign. With a region, signature v4
    // ("ODPS <id>/<yyyymmdd>/<region>/odps/aliyun_v4_request:<sig>", yyyymmdd = UTC date of `time`).
    QByteArray authorization(const QByteArray &stringToSign,
                             const QDateTime &time = QDateTime::currentDateTimeUtc()) const;
    // Sets Date (from `time`), Authorization and, with an STS token, authorization-sts-token on `headers`.
    void sign(const QByteArray &verb, const QString &resourcePath, const QueryList &query, HeaderList &headers,
              const QDateTime &time = QDateTime::currentDateTimeUtc()) const;

    const QString &accessId() const { return m_accessId; }
    bool hasSecurityToken() const { return !m_securityToken.isEmpty(); }

private:
    QString m_accessId;
    QString m_accessKey;
    QString m_securityToken;
    QString m_region;
};

} // namespace kmsync::engine::maxcompute
