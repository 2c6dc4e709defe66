#include "engine/config/loosejson.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace kmsync::engine::config {

std::optional<bool> looseBool(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return true;
        if (text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return false;
    }
    return std::nullopt;
}

std::optional<qint64> looseInt(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15)
            return static_cast<qint64>(d);
        return std::nullopt;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 v = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return v;
    }
    return std::nullopt;
}

std::optional<double> looseDouble(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double v = value.toString().trimmed().toDouble(&ok);
        if (ok && std::isfinite(v))
            return v;
    }
    return std::nullopt;
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString jsonText(const QJsonValue &value)
{
    QJsonArray wrapper{value};
    QString text = QString::fromUtf8(QJsonDocument(wrapper).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

void JsonObjectReader::take(const QString &key, std::optional<QString> &out)
{
    const auto it = m_rest.constFind(key);
    if (it == m_rest.constEnd() || !it->isString())
        return;
    out = it->toString();
    m_rest.remove(key);
}

void JsonObjectReader::take(const QString &key, QString &out)
{
    std::optional<QString> value;
    take(key, value);
    if (value)
        out = *value;
}

void JsonObjectReader::take(const QString &key, QStringList &out)
{
    const auto it = m_rest.constFind(key);
    if (it == m_rest.constEnd() || !it->isArray())
        return;
    const QJsonArray array = it->toArray();
    QStringList list;
    for (const QJsonValue &v : array) {
        if (!v.isString())
            return; // keep the whole array as given; validation reports the element
        list << v.toString();
    }
    out = list;
    m_rest.remove(key);
}

void JsonObjectReader::take(const QString &key, std::optional<QJsonObject> &out)
{
    const auto it = m_rest.constFind(key);
    if (it == m_rest.constEnd() || !it->isObject())
        return;
    out = it->toObject();
    m_rest.remove(key);
}

void JsonObjectReader::take(const QString &key, std::optional<int> &out)
{
    const auto it = m_rest.constFind(key);
    if (it == m_rest.constEnd() || !it->isDouble())
        return;
    const double d = it->toDouble();
    if (std::floor(d) != d || std::fabs(d) > 2.0e9)
        return;
    out = static_cast<int>(d);
    m_rest.remove(key);
}

void JsonObjectReader::take(const QString &key, QJsonValue &out)
{
    const auto it = m_rest.constFind(key);
    if (it == m_rest.constEnd())
        return;
    out = *it;
    m_rest.remove(key);
}

void putOptional(QJsonObject &object, const QString &key, const std::optional<QString> &value)
{
    if (value)
        object.insert(key, *value);
}

void putOptional(QJsonObject &object, const QString &key, const QJsonValue &value)
{
    if (!value.isUndefined())
        object.insert(key, value);
}

QJsonObject takeStepEnvelope(const QJsonObject &step, QString &stepType, QString &category, QString &name,
                             QJsonObject &stepExtra)
{
    JsonObjectReader s(step);
    s.take(QStringLiteral("stepType"), stepType);
    s.take(QStringLiteral("category"), category);
    s.take(QStringLiteral("name"), name);
    std::optional<QJsonObject> parameter;
    s.take(QStringLiteral("parameter"), parameter);
    stepExtra = s.rest();
    return parameter.value_or(QJsonObject());
}

QJsonObject makeStepEnvelope(QJsonObject stepExtra, const QString &stepType, const QString &category,
                             const QString &name)
{
    if (!stepExtra.contains(QStringLiteral("stepType")))
        stepExtra.insert(QStringLiteral("stepType"), stepType);
    if (!stepExtra.contains(QStringLiteral("category")))
        stepExtra.insert(QStringLiteral("category"), category);
    if (!stepExtra.contains(QStringLiteral("name")))
        stepExtra.insert(QStringLiteral("name"), name);
    return stepExtra;
}

} // namespace kmsync::engine::config
