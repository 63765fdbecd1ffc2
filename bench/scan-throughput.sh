#!/usr/bin/env bash
# Benchmark: throughput of `mlship scan --archive` against `tar -xOf` on the same >= 1 GiB docker-archive.
# Target (issue 5): the scan runs at >= 50% of tar's throughput, with -Xmx256m.
# The archive is crafted directly (no daemon needed): one base layer with SMALL_FILES small files (random binary
# files and Python sources), a ~MODEL_MIB MiB model file from /dev/urandom, and a second layer with tensorflow 2.4.0
# and Pillow 8.0.0 metadata, a log4j-core 2.14.1 jar and a fat jar nesting it (made here, never downloaded), so
# the scan has real work. ARCHIVE=image.tar scans that archive instead of crafting one.
# The scan runs as users run it: `./mlship scan` with MLSHIP_JAVA_OPTS=-Xmx256m, after one uncounted warm-up
# scan, which (like any first run on a machine) writes the launcher's class-data archive and the advisory cache
# (here in a temp XDG_CACHE_HOME). Then REPS rounds, each `tar -xOf` then the scan, both from the page cache;
# the figures are the medians. One more scan with an empty advisory cache is shown for information.
# Every timed scan must find EXPECTED advisories (232 on the crafted archive) or the benchmark fails.
# The archive and its sources live in a temp folder that is removed at exit (KEEP=1 keeps it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
small_files=${SMALL_FILES:-40000}
model_mib=${MODEL_MIB:-700}
reps=${REPS:-5}
db=${DB:-$root/../shared/data/osv-pypi}
work=$(mktemp -d "${TMPDIR:-/tmp}/mlship-scan-bench.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

build_archive() {
echo "building the archive in $work ($small_files small files + ${model_mib} MiB model) ..."
python3 - "$work" "$small_files" <<'PY'
import io, os, random, sys, zipfile
work, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(5)
base = os.path.join(work, "base")
words = ["import", "numpy", "as", "np", "def", "return", "tensor", "model", "layer", "self", "for", "in", "range"]
for i in range(n):
    d = os.path.join(base, "opt/models/data/part%03d" % (i // 500))
    os.makedirs(d, exist_ok=True)
    if i % 3 == 0:
        text = "\n".join(" ".join(rnd.choice(words) for _ in range(10)) for _ in range(rnd.randint(20, 400)))
        open(os.path.join(d, "mod%05d.py" % i), "w").write(text)
    else:
        open(os.path.join(d, "chunk%05d.bin" % i), "wb").write(os.urandom(rnd.randint(1024, 48 * 1024)))
top = os.path.join(work, "top")
site = os.path.join(top, "usr/lib/python3/site-packages")
for name, version in (("tensorflow", "2.4.0"), ("Pillow", "8.0.0")):
    dist = os.path.join(site, "%s-%s.dist-info" % (name, version))
    os.makedirs(dist)
    open(os.path.join(dist, "METADATA"), "w").write("Metadata-Version: 2.1\nName: %s\nVersion: %s\n\n" % (name, version))
def jar(entries, stored=False):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for k, v in entries.items():
            z.writestr(k, v)
    return b.getvalue()
log4j = jar({"META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties":
             "groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n",
             "org/apache/logging/log4j/core/lookup/JndiLookup.class": b"\xca\xfe\xba\xbe"})
lib = os.path.join(top, "opt/app/lib")
os.makedirs(lib)
open(os.path.join(lib, "log4j-core-2.14.1.jar"), "wb").write(log4j)
open(os.path.join(top, "opt/app/app.jar"), "wb").write(jar({"BOOT-INF/lib/log4j-core-2.14.1.jar": log4j}, stored=True))
PY
mkdir -p "$work/base/opt/models"
head -c "$((model_mib * 1024 * 1024))" /dev/urandom > "$work/base/opt/models/model.safetensors"
mkdir -p "$work/image"
tar -C "$work/base" -cf "$work/image/base.tar" .
tar -C "$work/top" -cf "$work/image/top.tar" .
b1=$(sha256sum "$work/image/base.tar" | cut -c1-64); b2=$(sha256sum "$work/image/top.tar" | cut -c1-64)
mkdir -p "$work/image/$b1" "$work/image/$b2"
mv "$work/image/base.tar" "$work/image/$b1/layer.tar"; mv "$work/image/top.tar" "$work/image/$b2/layer.tar"
printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s","sha256:%s"]}}' "$b1" "$b2" > "$work/image/config.json"
printf '[{"Config":"config.json","RepoTags":["mlship-bench/scan:1"],"Layers":["%s/layer.tar","%s/layer.tar"]}]' "$b1" "$b2" > "$work/image/manifest.json"
tar -C "$work/image" -cf "$work/image.tar" "$b1" "$b2" config.json manifest.json
rm -rf "$work/base" "$work/top" "$work/image"
}

if [ -n "${ARCHIVE:-}" ]; then
  ln -s "$(realpath "$ARCHIVE")" "$work/image.tar"
else
  build_archive
fi
size=$(stat -L -c %s "$work/image.tar")
printf 'archive: %.2f GiB\n' "$(echo "$size / 1073741824" | bc -l)"

expected=${EXPECTED:-$([ -n "${ARCHIVE:-}" ] && echo any || echo 232)}
export MLSHIP_JAVA_OPTS="-Xmx256m${MLSHIP_JAVA_OPTS:+ $MLSHIP_JAVA_OPTS}"
export XDG_CACHE_HOME="$work/cache" # the advisory cache of these runs; removed with the temp folder
scan() { # $1: output file; prints nothing, fails when the findings are not the expected ones
  "$root/mlship" scan --archive "$work/image.tar" --db "$db" --output "$work/report.json" > "$1"
  local found
  found=$(sed -n 's/^vulnerabilities: \([0-9]*\).*/\1/p' "$1")
  if [ "$expected" != any ] && [ "$found" != "$expected" ]; then
    echo "scan found $found advisories, expected $expected; see $1" >&2; exit 1
  fi
  if [ -z "${ARCHIVE:-}" ] && [ "$(grep -c 'critical CVE-2021-44228 .* at /opt/app/' "$1")" != 2 ]; then
    echo "scan did not report Log4Shell at both jar paths; see $1" >&2; exit 1
  fi
}
now() { date +%s.%N; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

tar -xOf "$work/image.tar" > /dev/null # warm-up: every run reads from the page cache
scan "$work/warm.out"                   # warm-up: class-data archive and advisory cache, as on a first run
uptime
tars=""; scans=""
for i in $(seq "$reps"); do
  t0=$(now); tar -xOf "$work/image.tar" > /dev/null; t1=$(now)
  scan "$work/scan.out"; t2=$(now)
  tars="$tars $(echo "$t1 - $t0" | bc -l)"; scans="$scans $(echo "$t2 - $t1" | bc -l)"
  printf 'round %d: tar %.2f s, scan %.2f s\n' "$i" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$t2 - $t1" | bc -l)"
done
rm -rf "$work/cache"
t0=$(now); scan "$work/cold.out"; t1=$(now); cold_s=$(echo "$t1 - $t0" | bc -l)
tar_s=$(echo "$tars" | median); scan_s=$(echo "$scans" | median)
grep -E '^(scan: read|packages|vulnerabilities|secrets):?' "$work/scan.out"
mib() { echo "$size / 1048576 / $1" | bc -l; }
printf 'tar -xOf (median of %d):       %.2f s (%.0f MiB/s)\n' "$reps" "$tar_s" "$(mib "$tar_s")"
printf 'mlship scan (median of %d):    %.2f s (%.0f MiB/s; ./mlship, -Xmx256m, JVM start-up included)\n' "$reps" "$scan_s" "$(mib "$scan_s")"
printf 'mlship scan, advisory cache empty (once, informative): %.2f s\n' "$cold_s"
ratio=$(echo "$tar_s / $scan_s" | bc -l)
printf 'ratio: %.0f%% of tar throughput; target >= 50%%: %s\n' "$(echo "$ratio * 100" | bc -l)" \
  "$(echo "$ratio >= 0.5" | bc | sed 's/1/met/;s/0/MISSED/')"
