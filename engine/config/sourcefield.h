#pragma once

#include <QString>
#include <QStringList>

#include "engine/config/jsonpath.h"
#include "engine/core/result.h"

namespace kmsync::engine::config {

// One reader `column` entry: a Kafka record field (__key__ ...), a 'constant', or a JSON path into the value.
struct SourceField
{
    enum class Kind { KafkaField, Constant, Path };

    Kind kind = Kind::Path;
    QString text;     // as written in the task
    QString constant; // Kind::Constant: the text between the single quotes
    JsonPath path;    // Kind::Path

    // Errors name the entry and what is wrong (unterminated constant, bad path syntax). "__x__" that is not
    // one of the six Kafka fields is a JSON path to the key "__x__" (validation warns about it).
    static Result<SourceField> parse(const QString &text);
    // "__x__" that is not one of the six Kafka fields (likely a typo).
    bool looksLikeKafkaField() const
    {
        return kind == Kind::Path && text.size() > 4 && text.startsWith(QLatin1String("__")) && text.endsWith(QLatin1String("__"));
    }

    friend bool operator==(const SourceField &, const SourceField &) = default;
};

// The six Kafka record fields in DataWorks' order: __key__ __value__ __partition__ __headers__ __offset__ __timestamp__.
const QStringList &kafkaFieldNames();
// DataWorks' description of a Kafka record field (used as the DDL column comment); empty for other names.
QString kafkaFieldDescription(const QString &field);

} // namespace kmsync::engine::config
