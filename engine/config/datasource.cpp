#include "engine/config/datasource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include "engine/config/secretref.h"

namespace kmsync::engine::config {

namespace {

const QString kMask = QStringLiteral("******");

bool isEnvReference(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$)"));
    return re.match(text).hasMatch();
}

QJsonValue maskValue(const QString &key, const QJsonValue &value)
{
    if (value.isObject())
        return maskSecrets(value.toObject());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(maskValue(key, v));
        return out;
    }
    if (!isSecretKey(key))
        return value;
    if (value.isString() && (value.toString().isEmpty() || isSecretReference(value.toString())))
        return value;
    return kMask;
}

} // namespace

bool isSecretReference(const QString &value)
{
    return isEnvReference(value) || keychainReferenceKey(value).has_value();
}

bool isSecretKey(const QString &key)
{
    const QString k = key.toLower();
    return k == QLatin1String("accesskey") || k == QLatin1String("securitytoken") || k == QLatin1String("sasl.password")
        || k == QLatin1String("ssl.key.password") || k == QLatin1String("ssl.keystore.password")
        || k.contains(QLatin1String("password")) || k.contains(QLatin1String("secret"))
        || k == QLatin1String("sasl.oauthbearer.client.secret") || k == QLatin1String("access_key")
        || k == QLatin1String("sts-token");
}

QJsonObject maskSecrets(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        out.insert(it.key(), maskValue(it.key(), it.value()));
    return out;
}

QString Datasource::toDisplayString() const
{
    QJsonObject shown = maskSecrets(connection);
    for (auto it = references.constBegin(); it != references.constEnd(); ++it)
        shown.insert(it.key(), *it);
    return QStringLiteral("%1 (%2) %3")
        .arg(name, datasourceKindName(kind), QString::fromUtf8(QJsonDocument(shown).toJson(QJsonDocument::Compact)));
}

} // namespace kmsync::engine::config
