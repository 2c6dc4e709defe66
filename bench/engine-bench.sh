#!/usr/bin/env bash
# kmsync vs kcat: the whole engine (Kafka -> 6 JSON paths + the 6 default fields -> local warehouse) against
# kcat's plain consume of the same topic, on librdkafka's mock cluster and on a real Kafka broker, at two
# topic sizes; peak RSS of both. Prints machine info, every run, and a table of medians. It is a benchmark,
# not a test: it exits 0 when a target is missed (and says so), non-zero only when it could not measure.
#
#   bash bench/engine-bench.sh
#
# Knobs (environment):
#   KMSYNC_BENCH_BUILD    build dir (default <repo>/build-bench; configured Release, no GUI, no tests if new)
#   KMSYNC_BENCH_SIZES    topic sizes in messages (default "200000 400000"; the mock keeps ~5 MB per
#                         partition, so 16 partitions hold about 500k of these messages)
#   KMSYNC_BENCH_RUNS     runs per measurement, the median is reported (default 3)
#   KMSYNC_BENCH_BROKERS  "mock real", "mock" or "real" (default "mock real")
#   KMSYNC_BENCH_PARTITIONS  partitions per topic (default 16)
#   KMSYNC_BENCH_KAFKA_CONFIG  a JSON object put into the reader's kafkaConfig (default none: kmsync's own
#                         consumer settings), e.g. '{"queued.min.messages":"1000000"}' to try a tuning
#   KMSYNC_TEST_KAFKA_BOOTSTRAP  use this running broker (PLAINTEXT) instead of starting
#                         scripts/kafka-broker.sh (which then runs under the build dir and is stopped at the end)
#
# What is compared (same topic, same run, one after the other):
#   kcat   kcat -C -e -q -b B -t T -o beginning -f '%k\t%s\t%p\t%h\t%o\t%T\n'   (all six record fields, as
#          text, piped to `wc -l` to check the count; kcat's default consumer settings)
#   kmsync kmsync-cli run TASK.json --datasources DS.json -p partition=bench --reruns 0, a fresh local
#          warehouse each run; reader beginOffset seekToBeginning / endOffset seekToEnd; columns
#          __key__ __value__ __partition__ __headers__ __offset__ __timestamp__ id user.id user.country event
#          price ts into STRING/BIGINT/DOUBLE/DATETIME columns.
# Rates are messages / wall-clock seconds of the whole process (start-up, offset lookup and the warehouse
# commit included). Peak RSS is /usr/bin/time -v's "Maximum resident set size". CPU seconds (user+sys)
# are printed too: on a shared, loaded machine they move less than wall time.
# Targets: kmsync >= 0.8x kcat's rate; kmsync peak RSS <= 150 MB, and flat in topic size (the larger
# topic's peak within 15% or 10 MB of the smaller one's).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KMSYNC_BENCH_BUILD:-$root/build-bench}"
sizes="${KMSYNC_BENCH_SIZES:-200000 400000}"
runs="${KMSYNC_BENCH_RUNS:-3}"
brokers="${KMSYNC_BENCH_BROKERS:-mock real}"
export KMSYNC_BENCH_PARTITIONS="${KMSYNC_BENCH_PARTITIONS:-16}"
partitions="$KMSYNC_BENCH_PARTITIONS"
kafka_config="${KMSYNC_BENCH_KAFKA_CONFIG:-}"
reader_extra=""
[[ -z "$kafka_config" ]] || reader_extra=", \"kafkaConfig\": $kafka_config"

say() { echo "engine-bench: $*" >&2; }
die() { say "$*"; exit 1; }

for tool in kcat /usr/bin/time cmake; do
  command -v "$tool" >/dev/null || die "$tool not found: run scripts/install-deps.sh"
done

