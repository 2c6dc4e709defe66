#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include "engine/config/jobsettings.h"
#include "engine/config/kafkareaderconfig.h"
#include "engine/config/kmsyncoptions.h"
#include "engine/config/odpswriterconfig.h"
#include "engine/config/validationissue.h"
#include "engine/core/result.h"

namespace kmsync::engine::config {

// A Kafka -> MaxCompute task in DataWorks script-mode JSON:
//   {"type":"job","version":"2.0","steps":[{kafka reader},{odps writer}],"setting":{...},
//    "order":{"hops":[{"from":"Reader","to":"Writer"}]}}
// optionally with the current API's top-level "extend" (kept as given) and kmsync's own "kmsync" block.
// Keys kmsync does not know are kept and written back; values keep the type the file gave them.
// Saving is deterministic (keys sorted): load -> save -> load -> save gives identical bytes.
struct TaskConfig
{
    std::optional<QString> type;    // "job"
    std::optional<QString> version; // "2.0"
    KafkaReaderConfig reader;
    OdpsWriterConfig writer;
    bool writerFirst = false; // the writer step came first in "steps" (kept for the round trip)
    JobSettings setting;
    std::optional<QJsonObject> order;
    std::optional<KmsyncOptions> kmsync;
    QJsonObject extra; // other top-level keys ("extend", ...), and known keys of the wrong type

    // Structural errors only (code "config.structure"): not a job object, the DataX 1.0 {"job":...} form,
    // no kafka reader or odps writer step, unsupported step types. Everything else loads and is
    // reported by validate().
    static Result<TaskConfig> fromJson(const QJsonObject &object);
    // Parses JSON text; syntax errors (code "config.json") give the line and column.
    static Result<TaskConfig> fromJsonBytes(const QByteArray &json);
    static Result<TaskConfig> loadFile(const QString &path);

    QJsonObject toJson() const;
    QByteArray toJsonBytes() const; // indented, keys sorted, trailing newline
    Result<void> saveFile(const QString &path) const;

    // JSON paths of the two steps' parameter objects for messages: "steps[0].parameter".
    QString readerPath() const;
    QString writerPath() const;

    // Checks everything that can be checked without datasources and parameter values (see taskvalidator.h).
    ValidationIssues validate() const;

    // The KmsyncOptions in effect (defaults when the task has no "kmsync" block).
    KmsyncOptions kmsyncValue() const { return kmsync.value_or(KmsyncOptions()); }

    friend bool operator==(const TaskConfig &, const TaskConfig &) = default;
};

} // namespace kmsync::engine::config
