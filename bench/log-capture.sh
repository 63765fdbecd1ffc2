#!/usr/bin/env bash
# Benchmark: `mlship logs capture` of SIZE (default 1 GiB) of mixed synthetic log lines (requests,
# kube-probe health checks, keep-alive pings, warnings, errors, a bound secret, bearer tokens) against a
# raw copy of the same bytes (`cat FILE > copy`), in one run, with -Xmx64m as the issue asks.
# Targets (issue 3): capture throughput >= 70% of the raw copy's. Also checks that the stored copy is
# complete (same line count) and that the secret is nowhere in the capture directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${SIZE:-$((1024 * 1024 * 1024))}
work=${WORK:-$(mktemp -d /tmp/mlship-bench-logs.XXXXXX)}
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
secret="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
[ -f "$root/cli/target/mlship.jar" ] || "$root/mlship" --version >/dev/null
echo "generating $size bytes of synthetic log lines in $work ..."
python3 "$root/bench/lib/synthetic-log.py" "$size" "$secret" > "$work/input.log"
lines=$(wc -l < "$work/input.log")
[ -z "$(tail -c1 "$work/input.log")" ] || lines=$((lines + 1)) # a last line without newline is a line too
cat "$work/input.log" > /dev/null # both start from a warm page cache
MLSHIP_JAVA_OPTS=-Xmx64m "$root/mlship" logs capture --name warmup --out "$work/warm" < /dev/null > /dev/null # CDS archive
rm -rf "$work/warm"

start=$(date +%s.%N)
cat "$work/input.log" > "$work/copy.log"
raw=$(echo "$(date +%s.%N) - $start" | bc)
rm -f "$work/copy.log"

start=$(date +%s.%N)
MLSHIP_JAVA_OPTS=-Xmx64m "$root/mlship" logs capture --name bench --out "$work/capture" --secret "$secret" > "$work/capture.out" < "$work/input.log"
total=$(echo "$(date +%s.%N) - $start" | bc)
ingest_ms=$(grep -o 'captured [0-9,]* bytes in [0-9]* ms' "$work/capture.out" | grep -o '[0-9]* ms' | grep -o '[0-9]*')

stored=$(grep -o '"lines" : [0-9]*' "$work/capture/capture.json" | grep -o '[0-9]*$')
leaks=$( (cat "$work"/capture/*.log 2>/dev/null; zcat "$work"/capture/*.gz 2>/dev/null; cat "$work"/capture/*.tsv "$work"/capture/*.json) | grep -c -- "$secret" || true)
mib=$(echo "scale=1; $size / 1048576" | bc)
printf 'input: %s MiB, %d lines; stored %d lines; secret occurrences in the capture directory: %d\n' "$mib" "$lines" "$stored" "$leaks"
printf 'raw copy (cat > file): %.2f s = %.0f MB/s\n' "$raw" "$(echo "$size / $raw / 1000000" | bc -l)"
printf 'mlship logs capture, whole command (JVM start, capture, compression of rotated segments, summary): %.2f s = %.0f MB/s, ratio %.2f\n' \
  "$total" "$(echo "$size / $total / 1000000" | bc -l)" "$(echo "$raw / $total" | bc -l)"
printf 'mlship logs capture, ingest (every line stored and indexed, before rotated segments are compressed): %.2f s = %.0f MB/s, ratio %.2f\n' \
  "$(echo "$ingest_ms / 1000" | bc -l)" "$(echo "$size / $ingest_ms / 1000" | bc -l)" "$(echo "$raw * 1000 / $ingest_ms" | bc -l)"
printf 'target (issue 3): capture >= 70%% of raw copy throughput: whole command %s, ingest %s\n' \
  "$(echo "$raw / $total >= 0.7" | bc | sed 's/1/met/;s/0/MISSED/')" "$(echo "$raw * 1000 / $ingest_ms >= 0.7" | bc | sed 's/1/met/;s/0/MISSED/')"
[ "$stored" -eq "$lines" ] || { echo "INCOMPLETE: stored $stored of $lines lines" >&2; exit 1; }
[ "$leaks" -eq 0 ] || { echo "SECRET LEAKED $leaks times" >&2; exit 1; }
