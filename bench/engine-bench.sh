#!/usr/bin/env bash
# kmsync vs kcat: the whole engine (Kafka -> JSON paths + record fields -> local warehouse) against kcat's plain
# consume of the same topic, on librdkafka's mock cluster (in a separate process) and on a real Kafka broker, for
# two message shapes at two topic sizes each, with both cores free and with one core held by a busy loop the
# script starts. Prints machine info, every run (wall, CPU, peak RSS, commit time, load), a table of medians and
# the targets. It is a benchmark, not a test: it exits 0 when a target is missed (and says so), non-zero only when
# it could not measure.
#
#   bash bench/engine-bench.sh
#
# Shapes (KMSYNC_BENCH_SHAPES, default "flat nested"):
#   flat    16 partitions, 200k and 400k messages, ~150-byte values; 12 columns: __key__ __value__ __partition__
#           __headers__ __offset__ __timestamp__ id user.id user.country event price ts
#   nested  32 partitions, 100k and 480k messages, ~215-byte nested values (an object, an array of strings, an
#           array of objects, a key with a dot, int, float, bool); 12 columns: __key__ __value__ __partition__
#           __offset__ __timestamp__ a.a1 c[1] d[0].AA n (BIGINT) price (DOUBLE) flag (BOOLEAN) ["a.b"]
#
# Knobs (environment):
#   KMSYNC_BENCH_BUILD    build dir (default <repo>/build-bench; configured Release, no GUI, no tests if new)
#   KMSYNC_BENCH_SHAPES   "flat nested" (default), "flat" or "nested"
#   KMSYNC_BENCH_SIZES    topic sizes for every shape (default: per shape, see above)
#   KMSYNC_BENCH_RUNS     runs per measurement, the median is reported (default 5)
#   KMSYNC_BENCH_BROKERS  "mock real", "mock" or "real" (default "mock real")
#   KMSYNC_BENCH_CONDITIONS  "idle busy" (default), "idle" or "busy": busy runs both tools while a busy loop
#                         that the script starts holds one core
#   KMSYNC_BENCH_PARTITIONS  partitions per topic for every shape (default: per shape)
#   KMSYNC_BENCH_CALLGRIND  1 (default when valgrind is installed) counts instructions of one kcat and one kmsync
#                         run on the smaller nested topic with callgrind: a CPU figure that does not move with load
#   KMSYNC_BENCH_KAFKA_CONFIG  a JSON object put into the reader's kafkaConfig (default none: kmsync's own
#                         consumer settings), e.g. '{"queued.min.messages":"1000000"}' to try a tuning
#   KMSYNC_TEST_KAFKA_BOOTSTRAP  use this running broker (PLAINTEXT) instead of starting
#                         scripts/kafka-broker.sh (which then runs under the build dir and is stopped at the end)
#
# What is compared (same topic, same condition, one after the other):
#   kcat   flat: kcat -C -e -q -b B -t T -o beginning -f '%k\t%s\t%p\t%h\t%o\t%T\n' | wc -l
#          nested: kcat -C -e -q -b B -t T -o beginning -f '%k %s %p %o %T\n' | wc -l
#          (kcat's default consumer settings; the count is checked)
#   kmsync kmsync-cli run TASK.json --datasources DS.json -p partition=bench --reruns 0, a fresh local warehouse
#          each run; reader beginOffset seekToBeginning / endOffset seekToEnd (the row count is checked)
# Wall time is the whole process (start-up, offset lookup and the warehouse commit included); CPU is user + sys
# from wait4() to the microsecond (bench/cputime_bench), as is peak RSS; kmsync's commit time is its summary's
# commitSeconds.
# Targets: kmsync's rate >= 0.8x kcat's in both conditions; kmsync peak RSS <= 150 MB and flat in topic size (the
# larger topic's peak within 15 % or 10 MB of the smaller one's); on the nested shape also kmsync CPU per message
# <= 1.5x kcat's and the commit <= 10 % of the run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KMSYNC_BENCH_BUILD:-$root/build-bench}"
shapes="${KMSYNC_BENCH_SHAPES:-flat nested}"
runs="${KMSYNC_BENCH_RUNS:-5}"
brokers="${KMSYNC_BENCH_BROKERS:-mock real}"
conditions="${KMSYNC_BENCH_CONDITIONS:-idle busy}"
callgrind="${KMSYNC_BENCH_CALLGRIND:-$(command -v valgrind >/dev/null && echo 1 || echo 0)}"
shape_sizes() { # shape
  if [[ -n "${KMSYNC_BENCH_SIZES:-}" ]]; then echo "$KMSYNC_BENCH_SIZES"
  elif [[ "$1" == nested ]]; then echo "100000 480000"
  else echo "200000 400000"; fi
}
shape_partitions() { # shape
  if [[ -n "${KMSYNC_BENCH_PARTITIONS:-}" ]]; then echo "$KMSYNC_BENCH_PARTITIONS"
  elif [[ "$1" == nested ]]; then echo 32
  else echo 16; fi
}
for shape in $shapes; do
  [[ "$shape" == flat || "$shape" == nested ]] || { echo "engine-bench: KMSYNC_BENCH_SHAPES: \"$shape\" is not flat or nested" >&2; exit 1; }
