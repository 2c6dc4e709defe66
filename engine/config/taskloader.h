#pragma once

#include <memory>
#include <vector>

#include <QDateTime>
#include <QTimeZone>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include "engine/config/datasources.h"
#include "engine/config/taskconfig.h"
#include "engine/config/validationissue.h"
#include "engine/core/result.h"
#include "engine/params/schedulingparams.h"

namespace kmsync::engine::config {

// How a command (validate, ddl, run, preview) or the GUI opens a task.
struct TaskRunOptions
{
    QString datasourcesFile;                // empty: datasources.json next to the task file, if there is one
    QString env = QStringLiteral("dev");    // dev | prod
    std::vector<params::Assignment> params; // -p name=EXPR, evaluated against cyctime
    QDateTime cyctime;                      // the scheduled time; invalid = now in the task's time zone (below)
    QDateTime now;                          // the clock for that default; invalid = the system clock (tests set it)
    // Resolves the reader's and writer's ${keychain:KEY} references (the desktop app); none: they stay unresolved
    // and validateResolvedTask() says how to supply them.
    std::shared_ptr<SecretLookup> secrets;
};

// The zone a task's times are read in: the reader's timeZone when it names one (an IANA id or UTC+8), otherwise the
// machine's. "Now" for the default scheduled time is the wall-clock time in this zone, as DataWorks schedules in
// the project's zone whatever the machine's.
QTimeZone taskTimeZone(const TaskConfig &task);
// The default scheduled time: `now` (or the system clock) as wall-clock time in the task's zone, returned as a
// naive date and time (UTC spec) like every cyctime the parameters are evaluated against.
QDateTime defaultCyctime(const TaskConfig &task, const QDateTime &now = {});
// An instant as wall-clock time in `zone`, the zone named, so that it compares with the task's window without
// arithmetic: "2026-11-26 10:00:00.000 Asia/Shanghai" (without the milliseconds when `millis` is false).
QString zonedTimeText(qint64 epochMs, const QTimeZone &zone, bool millis = true);
// The reader's range after substitution, as people read it: "BEGIN to END ZONE", each end a time
// ("yyyy-MM-dd HH:mm:ss" in the task's zone), an offset keyword or number, or epoch milliseconds.
QString readerWindowText(const TaskConfig &task);

// A task as loaded for one run.
struct ResolvedTask
{
    TaskConfig raw;                     // as in the file (${startTime} kept)
    TaskConfig task;                    // every ${name} with a value substituted
    QMap<QString, QString> paramValues; // the -p assignments, evaluated
    Datasources datasources;
    QString taskPath;  // absolute
    QDateTime cyctime; // the time the parameters were evaluated against
};

// Reads the task file, the datasources and evaluates each parameter expression against cyctime, so
// "-p startTime=$[yyyymmddhh24mi-8/24/60]00" and "-p partition=20221122" both work. A ${...} in the task
// that no -p names but that is a scheduling expression itself (${bdp.system.bizdate}, ${yyyymmdd-1}) is
// evaluated against cyctime as well.
// Fails (Error) for an unreadable or structurally broken task file, a broken datasources file, or a
// parameter expression that does not evaluate. Missing values and unknown datasource names are not
// load errors: validateResolvedTask() reports them.
Result<ResolvedTask> loadTask(const QString &taskPath, const TaskRunOptions &options);

// Same, for a task already in memory (the GUI); `taskPath` only locates datasources.json (may be empty).
Result<ResolvedTask> resolveTask(const TaskConfig &raw, const QString &taskPath, const TaskRunOptions &options);

// Replaces ${name} in every string of a JSON object (recursively), as DataWorks does before a run.
QJsonObject substituteJson(const QJsonObject &object, const QMap<QString, QString> &values);

// task.validate() on the substituted task, plus: ${x} with no value ("${startTime} has no value; pass
// -p startTime=..."), unknown or wrong-type datasources, incomplete datasource connections.
ValidationIssues validateResolvedTask(const ResolvedTask &resolved);

} // namespace kmsync::engine::config
