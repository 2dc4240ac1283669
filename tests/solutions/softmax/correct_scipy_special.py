# mlprep: softmax
# expect: pass
# delegates to scipy.special.softmax / log_softmax; one-hot by comparing an arange; cross_entropy returns np.float64
import numpy as np
from scipy import special


def softmax(x):
    return special.softmax(x, axis=-1)


def log_softmax(x):
    return special.log_softmax(x, axis=-1)


def cross_entropy(logits, y):
    y = np.asarray(y)
    lp = special.log_softmax(logits, axis=1)
    return np.mean(-lp[np.arange(y.shape[0]), y])


def softmax_ce_grad(logits, y):
    y = np.asarray(y)
    n, c = logits.shape
    one_hot = (np.arange(c)[None, :] == y[:, None]).astype(float)
    return (special.softmax(logits, axis=1) - one_hot) / n
