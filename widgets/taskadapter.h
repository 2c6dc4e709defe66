#pragma once

#include <vector>

#include <QByteArray>
#include <QString>

#include "engine/core/result.h"
#include "widgets/taskform.h"

namespace kmsync::ui {

// The one place where the editor's value types meet the task file format. Until the engine's config module
// (engine/config: TaskConfig, loadTask, validate) is available this reads and writes DataWorks script-mode JSON
// itself; switching over means re-implementing these four functions on top of the engine.

// Parses a DataWorks script-mode task (the flat `type/version/steps/order/setting` form, with or without
// `extend`). Errors use code "task.json" / "task.shape" and name the offending key.
engine::Result<TaskForm> taskFromJson(const QByteArray &json);

// Writes the task back: the loaded file with every key the editor knows replaced, everything else kept.
// Scheduling, reruns and unmapped fields, which DataWorks keeps outside the file, go under the top-level "kmsync" key.
QByteArray taskToJson(const TaskForm &task);

// A fresh task with DataWorks' defaults and the six Kafka fields as source fields.
TaskForm newTask();

// Field-level findings, with paths "<page>.<field>" (see FieldIssue).
std::vector<FieldIssue> validateTask(const TaskForm &task);

// The six fields every Kafka message has.
std::vector<QString> defaultKafkaFields();

} // namespace kmsync::ui