done
for condition in $conditions; do
  [[ "$condition" == idle || "$condition" == busy ]] || { echo "engine-bench: KMSYNC_BENCH_CONDITIONS: \"$condition\" is not idle or busy" >&2; exit 1; }
done
kafka_config="${KMSYNC_BENCH_KAFKA_CONFIG:-}"
reader_extra=""
[[ -z "$kafka_config" ]] || reader_extra=", \"kafkaConfig\": $kafka_config"

say() { echo "engine-bench: $*" >&2; }
die() { say "$*"; exit 1; }
# loadavg, now_ns, median, rss_kb, cpu_s, read_mock_bootstrap, build_release, verdict, rss_flat_verdict
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

for tool in kcat cmake; do
  command -v "$tool" >/dev/null || die "$tool not found: run scripts/install-deps.sh"
done

# ---- build (Release) ----
build_release kmsync-cli engine_bench cputime_bench >&2
cli="$build/bin/kmsync-cli"
[[ -x "$cli" ]] || cli="$(find "$build" -name kmsync-cli -type f -perm -u+x | head -n1)"
helper="$build/bench/engine_bench"
timer="$build/bench/cputime_bench"
[[ -x "$cli" && -x "$helper" && -x "$timer" ]] || die "kmsync-cli, engine_bench or cputime_bench missing under $build"

work="$(mktemp -d "${TMPDIR:-/tmp}/kmsync-engine-bench.XXXXXX")"
mock_pid=""
busy_pid=""
started_broker=0
cleanup() {
  stop_busy
  if [[ -n "$mock_pid" ]]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  if [[ "$started_broker" == 1 ]]; then
    KMSYNC_BUILD_DIR="$build" bash "$root/scripts/kafka-broker.sh" stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- helpers ----

# The busy condition: a shell loop that keeps one core busy (an analyst's desktop is rarely idle).
start_busy() {
  bash -c 'while :; do :; done' &
  busy_pid=$!
  sleep 0.5
}
stop_busy() {
  if [[ -n "$busy_pid" ]]; then
    kill "$busy_pid" 2>/dev/null || true
    wait "$busy_pid" 2>/dev/null || true
    busy_pid=""
  fi
}

kcat_format() { # shape
  if [[ "$1" == nested ]]; then printf '%s' '%k %s %p %o %T\n'; else printf '%s' '%k\t%s\t%p\t%h\t%o\t%T\n'; fi
}

# Measure globals, set by run_kcat / run_kmsync: secs, rss (kB), cpu (s), count (messages seen), commit (s).
run_kcat() { # shape bootstrap topic
  local tf="$work/time.txt" t0 t1
  t0=$(now_ns)
  count=$("$timer" -o "$tf" kcat -C -e -q -b "$2" -t "$3" -o beginning -f "$(kcat_format "$1")" | wc -l) \
    || die "kcat failed on topic $3 at $2"
  t1=$(now_ns)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  rss=$(rss_kb "$tf"); cpu=$(cpu_s "$tf")
}

write_task() { # shape topic file
  local reader_columns writer_columns
  if [[ "$1" == nested ]]; then
    reader_columns='"__key__", "__value__", "__partition__", "__offset__", "__timestamp__", "a.a1", "c[1]", "d[0].AA", "n", "price", "flag", "[\"a.b\"]"'
    writer_columns='"k", "v", "p", "o", "t", "a1", "c1", "d0_aa", "n", "price", "flag", "a_b"'
  else
    reader_columns='"__key__", "__value__", "__partition__", "__headers__", "__offset__", "__timestamp__", "id", "user.id", "user.country", "event", "price", "ts"'
    writer_columns='"k", "v", "p", "h", "o", "t", "id", "user_id", "country", "event", "price", "ts"'
  fi
  cat >"$3" <<EOF
{
  "type": "job", "version": "2.0",
  "steps": [
    {"stepType": "kafka", "category": "reader", "name": "Reader", "parameter": {
      "datasource": "kafka", "topic": "$2",
      "column": [$reader_columns],
      "beginOffset": "seekToBeginning", "endOffset": "seekToEnd"$reader_extra}},
    {"stepType": "odps", "category": "writer", "name": "Writer", "parameter": {
      "datasource": "wh", "table": "bench", "partition": "ds=\${partition}", "truncate": true,
      "column": [$writer_columns]}}
  ],
  "setting": {"errorLimit": {"record": "0"}, "speed": {"throttle": false, "concurrent": 1}}
}
EOF
}

table_ddl() { # shape
  if [[ "$1" == nested ]]; then
    echo "CREATE TABLE bench (k STRING, v STRING, p BIGINT, o BIGINT, t BIGINT, a1 STRING, c1 STRING, d0_aa STRING,
     n BIGINT, price DOUBLE, flag BOOLEAN, a_b STRING) PARTITIONED BY (ds STRING)"
  else
    echo "CREATE TABLE bench (k STRING, v STRING, p BIGINT, h STRING, o BIGINT, t BIGINT, id BIGINT, user_id STRING,
     country STRING, event STRING, price DOUBLE, ts DATETIME) PARTITIONED BY (ds STRING)"
  fi
}

