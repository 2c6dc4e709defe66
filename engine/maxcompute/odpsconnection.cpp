#include "engine/maxcompute/odpsconnection.h"

#include <QRegularExpression>

namespace kmsync::engine::maxcompute {

namespace {

Result<QUrl> parseEndpoint(const QJsonObject &json, const QString &key, bool required)
{
    const QString text = json.value(key).toString().trimmed();
    if (text.isEmpty()) {
        if (required) {
            return makeError(QStringLiteral("maxcompute.config"),
                             QStringLiteral("The MaxCompute datasource has no \"%1\"; expected an http(s) URL such as "
                                            "https://service.cn-shanghai.maxcompute.aliyun.com/api.")
                                 .arg(key));
        }
        return QUrl();
    }
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return makeError(QStringLiteral("maxcompute.config"),
                         QStringLiteral(
                             "\"%1\" is \"%2\"; expected an http:// or https:// URL with a host and no query.")
                             .arg(key, text));
    }
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return url;
}

} // namespace

Result<OdpsConnection> OdpsConnection::fromJson(const QJsonObject &json)
{
    OdpsConnection c;
    auto endpoint = parseEndpoint(json, QStringLiteral("endpoint"), true);
    if (!endpoint)
        return endpoint.error();
    c.endpoint = *endpoint;
    auto tunnel = parseEndpoint(json, QStringLiteral("tunnelEndpoint"), false);
    if (!tunnel)
        return tunnel.error();
    c.tunnelEndpoint = *tunnel;
    c.project = json.value(QStringLiteral("project")).toString().trimmed();
    static const QRegularExpression projectRe(QStringLiteral("^[A-Za-z][A-Za-z0-9_]{0,127}$"));
    if (!projectRe.match(c.project).hasMatch()) {
        return makeError(QStringLiteral("maxcompute.config"),
                         QStringLiteral("\"project\" is \"%1\"; a MaxCompute project name starts with a letter and has "
                                        "only letters, digits and _ (at most 128).")
                             .arg(c.project));
    }
    c.accessId = json.value(QStringLiteral("accessId")).toString().trimmed();
    c.accessKey = json.value(QStringLiteral("accessKey")).toString();
    c.securityToken = json.value(QStringLiteral("securityToken")).toString();
    c.region = json.value(QStringLiteral("region")).toString().trimmed();
    if (c.accessId.isEmpty() || c.accessKey.isEmpty()) {
        return makeError(QStringLiteral("maxcompute.config"),
                         QStringLiteral(
                             "The MaxCompute datasource needs both \"accessId\" and \"accessKey\" (%1 is empty).")
                             .arg(c.accessId.isEmpty() ? QStringLiteral("accessId") : QStringLiteral("accessKey")));
    }
    return c;
}

QString OdpsConnection::toDisplayString() const
{
    return QStringLiteral("endpoint=%1 tunnelEndpoint=%2 project=%3 accessId=%4 accessKey=*** %5")
        .arg(endpoint.toString(), tunnelEndpoint.isEmpty() ? QStringLiteral("(discover)") : tunnelEndpoint.toString(),
             project, accessId, securityToken.isEmpty() ? QString() : QStringLiteral("securityToken=***"))
        .trimmed();
}

} // namespace kmsync::engine::maxcompute
