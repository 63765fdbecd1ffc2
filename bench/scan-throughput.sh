#!/usr/bin/env bash
# Benchmark: throughput of `mlship scan --archive` against `tar -xOf` on the same >= 1 GiB docker-archive.
# Target (issue 5): the scan runs at >= 50% of tar's throughput, with -Xmx256m.
# The archive is crafted directly (no daemon needed): one base layer with SMALL_FILES small files (random binary
# files and Python sources), a ~MODEL_MIB MiB model file from /dev/urandom, and a second layer with tensorflow 2.4.0
# and Pillow 8.0.0 metadata, a log4j-core 2.14.1 jar and a fat jar nesting it (made here, never downloaded), so
# the scan has real work. Both tools read the archive from the page cache: one uncounted warm-up read first.
# The archive and its sources live in a temp folder that is removed at exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
small_files=${SMALL_FILES:-40000}
model_mib=${MODEL_MIB:-700}
db=${DB:-$root/../shared/data/osv-pypi}
jar="$root/cli/target/mlship.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -o -DskipTests -pl cli -am package)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/mlship-scan-bench.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

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
size=$(stat -c %s "$work/image.tar")
printf 'archive: %.2f GiB\n' "$(echo "$size / 1073741824" | bc -l)"

tar -xOf "$work/image.tar" > /dev/null # warm-up: both runs read from the page cache
cds="$work/scan.jsa" # the class-data archive ./mlship keeps per subcommand, made by an uncounted run
java -Xmx256m -XX:ArchiveClassesAtExit="$cds" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" scan \
  --archive "$work/image.tar" --db "$db" --output "$work/warm.json" > /dev/null
uptime
t0=$(date +%s.%N)
tar -xOf "$work/image.tar" > /dev/null
t1=$(date +%s.%N)
java -Xmx256m -jar "$jar" scan --archive "$work/image.tar" --db "$db" --output "$work/report.json" > "$work/scan.out"
t2=$(date +%s.%N)
java -Xmx256m -XX:SharedArchiveFile="$cds" -Xlog:cds=off -jar "$jar" scan --archive "$work/image.tar" --db "$db" \
  --output "$work/report-cds.json" > "$work/scan-cds.out"
t3=$(date +%s.%N)
tar_s=$(echo "$t1 - $t0" | bc -l); scan_s=$(echo "$t2 - $t1" | bc -l); cds_s=$(echo "$t3 - $t2" | bc -l)
grep -E '^(scan: read|packages|vulnerabilities|secrets):?' "$work/scan.out"
mib() { echo "$size / 1048576 / $1" | bc -l; }
printf 'tar -xOf:                 %.2f s (%.0f MiB/s)\n' "$tar_s" "$(mib "$tar_s")"
printf 'mlship scan:              %.2f s (%.0f MiB/s; java -Xmx256m -jar, JVM start-up included)\n' "$scan_s" "$(mib "$scan_s")"
printf 'mlship scan with CDS:     %.2f s (%.0f MiB/s; the class-data archive ./mlship uses)\n' "$cds_s" "$(mib "$cds_s")"
ratio=$(echo "$tar_s / $scan_s" | bc -l)
printf 'ratio: %.0f%% of tar throughput (with CDS %.0f%%); target >= 50%%: %s\n' "$(echo "$ratio * 100" | bc -l)" \
  "$(echo "$tar_s / $cds_s * 100" | bc -l)" "$(echo "$ratio >= 0.5" | bc | sed 's/1/met/;s/0/MISSED/')"
