#!/usr/bin/env bash
# Sanitizer CI jobs. Each configures its own build dir, builds only what it runs (-O1, no desktop app unless the
# GUI worker test needs it) and runs ctest; any sanitizer report fails the job.
#   bash scripts/sanitize.sh asan   ASan+UBSan: every unit and integration test    (build dir: build-asan)
#   bash scripts/sanitize.sh tsan   TSan: the engine thread (tst_syncjob, tst_job, tst_cli_run), the MaxCompute
#                                   sink's setup, compressor and upload threads (tst_uploadpipeline, tst_maxcompute,
#                                   tst_maxcompute_parallel, tst_maxcompute_cancel, tst_job_maxcompute) and the GUI
#                                   worker (tests/widget/tst_runcontroller, offscreen)  (build dir: build-tsan)
# Build dirs: ${KMSYNC_ASAN_BUILD_DIR:-build-asan}, ${KMSYNC_TSAN_BUILD_DIR:-build-tsan}. Tests that need the real
# Kafka broker skip themselves unless KMSYNC_TEST_KAFKA_* is exported (scripts/kafka-broker.sh env).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
job=${1:-}
start=$(date +%s)

# Warnings are errors in the main build (scripts/test.sh); not here: GCC 12's flow analysis at -O1 with the
# sanitizers' instrumentation reports false -Wmaybe-uninitialized in std::optional<std::string> copies, and the
# job is about what the sanitizers find at run time.
# -g1 (line tables only): sanitizer reports still name file and line; full -g made the ASan build ~1.6x slower
# to compile (tst_kafkasource.cpp 43 s against 26 s), a third of the CI run's sanitizer time.
configure() { # build-dir sanitizers gui
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
    -DKMSYNC_WERROR=OFF -DKMSYNC_SANITIZE="$2" -DKMSYNC_BUILD_GUI="$3" -DKMSYNC_BUILD_TESTS=ON >/dev/null
}
tests_of() { # tier... -> test target names (without those that link the widgets library: no GUI build here)
  for tier in "$@"; do
    for f in tests/"$tier"/tst_*.cpp; do
      [ -e "$f" ] || continue
      head -n1 "$f" | grep -qw kmsync_widgets || basename "$f" .cpp
    done
  done
}

case "$job" in
  asan)
    build=${KMSYNC_ASAN_BUILD_DIR:-$root/build-asan}
    configure "$build" "address;undefined" OFF
    # tst_package runs cpack on the build dir: packaging is not what this job checks (and the main CI runs it).
    mapfile -t targets < <(tests_of unit integration | grep -vx tst_package)
    cmake --build "$build" --parallel "$(nproc)" --target kmsync-cli "${targets[@]}"
    echo "sanitize.sh asan: built in $(( $(date +%s) - start )) s"
    # halt_on_error: the first report fails the test. detect_leaks: leaks are reported, with the third-party
    # ones we cannot fix listed in scripts/sanitize-lsan.supp.
    export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1"
    export LSAN_OPTIONS="suppressions=$root/scripts/sanitize-lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    cd "$build"
    # Throughput floors are not sanitizer findings (ASan at -O1 is 2-3x slower): those tests run below without
    # their timing functions. test:function
    timing=(tst_warehouse:throughput)
    exclude="tst_package"
    for entry in "${timing[@]}"; do exclude+="|${entry%%:*}"; done
    status=0
    ctest --output-on-failure --parallel "$(nproc)" --timeout 1200 -L 'unit|integration' -E "^($exclude)\$" || status=1
    for entry in "${timing[@]}"; do
      test=${entry%%:*}
      mapfile -t functions < <("tests/$test" -functions | sed 's/()$//' | grep -vx "${entry#*:}")
      echo "sanitize.sh asan: $test without ${entry#*:}"
      "tests/$test" "${functions[@]}" || status=1
    done
    [ $status -eq 0 ] || { echo "sanitize.sh asan: FAILED" >&2; exit 1; }
    ;;
  tsan)
    build=${KMSYNC_TSAN_BUILD_DIR:-$root/build-tsan}
    gui=OFF
    targets=(kmsync-cli tst_syncjob tst_job tst_cli_run tst_uploadpipeline tst_maxcompute tst_maxcompute_parallel
      tst_maxcompute_cancel tst_job_maxcompute)
    if [ -e tests/widget/tst_runcontroller.cpp ]; then
      gui=ON
      targets+=(tst_runcontroller)
    fi
    configure "$build" thread "$gui"
    cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"
    echo "sanitize.sh tsan: built in $(( $(date +%s) - start )) s"
    # Qt and librdkafka are not built with TSan; see the suppressions file for why each entry is there.
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:history_size=4:suppressions=$root/scripts/sanitize-tsan.supp"
    export QT_QPA_PLATFORM=offscreen
    # librdkafka's C11 threads and locks made visible to TSan (see the shim's comment).
    cc -shared -fPIC -O1 -o "$build/tsan-c11threads.so" scripts/sanitize-tsan-c11threads.c
    export LD_PRELOAD="$build/tsan-c11threads.so"
    regex="^($(IFS='|'; echo "${targets[*]:1}"))\$"
    cd "$build"
    ctest --output-on-failure --parallel "$(nproc)" --timeout 1200 -R "$regex"
    ;;
  *)
    echo "usage: bash scripts/sanitize.sh asan|tsan" >&2
    exit 2
    ;;
esac
echo "sanitize.sh $job: total $(( $(date +%s) - start )) s"
