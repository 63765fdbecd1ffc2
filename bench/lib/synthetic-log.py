#!/usr/bin/env python3
"""Writes SIZE bytes of mixed synthetic service log lines to stdout, as model servers and pods produce
them: requests, kube-probe health checks, keep-alive chatter, warnings, errors with stack traces,
lines carrying a bound secret and bearer tokens, and RARE_COUNT rare lines (the search target).
A 64 MiB block of varied lines is generated once and written repeatedly (with fresh sequence numbers
in the rare lines), so generating 1 GiB takes seconds, not minutes.
usage: synthetic-log.py SIZE_BYTES SECRET [RARE_COUNT]"""
import random
import sys

size = int(sys.argv[1])
secret = sys.argv[2]
rare_count = int(sys.argv[3]) if len(sys.argv) > 3 else 5
rnd = random.Random(7)
lines = []
total = 0
while total < 64 << 20:
    k = rnd.random()
    ts = "2026-11-23T10:%02d:%02d.%03dZ" % (rnd.randrange(60), rnd.randrange(60), rnd.randrange(1000))
    if k < 0.40:
        line = "%s INFO  [worker-%d] request id=%016x model=iris-v%d served in %d ms" % (
            ts, rnd.randrange(16), rnd.getrandbits(64), rnd.randrange(9), rnd.randrange(400))
    elif k < 0.65:
        line = '%s 10.128.%d.%d - - "GET /v2/health/ready HTTP/1.1" 200 2 "-" "kube-probe/1.29"' % (
            ts, rnd.randrange(255), rnd.randrange(255))
    elif k < 0.72:
        line = "%s DEBUG [grpc] sending keepalive ping to 10.0.%d.%d:8081" % (ts, rnd.randrange(255), rnd.randrange(255))
    elif k < 0.80:
        line = "%s WARN  [batch-%d] slow batch %08x took %d ms (limit 250 ms)" % (
            ts, rnd.randrange(8), rnd.getrandbits(32), 250 + rnd.randrange(2000))
    elif k < 0.83:
        line = "%s ERROR [worker-%d] inference failed: tensor shape mismatch [1,%d] vs [1,4]" % (
            ts, rnd.randrange(16), rnd.randrange(2, 9))
    elif k < 0.85:
        line = "\tat io.kserve.Predictor.predict(Predictor.java:%d)" % rnd.randrange(1000)
    elif k < 0.87:
        line = "%s INFO  pulling weights with registry password %s from 10.0.0.5:5000" % (ts, secret)
    elif k < 0.89:
        line = "%s DEBUG outgoing call Authorization: Bearer eyJ%s.%s.%s" % (
            ts, "%030x" % rnd.getrandbits(120), "%030x" % rnd.getrandbits(120), "%020x" % rnd.getrandbits(80))
    else:
        line = "%s INFO  [loader] shard %d/%d loaded: %d tensors, %d MiB resident" % (
            ts, rnd.randrange(64), 64, rnd.randrange(5000), rnd.randrange(4096))
    lines.append(line)
    total += len(line) + 1
block = ("\n".join(lines) + "\n").encode()
out = sys.stdout.buffer
written = 0
blocks = max(1, size // len(block))
rare_at = set(rnd.sample(range(blocks), min(rare_count, blocks)))
for b in range(blocks):
    out.write(block)
    written += len(block)
    if b in rare_at:
        rare = ("2026-11-23T11:00:00.000Z ERROR payment declined: card=%04d ref=RX%06d\n" % (b, b * 7)).encode()
        out.write(rare)
        written += len(rare)
rest = size - written
if rest > 0:
    out.write(block[:rest])