# Sets up a fresh warehouse with the table and the task in $work/kmsync; prints the run's command.
prepare_kmsync() { # shape bootstrap topic
  local dir="$work/kmsync"
  rm -rf "$dir"; mkdir -p "$dir"
  cat >"$dir/datasources.json" <<EOF
{"datasources": {
  "kafka": {"type": "kafka", "connection": {"bootstrap.servers": "$2"}},
  "wh": {"type": "local", "connection": {"path": "$dir/wh.db"}}}}
EOF
  write_task "$1" "$3" "$dir/task.json"
  "$cli" sql --datasource wh --datasources "$dir/datasources.json" "$(table_ddl "$1")" >/dev/null \
    || die "kmsync-cli sql could not create the warehouse table"
}

run_kmsync() { # shape bootstrap topic
  local dir="$work/kmsync" tf="$work/time.txt" t0 t1 out
  prepare_kmsync "$@"
  t0=$(now_ns)
  if ! out=$("$timer" -o "$tf" "$cli" run "$dir/task.json" --datasources "$dir/datasources.json" \
               -p partition=bench --reruns 0 2>"$dir/stderr.txt"); then
    cat "$dir/stderr.txt" >&2
    die "kmsync-cli run failed: $out"
  fi
  t1=$(now_ns)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  rss=$(rss_kb "$tf"); cpu=$(cpu_s "$tf")
  count=$(printf '%s\n' "$out" | tail -n1 | sed -n 's/.*"written":\([0-9]*\).*/\1/p')
  commit=$(printf '%s\n' "$out" | tail -n1 | sed -n 's/.*"commitSeconds":\([0-9.eE+-]*\).*/\1/p')
  [[ -n "$commit" ]] || commit=nan
}

# Instructions (callgrind's Ir, every thread) of one run of each tool: CPU work that does not move with load.
count_instructions() { # broker shape bootstrap topic messages
  local out="$work/callgrind.out" kc_ir km_ir
  rm -f "$out"*
  valgrind --tool=callgrind --callgrind-out-file="$out.kcat" -q \
    kcat -C -e -q -b "$3" -t "$4" -o beginning -f "$(kcat_format "$2")" 2>/dev/null | wc -l >/dev/null || return 0
  prepare_kmsync "$2" "$3" "$4"
  valgrind --tool=callgrind --callgrind-out-file="$out.kmsync" -q "$cli" run "$work/kmsync/task.json" \
    --datasources "$work/kmsync/datasources.json" -p partition=bench --reruns 0 >/dev/null 2>&1 || return 0
  # Each file has a summary line and a totals line with the same figure: halve. %.0f: no exponent notation.
  kc_ir=$(cat "$out.kcat"* | awk '/^(summary|totals):/ {s += $2} END {printf "%.0f\n", s / 2}')
  km_ir=$(cat "$out.kmsync"* | awk '/^(summary|totals):/ {s += $2} END {printf "%.0f\n", s / 2}')
  [[ "$kc_ir" != 0 && "$km_ir" != 0 ]] || return 0
  printf '  %-4s %-6s %7s callgrind  kcat %6.0f M instructions (%4.0f per message)  kmsync %6.0f M (%4.0f per message)  ratio %.2fx\n' \
    "$1" "$2" "$5" "$(awk -v i="$kc_ir" 'BEGIN {print i / 1e6}')" "$(awk -v i="$kc_ir" -v n="$5" 'BEGIN {print i / n}')" \
    "$(awk -v i="$km_ir" 'BEGIN {print i / 1e6}')" "$(awk -v i="$km_ir" -v n="$5" 'BEGIN {print i / n}')" \
    "$(awk -v a="$km_ir" -v b="$kc_ir" 'BEGIN {print a / b}')"
  echo "$1 $2 $5 $kc_ir $km_ir" >>"$work/instructions"
}

