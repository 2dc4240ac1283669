# mlprep: softmax
# expect: pass
# log-normaliser from np.logaddexp.reduce; grad built with np.add.at; cross_entropy returns a Python float
import numpy as np


def _log_norm(x):
    return np.logaddexp.reduce(x, axis=-1, keepdims=True)


def softmax(x):
    return np.exp(x - _log_norm(x))


def log_softmax(x):
    return x - _log_norm(x)


def cross_entropy(logits, y):
    rows = np.arange(len(y))
    nll = _log_norm(logits)[:, 0] - logits[rows, y]
    return float(nll.sum() / len(y))


def softmax_ce_grad(logits, y):
    n = logits.shape[0]
    target = np.zeros_like(logits, dtype=float)
    np.add.at(target, (np.arange(n), np.asarray(y)), 1.0)
    return (softmax(logits) - target) / n
