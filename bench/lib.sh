# Helpers shared by the bench scripts (sourced, not run).

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
now_ns() { date +%s%N; }
# The median of the numbers on stdin (spaces or newlines between them); "nan" when there are none.
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR+1)/2]; else printf "%.6g\n", (v[NR/2]+v[NR/2+1])/2}'; }
# Peak RSS (kB) and CPU seconds (user + sys) from a /usr/bin/time -v report.
rss_kb() { sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1"; }
cpu_s() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {printf "%.2f\n", s}' "$1"; }

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