# Runs both tools $runs times (alternating) on one topic in one condition; appends one row to $work/rows.
measure() { # broker shape condition bootstrap topic messages
  local broker=$1 shape=$2 condition=$3 bs=$4 topic=$5 n=$6 i
  local kc_s="" kc_r="" kc_c="" km_s="" km_r="" km_c="" km_m="" loads=""
  [[ "$condition" == busy ]] && start_busy
  for ((i = 1; i <= runs; i++)); do
    loads+=" $(cut -d' ' -f1 /proc/loadavg)"
    run_kcat "$shape" "$bs" "$topic"
    [[ "$count" == "$n" ]] || die "kcat read $count messages of $topic, expected $n (the mock keeps ~5 MB per partition: fewer messages per topic, or more partitions)"
    kc_s+=" $secs"; kc_r+=" $rss"; kc_c+=" $cpu"
    printf '  %-4s %-6s %7s %-4s run %d  kcat   %7.3f s %9.0f msg/s  cpu %6.3f s  rss %6.1f MB  load %s\n' "$broker" "$shape" \
      "$n" "$condition" "$i" "$secs" "$(awk -v n="$n" -v s="$secs" 'BEGIN {print n / s}')" "$cpu" \
      "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" "$(cut -d' ' -f1 /proc/loadavg)"
    run_kmsync "$shape" "$bs" "$topic"
    [[ "$count" == "$n" ]] || die "kmsync wrote $count rows of $topic, expected $n"
    km_s+=" $secs"; km_r+=" $rss"; km_c+=" $cpu"; km_m+=" $commit"
    printf '  %-4s %-6s %7s %-4s run %d  kmsync %7.3f s %9.0f msg/s  cpu %6.3f s  rss %6.1f MB  load %s  (commit %s s)\n' \
      "$broker" "$shape" "$n" "$condition" "$i" "$secs" "$(awk -v n="$n" -v s="$secs" 'BEGIN {print n / s}')" "$cpu" \
      "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" "$(cut -d' ' -f1 /proc/loadavg)" "$commit"
  done
  [[ "$condition" == busy ]] && stop_busy
  echo "$broker $shape $n $condition $(echo "$kc_s" | median) $(echo "$km_s" | median) $(echo "$kc_c" | median)" \
       "$(echo "$km_c" | median) $(echo "$kc_r" | median) $(echo "$km_r" | median) $(echo "$km_m" | median)" \
       "$(echo "$loads" | median)" >>"$work/rows"
}

# Every size and condition of one shape on one broker.
measure_shape() { # broker shape bootstrap topic-prefix
  local n condition
  for n in $(shape_sizes "$2"); do
    for condition in $conditions; do measure "$1" "$2" "$condition" "$3" "$4-$n" "$n"; done
  done
  if [[ "$callgrind" == 1 && "$2" == nested ]]; then
    n=$(shape_sizes "$2" | tr ' ' '\n' | sort -n | head -n1)
    count_instructions "$1" "$2" "$3" "$4-$n" "$n"
  fi
}

# ---- machine ----
echo "== kmsync engine benchmark: kmsync-cli run vs kcat -C -e =="
echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:     $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) RAM"
echo "load avg:    $(loadavg) (1/5/15 min) at start"
echo "tools:       kcat $(kcat -V 2>&1 | sed -n 's/^Version \([^ ]*\).*librdkafka \([^ ]*\).*/\1 (librdkafka \2)/p'); $("$cli" --version 2>/dev/null | head -n1) ($build_type, $cli)"
for shape in $shapes; do
  sample="$(KMSYNC_BENCH_SHAPE=$shape "$helper" sample)"
  echo "shape:       $shape: $(shape_partitions "$shape") partitions, $(shape_sizes "$shape") messages; key 'u' + 7 digits, no headers, value (${#sample} B):"
  echo "             $sample"
  echo "             kcat -C -e -q -o beginning -f '$(kcat_format "$shape")' | wc -l"
