# mlprep: logistic_regression
# expect: pass
"""The bias as a column of ones, with a penalty mask that leaves it out."""
import numpy as np


def sigmoid(z):
    z = np.array(z, dtype=float)
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


def _design(X):
    return np.hstack([X, np.ones((X.shape[0], 1))])


def _theta(w, b):
    return np.append(w, b)


def _mask(d):
    m = np.ones(d + 1)
    m[-1] = 0.0  # the bias is not penalised
    return m


def log_loss(w, b, X, y, l2=0.0):
    A, th = _design(X), _theta(w, b)
    z = A @ th
    reg = 0.5 * l2 * np.sum(_mask(len(w)) * th ** 2)
    return float(np.mean(np.logaddexp(0, z) - y * z) + reg)


def _grad_theta(th, A, y, l2):
    return A.T @ (sigmoid(A @ th) - y) / A.shape[0] + l2 * _mask(A.shape[1] - 1) * th


def log_loss_grad(w, b, X, y, l2=0.0):
    g = _grad_theta(_theta(w, b), _design(X), y, l2)
    return g[:-1], float(g[-1])


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    A = _design(X)
    th = np.zeros(A.shape[1])
    for _ in range(n_iter):
        th = th - lr * _grad_theta(th, A, y, l2)
    return th[:-1].copy(), float(th[-1])


def predict_proba(X, w, b):
    return sigmoid(np.asarray(X) @ np.asarray(w) + b)
