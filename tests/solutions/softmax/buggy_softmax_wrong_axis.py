# mlprep: softmax
# expect: fail softmax_wrong_axis
# softmax normalises over axis 0 (down the columns) instead of the last axis
import numpy as np
from scipy.special import logsumexp


def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def log_softmax(x):
    return x - logsumexp(x, axis=-1, keepdims=True)


def cross_entropy(logits, y):
    rows = np.arange(logits.shape[0])
    return float(np.mean(-log_softmax(logits)[rows, y]))


def softmax_ce_grad(logits, y):
    n = logits.shape[0]
    p = np.exp(log_softmax(logits))
    p[np.arange(n), y] -= 1.0
    return p / n
