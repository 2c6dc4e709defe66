#include "engine/config/kafkareaderconfig.h"

#include <array>
#include <utility>

#include <QJsonArray>

#include "engine/config/loosejson.h"

namespace kmsync::engine::config {

namespace {

constexpr std::array<std::pair<KafkaDataType, const char *>, 7> kTypeNames{{
    {KafkaDataType::ByteArray, "BYTEARRAY"},
    {KafkaDataType::Double, "DOUBLE"},
    {KafkaDataType::Float, "FLOAT"},
    {KafkaDataType::Integer, "INTEGER"},
    {KafkaDataType::Long, "LONG"},
    {KafkaDataType::Short, "SHORT"},
    {KafkaDataType::String, "STRING"},
}};

} // namespace

std::optional<KafkaDataType> parseKafkaDataType(const QString &text)
{
    for (const auto &[type, name] : kTypeNames) {
        if (text.trimmed().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

QString kafkaDataTypeName(KafkaDataType type)
{
    for (const auto &[t, name] : kTypeNames) {
        if (t == type)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("STRING");
}

QString allowedKafkaDataTypes()
{
    QStringList names;
    for (const auto &entry : kTypeNames)
        names << QString::fromLatin1(entry.second);
    return names.join(QStringLiteral(", "));
}

KafkaReaderConfig KafkaReaderConfig::fromStep(const QJsonObject &step)
{
    KafkaReaderConfig c;
    JsonObjectReader p(takeStepEnvelope(step, c.stepType, c.category, c.name, c.stepExtra));
    p.take(QStringLiteral("server"), c.server);
    p.take(QStringLiteral("datasource"), c.datasource);
    p.take(QStringLiteral("topic"), c.topic);
    p.take(QStringLiteral("column"), c.column);
    p.take(QStringLiteral("keyType"), c.keyType);
    p.take(QStringLiteral("valueType"), c.valueType);
    p.take(QStringLiteral("encoding"), c.encoding);
    p.take(QStringLiteral("beginDateTime"), c.beginDateTime);
    p.take(QStringLiteral("endDateTime"), c.endDateTime);
    p.take(QStringLiteral("beginOffset"), c.beginOffset);
    p.take(QStringLiteral("endOffset"), c.endOffset);
    p.take(QStringLiteral("beginTimestampMillis"), c.beginTimestampMillis);
    p.take(QStringLiteral("endTimestampMillis"), c.endTimestampMillis);
    p.take(QStringLiteral("timeZone"), c.timeZone);
    p.take(QStringLiteral("kafkaConfig"), c.kafkaConfig);
    p.take(QStringLiteral("groupId"), c.groupId);
    p.take(QStringLiteral("waitTime"), c.waitTime);
    p.take(QStringLiteral("stopWhenPollEmpty"), c.stopWhenPollEmpty);
    p.take(QStringLiteral("stopWhenReachEndOffset"), c.stopWhenReachEndOffset);
    p.take(QStringLiteral("skipExceedRecord"), c.skipExceedRecord);
    p.take(QStringLiteral("partition"), c.partition);
    c.extra = p.rest();
    return c;
}

QJsonObject KafkaReaderConfig::toStep() const
{
    QJsonObject p = extra;
    putOptional(p, QStringLiteral("server"), server);
    putOptional(p, QStringLiteral("datasource"), datasource);
    if (!topic.isEmpty() || !p.contains(QStringLiteral("topic")))
        p.insert(QStringLiteral("topic"), topic);
    if (!column.isEmpty() || !p.contains(QStringLiteral("column")))
        p.insert(QStringLiteral("column"), QJsonArray::fromStringList(column));
    putOptional(p, QStringLiteral("keyType"), keyType);
    putOptional(p, QStringLiteral("valueType"), valueType);
    putOptional(p, QStringLiteral("encoding"), encoding);
    putOptional(p, QStringLiteral("beginDateTime"), beginDateTime);
    putOptional(p, QStringLiteral("endDateTime"), endDateTime);
    putOptional(p, QStringLiteral("beginOffset"), beginOffset);
    putOptional(p, QStringLiteral("endOffset"), endOffset);
    putOptional(p, QStringLiteral("beginTimestampMillis"), beginTimestampMillis);
    putOptional(p, QStringLiteral("endTimestampMillis"), endTimestampMillis);
    putOptional(p, QStringLiteral("timeZone"), timeZone);
    if (kafkaConfig)
        p.insert(QStringLiteral("kafkaConfig"), *kafkaConfig);
    putOptional(p, QStringLiteral("groupId"), groupId);
    putOptional(p, QStringLiteral("waitTime"), waitTime);
    putOptional(p, QStringLiteral("stopWhenPollEmpty"), stopWhenPollEmpty);
    putOptional(p, QStringLiteral("stopWhenReachEndOffset"), stopWhenReachEndOffset);
    putOptional(p, QStringLiteral("skipExceedRecord"), skipExceedRecord);
    putOptional(p, QStringLiteral("partition"), partition);

    QJsonObject step = makeStepEnvelope(stepExtra, stepType, category, name);
    if (!step.contains(QStringLiteral("parameter")) || !p.isEmpty())
        step.insert(QStringLiteral("parameter"), p);
    return step;
}

KafkaDataType KafkaReaderConfig::keyTypeValue() const
{
    return keyType ? parseKafkaDataType(*keyType).value_or(KafkaDataType::String) : KafkaDataType::String;
}

KafkaDataType KafkaReaderConfig::valueTypeValue() const
{
    return valueType ? parseKafkaDataType(*valueType).value_or(KafkaDataType::String) : KafkaDataType::String;
}

QString KafkaReaderConfig::encodingValue() const
{
    return encoding && !encoding->isEmpty() ? *encoding : QStringLiteral("UTF-8");
}

bool KafkaReaderConfig::skipExceedRecordValue() const
{
    return looseBool(skipExceedRecord).value_or(false);
}

bool KafkaReaderConfig::stopWhenPollEmptyValue() const
{
    return looseBool(stopWhenPollEmpty).value_or(false);
}

bool KafkaReaderConfig::stopWhenReachEndOffsetValue() const
{
    return looseBool(stopWhenReachEndOffset).value_or(false);
}

int KafkaReaderConfig::waitTimeSeconds() const
{
    const auto v = looseInt(waitTime);
    return v && *v > 0 && *v < 86400 * 365 ? int(*v) : 60;
}

std::optional<int> KafkaReaderConfig::partitionValue() const
{
    const auto v = looseInt(partition);
    if (v && *v >= 0 && *v < 1'000'000)
        return int(*v);
    return std::nullopt;
}

QString KafkaReaderConfig::effectiveGroupId() const
{
    if (groupId && !groupId->isEmpty())
        return *groupId;
    if (kafkaConfig) {
        const QJsonValue v = kafkaConfig->value(QStringLiteral("group.id"));
        if (v.isString())
            return v.toString();
    }
    return {};
}

} // namespace kmsync::engine::config
