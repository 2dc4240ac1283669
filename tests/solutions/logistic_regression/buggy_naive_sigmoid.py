# mlprep: logistic_regression
# expect: fail naive_sigmoid
"""Picks the 'stable' form per element with np.where, but np.where evaluates both forms everywhere."""
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def log_loss(w, b, X, y, l2=0.0):
    z = X @ w + b
    return float(np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * np.sum(w * w))


def log_loss_grad(w, b, X, y, l2=0.0):
    r = sigmoid(X @ w + b) - y
    return X.T @ r / len(y) + l2 * w, float(np.mean(r))


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        dw, db = log_loss_grad(w, b, X, y, l2)
        w, b = w - lr * dw, b - lr * db
    return w, b


def predict_proba(X, w, b):
    return sigmoid(X @ w + b)
