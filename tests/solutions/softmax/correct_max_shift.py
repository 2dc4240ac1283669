# mlprep: softmax
# expect: pass
# textbook per-row max shift; cross_entropy by fancy indexing; grad by subtracting 1 at the labels of a copy
import numpy as np


def softmax(x):
    x = np.asarray(x, dtype=float)
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(x):
    x = np.asarray(x, dtype=float)
    shifted = x - np.max(x, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def cross_entropy(logits, y):
    y = np.asarray(y)
    logp = log_softmax(logits)
    n = logp.shape[0]
    return float(-np.mean(logp[np.arange(n), y]))


def softmax_ce_grad(logits, y):
    y = np.asarray(y)
    grad = softmax(logits)  # a fresh array, safe to modify
    n = grad.shape[0]
    grad[np.arange(n), y] -= 1.0
    return grad / n
