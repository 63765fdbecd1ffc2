#!/usr/bin/env bash
# Benchmark: time to failure of a deploy (issue 6). Target: <= 2 s from the failing pod status to the
# step failing, against Kubernetes' default progress deadline of 600 s. Runs against fabric8's CRUD
# API server mock with the in-test kubelet simulator (no real cluster): RUNS (default 10) deploys of an
# image the simulator OOM-kills, after one uncounted warm-up, each preceded by a good revision to roll
# back to. Reports, per run, the time from the simulator writing the failing status (OOMKilled, exit 137)
# to the watch's verdict and to deploy() returning with the evidence kept and the rollback ready.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-10}
cd "$root"
mvn -B -q -o -pl core test-compile
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
mvn -B -q -o -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
java -cp "core/target/test-classes:core/target/classes:$(cat "$cp")" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Djava.util.logging.config.file=/dev/null \
  io.mlship.core.deploy.bench.DeployTimeToFailureBench "$runs" 2>/dev/null
