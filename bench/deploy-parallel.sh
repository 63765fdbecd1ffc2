#!/usr/bin/env bash
# Benchmark: COUNT (default 20) parallel deploys of different models against one cluster (issue 6):
# fabric8's CRUD API server mock with the in-test kubelet simulator (no real cluster). Every model first
# gets a good revision (all in parallel), then all deploy again in parallel, every third one an image the
# simulator OOM-kills (so it is rolled back). Each deploy has its own log folder; the run fails when any
# result, console or evidence file of one model names another model (cross-talk).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
count=${COUNT:-20}
cd "$root"
mvn -B -q -o -pl core test-compile
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
mvn -B -q -o -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
java -cp "core/target/test-classes:core/target/classes:$(cat "$cp")" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Djava.util.logging.config.file=/dev/null \
  io.mlship.core.deploy.bench.DeployParallelBench "$count" 2>/dev/null