# ---- build (Release) ----
if [[ ! -f "$build/build.ninja" && ! -f "$build/Makefile" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKMSYNC_BUILD_GUI=OFF -DKMSYNC_BUILD_TESTS=OFF >&2
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")"
[[ "$build_type" == Release ]] || say "warning: $build is a $build_type build, not Release: figures are not comparable"
cmake --build "$build" --target kmsync-cli engine_bench >&2
cli="$build/bin/kmsync-cli"
[[ -x "$cli" ]] || cli="$(find "$build" -name kmsync-cli -type f -perm -u+x | head -n1)"
helper="$build/bench/engine_bench"
[[ -x "$cli" && -x "$helper" ]] || die "kmsync-cli or engine_bench missing under $build"

work="$(mktemp -d "${TMPDIR:-/tmp}/kmsync-engine-bench.XXXXXX")"
mock_pid=""
started_broker=0
cleanup() {
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
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
now_ns() { date +%s%N; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR+1)/2]; else printf "%.6g\n", (v[NR/2]+v[NR/2+1])/2}'; }
rss_kb() { sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1"; }
cpu_s() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {printf "%.2f\n", s}' "$1"; }

# Measure globals, set by run_kcat / run_kmsync: secs, rss (kB), cpu (s), count (messages seen).
run_kcat() { # bootstrap topic
  local tf="$work/time.txt" t0 t1
  t0=$(now_ns)
  count=$(/usr/bin/time -v -o "$tf" kcat -C -e -q -b "$1" -t "$2" -o beginning \
            -f '%k\t%s\t%p\t%h\t%o\t%T\n' | wc -l) || die "kcat failed on topic $2 at $1"
  t1=$(now_ns)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  rss=$(rss_kb "$tf"); cpu=$(cpu_s "$tf")
}

write_task() { # topic file
  cat >"$2" <<EOF
{
  "type": "job", "version": "2.0",
  "steps": [
    {"stepType": "kafka", "category": "reader", "name": "Reader", "parameter": {
      "datasource": "kafka", "topic": "$1",
      "column": ["__key__", "__value__", "__partition__", "__headers__", "__offset__", "__timestamp__",
                 "id", "user.id", "user.country", "event", "price", "ts"],
      "beginOffset": "seekToBeginning", "endOffset": "seekToEnd"$reader_extra}},
    {"stepType": "odps", "category": "writer", "name": "Writer", "parameter": {
      "datasource": "wh", "table": "bench", "partition": "ds=\${partition}", "truncate": true,
      "column": ["k", "v", "p", "h", "o", "t", "id", "user_id", "country", "event", "price", "ts"]}}
  ],
  "setting": {"errorLimit": {"record": "0"}, "speed": {"throttle": false, "concurrent": 1}}
}
EOF
}

run_kmsync() { # bootstrap topic
  local dir="$work/kmsync" tf="$work/time.txt" t0 t1 out
  rm -rf "$dir"; mkdir -p "$dir"
  cat >"$dir/datasources.json" <<EOF
{"datasources": {
  "kafka": {"type": "kafka", "connection": {"bootstrap.servers": "$1"}},
  "wh": {"type": "local", "connection": {"path": "$dir/wh.db"}}}}
EOF
  write_task "$2" "$dir/task.json"
  "$cli" sql --datasource wh --datasources "$dir/datasources.json" \
    "CREATE TABLE bench (k STRING, v STRING, p BIGINT, h STRING, o BIGINT, t BIGINT, id BIGINT, user_id STRING,
     country STRING, event STRING, price DOUBLE, ts DATETIME) PARTITIONED BY (ds STRING)" >/dev/null \
    || die "kmsync-cli sql could not create the warehouse table"
  t0=$(now_ns)
  if ! out=$(/usr/bin/time -v -o "$tf" "$cli" run "$dir/task.json" --datasources "$dir/datasources.json" \
               -p partition=bench --reruns 0 2>"$dir/stderr.txt"); then
    cat "$dir/stderr.txt" >&2
    die "kmsync-cli run failed: $out"
  fi
  t1=$(now_ns)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  rss=$(rss_kb "$tf"); cpu=$(cpu_s "$tf")
  count=$(printf '%s\n' "$out" | tail -n1 | sed -n 's/.*"written":\([0-9]*\).*/\1/p')
  engine_secs=$(printf '%s\n' "$out" | tail -n1 | sed -n 's/.*"seconds":\([0-9.eE+-]*\).*/\1/p')
}

# Runs both tools $runs times (alternating) on one topic; appends one row to $work/rows.
measure() { # broker bootstrap topic messages
  local broker=$1 bs=$2 topic=$3 n=$4 i
  local kc_s="" kc_r="" kc_c="" km_s="" km_r="" km_c="" km_e="" load_before load_after
  load_before=$(loadavg)
  for ((i = 1; i <= runs; i++)); do
    run_kcat "$bs" "$topic"
    [[ "$count" == "$n" ]] || die "kcat read $count messages of $topic, expected $n (the mock keeps ~5 MB per partition: fewer messages per topic, or more partitions)"
    kc_s+=" $secs"; kc_r+=" $rss"; kc_c+=" $cpu"
    printf '  %-4s %7s run %d  kcat   %7.3f s %9.0f msg/s  cpu %6.2f s  rss %6.1f MB\n' "$broker" "$n" "$i" \
      "$secs" "$(awk -v n="$n" -v s="$secs" 'BEGIN {print n / s}')" "$cpu" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')"
    run_kmsync "$bs" "$topic"
    [[ "$count" == "$n" ]] || die "kmsync wrote $count rows of $topic, expected $n"
    km_s+=" $secs"; km_r+=" $rss"; km_c+=" $cpu"; km_e+=" $engine_secs"
    printf '  %-4s %7s run %d  kmsync %7.3f s %9.0f msg/s  cpu %6.2f s  rss %6.1f MB  (job %s s)\n' "$broker" "$n" "$i" \
      "$secs" "$(awk -v n="$n" -v s="$secs" 'BEGIN {print n / s}')" "$cpu" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" \
      "$engine_secs"
  done
  load_after=$(loadavg)
  echo "$broker $n $(echo "$kc_s" | median) $(echo "$km_s" | median) $(echo "$kc_c" | median) $(echo "$km_c" | median)" \
       "$(echo "$kc_r" | median) $(echo "$km_r" | median) ${load_before%% *}-${load_after%% *}" >>"$work/rows"
}

# ---- machine ----
echo "== kmsync engine benchmark: kmsync-cli run vs kcat -C -e =="
echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:     $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) RAM"
echo "load avg:    $(loadavg) (1/5/15 min) at start"
echo "tools:       kcat $(kcat -V 2>&1 | sed -n 's/^Version \([^ ]*\).*librdkafka \([^ ]*\).*/\1 (librdkafka \2)/p'); $("$cli" --version 2>/dev/null | head -n1) ($build_type, $cli)"
echo "topic:       $partitions partitions; messages: key 'u' + 7 digits, no headers, value ($(("$("$helper" sample | wc -c)" - 1)) B):"
echo "             $("$helper" sample)"
echo "kcat:        kcat -C -e -q -o beginning -f '%k\\t%s\\t%p\\t%h\\t%o\\t%T\\n' | wc -l"
echo "kmsync:      kmsync-cli run (12 columns: 6 default fields + id, user.id, user.country, event, price, ts) into a fresh local warehouse"
[[ -z "$kafka_config" ]] || echo "kafkaConfig: $kafka_config (KMSYNC_BENCH_KAFKA_CONFIG)"
echo "runs:        $runs per measurement (median), kcat and kmsync alternating"
echo

