#include "engine/kafka/kafkasourceoptions.h"

#include <limits>

#include <QDateTime>
#include <QJsonValue>
#include <QStringList>
#include <QTimeZone>

namespace kmsync::engine::kafka {

namespace {

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return QStringLiteral("\"%1\"").arg(value.toString());
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    default:
        return QStringLiteral("(undefined)");
    }
}

Error fieldError(const QString &code, const QString &field, const QString &message)
{
    return makeError(code, QStringLiteral("%1: %2").arg(field, message));
}

// A non-negative integer from a JSON number or a decimal string.
std::optional<int64_t> toInteger(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d >= 0 && d <= 9.0e15 && d == double(int64_t(d)))
            return int64_t(d);
        return std::nullopt;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 n = value.toString().trimmed().toLongLong(&ok);
        if (ok && n >= 0)
            return int64_t(n);
    }
    return std::nullopt;
}

Result<bool> toBool(const QJsonValue &value, const QString &field)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString()) {
        const QString text = value.toString().trimmed().toLower();
        if (text == QLatin1String("true"))
            return true;
        if (text == QLatin1String("false"))
            return false;
    }
    return fieldError(QStringLiteral("config.kafka.bool"), field,
                      QStringLiteral("%1 is not true or false").arg(describe(value)));
}

Result<OffsetSpec> parseOffset(const QJsonValue &value, const QString &field)
{
    if (value.isString()) {
        const QString text = value.toString().trimmed();
        if (text.compare(QLatin1String("seekToBeginning"), Qt::CaseInsensitive) == 0)
            return OffsetSpec::beginning();
        if (text.compare(QLatin1String("seekToLast"), Qt::CaseInsensitive) == 0)
            return OffsetSpec::last();
        if (text.compare(QLatin1String("seekToEnd"), Qt::CaseInsensitive) == 0)
            return OffsetSpec::end();
    }
    if (const auto n = toInteger(value))
        return OffsetSpec::number(*n);
    return fieldError(QStringLiteral("config.kafka.offset"), field,
                      QStringLiteral("%1 is not seekToBeginning, seekToLast, seekToEnd or a number")
                          .arg(describe(value)));
}

} // namespace

QString OffsetSpec::toString() const
{
    switch (kind) {
    case Kind::Beginning:
        return QStringLiteral("seekToBeginning");
    case Kind::Last:
        return QStringLiteral("seekToLast");
    case Kind::End:
        return QStringLiteral("seekToEnd");
    case Kind::Number:
        return QString::number(value);
    case Kind::Time:
        return QDateTime::fromMSecsSinceEpoch(value, Qt::UTC).toString(Qt::ISODateWithMs);
    case Kind::Latest:
        return QStringLiteral("latest %1").arg(value);
    }
    return {};
}

Result<int64_t> KafkaSourceOptions::parseDateTime(const QString &text, const QString &timeZone, const QString &field)
{
    const QString trimmed = text.trimmed();
    static const auto isDigits = [](const QString &s) {
        for (const QChar c : s) {
            if (!c.isDigit())
                return false;
        }
        return true;
    };
    if (trimmed.size() != 14 || !isDigits(trimmed)) {
        return fieldError(QStringLiteral("config.kafka.datetime"), field,
                          QStringLiteral("\"%1\" is not a date-time yyyyMMddHHmmss (14 digits, e.g. 20221122095200)")
                              .arg(text));
    }
    QDateTime local = QDateTime::fromString(trimmed, QStringLiteral("yyyyMMddHHmmss"));
    if (!local.isValid()) {
        return fieldError(QStringLiteral("config.kafka.datetime"), field,
                          QStringLiteral("\"%1\" is not a valid date-time yyyyMMddHHmmss").arg(text));
    }
    QTimeZone zone = QTimeZone::systemTimeZone();
    if (!timeZone.isEmpty()) {
        zone = QTimeZone(timeZone.toUtf8());
        if (!zone.isValid()) {
            return makeError(QStringLiteral("config.kafka.timezone"),
                             QStringLiteral("timeZone: \"%1\" is not an IANA time zone id (e.g. Asia/Shanghai, UTC)")
                                 .arg(timeZone));
        }
    }
    const QDateTime zoned(local.date(), local.time(), zone);
    if (!zoned.isValid()) {
        return fieldError(QStringLiteral("config.kafka.datetime"), field,
                          QStringLiteral("\"%1\" does not exist in time zone %2 (daylight-saving gap)")
                              .arg(text, QString::fromUtf8(zone.id())));
    }
    return int64_t(zoned.toMSecsSinceEpoch());
}

