#pragma once

#include <functional>

#include <QString>

namespace kmsync::engine {

enum class LogLevel { Debug, Info, Warning, Error };

// Where engine components send log lines (the job forwards them to its observer; tests collect them).
// Messages never contain secrets.
using LogFn = std::function<void(LogLevel, const QString &)>;

} // namespace kmsync::engine
