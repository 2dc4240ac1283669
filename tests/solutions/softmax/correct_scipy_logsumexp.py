# mlprep: softmax
# expect: pass
# everything through scipy.special.logsumexp; cross_entropy via take_along_axis; grad via an np.eye one-hot matrix
import numpy as np
from scipy.special import logsumexp


def log_softmax(x):
    return x - logsumexp(x, axis=-1, keepdims=True)


def softmax(x):
    return np.exp(log_softmax(x))


def cross_entropy(logits, y):
    y = np.asarray(y, dtype=np.intp)
    picked = np.take_along_axis(log_softmax(logits), y[:, None], axis=1)
    return -picked.mean()


def softmax_ce_grad(logits, y):
    n, c = logits.shape
    one_hot = np.eye(c)[np.asarray(y)]
    return (softmax(logits) - one_hot) / n
