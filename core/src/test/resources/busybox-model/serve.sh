#!/bin/sh
# Model server of the example image: loads the model, then answers the KServe V2 protocol on $PORT
# (default 8080) with busybox `nc -ll -e`, one handler process per connection (handle.sh).
#   serve.sh --check   validates the model file and exits (used at build time)
# Environment:
#   MODEL_RESIDENT_MB    RAM the loaded model holds (default 40). The iris weights are tiny; this block
#                        stands in for the tensors of a real model, so memory limits bite as they would.
#   READY_DELAY_SECONDS  extra start-up time before the server reports ready (default 0).
set -eu
MODEL=/srv/model/iris-logreg.json
PORT=${PORT:-8080}
STATE=/tmp/iris
grep -q '"coefficients"' "$MODEL" || { echo "model file $MODEL is missing its coefficients" >&2; exit 1; }
echo "model $(basename "$MODEL") ok: $(wc -c < "$MODEL") bytes, sha256 $(sha256sum "$MODEL" | cut -d' ' -f1)"
[ "${1:-}" = "--check" ] && exit 0

mkdir -p "$STATE"
rm -f "$STATE/ready"
# Flatten the model into the lines handle.sh's awk reads: one line of coefficients per class, then
# the intercepts, then the class names.
flat=$(tr -d ' \n' < "$MODEL")
echo "$flat" | sed -n 's/.*"coefficients":\[\[\(.*\)\]\],"intercepts".*/\1/p' | sed 's/\],\[/\n/g' > "$STATE/coefficients"
echo "$flat" | sed -n 's/.*"intercepts":\[\([^]]*\)\].*/\1/p' > "$STATE/intercepts"
echo "$flat" | sed -n 's/.*"classes":\[\([^]]*\)\].*/\1/p' | tr -d '"' > "$STATE/classes"

export MODEL_STATE="$STATE"
nc -ll -p "$PORT" -e /srv/handle.sh &
server=$!
trap 'kill $server 2>/dev/null; exit 0' TERM INT
echo "listening on :$PORT, loading model"

mb=${MODEL_RESIDENT_MB:-40}
# Resident model memory: a tmpfs block, charged to the container's memory cgroup like heap memory.
head -c $((mb * 1048576)) /dev/zero > /dev/shm/model-weights.bin
sleep "${READY_DELAY_SECONDS:-0}"
touch "$STATE/ready"
echo "model loaded: ${mb} MiB resident; ready"
wait $server
