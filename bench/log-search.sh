#!/usr/bin/env bash
# Benchmark: `mlship logs search` over a 1 GiB (SIZE) capture (mostly rotated, gzip-compressed segments)
# for a rare regex, against `grep -c` of the same regex on the same data uncompressed, in one run.
# Target (issue 3): search <= 2x the time of grep -c. Both must count the same matches.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${SIZE:-$((1024 * 1024 * 1024))}
work=$(mktemp -d /tmp/mlship-bench-search.XXXXXX)
trap 'rm -rf "$work"' EXIT
regex='payment declined: card=[0-9]{4} ref=RX[0-9]+'
[ -f "$root/cli/target/mlship.jar" ] || "$root/mlship" --version >/dev/null
python3 "$root/bench/lib/synthetic-log.py" "$size" "not-a-secret" 5 > "$work/input.log"
"$root/mlship" logs capture --name app --out "$work/capture" < "$work/input.log" > /dev/null
"$root/mlship" logs search "$work/capture" --regex "$regex" --count > /dev/null || true # warm-up: CDS archive, page cache
grep -cE "$regex" "$work/input.log" > /dev/null || true
runs=${RUNS:-3}
best_grep=999; best_search=999
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N); g=$(grep -cE "$regex" "$work/input.log" || true); t=$(echo "$(date +%s.%N) - $start" | bc)
  best_grep=$(echo "if ($t < $best_grep) $t else $best_grep" | bc)
  start=$(date +%s.%N); m=$("$root/mlship" logs search "$work/capture" --regex "$regex" --count || true); t=$(echo "$(date +%s.%N) - $start" | bc)
  best_search=$(echo "if ($t < $best_search) $t else $best_search" | bc)
  printf 'run %d: grep -c %s matches, mlship logs search %s matches\n' "$i" "$g" "$m"
  [ "$g" = "$m" ] || { echo "MISMATCH: grep counted $g, mlship $m" >&2; exit 1; }
done
segments=$(ls "$work/capture" | grep -c '\.log\.gz$' || true)
printf 'capture: %s, %d compressed segments + the current one\n' "$(du -sh "$work/capture" | cut -f1)" "$segments"
printf 'best of %d: grep -c %.2f s, mlship logs search %.2f s, ratio %.2f; target <= 2.0: %s\n' "$runs" "$best_grep" "$best_search" \
  "$(echo "$best_search / $best_grep" | bc -l)" "$(echo "$best_search <= 2 * $best_grep" | bc | sed 's/1/met/;s/0/MISSED/')"
