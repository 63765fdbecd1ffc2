#!/usr/bin/env bash
# Benchmark: end-to-end time of `mlship verify` on an image that takes 1 s to become ready.
# Target (issue 4): <= 5 s. Starts the local services, builds the example image, then runs the
# verification RUNS times (default 5) exactly as a user would (./mlship), after one uncounted warm-up, reporting each
# wall time, the server's own time to ready (from the JSON report), the median and the maximum.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
"$root/scripts/services" start >/dev/null
export DOCKER_HOST=unix:///run/mlship/docker.sock
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/mlship" build --context "$root/core/src/test/resources/busybox-model" --image mlship-bench/iris:verify \
  --log-dir "$work/build" >/dev/null
"$root/mlship" verify --image mlship-bench/iris:verify --memory 128m --model iris --log-dir "$work/warm" >/dev/null # warm-up, not counted
times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  "$root/mlship" verify --image mlship-bench/iris:verify --memory 128m --model iris \
    --samples "$root/core/src/test/resources/busybox-model/samples.json" --env READY_DELAY_SECONDS=1 --log-dir "$work/v$i" >/dev/null
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  ready=$(grep -o '"readyAfterMillis" : [0-9]*' "$work/v$i/verify-report.json" | grep -o '[0-9]*$')
  printf 'run %d: %.2f s end to end (server ready after %d ms)\n' "$i" "$t" "$ready"
  times+=("$t")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
max=$(echo "$sorted" | tail -1)
printf 'median %.2f s, max %.2f s, target <= 5 s: %s\n' "$median" "$max" "$(echo "$max <= 5" | bc | sed 's/1/met/;s/0/MISSED/')"
