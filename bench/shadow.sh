#!/usr/bin/env bash
# Benchmark: shadow promotion on the docker target (issue 16). Targets: from the first mirrored request to ABORTED
# for a candidate with wrong answers at 20 req/s <= 15 s; for an OOM kill or a crash <= 5 s; the shadow's containers
# gone <= 5 s after that; live p99 with and without a shadow running, side by side in one run.
# Real parts: the example model (v1 live behind the nginx edge, the retrained v2 as the wrong candidate), the
# comparator container on mlship/base:jre, scripts/services' Prometheus (shadows scraped every second). Live traffic:
# the 300 evaluation inputs through the edge at 20 req/s from a Java client (the rate the targets name; wrk has no
# fixed-rate mode). Timings come from the shadow's own console lines and its judgement (ShadowTimingBench).
#   WINDOW (default 30): seconds per latency window; ROUNDS (default 2): alternating without/with windows.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/services start >/dev/null
export DOCKER_HOST=${DOCKER_HOST:-unix:///run/mlship/docker.sock}
mvn -B -q -o -pl core test-compile
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
mvn -B -q -o -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "core/target/test-classes:core/target/classes:$(cat "$cp")" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Djava.util.logging.config.file=/dev/null \
  io.mlship.core.shadow.bench.ShadowTimingBench "${WINDOW:-30}" "${ROUNDS:-2}" 2>/dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