done
echo "kmsync:      kmsync-cli run (12 columns, see the script's header) into a fresh local warehouse"
[[ -z "$kafka_config" ]] || echo "kafkaConfig: $kafka_config (KMSYNC_BENCH_KAFKA_CONFIG)"
echo "conditions:  $conditions (busy: a shell busy loop holds one core during both tools' runs)"
echo "runs:        $runs per measurement (median), kcat and kmsync alternating"
echo

for broker in $brokers; do
  case "$broker" in
    mock)
      for shape in $shapes; do
        topic_args=()
        for n in $(shape_sizes "$shape"); do topic_args+=("$shape-$n:$n"); done
        say "filling a mock cluster ($shape): ${topic_args[*]}"
        # A coprocess: its stdin is a pipe this script holds, so it also ends when the script dies.
        coproc MOCK { KMSYNC_BENCH_SHAPE=$shape KMSYNC_BENCH_PARTITIONS=$(shape_partitions "$shape") exec "$helper" mock "${topic_args[@]}"; }
        mock_pid=$MOCK_PID
        read_mock_bootstrap "${MOCK[0]}"
        [[ -n "$bootstrap" ]] || die "the mock cluster helper did not start"
        echo "-- mock ($shape): librdkafka mock cluster (1 broker, in the separate process engine_bench) at $bootstrap"
        measure_shape mock "$shape" "$bootstrap" "$shape"
        kill "$mock_pid" 2>/dev/null || true
        wait "$mock_pid" 2>/dev/null || true
        mock_pid=""
      done
      ;;
    real)
      bootstrap="${KMSYNC_TEST_KAFKA_BOOTSTRAP:-}"
      if [[ -z "$bootstrap" ]]; then
        say "starting a real broker (scripts/kafka-broker.sh, under $build)"
        if ! KMSYNC_BUILD_DIR="$build" bash "$root/scripts/kafka-broker.sh" status >/dev/null 2>&1; then
          if ! KMSYNC_BUILD_DIR="$build" bash "$root/scripts/kafka-broker.sh" start >&2; then
            echo "-- real: SKIPPED, scripts/kafka-broker.sh could not start a broker (see above)"
            echo
            continue
          fi
          started_broker=1
        fi
        eval "$(KMSYNC_BUILD_DIR="$build" bash "$root/scripts/kafka-broker.sh" env)"
        bootstrap="$KMSYNC_TEST_KAFKA_BOOTSTRAP"
      fi
      suffix="$(date +%s)"
      echo "-- real: Kafka ${KMSYNC_TEST_KAFKA_VERSION:-(version unknown)} broker (1 node, KRaft, same machine) at $bootstrap"
      for shape in $shapes; do
        real_args=()
        for n in $(shape_sizes "$shape"); do real_args+=("$shape-$suffix-$n:$n"); done
        say "filling the real broker ($shape): ${real_args[*]}"
        if ! KMSYNC_BENCH_SHAPE=$shape KMSYNC_BENCH_PARTITIONS=$(shape_partitions "$shape") "$helper" real "$bootstrap" "${real_args[@]}" >/dev/null; then
          echo "-- real ($shape): SKIPPED, could not fill the topics on $bootstrap (see above)"
          continue
        fi
        measure_shape real "$shape" "$bootstrap" "$shape-$suffix"
      done
      if [[ "$started_broker" == 1 ]]; then
        KMSYNC_BUILD_DIR="$build" bash "$root/scripts/kafka-broker.sh" stop >/dev/null 2>&1 || true
        started_broker=0
      fi
      ;;
    *) die "KMSYNC_BENCH_BROKERS: \"$broker\" is not mock or real" ;;
  esac
  echo
done

# ---- table ----
echo "== medians of $runs runs (rate ratio = kmsync msg/s / kcat msg/s; CPU ratio = kmsync CPU / kcat CPU; load = median 1-min load avg at the runs' starts, $(nproc) CPUs) =="
printf '| %-6s | %-6s | %8s | %-9s | %10s | %12s | %10s | %8s | %8s | %9s | %11s | %13s | %5s |\n' broker shape messages condition \
  "kcat msg/s" "kmsync msg/s" "rate ratio" "kcat CPU" "kmsync CPU" "CPU ratio" "commit share" "kmsync RSS MB" load
