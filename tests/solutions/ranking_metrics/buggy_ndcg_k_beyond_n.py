# mlprep: ranking_metrics
# expect: fail ndcg_k_beyond_n
"""NDCG by a loop over the k top positions, without capping k at the number of items."""

import math

import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    s = np.asarray(scores, dtype=float)
    if y.all() or not y.any():
        raise ValueError("one class")
    neg = np.sort(s[~y])
    lo = np.searchsorted(neg, s[y], "left")
    hi = np.searchsorted(neg, s[y], "right")
    return float((lo + hi).sum() / 2 / (y.sum() * neg.size))


def average_precision(y_true, scores):
    y = np.asarray(y_true) == 1
    s = np.asarray(scores, dtype=float)
    if not y.any():
        raise ValueError("no positives")
    o = np.argsort(-s, kind="stable")
    s, y = s[o], y[o]
    last = np.append(np.flatnonzero(s[1:] != s[:-1]), s.size - 1)
    tp = np.cumsum(y)[last]
    return float(np.sum(np.diff(tp, prepend=0) / y.sum() * tp / (last + 1)))


def ndcg_at_k(relevance, scores, k):
    relevance = np.asarray(relevance, dtype=float)
    order = np.argsort(-np.asarray(scores, dtype=float))
    dcg = 0.0
    for i in range(k):
        dcg += relevance[order[i]] / math.log2(i + 2)
    ideal = np.sort(relevance)[::-1]
    idcg = sum(ideal[i] / math.log2(i + 2) for i in range(min(k, len(ideal))))
    return dcg / idcg if idcg > 0 else 0.0
