# mlprep: softmax
# expect: fail unstable_softmax
# softmax exponentiates x directly without subtracting the row max (overflow at |x| ~ 1e4); the rest is stable
import numpy as np


def softmax(x):
    total = np.exp(x).sum(axis=-1)
    return np.exp(x) / np.expand_dims(total, -1)


def log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def cross_entropy(logits, y):
    lp = log_softmax(logits)
    return float(-lp[np.arange(len(y)), y].mean())


def softmax_ce_grad(logits, y):
    n = logits.shape[0]
    g = softmax(logits)
    g[np.arange(n), y] -= 1
    return g / n
