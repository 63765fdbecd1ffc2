# gunicorn settings of the example model server. No preload: every worker loads its own copy of the
# model, as most model servers do, so resident memory grows with the number of workers.
import os
import sys

# Imported here, not in child_exit: child_exit runs in gunicorn's SIGCHLD handler, and a second worker exiting
# while the first call is still importing re-enters the import half-done (seen on a loaded machine: the server
# died with a traceback and exit 255 instead of the model's own error line and exit 3).
from gunicorn.errors import HaltServer
from prometheus_client import multiprocess

bind = "0.0.0.0:" + os.environ.get("PORT", "8080")
workers = int(os.environ.get("WORKERS", "2"))
chdir = "/srv"
preload_app = False
# generous: a worker that is still importing scikit-learn on a busy machine must not be killed as hung
timeout = 120
graceful_timeout = 5
accesslog = None
errorlog = "-"
loglevel = "info"

# The memory cgroup's count of OOM kills (cgroup v2, then v1).
OOM_COUNTERS = (("/sys/fs/cgroup/memory.events", "oom_kill"), ("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill"))


def oom_kills():
    for path, key in OOM_COUNTERS:
        try:
            with open(path) as f:
                for line in f:
                    name, _, value = line.partition(" ")
                    if name == key:
                        return int(value)
        except OSError:
            continue
    return 0


_halting = []
_oom_kills_at_start = []


def on_starting(server):
    # counted from here: a restarted container may keep its memory cgroup and that cgroup's count
    _oom_kills_at_start.append(oom_kills())


def child_exit(server, worker):
    # drop the exited worker's live gauges from the summed metrics
    multiprocess.mark_process_dead(worker.pid)
    # a dead worker no longer counts as loaded (app.py's readiness)
    try:
        os.remove(f"/tmp/iris-loaded/{worker.pid}")
    except FileNotFoundError:
        pass
    # A worker the kernel killed for memory would be restarted by gunicorn, killed again, forever, while
    # the container looks alive. Stop instead, like a pod whose container is OOM-killed as a whole: the
    # container then ends (exit 137) with Docker's OOMKilled flag set, and verify/deploy say so.
    # Once: the other workers exit while the server stops, and call this again.
    if _halting:
        return
    if os.path.exists("/tmp/iris-load-failed"):  # app.py could not load the model
        _halting.append(worker.pid)
        raise HaltServer("the model could not be loaded (see the line above)", 3)
    kills = oom_kills() - (_oom_kills_at_start[0] if _oom_kills_at_start else 0)
    if kills > 0:
        _halting.append(worker.pid)
        print(f"iris-model: the kernel killed worker {worker.pid} for exceeding the container's memory limit "
              f"(oom_kill {kills}); stopping the server", file=sys.stderr, flush=True)
        raise HaltServer("worker killed by the kernel: out of memory", 137)
