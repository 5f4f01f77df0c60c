"""One timed scikit-learn fit for ProbeFitBench: the same standardise-then-L2-logistic probe.

Usage: sklearn_fit.py X.npy y.npy C
Prints one JSON line: seconds of the timed fit, n_iter, train accuracy, and the direction in raw
activation units (coef / scale) so the Java side can compare it with its own.
"""
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def fit(x, y, c):
    return make_pipeline(StandardScaler(), LogisticRegression(C=c, solver="lbfgs", max_iter=10000)).fit(x, y)


def main():
    x = np.load(sys.argv[1]).astype(np.float64)
    y = np.load(sys.argv[2])
    c = float(sys.argv[3])
    fit(x, y, c)  # warm-up: imports, allocator, caches; the Java side warms up its JIT the same way
    start = time.perf_counter()
    model = fit(x, y, c)
    seconds = time.perf_counter() - start
    scaler, logistic = model[0], model[1]
    print(json.dumps({
        "seconds": seconds,
        "n_iter": int(logistic.n_iter_[0]),
        "train_accuracy": float(model.score(x, y)),
        "direction": (logistic.coef_[0] / scaler.scale_).tolist(),
    }))


if __name__ == "__main__":
    main()
