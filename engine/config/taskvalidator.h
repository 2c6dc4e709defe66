#pragma once

#include <optional>

#include <QString>

#include "engine/config/validationissue.h"

namespace kmsync::engine::config {

struct TaskConfig;

// Everything about a task that can be checked without datasources or parameter values: required keys,
// value types, enums, begin/end modes, column counts, duplicate mappings, JSON path syntax, the
// beginDateTime/endDateTime window (params::parseDataWorksDateTime / checkWindow), setting values, the editor's
// parameter line. Values that still hold ${...} are not linted here (see validateResolvedTask in taskloader.h, which
// reports them as unresolved). This is the one validator: the CLI prints its findings' messages, the desktop editor
// shows their codes as translated text next to the fields (widgets/taskeditor/issuetext.cpp).
ValidationIssues validateTask(const TaskConfig &task);

// What is wrong with a name: the finding's code (TableName, ColumnName or NameTooLong) and its English text.
struct NameProblem
{
    IssueCode code;
    QString message;
};

// MaxCompute table name rule: letters, digits and _, starting with a letter, at most 128 bytes.
std::optional<NameProblem> tableNameProblem(const QString &name);
// MaxCompute column name rule: letters, digits, _ (and Chinese characters), at most 128 bytes.
std::optional<NameProblem> columnNameProblem(const QString &name);

} // namespace kmsync::engine::config
