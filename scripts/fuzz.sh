#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang, ASan+UBSan) and runs each for a short time on its seed corpus.
#   bash scripts/fuzz.sh [seconds-per-target]       default 45 (5 targets: about 4 min of fuzzing)
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
status=0
for t in "${targets[@]}"; do
  work="$build/fuzz/corpus/$t"
  artifacts="$build/fuzz/artifacts/$t"
  mkdir -p "$work" "$artifacts"
  echo "fuzz.sh: fuzz_$t for ${seconds} s"
  if ! "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "tests/fuzz/corpus/$t" \
       >"$build/fuzz/$t.log" 2>&1; then
    echo "fuzz.sh: fuzz_$t FOUND A PROBLEM; log tail:" >&2
    tail -n 60 "$build/fuzz/$t.log" >&2
    for a in "$artifacts"/*; do
      [ -e "$a" ] && echo "fuzz.sh: reproduce with: $build/fuzz/fuzz_$t $a" >&2
    done
    status=1
  else
    grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$build/fuzz/$t.log" | sed "s/^/fuzz.sh: $t /" || true
  fi
done
echo "fuzz.sh: total $(( $(date +%s) - start )) s"
exit $status
