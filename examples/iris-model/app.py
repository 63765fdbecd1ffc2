"""The example model server: KServe V2 / Open Inference Protocol over REST, a plain WSGI app run by
gunicorn (serve.py checked the model file's digest before any worker starts).

    GET  /v2/health/live, /v2/health/ready, /v2, /v2/models/{name}, /v2/models/{name}/ready
    POST /v2/models/{name}/infer   {"inputs":[{"name":"input-0","shape":[N,4],"datatype":"FP32","data":[...]}]}
    GET  /metrics                  Prometheus: requests by route and status, latency histogram
"""
import json
import os
import sys
import time

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

MODEL_FILE = os.environ.get("MODEL_FILE", "/srv/model/iris-v1.joblib")
MODEL_NAME = os.environ.get("MODEL_NAME", "iris")
MODEL_VERSION = os.environ.get("MODEL_VERSION", "1")

REQUESTS = Counter("iris_requests_total", "HTTP requests answered", ["route", "status"])
LATENCY = Histogram("iris_request_seconds", "Time to answer a request", ["route"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5))
ROWS = Counter("iris_inferred_rows_total", "Rows classified")


LOAD_FAILED = "/tmp/iris-load-failed"  # read by gunicorn.conf.py's child_exit


def load(path):
    # Any failure here ends the worker with one line naming the file and the error, and leaves that line
    # where the gunicorn master finds it: the master then stops the server (exit 3) instead of serving
    # without a model. (Not gunicorn's own boot/load-error exit codes 3 and 4: gunicorn 20.1 raises its halt a second
    # time when the next worker fails while it stops, burying the line under two tracebacks.)
    try:
        import joblib
        model = joblib.load(path)
        model.class_names_  # our training script sets it; a foreign pickle lacks it
        return model
    except Exception as e:  # a pickle can raise anything; SystemExit (gunicorn's worker timeout) passes through
        line = f"iris-model: cannot load model file {path}: {type(e).__name__}: {e}"
        print(line, file=sys.stderr, flush=True)
        with open(LOAD_FAILED, "w") as f:
            f.write(line)
        os._exit(5)


MODEL = load(MODEL_FILE)
print(f"iris-model: worker {os.getpid()} loaded {type(MODEL).__name__} from {MODEL_FILE}", file=sys.stderr, flush=True)

# Ready means every worker has loaded its model, not just the one that happens to answer the probe:
# otherwise a deploy could pass readiness while another worker is still loading (or being OOM-killed).
# Each worker leaves a file named by its pid; gunicorn.conf.py's child_exit removes a dead worker's file.
LOADED = "/tmp/iris-loaded"
WORKERS = int(os.environ.get("WORKERS", "2"))
os.makedirs(LOADED, exist_ok=True)
open(os.path.join(LOADED, str(os.getpid())), "w").close()


def all_workers_loaded():
    return len(os.listdir(LOADED)) >= WORKERS


class BadRequest(Exception):
    pass


def infer(body):
    import numpy as np
    try:
        request = json.loads(body or b"{}")
        first = request["inputs"][0]
        shape, data = first["shape"], first["data"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise BadRequest('expected {"inputs":[{"name":"input-0","shape":[N,4],"datatype":"FP32","data":[...]}]}')
    try:
        rows = np.asarray(data, dtype=np.float64).reshape(-1)
    except (ValueError, TypeError):
        raise BadRequest("input-0 data must be numbers")
    if len(shape) != 2 or shape[1] != 4 or rows.size != shape[0] * 4 or rows.size == 0:
        raise BadRequest("input-0 must hold 4 features per row (sepal_length, sepal_width, petal_length, petal_width), "
                         "shape [N,4]")
    features = rows.reshape(-1, 4)
    probabilities = MODEL.predict_proba(features)
    classes = [MODEL.class_names_[i] for i in probabilities.argmax(axis=1)]
    ROWS.inc(len(classes))
    return {"model_name": MODEL_NAME, "model_version": MODEL_VERSION, "id": request.get("id", ""),
            "outputs": [{"name": "class", "datatype": "BYTES", "shape": [len(classes)], "data": classes},
                        {"name": "probabilities", "datatype": "FP32", "shape": [len(classes), probabilities.shape[1]],
                         "data": [round(float(p), 4) for p in probabilities.reshape(-1)]}]}


def metadata():
    return {"name": MODEL_NAME, "versions": [MODEL_VERSION], "platform": "scikit-learn",
            "inputs": [{"name": "input-0", "datatype": "FP32", "shape": [-1, 4]}],
            "outputs": [{"name": "class", "datatype": "BYTES", "shape": [-1]},
                        {"name": "probabilities", "datatype": "FP32", "shape": [-1, len(MODEL.class_names_)]}]}


def route(method, path, body):
    model = "/v2/models/" + MODEL_NAME
    if method == "GET" and path == "/v2/health/live":
        return "live", 200, {"live": True}
    if method == "GET" and path in ("/v2/health/ready", model + "/ready"):
        ready = all_workers_loaded()
        return "ready", 200 if ready else 503, {"ready": ready}
    if method == "GET" and path == "/v2":
        return "server", 200, {"name": "iris-model", "version": MODEL_VERSION, "extensions": []}
    if method == "GET" and path == model:
        return "metadata", 200, metadata()
    if path == model + "/infer":
        if method != "POST":
            return "infer", 405, {"error": "use POST"}
        try:
            return "infer", 200, infer(body)
        except BadRequest as e:
            return "infer", 400, {"error": str(e)}
    return "unknown", 404, {"error": f"no route for {method} {path}"}


def metrics():
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry)


STATUS = {200: "200 OK", 400: "400 Bad Request", 404: "404 Not Found", 405: "405 Method Not Allowed",
          500: "500 Internal Server Error", 503: "503 Service Unavailable"}


def application(environ, start_response):
    started = time.perf_counter()
    method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
    if method == "GET" and path == "/metrics":
        payload = metrics()
        start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST), ("Content-Length", str(len(payload)))])
        return [payload]
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        name, status, answer = route(method, path, body)
    except Exception as e:  # one bad request must not take the worker down
        print(f"iris-model: {method} {path} failed: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        name, status, answer = "error", 500, {"error": "inference failed; see the server log"}
    payload = json.dumps(answer).encode()
    start_response(STATUS[status], [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    REQUESTS.labels(name, str(status)).inc()
    LATENCY.labels(name).observe(time.perf_counter() - started)
    return [payload]
