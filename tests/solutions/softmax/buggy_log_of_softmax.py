# mlprep: softmax
# expect: fail log_of_softmax
# log_softmax is np.log(softmax(x)), which gives -inf for extreme logits (and cross_entropy inherits it)
import numpy as np


def softmax(x):
    shifted = x - x.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)


def log_softmax(x):
    probs = np.exp(x - x.max(axis=-1, keepdims=True))
    probs /= probs.sum(axis=-1, keepdims=True)
    return np.log(probs)


def cross_entropy(logits, y):
    log_probs = log_softmax(logits)
    return float(-np.mean(log_probs[np.arange(logits.shape[0]), y]))


def softmax_ce_grad(logits, y):
    probs = softmax(logits)
    probs[np.arange(len(y)), y] -= 1
    return probs / len(y)
