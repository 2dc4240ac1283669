# mlprep: logistic_regression
# expect: pass
"""The textbook sigmoid with the overflow silenced locally (allowed, though not the better answer)."""
import numpy as np


def sigmoid(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def log_loss(w, b, X, y, l2=0.0):
    z = X @ w + b
    # log(1 + e^z) = max(z, 0) + log(1 + e^-|z|)
    softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))
    total = 0.0
    total += np.mean(softplus) - np.mean(y * z)
    total += l2 * 0.5 * np.linalg.norm(w) ** 2
    return float(total)


def log_loss_grad(w, b, X, y, l2=0.0):
    y = np.asarray(y, dtype=float)
    r = sigmoid(X @ w + b) - y
    return (r @ X) / len(r) + l2 * w, float(r.mean())


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1], dtype=float)
    b = 0.0
    for _ in range(int(n_iter)):
        dw, db = log_loss_grad(w, b, X, y, l2)
        w = w - lr * dw
        b = b - lr * db
    return w, float(b)


def predict_proba(X, w, b):
    return sigmoid(X @ w + b)
