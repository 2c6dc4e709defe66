#!/usr/bin/env bash
# kmsync's MaxCompute path end to end, with the service far away: Kafka (librdkafka's mock cluster in a separate
# process, the nested ~215-byte shape over 32 partitions) -> kmsync-cli run -> the project's MaxCompute test server
# (kmsync-mcserver) capped at 20 MB/s of request body per connection with 50 ms added to every answer and 100 ms to
# the first answer of each new connection (its handshakes), its Tunnel named as another host than its service (as on
# Alibaba Cloud: connections of its own), at setting.speed.concurrent 1, 2 and 4. Prints every run, then medians:
# wall, CPU, peak RSS, end-to-end rate, bytes on the wire, compression ratio and the time spent waiting on the
# network. It is a benchmark, not a test: it exits 0 when a target is missed (and says so), non-zero only when it
# could not measure.
#
#   bash bench/maxcompute-bench.sh
#
# Knobs (environment):
#   KMSYNC_BENCH_BUILD        build dir (default <repo>/build-bench; configured Release, no GUI, no tests if new;
#                             kmsync-mcserver is built there all the same)
#   KMSYNC_BENCH_SIZES        topic sizes in messages (default "100000 480000": the larger is the target's, the
#                             smaller shows whether peak RSS is flat in run size)
#   KMSYNC_BENCH_CONCURRENT   setting.speed.concurrent values (default "1 2 4")
#   KMSYNC_BENCH_RUNS         runs per measurement, the median is reported (default 3)
#   KMSYNC_BENCH_PARTITIONS   partitions per topic (default 32)
#   KMSYNC_BENCH_BANDWIDTH_MB per-connection cap of the test server in MB/s, 2^20 bytes (default 20)
#   KMSYNC_BENCH_LATENCY_MS   added to every answer of the test server (default 50)
#   KMSYNC_BENCH_CONNECT_MS   added to the first answer on each new connection (default 100: over HTTPS at a 50 ms
#                             round trip a connection costs the TCP handshake and the TLS one before its request)
#   KMSYNC_BENCH_SQL_MS       how long the test server's SQL instances run (default 0: at once; a real service takes
#                             a second or more). A run sends none: its upload session creates the partition
#   KMSYNC_BENCH_SEPARATE_TUNNEL  1 (default): the Tunnel on a port of its own, another host to the client, as on
#                             Alibaba Cloud; 0: the Tunnel shares the service's connections
#   KMSYNC_BENCH_LOCAL_RATE   kmsync's local-path rate in messages/s for the target; unset: the same task is run
#                             KMSYNC_BENCH_RUNS times per size into a fresh local warehouse and the median is used
#
# What is measured, per run: bench/cputime_bench (GNU time -v to the microsecond) kmsync-cli run TASK
# --datasources DS -p partition=bench --reruns 0
# --progress jsonl (its last line gives the Kafka bytes read) with a fresh test server (started before, stopped
# after, not timed). wall = the whole process; CPU = user + sys;
# RSS = "Maximum resident set size". From the sink's commit line ("Uploaded R bytes raw as S bytes sent ..."):
# bytes on the wire S (deflated request bodies), ratio R / S, "net busy" = wall time with at least one block upload
# in flight, "waited" = time the writer waited on uploads (a full pipeline, then the last blocks). MB/s end to end
# = Kafka message bytes (key + value) / wall.
# Targets: at concurrent 4, messages/s >= 0.8 x min(local-path rate, what 4 capped connections carry: 4 x cap /
# wire bytes per message); peak RSS <= 150 MB at every concurrent; flat in topic size (the larger topic's peak within
# 15% or 10 MB of the smaller one's).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KMSYNC_BENCH_BUILD:-$root/build-bench}"
sizes="${KMSYNC_BENCH_SIZES:-100000 480000}"
concurrents="${KMSYNC_BENCH_CONCURRENT:-1 2 4}"
runs="${KMSYNC_BENCH_RUNS:-3}"
export KMSYNC_BENCH_PARTITIONS="${KMSYNC_BENCH_PARTITIONS:-32}"
export KMSYNC_BENCH_SHAPE=nested
partitions="$KMSYNC_BENCH_PARTITIONS"
bandwidth_mb="${KMSYNC_BENCH_BANDWIDTH_MB:-20}"
latency_ms="${KMSYNC_BENCH_LATENCY_MS:-50}"
connect_ms="${KMSYNC_BENCH_CONNECT_MS:-100}"
sql_ms="${KMSYNC_BENCH_SQL_MS:-0}"
separate_tunnel="${KMSYNC_BENCH_SEPARATE_TUNNEL:-1}"
tunnel_flag=()
[[ "$separate_tunnel" == 1 ]] && tunnel_flag=(--separate-tunnel)
local_rate_knob="${KMSYNC_BENCH_LOCAL_RATE:-}"
bandwidth=$(awk -v m="$bandwidth_mb" 'BEGIN {printf "%d", m * 1048576}')

