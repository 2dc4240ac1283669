# mlprep: softmax
# expect: fail grad_sign_flipped
# softmax_ce_grad computes (one_hot - softmax) / N, the negative of the gradient
import numpy as np


def softmax(x):
    z = x - np.amax(x, axis=-1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=-1, keepdims=True)


def log_softmax(x):
    z = x - np.amax(x, axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def cross_entropy(logits, y):
    lp = log_softmax(logits)
    return float(-lp[np.arange(lp.shape[0]), y].mean())


def softmax_ce_grad(logits, y):
    n, c = logits.shape
    y_onehot = np.eye(c)[y]
    return (y_onehot - softmax(logits)) / n
