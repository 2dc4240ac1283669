# mlprep: softmax
# expect: fail ce_epsilon_clip
# cross_entropy as -log(softmax + 1e-9): caps the loss near 20.7 for extreme logits
import numpy as np


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    ex = np.exp(x)
    return ex / ex.sum(axis=-1, keepdims=True)


def log_softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return x - np.log(np.exp(x).sum(axis=-1, keepdims=True))


def cross_entropy(logits, y):
    probs = softmax(logits)
    n = probs.shape[0]
    correct = probs[np.arange(n), y]
    return float(np.mean(-np.log(correct + 1e-9)))


def softmax_ce_grad(logits, y):
    n = logits.shape[0]
    grad = softmax(logits)
    grad[np.arange(n), y] -= 1
    grad /= n
    return grad
