#pragma once

#include <QString>

#include "engine/core/result.h"

namespace kmsync::engine {

// What kind of failure an Error code stands for: whether waiting and trying again can help. The run's rerun
// policy, the summary's attempts list and the GUI decide by kind, never by the message.
enum class ErrorKind {
    Unreachable, // refused or dropped connection, unresolvable host: may come back, rerun
    Timeout,     // no answer within the timeout: rerun
    Server,      // the service failed (HTTP 5xx) or throttled: rerun
    Auth,        // credentials rejected or not authorised: waiting cannot help
    Tls,         // TLS handshake rejected (untrusted certificate, a non-TLS listener): waiting cannot help
    NotFound,    // a missing topic, partition, table or warehouse: waiting cannot help
    Mapping,     // the mapping or the destination schema does not fit the data: waiting cannot help
    Input,       // bad parameters, configuration or task file: waiting cannot help
    DirtyLimit,  // more dirty records than the task allows: the same data fails again
    Cancelled,   // stopped on request
    Other,       // anything else (a read or write that failed midway): rerun
};

// The kind of an Error code ("kafka.unreachable" -> Unreachable); unknown codes are Other. Derived from the
// code, so an Error's kind never disagrees with it.
ErrorKind errorKindOf(const QString &code);
inline ErrorKind errorKindOf(const Error &error)
{
    return errorKindOf(error.code);
}
// A stable lower-case name for programs: "unreachable", "timeout", "server", "auth", "tls", "not_found",
// "mapping", "input", "dirty_limit", "cancelled", "other".
QString errorKindName(ErrorKind kind);
// Whether an attempt that failed with this kind is worth running again after a wait.
bool isRerunnable(ErrorKind kind);

} // namespace kmsync::engine
