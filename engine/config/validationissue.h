#pragma once

#include <vector>

#include <QString>

namespace kmsync::engine::config {

// One finding of task validation: where (a JSON path into the task file, e.g.
// "steps[0].parameter.keyType"), how bad, and what is wrong and what is allowed.
struct ValidationIssue
{
    enum class Severity { Error, Warning };

    QString path;
    Severity severity = Severity::Error;
    QString message;

    // "ERROR steps[0].parameter.keyType: \"TEXT\" is not one of BYTEARRAY, ..."
    QString toString() const
    {
        return (severity == Severity::Error ? QStringLiteral("ERROR ") : QStringLiteral("WARNING ")) + path
             + QStringLiteral(": ") + message;
    }
    friend bool operator==(const ValidationIssue &, const ValidationIssue &) = default;
};

using ValidationIssues = std::vector<ValidationIssue>;

inline bool hasErrors(const ValidationIssues &issues)
{
    for (const auto &issue : issues) {
        if (issue.severity == ValidationIssue::Severity::Error)
            return true;
    }
    return false;
}

} // namespace kmsync::engine::config
