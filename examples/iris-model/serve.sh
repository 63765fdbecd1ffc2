#!/bin/sh
# Serves the example iris model over HTTP on port 8080 with busybox httpd.
# --check only validates the model file (used at build time).
set -eu
MODEL=/srv/model/iris-logreg.json
grep -q '"coefficients"' "$MODEL" || { echo "model file $MODEL is missing its coefficients" >&2; exit 1; }
echo "model $(basename "$MODEL") ok: $(wc -c < "$MODEL") bytes, sha256 $(sha256sum "$MODEL" | cut -d' ' -f1)"
[ "${1:-}" = "--check" ] && exit 0
WWW=/tmp/www
mkdir -p "$WWW/v2/health" "$WWW/v2/models/iris"
cp "$MODEL" "$WWW/v2/models/iris/model.json"
echo '{"live":true}' > "$WWW/v2/health/live"
echo '{"ready":true}' > "$WWW/v2/health/ready"
echo "serving on :8080"
exec httpd -f -v -p 8080 -h "$WWW"
