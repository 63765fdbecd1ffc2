#!/usr/bin/env bash
# Benchmark: `mlship diagnose` over 14 days of 30 s samples for one container, end to end (./mlship, JVM start
# included), beside the time of the same PromQL queries run with curl one after another.
# Target (issue 17): <= 2 s. The series (working set, CPU usage counter, memory limit: 40 320 samples each) are
# written as OpenMetrics by awk, backfilled with `promtool tsdb create-blocks-from openmetrics` into a temporary
# data folder, and served by a Prometheus of this benchmark on port PORT (default 19390), stopped at the end.
# RUNS runs (default 5) after one uncounted warm-up; prints each, the median and the maximum.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
port=${PORT:-19390}
"$root/scripts/services" start >/dev/null
export DOCKER_HOST=unix:///run/mlship/docker.sock
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
end=$(( $(date +%s) / 30 * 30 - 60 ))
awk -v end="$end" 'BEGIN {
  n = 14 * 24 * 120; start = end - (n - 1) * 30; srand(17)
  print "# TYPE container_memory_working_set_bytes gauge"
  for (i = 0; i < n; i++) printf "container_memory_working_set_bytes{name=\"bench-model\"} %d %d\n", 150 * 1048576 + int(rand() * 40 * 1048576), start + i * 30
  print "# TYPE container_cpu_usage_seconds_total gauge"
  c = 5000
  for (i = 0; i < n; i++) { c += rand() * 0.9 * 30; printf "container_cpu_usage_seconds_total{name=\"bench-model\"} %.6f %d\n", c, start + i * 30 }
  print "# TYPE container_spec_memory_limit_bytes gauge"
  for (i = 0; i < n; i++) printf "container_spec_memory_limit_bytes{name=\"bench-model\"} %d %d\n", 512 * 1048576, start + i * 30
  print "# EOF"
}' > "$work/series.om"
mkdir -p "$work/data"
promtool tsdb create-blocks-from openmetrics --max-block-duration=24h "$work/series.om" "$work/data" >/dev/null
printf 'global:\n  scrape_interval: 15s\n' > "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" --storage.tsdb.retention.time=60d \
  --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do curl -fs -o /dev/null "http://127.0.0.1:$port/-/ready" && break; sleep 0.25; done
url="http://127.0.0.1:$port"
"$root/mlship" diagnose --name bench-model --prometheus "$url" --report "$work/warm.json" >/dev/null # warm-up
# the queries mlship ran, from its report (JSON string escapes undone)
grep -o '"query" : ".*"' "$work/warm.json" | sed -e 's/^"query" : "//' -e 's/"$//' -e 's/\\"/"/g' > "$work/queries"
at=$(date +%s)
mlship_times=(); curl_times=()
for i in $(seq 1 "$runs"); do
  s=$(date +%s.%N)
  "$root/mlship" diagnose --name bench-model --prometheus "$url" --report "$work/d$i.json" >/dev/null
  e=$(date +%s.%N); mlship_times+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N)
  while IFS= read -r q; do curl -fsS -G "$url/api/v1/query" --data-urlencode "query=$q" --data-urlencode "time=$at" -o /dev/null; done < "$work/queries"
  e=$(date +%s.%N); curl_times+=("$(echo "$e - $s" | bc)")
  printf 'run %d: mlship diagnose %.2f s, curl (%d queries) %.2f s\n' "$i" "${mlship_times[-1]}" "$(wc -l < "$work/queries")" "${curl_times[-1]}"
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %.2f s, max %.2f s", a[int((NR+1)/2)], a[NR]}'; }
echo "mlship diagnose: $(stats "${mlship_times[@]}")   (target <= 2 s)"
echo "curl, same queries: $(stats "${curl_times[@]}")"
grep -o '"verdict" : "[A-Z_]*"' "$work/d1.json"
grep -A3 '"requests"' "$work/d1.json" | tr -s ' \n' ' '; echo