topic_args=()
for n in $sizes; do topic_args+=("bench-$n:$n"); done

for broker in $brokers; do
  case "$broker" in
    mock)
      say "filling the mock cluster: ${topic_args[*]}"
      # A coprocess: its stdin is a pipe this script holds, so it also ends when the script dies.
      coproc MOCK { exec "$helper" mock "${topic_args[@]}"; }
      mock_pid=$MOCK_PID
      bootstrap=""
      while IFS= read -r line <&"${MOCK[0]}"; do
        case "$line" in
          bootstrap.servers=*) bootstrap=${line#bootstrap.servers=} ;;
          ready) break ;;
        esac
      done
      [[ -n "$bootstrap" ]] || die "the mock cluster helper did not start"
      echo "-- mock: librdkafka mock cluster (in-process in engine_bench, 1 broker) at $bootstrap"
      for n in $sizes; do measure mock "$bootstrap" "bench-$n" "$n"; done
      kill "$mock_pid" 2>/dev/null || true
      wait "$mock_pid" 2>/dev/null || true
      mock_pid=""
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
      real_args=()
      for n in $sizes; do real_args+=("bench-$n-$suffix:$n"); done
      say "filling the real broker: ${real_args[*]}"
      if ! "$helper" real "$bootstrap" "${real_args[@]}" >/dev/null; then
        echo "-- real: SKIPPED, could not fill the topics on $bootstrap (see above)"
        echo
        continue
      fi
      echo "-- real: Kafka ${KMSYNC_TEST_KAFKA_VERSION:-(version unknown)} broker (1 node, KRaft, same machine) at $bootstrap"
      for n in $sizes; do measure real "$bootstrap" "bench-$n-$suffix" "$n"; done
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
echo "== medians of $runs runs (load avg = 1-min load before-after the measurement, on $(nproc) CPUs) =="
printf '| %-6s | %8s | %11s | %12s | %6s | %10s | %12s | %11s | %13s | %-11s | %-15s |\n' broker messages "kcat msg/s" "kmsync msg/s" ratio \
  "kcat CPU s" "kmsync CPU s" "kcat RSS MB" "kmsync RSS MB" "load avg" "target met"
