# mlprep: logistic_regression
# expect: slow sample_loop
import math

import numpy as np


def _sig1(t):
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    e = math.exp(t)
    return e / (1.0 + e)


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def log_loss(w, b, X, y, l2=0.0):
    z = X @ w + b
    return float(np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * np.sum(w * w))


def log_loss_grad(w, b, X, y, l2=0.0):
    dw = np.zeros_like(w, dtype=float)
    db = 0.0
    for xi, yi in zip(X, y):
        err = _sig1(float(xi @ w) + b) - yi
        dw += err * xi
        db += err
    n = len(y)
    return dw / n + l2 * w, float(db / n)


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        dw, db = log_loss_grad(w, b, X, y, l2)
        w, b = w - lr * dw, b - lr * db
    return w, b


def predict_proba(X, w, b):
    return sigmoid(X @ w + b)
