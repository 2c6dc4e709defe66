# Helpers shared by the bench scripts (sourced, not run).

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
now_ns() { date +%s%N; }
# The median of the numbers on stdin (spaces or newlines between them); "nan" when there are none.
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR+1)/2]; else printf "%.6g\n", (v[NR/2]+v[NR/2+1])/2}'; }
# Peak RSS (kB) and CPU seconds (user + sys) from a report of bench/cputime_bench (GNU time -v's words, the
# times to the microsecond).
rss_kb() { sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1"; }
cpu_s() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {printf "%.3f\n", s}' "$1"; }

# Reads bench/engine_bench's "bootstrap.servers=..." and "ready" lines from file descriptor $1 (a coprocess's
# output) and sets $bootstrap; empty when the topic maker ended first.
read_mock_bootstrap() {
  local line
  bootstrap=""
  while IFS= read -r line <&"$1"; do
    case "$line" in
      bootstrap.servers=*) bootstrap=${line#bootstrap.servers=} ;;
      ready) break ;;
    esac
  done
}

# Configures $build (Release, no GUI, no tests) when it has no build files yet, warns when it is another build
# type, and builds the targets named; sets $build_type. Uses $root, $build and say().
build_release() {
  if [[ ! -f "$build/build.ninja" && ! -f "$build/Makefile" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKMSYNC_BUILD_GUI=OFF -DKMSYNC_BUILD_TESTS=OFF >&2
  fi
  build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")"
  [[ "$build_type" == Release ]] || say "warning: $build is a $build_type build, not Release: figures are not comparable"
  cmake --build "$build" --target "$@" >&2
}

# One target's line: verdict LABEL MET(0/1) DETAIL; counts a miss in $misses.
verdict() {
  if [[ "$2" == 1 ]]; then echo "  yes  $1 ($3)"; else echo "  NO   $1 ($3)"; misses=$((misses + 1)); fi
}

# Peak RSS flat in run size: the larger run's peak within 15 % or 10 MB of the smaller one's.
#   rss_flat_verdict LABEL SMALL_MESSAGES SMALL_KB LARGE_MESSAGES LARGE_KB
rss_flat_verdict() {
  verdict "$1" "$(awk -v a="$3" -v b="$5" 'BEGIN {d = b - a; print (d <= a * 0.15 || d <= 10 * 1024) ? 1 : 0}')" \
    "$(awk -v a="$3" -v b="$5" -v sn="$2" -v ln="$4" 'BEGIN {printf "%.1f MB at %d, %.1f MB at %d messages", a / 1024, sn, b / 1024, ln}')"
}
