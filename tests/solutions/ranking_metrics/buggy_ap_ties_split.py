# mlprep: ranking_metrics
# expect: fail ap_ties_split
"""The textbook IR average precision: mean of precision@rank at each positive, ties split by position."""

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
    if not y.any():
        raise ValueError("no positives")
    ranked = y[np.argsort(-np.asarray(scores, dtype=float), kind="stable")]
    hits = 0
    total = 0.0
    for rank, is_pos in enumerate(ranked, start=1):
        if is_pos:
            hits += 1
            total += hits / rank
    return total / hits


def ndcg_at_k(relevance, scores, k):
    rel = np.asarray(relevance, dtype=float)
    k = min(k, rel.size)
    d = 1 / np.log2(np.arange(2, k + 2))
    idcg = np.sort(rel)[::-1][:k] @ d
    return 0.0 if idcg == 0 else float(rel[np.argsort(-np.asarray(scores))][:k] @ d / idcg)
