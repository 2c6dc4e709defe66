#pragma once

#include <functional>

#include <QString>

#include "widgets/taskeditor/taskfileread.h"

namespace kmsync::ui {

// File > Open Sample Task: the sample task (resources/samples, embedded as :/samples) lives in a writable
// workspace, AppDataLocation/sample, next to its datasources.json and its local warehouse.
QString sampleWorkspacePath();

// Open Sample's worker: copies the sample into `workspace` (files already there are kept, so the user's edits
// survive), reads it with `reader` and, when the warehouse is new, creates the destination table in it so Run works
// at once. Runs on a worker thread: touches no widget. The result says why it failed, if it did.
TaskFileRead prepareSample(const QString &workspace, const std::function<TaskFileRead(const QString &path)> &reader);

} // namespace kmsync::ui
