#!/usr/bin/env bash
# Builds the Debian package: a Release build (no tests) in ${KMSYNC_PKG_BUILD_DIR:-build-pkg}, then `cpack -G DEB`.
# Prints the path of the .deb (kmsync_<version>_<arch>.deb in the build dir). Install with `apt install ./<deb>`.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${KMSYNC_PKG_BUILD_DIR:-$PWD/build-pkg}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKMSYNC_WERROR=ON -DKMSYNC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/kmsync_*.deb | head -n 1)
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
echo "$deb"
