# mlprep: logistic_regression
# expect: pass
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def log_loss(w, b, X, y, l2=0.0):
    z = X @ w + b
    per_row = np.logaddexp(0.0, z) - y * z
    return float(per_row.mean() + l2 / 2 * (w @ w))


def log_loss_grad(w, b, X, y, l2=0.0):
    n = len(y)
    err = sigmoid(X @ w + b) - y
    return X.T @ err / n + l2 * w, float(err.mean())


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        gw, gb = log_loss_grad(w, b, X, y, l2)
        w, b = w - lr * gw, b - lr * gb
    return w, b


def predict_proba(X, w, b):
    return sigmoid(X @ w + b)