Result<KafkaSourceOptions> KafkaSourceOptions::fromReader(const QJsonObject &parameter, const QJsonObject &connection,
                                                          int timeoutMs, const QString &fieldPrefix)
{
    const auto field = [&fieldPrefix](const char *key) {
        return fieldPrefix.isEmpty() ? QString::fromLatin1(key) : fieldPrefix + QLatin1Char('.') + QLatin1String(key);
    };
    KafkaSourceOptions options;
    options.connection = connection;
    options.timeoutMs = timeoutMs > 0 ? timeoutMs : 10000;

    const QJsonValue topic = parameter.value(QLatin1String("topic"));
    if (!topic.isString() || topic.toString().trimmed().isEmpty()) {
        return fieldError(QStringLiteral("config.kafka.topic"), field("topic"),
                          QStringLiteral("%1 is not a topic name; a non-empty string is required")
                              .arg(describe(topic)));
    }
    options.topic = topic.toString().trimmed();

    const QJsonValue server = parameter.value(QLatin1String("server"));
    if (server.isString() && !server.toString().isEmpty()
        && !options.connection.contains(QLatin1String("bootstrap.servers"))
        && !options.connection.value(QLatin1String("sandbox")).toBool())
        options.connection.insert(QStringLiteral("bootstrap.servers"), server.toString());

    if (parameter.contains(QLatin1String("timeZone"))) {
        const QJsonValue tz = parameter.value(QLatin1String("timeZone"));
        if (!tz.isString()) {
            return fieldError(QStringLiteral("config.kafka.timezone"), field("timeZone"),
                              QStringLiteral("%1 is not an IANA time zone id").arg(describe(tz)));
        }
        options.timeZone = tz.toString().trimmed();
        if (!options.timeZone.isEmpty() && !QTimeZone(options.timeZone.toUtf8()).isValid()) {
            return fieldError(QStringLiteral("config.kafka.timezone"), field("timeZone"),
                              QStringLiteral("\"%1\" is not an IANA time zone id (e.g. Asia/Shanghai, UTC)")
                                  .arg(options.timeZone));
        }
    }

    // begin: beginDateTime | beginTimestampMillis | beginOffset (exactly one).
    const auto readBound = [&](const char *dateKey, const char *millisKey, const char *offsetKey,
                               bool required) -> Result<std::optional<OffsetSpec>> {
        int given = 0;
        std::optional<OffsetSpec> spec;
        for (const char *key : {dateKey, millisKey, offsetKey}) {
            if (parameter.contains(QLatin1String(key)) && !parameter.value(QLatin1String(key)).isNull()
                && !(parameter.value(QLatin1String(key)).isString()
                     && parameter.value(QLatin1String(key)).toString().isEmpty()))
                ++given;
        }
        if (given > 1) {
            return fieldError(QStringLiteral("config.kafka.range"), field(dateKey),
                              QStringLiteral("set only one of %1, %2 and %3")
                                  .arg(QLatin1String(dateKey), QLatin1String(millisKey), QLatin1String(offsetKey)));
        }
        if (given == 0) {
            if (required) {
                return fieldError(QStringLiteral("config.kafka.range"), field(dateKey),
                                  QStringLiteral("one of %1, %2 and %3 is required")
                                      .arg(QLatin1String(dateKey), QLatin1String(millisKey), QLatin1String(offsetKey)));
            }
            return spec;
        }
        const QJsonValue date = parameter.value(QLatin1String(dateKey));
        const QJsonValue millis = parameter.value(QLatin1String(millisKey));
        const QJsonValue offset = parameter.value(QLatin1String(offsetKey));
        if (!date.isUndefined() && !date.isNull() && !(date.isString() && date.toString().isEmpty())) {
            QString text = date.isString() ? date.toString() : QString();
            if (date.isDouble())
                text = QString::number(qint64(date.toDouble()));
            auto ms = parseDateTime(text.isEmpty() ? describe(date) : text, options.timeZone, field(dateKey));
            if (!ms)
                return ms.error();
            spec = OffsetSpec::time(*ms);
        } else if (!millis.isUndefined() && !millis.isNull() && !(millis.isString() && millis.toString().isEmpty())) {
            const auto ms = toInteger(millis);
            if (!ms) {
                return fieldError(QStringLiteral("config.kafka.timestamp"), field(millisKey),
                                  QStringLiteral("%1 is not a Unix time in milliseconds").arg(describe(millis)));
            }
            spec = OffsetSpec::time(*ms);
        } else {
            auto parsed = parseOffset(offset, field(offsetKey));
            if (!parsed)
                return parsed.error();
            spec = *parsed;
        }
        return spec;
    };
    // The current wizard's beginType (specific | earliest | current) and endType (specific | latest) stand in for
    // an offset keyword; "specific" needs the date-time.
    const auto typeOf =
        [&](const char *key,
            std::initializer_list<std::pair<const char *, OffsetSpec>> allowed) -> Result<std::optional<OffsetSpec>> {
        const QJsonValue v = parameter.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return std::optional<OffsetSpec>();
        QStringList names;
        for (const auto &[name, spec] : allowed) {
            if (v.toString().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return std::optional<OffsetSpec>(spec);
            names << QString::fromLatin1(name);
        }
        if (v.toString().compare(QLatin1String("specific"), Qt::CaseInsensitive) == 0)
            return std::optional<OffsetSpec>();
        return fieldError(QStringLiteral("config.kafka.range"), field(key),
                          QStringLiteral("%1 is not specific, %2")
                              .arg(describe(v), names.join(QStringLiteral(" or "))));
    };
    auto beginType = typeOf("beginType", {{"earliest", OffsetSpec::beginning()}, {"current", OffsetSpec::last()}});
    if (!beginType)
        return beginType.error();
    auto endType = typeOf("endType", {{"latest", OffsetSpec::end()}});
    if (!endType)
        return endType.error();
    auto begin = readBound("beginDateTime", "beginTimestampMillis", "beginOffset", !beginType->has_value());
    if (!begin)
        return begin.error();
    options.begin = *begin ? **begin : **beginType;
    auto end = readBound("endDateTime", "endTimestampMillis", "endOffset", false);
    if (!end)
        return end.error();
    if (*end)
        options.end = **end;
    else if (*endType)
        options.end = **endType;
    if (options.begin.kind == OffsetSpec::Kind::Time && options.end.kind == OffsetSpec::Kind::Time
        && options.end.value < options.begin.value) {
        return fieldError(QStringLiteral("config.kafka.range"), field("endDateTime"),
                          QStringLiteral("the end (%1) is before the begin (%2); the range is [begin, end)")
                              .arg(options.end.toString(), options.begin.toString()));
    }

    const QJsonValue kafkaConfig = parameter.value(QLatin1String("kafkaConfig"));
    if (!kafkaConfig.isUndefined() && !kafkaConfig.isNull()) {
        if (!kafkaConfig.isObject()) {
            return fieldError(QStringLiteral("config.kafka.kafkaConfig"), field("kafkaConfig"),
                              QStringLiteral("%1 is not an object of Kafka consumer properties")
                                  .arg(describe(kafkaConfig)));
        }
        options.kafkaConfig = kafkaConfig.toObject();
        for (auto it = options.kafkaConfig.begin(); it != options.kafkaConfig.end(); ++it) {
            if (it.value().isObject() || it.value().isArray() || it.value().isNull()) {
                return fieldError(QStringLiteral("config.kafka.kafkaConfig"),
                                  field("kafkaConfig") + QLatin1Char('.') + it.key(),
                                  QStringLiteral("%1 is not a string, number or boolean").arg(describe(it.value())));
            }
        }
    }
    options.groupId = options.kafkaConfig.value(QLatin1String("group.id")).toString();
    options.kafkaConfig.remove(QStringLiteral("group.id"));
    const QJsonValue groupId = parameter.value(QLatin1String("groupId"));
    if (groupId.isString() && !groupId.toString().trimmed().isEmpty())
        options.groupId = groupId.toString().trimmed(); // groupId wins over kafkaConfig group.id
    else if (!groupId.isUndefined() && !groupId.isNull() && !groupId.isString())
        return fieldError(QStringLiteral("config.kafka.groupId"), field("groupId"),
                          QStringLiteral("%1 is not a consumer group name").arg(describe(groupId)));
    if (options.groupId.isEmpty()
        && (options.begin.kind == OffsetSpec::Kind::Last || options.end.kind == OffsetSpec::Kind::Last)) {
        return fieldError(QStringLiteral("config.kafka.groupId"), field("groupId"),
                          QStringLiteral("seekToLast reads the group's committed offset, so groupId (or kafkaConfig "
                                         "group.id) is required"));
    }

    if (parameter.contains(QLatin1String("waitTime"))) {
        const auto wait = toInteger(parameter.value(QLatin1String("waitTime")));
        if (!wait || *wait < 1 || *wait > 86400) {
            return fieldError(QStringLiteral("config.kafka.waitTime"), field("waitTime"),
                              QStringLiteral("%1 is not a number of seconds from 1 to 86400")
                                  .arg(describe(parameter.value(QLatin1String("waitTime")))));
        }
        options.waitTimeSeconds = int(*wait);
    }
    if (parameter.contains(QLatin1String("stopWhenPollEmpty"))) {
        auto b = toBool(parameter.value(QLatin1String("stopWhenPollEmpty")), field("stopWhenPollEmpty"));
        if (!b)
            return b.error();
        options.stopWhenPollEmpty = *b;
    }
    if (parameter.contains(QLatin1String("skipExceedRecord"))) {
        auto b = toBool(parameter.value(QLatin1String("skipExceedRecord")), field("skipExceedRecord"));
        if (!b)
            return b.error();
        options.skipExceedRecord = *b;
    }
    const QJsonValue partition = parameter.value(QLatin1String("partition"));
    if (!partition.isUndefined() && !partition.isNull() && !(partition.isString() && partition.toString().isEmpty())) {
        const auto p = toInteger(partition);
        if (!p || *p > std::numeric_limits<int32_t>::max()) {
            return fieldError(QStringLiteral("config.kafka.partition"), field("partition"),
                              QStringLiteral("%1 is not a partition number (0 or more)").arg(describe(partition)));
        }
        options.partition = int32_t(*p);
    }
    return options;
}

} // namespace kmsync::engine::kafka
