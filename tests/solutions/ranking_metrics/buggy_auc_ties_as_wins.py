# mlprep: ranking_metrics
# expect: fail auc_ties_as_wins
"""Counts, for each positive, the negatives scoring at most as much: a tie is a full win."""

import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    s = np.asarray(scores, dtype=float)
    if y.all() or not y.any():
        raise ValueError("one class")
    neg = s[~y]
    order = np.sort(neg)
    beaten = np.searchsorted(order, s[y], side="right")  # negatives with score <= the positive's
    return float(beaten.sum() / (y.sum() * neg.size))


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
    rel = np.asarray(relevance, dtype=float)
    k = min(k, rel.size)
    d = 1 / np.log2(np.arange(2, k + 2))
    idcg = np.sort(rel)[::-1][:k] @ d
    return 0.0 if idcg == 0 else float(rel[np.argsort(-np.asarray(scores))][:k] @ d / idcg)