say() { echo "maxcompute-bench: $*" >&2; }
die() { say "$*"; exit 1; }
# loadavg, now_ns, median, rss_kb, cpu_s, read_mock_bootstrap, build_release, verdict, rss_flat_verdict
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

for tool in cmake awk; do
  command -v "$tool" >/dev/null || die "$tool not found: run scripts/install-deps.sh"
done

# ---- build (Release) ----
build_release kmsync-cli engine_bench cputime_bench kmsync-mcserver >&2
find_exe() { # name preferred-path
  if [[ -x "$2" ]]; then echo "$2"; else find "$build" -name "$1" -type f -perm -u+x | head -n1; fi
}
cli="$(find_exe kmsync-cli "$build/bin/kmsync-cli")"
helper="$(find_exe engine_bench "$build/bench/engine_bench")"
mcserver="$(find_exe kmsync-mcserver "$build/tests/support/mcserver/kmsync-mcserver")"
timer="$(find_exe cputime_bench "$build/bench/cputime_bench")"
[[ -x "$cli" && -x "$helper" && -x "$mcserver" && -x "$timer" ]] \
  || die "kmsync-cli, engine_bench, kmsync-mcserver or cputime_bench missing under $build"

work="$(mktemp -d "${TMPDIR:-/tmp}/kmsync-maxcompute-bench.XXXXXX")"
mock_pid=""
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  if [[ -n "$mock_pid" ]]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- helpers ----

write_task() { # topic concurrent file
  cat >"$3" <<EOF
{
  "type": "job", "version": "2.0",
  "steps": [
    {"stepType": "kafka", "category": "reader", "name": "Reader", "parameter": {
      "datasource": "kafka", "topic": "$1",
      "column": ["__key__", "__value__", "__partition__", "__offset__", "__timestamp__",
                 "a.a1", "c[1]", "d[0].AA", "n", "price", "flag", "[\"a.b\"]"],
      "beginOffset": "seekToBeginning", "endOffset": "seekToEnd"}},
    {"stepType": "odps", "category": "writer", "name": "Writer", "parameter": {
      "datasource": "dest", "table": "bench", "partition": "ds=\${partition}", "truncate": true,
      "column": ["k", "v", "p", "o", "t", "a_a1", "c1", "d0_aa", "n", "price", "flag", "a_b"]}}
  ],
  "setting": {"errorLimit": {"record": "0"}, "speed": {"throttle": false, "concurrent": $2}}
}
EOF
}
ddl="CREATE TABLE bench (k STRING, v STRING, p BIGINT, o BIGINT, t BIGINT, a_a1 STRING, c1 STRING, d0_aa STRING,
     n BIGINT, price DOUBLE, flag BOOLEAN, a_b STRING) PARTITIONED BY (ds STRING)"

