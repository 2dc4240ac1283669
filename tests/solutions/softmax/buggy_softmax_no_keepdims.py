# mlprep: softmax
# expect: fail softmax_no_keepdims
# softmax's row max and row sum are taken without keepdims: shape error for non-square input, wrong values for square
import numpy as np


def softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1)


def log_softmax(x):
    s = x - np.max(x, axis=-1, keepdims=True)
    return s - np.log(np.sum(np.exp(s), axis=-1, keepdims=True))


def cross_entropy(logits, y):
    n = logits.shape[0]
    return float(-log_softmax(logits)[np.arange(n), y].mean())


def softmax_ce_grad(logits, y):
    n = logits.shape[0]
    p = softmax(logits)
    p[np.arange(n), y] -= 1.0
    return p / n
