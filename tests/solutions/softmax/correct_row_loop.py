# mlprep: softmax
# expect: pass
# flattens to 2-D and loops over the rows in Python with math.log/math.exp-style per-row stabilisation; CE via loop too
import math

import numpy as np


def _rows(x):
    x = np.asarray(x, dtype=np.float64)
    return x, x.reshape(-1, x.shape[-1])


def log_softmax(x):
    x, flat = _rows(x)
    out = np.empty_like(flat)
    for i, row in enumerate(flat):
        m = row.max()
        out[i] = row - (m + math.log(np.exp(row - m).sum()))
    return out.reshape(x.shape)


def softmax(x):
    x, flat = _rows(x)
    out = np.empty_like(flat)
    for i, row in enumerate(flat):
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
    return out.reshape(x.shape)


def cross_entropy(logits, y):
    logits = np.asarray(logits, dtype=np.float64)
    total = 0.0
    for row, label in zip(logits, y):
        m = row.max()
        lse = m + math.log(np.exp(row - m).sum())
        total += lse - row[int(label)]
    return total / len(logits)


def softmax_ce_grad(logits, y):
    p = softmax(logits)
    n = p.shape[0]
    for i, label in enumerate(y):
        p[i, int(label)] -= 1.0
    return p / n
