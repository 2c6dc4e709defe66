#pragma once

#include <vector>

#include <QByteArray>
#include <QString>

#include "engine/config/taskconfig.h"
#include "engine/core/result.h"
#include "widgets/taskeditor/taskform.h"

namespace kmsync::ui {

// Where the editor meets the engine's task model. The file format is read, written and checked by
// engine/config only (TaskConfig, the pages' view in taskform.h, validateTask); these functions join them
// for the main window and say which page field each finding belongs to.

// Loads a task with TaskConfig::fromJsonBytes (the engine's errors: "config.json", "config.structure") and
// returns the pages' view of it.
engine::Result<TaskForm> taskFromJson(const QByteArray &json);

// The task as Save writes it and Run and Preview run it: the loaded TaskConfig with the pages' values written in.
engine::config::TaskConfig taskConfig(const TaskForm &task);
// taskConfig(task).toJsonBytes(): the bytes Save writes.
QByteArray taskToJson(const TaskForm &task);

// A fresh task with DataWorks' defaults and the six Kafka fields as source fields.
TaskForm newTask();

// The engine's validator (TaskConfig::validate) on taskConfig(task), each finding placed on its page's field
// ("<page>.<field>", see FieldIssue) with its code's translated text (issuetext.h); one finding per field.
std::vector<FieldIssue> validateTask(const TaskForm &task);

} // namespace kmsync::ui
