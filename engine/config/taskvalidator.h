#pragma once

#include <optional>

#include <QString>

#include "engine/config/validationissue.h"

namespace kmsync::engine::config {

struct TaskConfig;

// Everything about a task that can be checked without datasources or parameter values: required keys,
// value types, enums, begin/end modes, column counts, duplicate mappings, JSON path syntax, the
// beginDateTime/endDateTime window (params::parseDataWorksDateTime / checkWindow), setting values. Values that still
// hold ${...} are not linted here (see validateResolvedTask in taskloader.h, which reports them as unresolved).
ValidationIssues validateTask(const TaskConfig &task);

// MaxCompute table name rule: letters, digits and _, starting with a letter, at most 128 bytes.
std::optional<QString> tableNameProblem(const QString &name);
// MaxCompute column name rule: letters, digits, _ (and Chinese characters), at most 128 bytes.
std::optional<QString> columnNameProblem(const QString &name);

} // namespace kmsync::engine::config
