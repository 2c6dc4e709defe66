#include "engine/config/sourcefield.h"

namespace kmsync::engine::config {

const QStringList &kafkaFieldNames()
{
    static const QStringList names{QStringLiteral("__key__"),       QStringLiteral("__value__"),
                                   QStringLiteral("__partition__"), QStringLiteral("__headers__"),
                                   QStringLiteral("__offset__"),    QStringLiteral("__timestamp__")};
    return names;
}

QString kafkaFieldDescription(const QString &field)
{
    if (field == QLatin1String("__key__"))
        return QStringLiteral("The key of a Kafka message.");
    if (field == QLatin1String("__value__"))
        return QStringLiteral("The value of a Kafka message.");
    if (field == QLatin1String("__partition__"))
        return QStringLiteral(
            "The ID of the partition to which a Kafka message belongs. The ID is an integer that starts from 0.");
    if (field == QLatin1String("__headers__"))
        return QStringLiteral("The headers of a Kafka message.");
    if (field == QLatin1String("__offset__"))
        return QStringLiteral(
            "The sequence number that is assigned to a Kafka message when the message is transferred to a partition. The sequence number is an integer that starts from 0.");
    if (field == QLatin1String("__timestamp__"))
        return QStringLiteral(
            "The timestamp of a Kafka message. The timestamp is a 13-digit integer, in milliseconds.");
    return {};
}

Result<mapping::SourceField> parseSourceField(const QString &text)
{
    if (text.startsWith(QLatin1Char('\'')) && (text.size() < 2 || !text.endsWith(QLatin1Char('\'')))) {
        return makeError(QStringLiteral("config.constant"),
                         QStringLiteral("constant %1 has no closing single quote; write it as 'text'").arg(text));
    }
    return mapping::SourceField::parse(text);
}

bool looksLikeKafkaField(const mapping::SourceField &field)
{
    const QString &text = field.text();
    return field.kind() == mapping::SourceField::Kind::Path && text.size() > 4 && text.startsWith(QLatin1String("__"))
        && text.endsWith(QLatin1String("__"));
}

QString ddlColumnName(const mapping::JsonPath &path)
{
    QString raw;
    for (const mapping::JsonPath::Segment &segment : path.segments()) {
        if (!raw.isEmpty())
            raw += QLatin1Char('_');
        if (segment.isIndex)
            raw += QString::number(segment.index);
        else
            raw += QString::fromStdString(segment.key);
    }
    QString out;
    for (QChar c : raw.toLower()) {
        const bool keep = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                       || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (keep)
            out += c;
        else if (!out.endsWith(QLatin1Char('_')))
            out += QLatin1Char('_');
    }
    while (out.startsWith(QLatin1Char('_')))
        out.remove(0, 1);
    while (out.endsWith(QLatin1Char('_')))
        out.chop(1);
    if (out.isEmpty() || out.at(0).isDigit())
        out.prepend(QStringLiteral("col_"));
    return out;
}

} // namespace kmsync::engine::config