echo '|--------|---------:|------------:|-------------:|-------:|-----------:|-------------:|------------:|--------------:|-------------|-----------------|'
misses=0
touch "$work/rows"
while read -r broker n kc_s km_s kc_c km_c kc_r km_r load; do
  kc_rate=$(awk -v n="$n" -v s="$kc_s" 'BEGIN {printf "%.0f", n / s}')
  km_rate=$(awk -v n="$n" -v s="$km_s" 'BEGIN {printf "%.0f", n / s}')
  ratio=$(awk -v a="$km_rate" -v b="$kc_rate" 'BEGIN {printf "%.2f", a / b}')
  met=$(awk -v r="$ratio" -v k="$km_r" 'BEGIN {m = ""; if (r < 0.8) m = "rate"; if (k > 150 * 1024) m = m (m == "" ? "" : ", ") "RSS";
                                              print (m == "" ? "yes" : "no (" m ")")}')
  printf '| %-6s | %8s | %11s | %12s | %5sx | %10s | %12s | %11.1f | %13.1f | %-11s | %-15s |\n' "$broker" "$n" "$kc_rate" "$km_rate" "$ratio" \
    "$kc_c" "$km_c" "$(awk -v k="$kc_r" 'BEGIN {print k / 1024}')" "$(awk -v k="$km_r" 'BEGIN {print k / 1024}')" "$load" "$met"
done <"$work/rows"
echo

echo "== targets =="
verdict() { # label ok(0/1) detail
  if [[ "$2" == 1 ]]; then echo "  yes  $1 ($3)"; else echo "  NO   $1 ($3)"; misses=$((misses + 1)); fi
}
while read -r broker n kc_s km_s _ _ _ km_r _; do
  ratio=$(awk -v a="$kc_s" -v b="$km_s" 'BEGIN {printf "%.2f", a / b}')
  verdict "$broker $n: kmsync >= 0.8x kcat" "$(awk -v r="$ratio" 'BEGIN {print (r >= 0.8) ? 1 : 0}')" "${ratio}x"
  verdict "$broker $n: kmsync peak RSS <= 150 MB" "$(awk -v k="$km_r" 'BEGIN {print (k <= 150 * 1024) ? 1 : 0}')" \
    "$(awk -v k="$km_r" 'BEGIN {printf "%.1f MB", k / 1024}')"
done <"$work/rows"
for broker in $brokers; do
  small=$(awk -v b="$broker" '$1 == b {print $2, $8; exit}' "$work/rows")
  large=$(awk -v b="$broker" '$1 == b {l = $2 " " $8} END {print l}' "$work/rows")
  [[ -n "$small" && "$small" != "$large" ]] || continue
  read -r sn sr <<<"$small"; read -r ln lr <<<"$large"
  verdict "$broker: kmsync peak RSS flat in topic size" \
    "$(awk -v a="$sr" -v b="$lr" 'BEGIN {d = b - a; print (d <= a * 0.15 || d <= 10 * 1024) ? 1 : 0}')" \
    "$(awk -v a="$sr" -v b="$lr" -v sn="$sn" -v ln="$ln" 'BEGIN {printf "%.1f MB at %d, %.1f MB at %d messages", a / 1024, sn, b / 1024, ln}')"
done
echo "load avg:    $(loadavg) (1/5/15 min) at the end"
if [[ "$misses" -gt 0 ]]; then
  echo "result:      $misses target(s) missed (a benchmark, so exit 0 anyway)"
else
  echo "result:      every target met"
fi
exit 0
