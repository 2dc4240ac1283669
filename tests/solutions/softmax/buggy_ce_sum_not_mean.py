# mlprep: softmax
# expect: fail ce_sum_not_mean
# cross_entropy sums the per-example losses instead of averaging them
import numpy as np
from scipy.special import logsumexp


def softmax(x):
    return np.exp(x - logsumexp(x, axis=-1, keepdims=True))


def log_softmax(x):
    return x - logsumexp(x, axis=-1, keepdims=True)


def cross_entropy(logits, y):
    idx = np.arange(logits.shape[0])
    losses = logsumexp(logits, axis=1) - logits[idx, y]
    return float(np.sum(losses))


def softmax_ce_grad(logits, y):
    n, c = logits.shape
    one_hot = np.zeros((n, c))
    one_hot[np.arange(n), y] = 1
    return (softmax(logits) - one_hot) / n
