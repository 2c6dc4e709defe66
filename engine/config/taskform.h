#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <QString>
#include <QStringList>
#include <QTime>

#include "engine/config/taskconfig.h"
#include "engine/params/cyclepreset.h"

namespace kmsync::engine::config {

// The task as the desktop editor's pages show it: one value type per page, mirroring the codeless UI's steps.
// It is a view over a TaskConfig, not a second file format: taskFormFrom() reads the view off a loaded task and
// applyTaskForm() writes the edited view back into it, so every key the pages do not show (unknown keys, loose
// value types such as "record": "0") survives a save untouched. This file is the only place that knows how the
// pages' choices (begin mode, exit strategy, the unmapped fields in the "kmsync" block, ...) are spelled in a task.

// Where the reader starts (DataWorks `beginType`, plus script mode's numeric `beginOffset`).
enum class BeginMode { SpecificTime, Earliest, GroupCurrent, SpecificOffset };
// Where the reader stops (DataWorks `endType`, plus script mode's numeric `endOffset`).
enum class EndMode { SpecificTime, Latest, SpecificOffset };
// The "Exit Strategy" setting: stop at the configured end, or when a poll returns nothing for waitTime.
enum class ExitStrategy { ReachEnd, PollEmpty };

struct SourceForm
{
    QString datasource;
    QString topic;
    QString groupId;
    BeginMode beginMode = BeginMode::SpecificTime;
    QString beginDateTime = QStringLiteral("${startTime}"); // yyyymmddhhmmss or a ${parameter}
    QString beginOffset;
    EndMode endMode = EndMode::SpecificTime;
    QString endDateTime = QStringLiteral("${endTime}");
    QString endOffset;
    QString timeZone; // empty = the machine's zone
    QString keyType = QStringLiteral("string");
    QString valueType = QStringLiteral("string");
    QString encoding = QStringLiteral("UTF-8");
    ExitStrategy exitStrategy = ExitStrategy::ReachEnd;
    std::vector<std::pair<QString, QString>> kafkaConfig; // advanced consumer properties, in order

    friend bool operator==(const SourceForm &, const SourceForm &) = default;
};

struct DestinationForm
{
    QString datasource;
    QString table;
    QString partition;    // "ds=${partition}" or "ds=${bizdate},hh=${hour}"; empty for a non-partitioned table
    bool truncate = true; // true = clear the partition before writing (insert overwrite), false = append

    friend bool operator==(const DestinationForm &, const DestinationForm &) = default;
};

struct DestinationColumn
{
    QString name;
    QString type; // MaxCompute type name, may be empty when the schema is unknown
    friend bool operator==(const DestinationColumn &, const DestinationColumn &) = default;
};

// One source field mapped onto one destination column (indexes into the two lists).
struct FieldLink
{
    int source = -1;
    int target = -1;
    friend bool operator==(const FieldLink &, const FieldLink &) = default;
};

// The field-mapping step: Kafka-side fields (`__key__`, `__value__`, JSON paths such as `a.a1`, constants
// such as `'abc'`), destination columns, and the links between them. Each field takes part in at most one
// link; destination columns without a link receive NULL; source fields without a link are not synced.
struct MappingForm
{
    std::vector<QString> sourceFields;
    std::vector<DestinationColumn> targets;
    std::vector<FieldLink> links; // in the order the task file lists them

    friend bool operator==(const MappingForm &, const MappingForm &) = default;
};

// The scheduling step: the cycle (params::Cycle) and the DataWorks parameter line.
struct ScheduleForm
{
    params::Cycle cycle{params::CycleUnit::Hour, 1, QTime(0, 15), QTime(23, 59), 1, 1};
    QString parameters = QStringLiteral("startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24]0000 "
                                        "partition=$[yyyymmddhh24]");

    friend bool operator==(const ScheduleForm &, const ScheduleForm &) = default;
};

struct SettingsForm
{
    int errorLimit = 0; // dirty records tolerated; 0 = zero tolerance
    int concurrent = 1; // 1..32
    bool throttle = false;
    int mbps = 1;      // only with throttle
    bool rerun = true; // auto rerun upon error
    int rerunTimes = 3;
    int rerunIntervalMinutes = 2;

    friend bool operator==(const SettingsForm &, const SettingsForm &) = default;
};

// Everything the editor shows, plus the task it was read from.
struct TaskForm
{
    SourceForm source;
    DestinationForm destination;
    MappingForm mapping;
    ScheduleForm schedule;
    SettingsForm settings;
    TaskConfig config; // the task as loaded (a default TaskConfig for a new task)

    friend bool operator==(const TaskForm &, const TaskForm &) = default;
};

// The pages' view of a task. Loose values are read the way the engine reads them (looseBool, looseInt): a
// "truncate": "yes" shows as the engine's default, true, not as false.
TaskForm taskFormFrom(const TaskConfig &config);

// form.config with the pages' values written in: what Save writes and what Run and Preview run. A value the page
// did not change keeps the file's spelling ("STRING", "record": "0", group.id inside kafkaConfig, ...).
TaskConfig applyTaskForm(const TaskForm &form);

// A fresh task with DataWorks' defaults and the six Kafka fields as source fields.
TaskForm newTaskForm();

// The Scheduling page's parameter line as the task keeps it (kmsync.schedule.parameters); nullopt when the task has
// none (a task the editor never saved). The validator checks it (IssueCode::ScheduleParametersMissing).
std::optional<QString> editorParameterLine(const TaskConfig &task);
inline const QString kEditorParameterLinePath = QStringLiteral("kmsync.schedule.parameters");

} // namespace kmsync::engine::config
