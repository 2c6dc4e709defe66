#pragma once

#include <QString>

namespace kmsync::engine {

// The version string printed by `--version` of both executables.
QString versionString();

} // namespace kmsync::engine
