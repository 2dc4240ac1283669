# mlprep: softmax
# expect: fail
# log_softmax computes the shifted log-sum-exp but subtracts it from x instead of x - max (off by the row max)
import numpy as np


def softmax(x):
    shifted = x - x.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(x):
    shifted = x - x.max(axis=-1, keepdims=True)
    return x - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def cross_entropy(logits, y):
    lp = log_softmax(logits)
    return float(-np.mean(lp[np.arange(len(y)), y]))


def softmax_ce_grad(logits, y):
    g = softmax(logits)
    g[np.arange(len(y)), y] -= 1.0
    return g / len(y)
