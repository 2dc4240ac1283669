# mlprep: logistic_regression
# expect: fail sequential_update
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def log_loss(w, b, X, y, l2=0.0):
    z = X @ w + b
    return float(np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * np.sum(w * w))


def log_loss_grad(w, b, X, y, l2=0.0):
    r = sigmoid(X @ w + b) - y
    return X.T @ r / len(y) + l2 * w, float(np.mean(r))


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(n_iter):
        p = sigmoid(X @ w + b)
        w = w - lr * (X.T @ (p - y) / len(y) + l2 * w)
        p = sigmoid(X @ w + b)  # recomputed with the new w
        b = b - lr * float(np.mean(p - y))
    return w, b


def predict_proba(X, w, b):
    return sigmoid(X @ w + b)
