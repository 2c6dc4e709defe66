#pragma once

#include <vector>

#include <QDateTime>
#include <QMap>
#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine::params {

// DataWorks scheduling parameters, with the syntax and meaning DataWorks' own documentation gives them.
// The forms kmsync accepts, each with its value at a fixed cyctime, are the rows of evaluate_data() in
// tests/unit/tst_schedparams.cpp; the rejected ones are in errors_data().
//
// evaluate() resolves one expression against a scheduled time (cyctime, local wall-clock time):
// literal text with any number of $[...] (base: cyctime), ${...} (base: business date = cyctime's day - 1),
// and built-ins ($bizdate, $cyctime, $gmtdate, $bizmonth, ${bdp.system.bizdate}, ...) embedded, e.g.
// "$[yyyymmddhh24mi-8/24/60]00" -> "20221122095200" at cyctime 2022-11-22 10:00:00.
// A malformed or unknown expression is an Error (code "param.syntax") whose message names the
// 1-based character position and what was expected there.
Result<QString> evaluate(const QString &expression, const QDateTime &cyctime);

// One assignment of a DataWorks parameter line "k1=expr1 k2=expr2".
struct Assignment
{
    QString name;
    QString expression;
    friend bool operator==(const Assignment &, const Assignment &) = default;
};

// Splits a parameter line into assignments (no spaces around '=', assignments separated by
// whitespace). Errors (code "param.assignment") name the position.
Result<std::vector<Assignment>> parseAssignments(const QString &line);

// Evaluates every assignment against cyctime, in order; returns name -> value.
Result<QMap<QString, QString>> evaluateAssignments(const std::vector<Assignment> &assignments,
                                                   const QDateTime &cyctime);

// Replaces every ${name} whose name is in `values`; other ${...} are left as they are.
QString substitute(const QString &text, const QMap<QString, QString> &values);

// The names inside every ${...} of `text`, in order and with repeats, exactly as substitute() sees them
// (a "${" without a closing '}' ends the scan).
QStringList placeholderNames(const QString &text);

// Names of the ${name} references in `text` that are not scheduling expressions themselves
// (i.e. user parameters such as ${startTime}); used to report unassigned parameters.
QStringList referencedParameters(const QString &text);

} // namespace kmsync::engine::params
