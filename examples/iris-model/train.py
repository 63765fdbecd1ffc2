"""Trains the example models, seeded and reproducible (same Debian packages -> same bytes).

    python3 train.py             writes model/iris-v1.joblib, model/iris-v2.joblib, their .sha256 files,
                                 eval/inputs.json and eval/disagreement.json
    python3 train.py --large DIR writes DIR/iris-large.joblib and its .sha256 (run at image build time:
                                 the file is ~100 MB, too big for git)

v1: logistic regression (C=1.0) on all 150 iris flowers.
v2: the retrained candidate, a shallow decision tree (max_depth=2) fitted on a seeded 80% of the flowers.
large: k-nearest neighbours that keeps 1.2 million noisy copies of the flowers (and its k-d tree) in memory,
       so each server process holds ~100 MiB of model data: memory that grows with the worker count.
The evaluation set is 300 seeded noisy copies of iris flowers (noise sd 0.3 cm); the training
script records on which of them v1 and v2 disagree (the shadow promotion checks its measurement
against that record).
"""
import hashlib
import json
import os
import sys

import joblib
import numpy as np
import sklearn
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

SEED = 20240601
HERE = os.path.dirname(os.path.abspath(__file__))


def save(model, path):
    # compress=0 and protocol fixed: the bytes (and so the digest) depend only on the model
    joblib.dump(model, path, compress=0, protocol=4)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(path + ".sha256", "w") as f:
        f.write(f"{digest}  {os.path.basename(path)}\n")
    print(f"{path}: {os.path.getsize(path)} bytes, sha256 {digest}")
    return digest


def evaluation_inputs(iris):
    # flowers like the ones the model will meet: seeded draws of the iris flowers with measurement noise
    rng = np.random.default_rng(SEED + 1)
    picked = iris.data[rng.integers(0, len(iris.data), size=300)]
    return np.clip(np.round(picked + rng.normal(0, 0.3, size=picked.shape), 1), 0.1, None)


def train_small():
    iris = load_iris()
    names = [str(n) for n in iris.target_names]
    v1 = LogisticRegression(C=1.0, solver="lbfgs", max_iter=200).fit(iris.data, iris.target)
    rng = np.random.default_rng(SEED)
    subset = rng.permutation(len(iris.target))[:120]
    v2 = DecisionTreeClassifier(max_depth=2, random_state=SEED).fit(iris.data[subset], iris.target[subset])
    for model in (v1, v2):
        model.class_names_ = names  # the labels the server answers with
    d1 = save(v1, os.path.join(HERE, "model", "iris-v1.joblib"))
    d2 = save(v2, os.path.join(HERE, "model", "iris-v2.joblib"))

    inputs = evaluation_inputs(iris)
    p1, p2 = v1.predict(inputs), v2.predict(inputs)
    differ = [int(i) for i in np.flatnonzero(p1 != p2)]
    with open(os.path.join(HERE, "eval", "inputs.json"), "w") as f:
        json.dump({"features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
                   "rows": inputs.tolist()}, f)
        f.write("\n")
    record = {"inputs": len(inputs), "disagree": len(differ), "share": round(len(differ) / len(inputs), 4),
              "rows": differ,
              "v1": {"file": "model/iris-v1.joblib", "sha256": d1, "classes": [names[c] for c in p1]},
              "v2": {"file": "model/iris-v2.joblib", "sha256": d2, "classes": [names[c] for c in p2]},
              "scikit-learn": sklearn.__version__, "numpy": np.__version__}
    with open(os.path.join(HERE, "eval", "disagreement.json"), "w") as f:
        f.write("{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in record.items()) + "\n}\n")
    print(f"v1 and v2 disagree on {len(differ)} of {len(inputs)} evaluation inputs")


def train_large(directory):
    iris = load_iris()
    rng = np.random.default_rng(SEED + 2)
    copies = 8000
    data = np.repeat(iris.data, copies, axis=0) + rng.normal(0, 0.05, size=(len(iris.data) * copies, 4))
    target = np.repeat(iris.target, copies)
    large = KNeighborsClassifier(n_neighbors=5, algorithm="kd_tree").fit(data, target)
    large.class_names_ = [str(n) for n in iris.target_names]
    save(large, os.path.join(directory, "iris-large.joblib"))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--large":
        train_large(sys.argv[2])
    elif len(sys.argv) == 1:
        train_small()
    else:
        sys.exit("usage: train.py [--large DIR]")
