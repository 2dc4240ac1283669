# mlprep: softmax
# expect: fail grad_not_divided_by_n
# softmax_ce_grad returns softmax - one_hot without dividing by the batch size N
import numpy as np


def softmax(x):
    m = x.max(axis=-1, keepdims=True)
    e = np.exp(x - m)
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return (x - m) - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def cross_entropy(logits, y):
    return float(-np.mean(log_softmax(logits)[np.arange(len(y)), y]))


def softmax_ce_grad(logits, y):
    p = softmax(logits)
    one_hot = np.zeros_like(p)
    one_hot[np.arange(len(y)), y] = 1.0
    return p - one_hot
