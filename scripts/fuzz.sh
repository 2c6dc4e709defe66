#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang, ASan+UBSan) and runs each for a short time on its seed corpus.
#   bash scripts/fuzz.sh [seconds-per-target]       default 45 (5 targets, as many at once as there are cores)
# Build dir: ${KMSYNC_FUZZ_BUILD_DIR:-build-fuzz}. New interesting inputs go to a scratch corpus under the build dir
# (the committed seed corpus tests/fuzz/corpus/<target>/ is read-only here); a crash leaves
# <build>/fuzz/artifacts/<target>/crash-* and fails the script with the reproducer command.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${KMSYNC_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:-45}
targets=(schedparams jsonpath taskconfig tunnelreader fieldprofile)

start=$(date +%s)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
  -DKMSYNC_FUZZ=ON -DKMSYNC_BUILD_GUI=OFF -DKMSYNC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target fuzz_all
echo "fuzz.sh: built in $(( $(date +%s) - start )) s"

# halt_on_error: the first finding ends the run; detect_leaks stays on (a leak in a parser is a bug too).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# One target per core at a time (each libFuzzer run is single-threaded), so every target still gets its seconds
# of a whole core; the logs are reported in the targets' order once a round ends.
fuzz_one() { # target -> $build/fuzz/<target>.log and .rc
  local t=$1 rc=0
  mkdir -p "$build/fuzz/corpus/$t" "$build/fuzz/artifacts/$t"
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz/artifacts/$t/" "$build/fuzz/corpus/$t" \
    "tests/fuzz/corpus/$t" >"$build/fuzz/$t.log" 2>&1 || rc=$?
  echo "$rc" >"$build/fuzz/$t.rc"
}
at_once=$(nproc)
# A target whose run could not even start leaves no .rc; one left by an earlier run must not stand in for it.
for t in "${targets[@]}"; do rm -f "$build/fuzz/$t.rc"; done
for ((i = 0; i < ${#targets[@]}; i += at_once)); do
  for t in "${targets[@]:i:at_once}"; do
    echo "fuzz.sh: fuzz_$t for ${seconds} s"
    fuzz_one "$t" &
  done
  wait
done
status=0
for t in "${targets[@]}"; do
  if [ "$(cat "$build/fuzz/$t.rc")" != 0 ]; then
    echo "fuzz.sh: fuzz_$t FOUND A PROBLEM; log tail:" >&2
    tail -n 60 "$build/fuzz/$t.log" >&2
    for a in "$build/fuzz/artifacts/$t"/*; do
      [ -e "$a" ] && echo "fuzz.sh: reproduce with: $build/fuzz/fuzz_$t $a" >&2
    done
    status=1
  else
    grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$build/fuzz/$t.log" \
      | sed "s/^/fuzz.sh: $t /" || true
  fi
done
echo "fuzz.sh: total $(( $(date +%s) - start )) s"
exit $status
