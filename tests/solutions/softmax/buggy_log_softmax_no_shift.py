# mlprep: softmax
# expect: fail log_softmax_no_shift
# log_softmax as x - log(sum(exp(x))) with no max shift (overflows); softmax itself is stable
import numpy as np


def softmax(x):
    m = np.max(x, axis=-1, keepdims=True)
    e = np.exp(x - m)
    return e / np.sum(e, axis=-1, keepdims=True)


def log_softmax(x):
    return x - np.log(np.sum(np.exp(x), axis=-1, keepdims=True))


def cross_entropy(logits, y):
    y = np.asarray(y)
    ls = log_softmax(logits)
    return -np.take_along_axis(ls, y[:, None], axis=-1).mean()


def softmax_ce_grad(logits, y):
    n, c = logits.shape
    return (softmax(logits) - np.eye(c)[y]) / n
