# mlprep: logistic_regression
"""Reference solution: a stable sigmoid, the log-loss from logits with its gradient, and gradient descent."""

import numpy as np


def sigmoid(z):
    """1 / (1 + exp(-z)) elementwise, exp only ever of a non-positive number: no overflow for any z."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_loss(w, b, X, y, l2=0.0):
    """Mean binary cross-entropy from the logits, log(1 + e^z) - y z, plus l2 / 2 * ||w||^2 (bias free)."""
    z = X @ w + b
    data = np.mean(np.logaddexp(0.0, z) - y * z)
    return float(data + 0.5 * l2 * np.dot(w, w))


def log_loss_grad(w, b, X, y, l2=0.0):
    """(dw, db): the gradient of log_loss, X^T (p - y) / N + l2 * w and mean(p - y)."""
    n = X.shape[0]
    r = sigmoid(X @ w + b) - y
    dw = X.T @ r / n + l2 * w
    db = float(r.sum() / n)
    return dw, db


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    """(w, b) after exactly n_iter full-batch gradient-descent steps from zeros."""
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        dw, db = log_loss_grad(w, b, X, y, l2)
        w = w - lr * dw
        b = b - lr * db
    return w, b


def predict_proba(X, w, b):
    """P(y = 1 | x) for every row of X: shape (n,)."""
    return sigmoid(X @ w + b)
