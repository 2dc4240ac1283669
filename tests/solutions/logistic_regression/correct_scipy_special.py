# mlprep: logistic_regression
# expect: pass
"""Everything through scipy.special: expit for the sigmoid, log_expit for log-probabilities."""
import numpy as np
from scipy.special import expit, log_expit


def sigmoid(z):
    return expit(np.asarray(z, dtype=float))


def log_loss(w, b, X, y, l2=0.0):
    logits = X.dot(w) + b
    nll = -(y * log_expit(logits) + (1.0 - y) * log_expit(-logits))
    return float(np.mean(nll)) + 0.5 * l2 * float(np.sum(w ** 2))


def log_loss_grad(w, b, X, y, l2=0.0):
    residual = expit(X.dot(w) + b) - y
    return X.T.dot(residual) / X.shape[0] + l2 * w, float(np.mean(residual))


def fit_logistic(X, y, lr=0.1, n_iter=1000, l2=0.0):
    w = np.zeros(X.shape[1])
    b = 0.0
    step = 0
    while step < n_iter:
        g = log_loss_grad(w, b, X, y, l2)
        w -= lr * g[0]
        b -= lr * g[1]
        step += 1
    return w, b


def predict_proba(X, w, b):
    return expit(X.dot(w) + b)
