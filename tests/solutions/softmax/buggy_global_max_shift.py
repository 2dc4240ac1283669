# mlprep: softmax
# expect: fail global_max_shift
# shifts by the max of the whole array instead of each row's max (a row near 0 underflows when another is near 1000)
import numpy as np


def softmax(x):
    z = x - np.max(x)
    ez = np.exp(z)
    return ez / np.sum(ez, axis=-1, keepdims=True)


def log_softmax(x):
    z = x - np.max(x)
    return z - np.log(np.sum(np.exp(z), axis=-1, keepdims=True))


def cross_entropy(logits, y):
    n = logits.shape[0]
    return -np.sum(log_softmax(logits)[np.arange(n), y]) / n


def softmax_ce_grad(logits, y):
    n, c = logits.shape
    onehot = np.zeros((n, c))
    onehot[np.arange(n), y] = 1.0
    return (softmax(logits) - onehot) / n
