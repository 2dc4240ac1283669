# mlprep: softmax
# expect: fail
# cross_entropy indexes log_probs[:, y] (an N x N block of every row at every label) instead of [arange(N), y]
import numpy as np


def softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(x):
    s = x - np.max(x, axis=-1, keepdims=True)
    return s - np.log(np.sum(np.exp(s), axis=-1, keepdims=True))


def cross_entropy(logits, y):
    log_probs = log_softmax(logits)
    return float(-np.mean(log_probs[:, y]))


def softmax_ce_grad(logits, y):
    n, c = logits.shape
    one_hot = np.eye(c)[y]
    return (softmax(logits) - one_hot) / n
