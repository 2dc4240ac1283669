# mlprep: softmax
# expect: fail
# cross_entropy returns a 1-element array, not a scalar float

import numpy as np


def softmax(x):
    """Probabilities over the last axis; shifting by the row max keeps exp() from overflowing."""
    shifted = x - x.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(x):
    """log(softmax(x)) without ever taking log of a probability that underflowed to 0."""
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def cross_entropy(logits, y):
    """Mean negative log-likelihood of integer labels y (N,) under logits (N, C); exact, no epsilon."""
    n = logits.shape[0]
    return np.atleast_1d(-log_softmax(logits)[np.arange(n), y].mean())


def softmax_ce_grad(logits, y):
    """d(mean cross-entropy)/d(logits) = (softmax(logits) - one_hot(y)) / N."""
    n = logits.shape[0]
    grad = softmax(logits)
    grad[np.arange(n), y] -= 1.0
    return grad / n
