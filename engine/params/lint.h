#pragma once

#include <optional>

#include <QStringList>

#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include "engine/core/result.h"

namespace kmsync::engine::params {

// Kafka Reader's beginDateTime / endDateTime: exactly 14 digits yyyyMMddHHmmss, a real calendar time.
// Returns the wall-clock time as a naive QDateTime (Qt::UTC spec, fields as written); use the overload with a
// zone to place it in the task's timeZone. Errors (code "param.datetime") name the value and say what is allowed,
// e.g. the seed's 3-hour typo "$[yyyymmddhh24-3/24]00000" resolves to 15 digits.
Result<QDateTime> parseDataWorksDateTime(const QString &value);
Result<QDateTime> parseDataWorksDateTime(const QString &value, const QTimeZone &zone);

// std::nullopt when begin and end are valid 14-digit times and end is after begin; otherwise the problem,
// as a sentence naming the values (the window is [begin, end)).
std::optional<QString> checkWindow(const QString &begin, const QString &end);
std::optional<QString> checkWindow(const QDateTime &begin, const QDateTime &end);

// Pitfalls in an expression that evaluates fine but probably does not mean what it says (reference §3.3/§3.5):
//  - "$[yyyymm-1]": offsets in $[...] are days, so this is one day earlier, not one month (use add_months);
//  - "$[yyyymmdd]$[hh24-1/24]": the date and the hour are offset separately, so the day is wrong at 00:00
//    (write "$[yyyymmddhh24-1/24]").
// Empty when nothing looks suspicious. Each warning quotes the part it is about.
QStringList expressionWarnings(const QString &expression);

} // namespace kmsync::engine::params
