# mlprep: logistic_regression
# expect: fail log_of_probabilities
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def log_loss(w, b, X, y, l2=0.0):
    p = sigmoid(X @ w + b)
    ll = y * np.log(p) + (1 - y) * np.log1p(-p)
    return float(-ll.mean() + 0.5 * l2 * w @ w)


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
