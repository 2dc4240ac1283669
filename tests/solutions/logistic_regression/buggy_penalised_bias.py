# mlprep: logistic_regression
# expect: fail penalised_bias
"""A column of ones for the bias, and the penalty applied to the whole parameter vector."""
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _aug(X):
    return np.column_stack([np.ones(len(X)), X])


def log_loss(w, b, X, y, l2=0.0):
    theta = np.concatenate([[b], w])
    z = _aug(X) @ theta
    return float(np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * theta @ theta)


def log_loss_grad(w, b, X, y, l2=0.0):
    theta = np.concatenate([[b], w])
    A = _aug(X)
    g = A.T @ (sigmoid(A @ theta) - y) / len(y) + l2 * theta
    return g[1:], float(g[0])


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        dw, db = log_loss_grad(w, b, X, y, l2)
        w, b = w - lr * dw, b - lr * db
    return w, b


def predict_proba(X, w, b):
    return sigmoid(X @ w + b)