echo '|--------|--------|---------:|-----------|-----------:|-------------:|-----------:|---------:|---------:|----------:|------------:|--------------:|------:|'
misses=0
touch "$work/rows" "$work/instructions"
while read -r broker shape n condition kc_s km_s kc_c km_c kc_r km_r km_m load; do
  printf '| %-6s | %-6s | %8s | %-9s | %10.0f | %12.0f | %9.2fx | %7.3fs | %9.3fs | %8.2fx | %11.1f%% | %13.1f | %5s |\n' "$broker" "$shape" \
    "$n" "$condition" "$(awk -v n="$n" -v s="$kc_s" 'BEGIN {print n / s}')" "$(awk -v n="$n" -v s="$km_s" 'BEGIN {print n / s}')" \
    "$(awk -v a="$kc_s" -v b="$km_s" 'BEGIN {print a / b}')" "$kc_c" "$km_c" "$(awk -v a="$km_c" -v b="$kc_c" 'BEGIN {print (b > 0 ? a / b : 0)}')" \
    "$(awk -v c="$km_m" -v s="$km_s" 'BEGIN {print c == "nan" ? 0 : 100 * c / s}')" "$(awk -v k="$km_r" 'BEGIN {print k / 1024}')" "$load"
done <"$work/rows"
echo

echo "== targets =="
while read -r broker shape n condition kc_s km_s kc_c km_c _ km_r km_m _; do
  label="$broker $shape $n $condition"
  ratio=$(awk -v a="$kc_s" -v b="$km_s" 'BEGIN {printf "%.2f", a / b}')
  verdict "$label: kmsync rate >= 0.8x kcat's" "$(awk -v r="$ratio" 'BEGIN {print (r >= 0.8) ? 1 : 0}')" "${ratio}x"
  verdict "$label: kmsync peak RSS <= 150 MB" "$(awk -v k="$km_r" 'BEGIN {print (k <= 150 * 1024) ? 1 : 0}')" \
    "$(awk -v k="$km_r" 'BEGIN {printf "%.1f MB", k / 1024}')"
  if [[ "$shape" == nested ]]; then
    cratio=$(awk -v a="$km_c" -v b="$kc_c" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 99)}')
    verdict "$label: kmsync CPU <= 1.5x kcat's" "$(awk -v r="$cratio" 'BEGIN {print (r <= 1.5) ? 1 : 0}')" "${cratio}x"
    share=$(awk -v c="$km_m" -v s="$km_s" 'BEGIN {printf "%.1f", c == "nan" ? 100 : 100 * c / s}')
    verdict "$label: commit <= 10 % of the run" "$(awk -v p="$share" 'BEGIN {print (p <= 10) ? 1 : 0}')" "$share %"
  fi
done <"$work/rows"
while read -r broker shape n kc_ir km_ir; do
  cratio=$(awk -v a="$km_ir" -v b="$kc_ir" 'BEGIN {printf "%.2f", a / b}')
  verdict "$broker $shape $n: kmsync instructions <= 1.5x kcat's (callgrind)" "$(awk -v r="$cratio" 'BEGIN {print (r <= 1.5) ? 1 : 0}')" "${cratio}x"
done <"$work/instructions"
for broker in $brokers; do
  for shape in $shapes; do
    for condition in $conditions; do
      small=$(awk -v b="$broker" -v s="$shape" -v c="$condition" '$1 == b && $2 == s && $4 == c {print $3, $10; exit}' "$work/rows")
      large=$(awk -v b="$broker" -v s="$shape" -v c="$condition" '$1 == b && $2 == s && $4 == c {l = $3 " " $10} END {print l}' "$work/rows")
      [[ -n "$small" && "$small" != "$large" ]] || continue
      read -r sn sr <<<"$small"; read -r ln lr <<<"$large"
      rss_flat_verdict "$broker $shape $condition: kmsync peak RSS flat in topic size" "$sn" "$sr" "$ln" "$lr"
    done
  done
done
echo "load avg:    $(loadavg) (1/5/15 min) at the end"
if [[ "$misses" -gt 0 ]]; then
  echo "result:      $misses target(s) missed (a benchmark, so exit 0 anyway)"
else
  echo "result:      every target met"
fi
exit 0
