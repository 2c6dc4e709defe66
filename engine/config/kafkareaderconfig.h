#pragma once

#include <optional>

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include "engine/core/result.h"

namespace kmsync::engine::config {

// How the bytes of a record key or value are decoded (DataWorks keyType/valueType).
enum class KafkaDataType { ByteArray, Double, Float, Integer, Long, Short, String };

// Case-insensitive: "ByteArray", "bytearray", "STRING". nullopt for anything else.
std::optional<KafkaDataType> parseKafkaDataType(const QString &text);
QString kafkaDataTypeName(KafkaDataType type); // upper case
QString allowedKafkaDataTypes();               // "BYTEARRAY, DOUBLE, FLOAT, INTEGER, LONG, SHORT, STRING"

// The Kafka Reader step ("stepType": "kafka") of a DataWorks script-mode task, parameter for parameter.
// Values are kept as the file gave them: optional strings are nullopt when absent, loosely typed values
// (numbers or keywords, booleans written as strings) are QJsonValue (Undefined when absent); the
// *Value() accessors give the effective value with DataWorks' default applied.
struct KafkaReaderConfig
{
    // step keys
    QString stepType = QStringLiteral("kafka");
    QString category = QStringLiteral("reader");
    QString name = QStringLiteral("Reader");
    QJsonObject stepExtra; // other keys of the step object

    // parameter keys
    std::optional<QString> server;     // 2019 form: one broker "host:port"
    std::optional<QString> datasource; // current form: a datasource name
    QString topic;
    QStringList column; // source fields: __key__ ..., 'constant', JSON paths
    std::optional<QString> keyType;
    std::optional<QString> valueType;
    std::optional<QString> encoding;
    std::optional<QString> beginDateTime; // yyyyMMddHHmmss
    std::optional<QString> endDateTime;
    QJsonValue beginOffset{
        QJsonValue::Undefined}; // number, numeric string, or seekToBeginning / seekToLast / seekToEnd
    QJsonValue endOffset{QJsonValue::Undefined};
    QJsonValue beginTimestampMillis{QJsonValue::Undefined};
    QJsonValue endTimestampMillis{QJsonValue::Undefined};
    std::optional<QString> timeZone;
    std::optional<QJsonObject> kafkaConfig; // consumer properties, incl. group.id
    std::optional<QString> groupId;
    QJsonValue waitTime{QJsonValue::Undefined};               // seconds
    QJsonValue stopWhenPollEmpty{QJsonValue::Undefined};      // bool or "true"/"false"
    QJsonValue stopWhenReachEndOffset{QJsonValue::Undefined}; // bool or "true"/"false"
    QJsonValue skipExceedRecord{QJsonValue::Undefined};       // bool or "true"/"false"
    QJsonValue partition{QJsonValue::Undefined};              // one partition id
    QJsonObject extra; // parameter keys kmsync does not know, and known keys of the wrong type

    // Reads a step object {"stepType","category","name","parameter"}.
    static KafkaReaderConfig fromStep(const QJsonObject &step);
    QJsonObject toStep() const;

    KafkaDataType keyTypeValue() const;       // default STRING; STRING when unparsable (validation reports it)
    KafkaDataType valueTypeValue() const;     // default STRING
    QString encodingValue() const;            // default UTF-8
    bool skipExceedRecordValue() const;       // default false
    bool stopWhenPollEmptyValue() const;      // default false
    bool stopWhenReachEndOffsetValue() const; // default false
    int waitTimeSeconds() const;              // default 60
    std::optional<int> partitionValue() const;
    // groupId wins over kafkaConfig["group.id"]; empty when neither is set.
    QString effectiveGroupId() const;

    friend bool operator==(const KafkaReaderConfig &, const KafkaReaderConfig &) = default;
};

} // namespace kmsync::engine::config
