#!/usr/bin/env bash
# Benchmark: the docker target's edge proxy (issue 15), on the daemon of scripts/services, with the
# Python test model server (TestModelImage on mlship/base:python) and the real mlship/edge:nginx.
#  1. Failed requests under constant load (THREADS clients, default 4, keep-alive, no retries) during a
#     deploy, an OOM-killed deploy and a rollback through the edge; beside it, the same load against the
#     pre-edge stop-and-start (stop the running container, start the new one on the same host port).
#  2. Live latency through the edge vs calling the model container directly, side by side in one run with
#     wrk (Debian's `wrk`, installed here when missing): ROUNDS (default 3) alternating rounds of
#     DURATION (default 10s) each, CONNECTIONS (default 8) keep-alive connections, POST to the inference path.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
threads=${THREADS:-4} rounds=${ROUNDS:-3} duration=${DURATION:-10s} connections=${CONNECTIONS:-8}
export DOCKER_HOST=${DOCKER_HOST:-unix:///run/mlship/docker.sock}
cd "$root"
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
  || { echo "bench/edge.sh: wrk is missing and apt-get install wrk failed; install it (apt-get install wrk)" >&2; exit 1; }
mvn -B -q -o -pl core test-compile
cp=$(mktemp) lua=$(mktemp --suffix .lua) out=$(mktemp)
fifo=$(mktemp -u); mkfifo "$fifo"
trap 'rm -f "$cp" "$lua" "$out" "$fifo"' EXIT
mvn -B -q -o -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}'
LUA
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The bench JVM waits on its stdin (the fifo) while wrk measures, then cleans up.
exec 3<>"$fifo"
java -cp "core/target/test-classes:core/target/classes:$(cat "$cp")" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Djava.util.logging.config.file=/dev/null io.mlship.core.deploy.docker.EdgeBench "$threads" <"$fifo" >"$out" 2>/dev/null &
bench=$!
while ! grep -q '^model.container ' "$out" 2>/dev/null; do
  kill -0 $bench 2>/dev/null || { cat "$out"; echo "bench/edge.sh: the bench JVM ended early" >&2; exit 1; }
  sleep 1
done
grep -E "^edge\\." "$out" | grep -v container
edge_url=$(awk '/^url.edge/ {print $2}' "$out")
direct_url=$(awk '/^url.direct/ {print $2}' "$out")
latency() { # name url
  wrk -t1 -c"$connections" -d"$duration" --latency -s "$lua" "$2" \
    | awk -v n="$1" '/^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /requests in/ {req=$1} /Non-2xx/ {bad=$NF} /Socket errors/ {err=$0}
        END {printf "%-7s p50 %-8s p99 %-8s requests %s non-2xx %s %s\n", n, p50, p99, req, bad+0, err}'
}
echo "latency, wrk -t1 -c$connections -d$duration, POST inference, alternating:"
for ((i = 1; i <= rounds; i++)); do
  latency direct "$direct_url"
  latency edge "$edge_url"
done
echo done >&3
exec 3>&-
wait $bench
grep -E '^stop_and_start\.' "$out"
