#!/usr/bin/env bash
# Builds and runs bench/tunnel_bench: Tunnel record-encoding throughput (records/s, MB/s) on one core,
# raw and with deflate. Usage: bench/tunnel-bench.sh [build-dir] [records]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-bench}"
records="${2:-2000000}"
if [[ ! -f "$build/build.ninja" && ! -f "$build/Makefile" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKMSYNC_BUILD_GUI=OFF -DKMSYNC_BUILD_TESTS=OFF
fi
cmake --build "$build" --target tunnel_bench
exe="$build/bench/tunnel_bench"
[[ -x "$exe" ]] || exe="$(find "$build" -name tunnel_bench -type f -perm -u+x | head -n1)"
taskset -c 0 "$exe" "$records" 2>/dev/null || "$exe" "$records"
