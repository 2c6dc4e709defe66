#include "engine/config/sourcefield.h"

namespace kmsync::engine::config {

const QStringList &kafkaFieldNames()
{
    static const QStringList names{QStringLiteral("__key__"),     QStringLiteral("__value__"),
                                   QStringLiteral("__partition__"), QStringLiteral("__headers__"),
                                   QStringLiteral("__offset__"),  QStringLiteral("__timestamp__")};
    return names;
}

QString kafkaFieldDescription(const QString &field)
{
    if (field == QLatin1String("__key__"))
        return QStringLiteral("The key of a Kafka message.");
    if (field == QLatin1String("__value__"))
        return QStringLiteral("The value of a Kafka message.");
    if (field == QLatin1String("__partition__"))
        return QStringLiteral("The ID of the partition to which a Kafka message belongs. The ID is an integer that starts from 0.");
    if (field == QLatin1String("__headers__"))
        return QStringLiteral("The headers of a Kafka message.");
    if (field == QLatin1String("__offset__"))
        return QStringLiteral("The sequence number that is assigned to a Kafka message when the message is transferred to a partition. The sequence number is an integer that starts from 0.");
    if (field == QLatin1String("__timestamp__"))
        return QStringLiteral("The timestamp of a Kafka message. The timestamp is a 13-digit integer, in milliseconds.");
    return {};
}

Result<SourceField> SourceField::parse(const QString &text)
{
    SourceField field;
    field.text = text;
    if (kafkaFieldNames().contains(text)) {
        field.kind = Kind::KafkaField;
        return field;
    }
    if (text.startsWith(QLatin1Char('\''))) {
        if (text.size() < 2 || !text.endsWith(QLatin1Char('\''))) {
            return makeError(QStringLiteral("config.constant"),
                             QStringLiteral("constant %1 has no closing single quote; write it as 'text'").arg(text));
        }
        field.kind = Kind::Constant;
        field.constant = text.mid(1, text.size() - 2);
        return field;
    }
    auto path = JsonPath::parse(text);
    if (!path)
        return path.error();
    field.kind = Kind::Path;
    field.path = std::move(path.value());
    return field;
}

} // namespace kmsync::engine::config