# Starts a fresh test server; sets $connection (its datasource connection JSON, the first line it prints).
start_server() {
  local i
  : >"$work/mcserver.out"
  "$mcserver" --bandwidth "$bandwidth" --latency "$latency_ms" --connect-latency "$connect_ms" --sql-run "$sql_ms" \
    "${tunnel_flag[@]}" >"$work/mcserver.out" 2>&1 </dev/null &
  server_pid=$!
  connection=""
  for ((i = 0; i < 200; i++)); do
    connection=$(head -n1 "$work/mcserver.out")
    [[ "$connection" == "{"*"}" ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$work/mcserver.out" >&2
  die "kmsync-mcserver did not start"
}

# Runs one measurement; sets secs rss cpu count bytes raw sent ratio busy waited.
run_kmsync() { # bootstrap topic concurrent kind(odps|local)
  local dir="$work/run" tf="$work/time.txt" t0 t1 out line
  rm -rf "$dir"; mkdir -p "$dir"
  if [[ "$4" == odps ]]; then
    start_server
    printf '{"datasources": {"kafka": {"type": "kafka", "connection": {"bootstrap.servers": "%s"}},\n "dest": {"type": "odps", "connection": %s}}}\n' \
      "$1" "$connection" >"$dir/datasources.json"
  else
    printf '{"datasources": {"kafka": {"type": "kafka", "connection": {"bootstrap.servers": "%s"}},\n "dest": {"type": "local", "connection": {"path": "%s"}}}}\n' \
      "$1" "$dir/wh.db" >"$dir/datasources.json"
  fi
  write_task "$2" "$3" "$dir/task.json"
  "$cli" sql --datasource dest --datasources "$dir/datasources.json" "$ddl" >/dev/null 2>"$dir/sql.txt" \
    || { cat "$dir/sql.txt" >&2; die "kmsync-cli sql could not create the destination table"; }
  t0=$(now_ns)
  if ! out=$("$timer" -o "$tf" "$cli" run "$dir/task.json" --datasources "$dir/datasources.json" \
               -p partition=bench --reruns 0 --progress jsonl 2>"$dir/stderr.txt"); then
    cat "$dir/stderr.txt" >&2
    die "kmsync-cli run failed: $out"
  fi
  t1=$(now_ns)
  srv_cpu=0
  if [[ -n "$server_pid" ]]; then
    # The test server shares this machine's cores (it inflates and decodes every block): its CPU seconds,
    # start-up and the CREATE TABLE included, say how much of the machine it took from kmsync.
    srv_cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$server_pid/stat" 2>/dev/null || echo 0)
  fi
  stop_server
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  rss=$(rss_kb "$tf"); cpu=$(cpu_s "$tf")
  line=$(printf '%s\n' "$out" | tail -n1)
  count=$(printf '%s\n' "$line" | sed -n 's/.*"written":\([0-9]*\).*/\1/p')
  # Kafka bytes read (keys + values): the last progress line's total (a JSON object's keys come sorted).
  bytes=$(printf '%s\n' "$out" | grep '"type":"progress"' | tail -n1 | sed -n 's/^{"bytes":\([0-9]*\),.*/\1/p')
  [[ -n "$bytes" ]] || bytes=0
  raw=0 sent=0 ratio=nan busy=0 waited=0
  if [[ "$4" == odps ]]; then
    line=$(grep -m1 'Uploaded [0-9]* bytes raw as' "$dir/stderr.txt" || true)
    [[ -n "$line" ]] || { cat "$dir/stderr.txt" >&2; die "the run did not log its upload line"; }
    say "${line#kmsync-cli run: }"
    raw=$(sed -n 's/.*Uploaded \([0-9]*\) bytes raw.*/\1/p' <<<"$line")
    sent=$(sed -n 's/.* as \([0-9]*\) bytes sent.*/\1/p' <<<"$line")
    ratio=$(sed -n 's/.*(ratio \([0-9.]*\)).*/\1/p' <<<"$line")
    busy=$(sed -n 's/.*network busy \([0-9.]*\) s.*/\1/p' <<<"$line")
    waited=$(sed -n 's/.*writer waited \([0-9.]*\) s.*/\1/p' <<<"$line")
  fi
}

# ---- machine ----
echo "== kmsync MaxCompute benchmark: Kafka -> kmsync-cli run -> MaxCompute test server far away =="
echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:     $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) RAM"
echo "load avg:    $(loadavg) (1/5/15 min) at start"
echo "tools:       $("$cli" --version 2>/dev/null | head -n1) ($build_type, $cli)"
echo "topic:       $partitions partitions, librdkafka mock cluster (engine_bench, own process); value ($(("$("$helper" sample | wc -c)" - 1)) B):"
echo "             $("$helper" sample)"
echo "server:      kmsync-mcserver --bandwidth $bandwidth (${bandwidth_mb} MB/s per connection, request bodies) --latency $latency_ms (ms per answer) --connect-latency $connect_ms (ms more for a new connection's first answer) --sql-run $sql_ms (ms an SQL instance runs) ${tunnel_flag[*]}"
echo "kmsync:      kmsync-cli run, 12 columns (__key__ __value__ __partition__ __offset__ __timestamp__ a.a1 c[1] d[0].AA n price flag [\"a.b\"]), truncate"
echo "runs:        $runs per measurement (median); concurrent: $concurrents; sizes: $sizes"
echo

topic_args=()
for n in $sizes; do topic_args+=("bench-$n:$n"); done
say "filling the mock cluster: ${topic_args[*]}"
coproc MOCK { exec "$helper" mock "${topic_args[@]}"; }
mock_pid=$MOCK_PID
read_mock_bootstrap "${MOCK[0]}"
[[ -n "$bootstrap" ]] || die "the mock cluster helper did not start"

# ---- the local path's rate (the target's first bound) ----
declare -A local_rate
for n in $sizes; do
  if [[ -n "$local_rate_knob" ]]; then
    local_rate[$n]=$local_rate_knob
    echo "local path: $local_rate_knob msg/s (KMSYNC_BENCH_LOCAL_RATE)"
  else
    # As many runs as each measurement below, and their median: one run of the local path moves by 15 % or more.
    walls=()
    for r in $(seq "$runs"); do
      run_kmsync "$bootstrap" "bench-$n" 1 local
      [[ "$count" == "$n" ]] || die "the local run wrote $count rows of bench-$n, expected $n"
      walls+=("$secs")
      printf 'local path  %7s  run %d  %7.3f s %9s msg/s  cpu %6.3f s  rss %6.1f MB\n' "$n" "$r" "$secs" \
        "$(awk -v n="$n" -v s="$secs" 'BEGIN {printf "%.0f", n / s}')" "$cpu" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')"
    done
    median_wall=$(printf '%s\n' "${walls[@]}" | sort -g \
      | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
    local_rate[$n]=$(awk -v n="$n" -v s="$median_wall" 'BEGIN {printf "%.0f", n / s}')
    echo "local path  $n: median $median_wall s, ${local_rate[$n]} msg/s"
  fi
done
echo

# ---- measurements ----
touch "$work/rows"
for n in $sizes; do
  for c in $concurrents; do
    s_l="" c_l="" r_l="" b_l="" w_l="" ra_l="" busy_l="" wait_l="" srv_l="" load_before="" load_after=""
    load_before=$(loadavg)
    for ((i = 1; i <= runs; i++)); do
      run_kmsync "$bootstrap" "bench-$n" "$c" odps
      [[ "$count" == "$n" ]] || die "kmsync wrote $count rows of bench-$n, expected $n"
      s_l+=" $secs"; c_l+=" $cpu"; r_l+=" $rss"; b_l+=" $bytes"; w_l+=" $sent"; ra_l+=" $ratio"
      busy_l+=" $busy"; wait_l+=" $waited"; srv_l+=" $srv_cpu"
      printf '  %7s c=%-2s run %d  %7.3f s %9.0f msg/s %6.1f MB/s  cpu %6.3f s  rss %6.1f MB  wire %6.1f MB (ratio %s)  net busy %6.3f s  waited %6.3f s  server cpu %s s\n' \
        "$n" "$c" "$i" "$secs" "$(awk -v n="$n" -v s="$secs" 'BEGIN {print n / s}')" \
        "$(awk -v b="$bytes" -v s="$secs" 'BEGIN {print b / s / 1048576}')" "$cpu" \
        "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" "$(awk -v b="$sent" 'BEGIN {print b / 1048576}')" "$ratio" "$busy" "$waited" "$srv_cpu"
    done
    load_after=$(loadavg)
    echo "$n $c $(echo "$s_l" | median) $(echo "$c_l" | median) $(echo "$r_l" | median) $(echo "$b_l" | median)" \
         "$(echo "$w_l" | median) $(echo "$ra_l" | median) $(echo "$busy_l" | median) $(echo "$wait_l" | median)" \
         "${load_before%% *}-${load_after%% *} $(echo "$srv_l" | median)" >>"$work/rows"
  done
done
echo

# ---- table ----
echo "== medians of $runs runs (load avg = 1-min load before-after the measurement, on $(nproc) CPUs) =="
printf '| %8s | %4s | %7s | %6s | %6s | %9s | %7s | %8s | %5s | %11s | %8s | %12s | %-11s |\n' messages conc "wall s" "CPU s" "RSS MB" "msg/s" \
  "MB/s" "wire MB" ratio "net busy s" "waited s" "server CPU s" "load avg"
echo '|---------:|-----:|--------:|-------:|-------:|----------:|--------:|---------:|------:|------------:|---------:|-------------:|-------------|'
while read -r n c s cpu rss bytes sent ratio busy waited load srv; do
  printf '| %8s | %4s | %7.3f | %6.2f | %6.1f | %9.0f | %7.1f | %8.1f | %5s | %11.3f | %8.3f | %12s | %-11s |\n' "$n" "$c" "$s" "$cpu" \
    "$(awk -v k="$rss" 'BEGIN {print k / 1024}')" "$(awk -v n="$n" -v s="$s" 'BEGIN {print n / s}')" \
    "$(awk -v b="$bytes" -v s="$s" 'BEGIN {print b / s / 1048576}')" "$(awk -v b="$sent" 'BEGIN {print b / 1048576}')" \
    "$ratio" "$busy" "$waited" "$srv" "$load"
done <"$work/rows"
echo

# ---- targets ----
echo "== targets =="
misses=0
while read -r n c s _ rss _ sent _; do
  verdict "$n c=$c: peak RSS <= 150 MB" "$(awk -v k="$rss" 'BEGIN {print (k <= 150 * 1024) ? 1 : 0}')" \
    "$(awk -v k="$rss" 'BEGIN {printf "%.1f MB", k / 1024}')"
  [[ "$c" == 4 ]] || continue
  rate=$(awk -v n="$n" -v s="$s" 'BEGIN {printf "%.0f", n / s}')
  carry=$(awk -v n="$n" -v w="$sent" -v b="$bandwidth" 'BEGIN {printf "%.0f", (w > 0) ? 4 * b / (w / n) : 0}')
  bound=$(awk -v a="${local_rate[$n]}" -v b="$carry" 'BEGIN {printf "%.0f", 0.8 * (a < b ? a : b)}')
  verdict "$n c=4: end-to-end >= 0.8 x min(local path ${local_rate[$n]} msg/s, 4 connections $carry msg/s) = $bound msg/s" \
    "$(awk -v r="$rate" -v b="$bound" 'BEGIN {print (r >= b) ? 1 : 0}')" "$rate msg/s"
done <"$work/rows"
for c in $concurrents; do
  small=$(awk -v c="$c" '$2 == c {print $1, $5; exit}' "$work/rows")
  large=$(awk -v c="$c" '$2 == c {l = $1 " " $5} END {print l}' "$work/rows")
  [[ -n "$small" && "$small" != "$large" ]] || continue
  read -r sn sr <<<"$small"; read -r ln lr <<<"$large"
  rss_flat_verdict "c=$c: peak RSS flat in topic size" "$sn" "$sr" "$ln" "$lr"
done
echo "load avg:    $(loadavg) (1/5/15 min) at the end"
if [[ "$misses" -gt 0 ]]; then
  echo "result:      $misses target(s) missed (a benchmark, so exit 0 anyway)"
else
  echo "result:      every target met"
fi
exit 0
