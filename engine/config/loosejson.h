#pragma once

#include <optional>

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace kmsync::engine::config {

// DataWorks task files spell booleans and numbers loosely ("skipExceedRecord": "false", "record": "0").
// kmsync keeps the value as given (QJsonValue) and reads it through these helpers.

// true/false, or the strings "true"/"false" (any case). Anything else (and Undefined) is nullopt.
std::optional<bool> looseBool(const QJsonValue &value);
// An integral number, or a string of decimal digits with an optional sign. nullopt otherwise.
std::optional<qint64> looseInt(const QJsonValue &value);
// A number, or a string holding one. nullopt otherwise.
std::optional<double> looseDouble(const QJsonValue &value);
// "string", "number", "boolean", "object", "array", "null" for messages.
QString jsonTypeName(const QJsonValue &value);
// The value as JSON text for messages: "TEXT" with quotes, 12, true, {...}.
QString jsonText(const QJsonValue &value);

// Takes known keys out of a JSON object one by one; what is left over are the keys kmsync does not know,
// plus known keys whose value had an unexpected type (kept as given, reported by validation).
class JsonObjectReader
{
public:
    explicit JsonObjectReader(QJsonObject object)
        : m_rest(std::move(object))
    {
    }

    void take(const QString &key, std::optional<QString> &out);
    void take(const QString &key, QString &out);
    void take(const QString &key, QStringList &out); // an array of strings only
    void take(const QString &key, std::optional<QJsonObject> &out);
    void take(const QString &key, std::optional<int> &out); // an integral number only
    void take(const QString &key, QJsonValue &out);         // any type; Undefined when absent

    const QJsonObject &rest() const { return m_rest; }

private:
    QJsonObject m_rest;
};

// Writing side: inserts only what is present.
void putOptional(QJsonObject &object, const QString &key, const std::optional<QString> &value);
void putOptional(QJsonObject &object, const QString &key, const QJsonValue &value);

// A step object of a script-mode task {"stepType","category","name","parameter", ...}, shared by the reader
// and writer configs. Takes the envelope keys into the given fields, puts every other key (and any envelope
// key of the wrong type) into `stepExtra`, and returns the "parameter" object (empty when absent).
QJsonObject takeStepEnvelope(const QJsonObject &step, QString &stepType, QString &category, QString &name,
                             QJsonObject &stepExtra);
// The reverse: `stepExtra` plus "stepType", "category" and "name" where it does not hold them already
// (a key left in stepExtra had the wrong type in the file: it is kept as given, validation reports it).
// The caller inserts "parameter".
QJsonObject makeStepEnvelope(QJsonObject stepExtra, const QString &stepType, const QString &category,
                             const QString &name);

} // namespace kmsync::engine::config
