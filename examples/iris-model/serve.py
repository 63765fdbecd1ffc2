"""Entry point of the example image: checks the model file, then runs gunicorn.

A joblib/pickle file is code: loading it runs whatever it says. So before any process loads it, its
sha256 must equal the digest baked into the image at build time (MODEL_FILE.sha256, the same digest
mlship build records in the label io.mlship.model.file.<path>). A missing file or a mismatch ends the
container with one line saying so (exit 2); verify and deploy quote that line.

Environment: MODEL_FILE (the model), WORKERS (gunicorn worker processes, default 2), PORT (8080).
"""
import hashlib
import os
import shutil
import sys

MODEL_FILE = os.environ.get("MODEL_FILE", "/srv/model/iris-v1.joblib")


def fail(message):
    print(f"iris-model: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def expected_digest(path):
    try:
        with open(path + ".sha256") as f:
            return f.read().split()[0]
    except (OSError, IndexError):
        fail(f"no expected digest in {path}.sha256: refusing to load {path} unchecked (rebuild the image)")


def actual_digest(path):
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        fail(f"model file {path} is missing (was it copied into the image?)")
    except OSError as e:
        fail(f"model file {path} cannot be read: {e.strerror}")
    return digest.hexdigest()


def main():
    expected = expected_digest(MODEL_FILE)
    actual = actual_digest(MODEL_FILE)
    if actual != expected:
        fail(f"model file {MODEL_FILE} has sha256 {actual}, but the image expects {expected}: "
             "digest does not match, refusing to load it")
    print(f"iris-model: model file {MODEL_FILE} sha256 {actual} matches; starting {os.environ.get('WORKERS', '2')} workers",
          flush=True)
    if "--check" in sys.argv:
        return
    # a restarted container keeps its /tmp: forget the previous run's load failure (app.py writes it)
    if os.path.exists("/tmp/iris-load-failed"):
        os.remove("/tmp/iris-load-failed")
    shutil.rmtree("/tmp/iris-loaded", ignore_errors=True)  # workers that were loaded before the restart
    # Prometheus counters of all workers are summed from files in this directory (multiprocess mode).
    metrics = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/tmp/iris-metrics")
    shutil.rmtree(metrics, ignore_errors=True)
    os.makedirs(metrics)
    os.execvp("gunicorn", ["gunicorn", "--config", "/srv/gunicorn.conf.py", "app:application"])


if __name__ == "__main__":
    main()
