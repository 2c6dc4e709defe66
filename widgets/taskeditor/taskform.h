#pragma once

#include <QString>

#include "engine/config/taskform.h"

namespace kmsync::ui {

// The value types the task editor's pages read and write: the pages' view of the engine's TaskConfig
// (engine/config/taskform.h, which also converts between the two).
using engine::config::BeginMode;
using engine::config::DestinationColumn;
using engine::config::DestinationForm;
using engine::config::EndMode;
using engine::config::ExitStrategy;
using engine::config::FieldLink;
using engine::config::MappingForm;
using engine::config::ScheduleForm;
using engine::config::SettingsForm;
using engine::config::SourceForm;
using engine::config::TaskForm;

// A validation finding attached to a field. `path` names the field as "<page>.<field>", e.g. "source.topic".
struct FieldIssue
{
    enum class Severity { Error, Warning };
    QString path;
    Severity severity = Severity::Error;
    QString message;
    friend bool operator==(const FieldIssue &, const FieldIssue &) = default;
};

} // namespace kmsync::ui
