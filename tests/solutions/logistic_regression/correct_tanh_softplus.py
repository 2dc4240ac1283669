# mlprep: logistic_regression
# expect: pass
"""sigmoid through tanh (bounded, never overflows); loss with a hand-written stable softplus."""
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def _softplus(t):
    return np.maximum(t, 0.0) + np.log1p(np.exp(-np.abs(t)))


def log_loss(w, b, X, y, l2=0.0):
    t = np.einsum("nd,d->n", X, w) + b
    # y = 1 costs softplus(-t), y = 0 costs softplus(t)
    losses = np.where(y == 1, _softplus(-t), _softplus(t))
    return float(np.sum(losses) / X.shape[0] + l2 * np.dot(w, w) / 2)


def log_loss_grad(w, b, X, y, l2=0.0):
    n = X.shape[0]
    p = sigmoid(np.einsum("nd,d->n", X, w) + b)
    g = p - y
    return np.einsum("nd,n->d", X, g) / n + l2 * w, float(np.sum(g) / n)


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    params = (np.zeros(X.shape[1]), 0.0)
    for _ in range(n_iter):
        grads = log_loss_grad(*params, X, y, l2)
        params = (params[0] - lr * grads[0], params[1] - lr * grads[1])
    return params


def predict_proba(X, w, b):
    return sigmoid(X @ w + b)
