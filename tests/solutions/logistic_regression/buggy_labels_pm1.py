# mlprep: logistic_regression
# expect: fail labels_pm1
"""The margin form log(1 + exp(-y z)), which is for labels in {-1, +1}, used with 0/1 labels."""
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def log_loss(w, b, X, y, l2=0.0):
    margin = y * (X @ w + b)
    return float(np.logaddexp(0, -margin).mean() + l2 / 2 * np.sum(w * w))


def log_loss_grad(w, b, X, y, l2=0.0):
    margin = y * (X @ w + b)
    coef = -y * sigmoid(-margin)
    return X.T @ coef / len(y) + l2 * w, float(coef.mean())


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        dw, db = log_loss_grad(w, b, X, y, l2)
        w, b = w - lr * dw, b - lr * db
    return w, b


def predict_proba(X, w, b):
    return sigmoid(X @ w + b)
