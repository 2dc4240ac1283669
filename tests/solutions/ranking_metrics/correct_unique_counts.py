# mlprep: ranking_metrics
# expect: pass
"""Group equal scores with np.unique and count positives and negatives per distinct score."""

import numpy as np


def _groups(y_true, scores):
    values, inverse = np.unique(np.asarray(scores, dtype=float), return_inverse=True)
    y = np.asarray(y_true).astype(bool)
    pos = np.bincount(inverse, weights=y, minlength=values.size)
    neg = np.bincount(inverse, weights=~y, minlength=values.size)
    return pos, neg  # ascending score order


def roc_auc(y_true, scores):
    pos, neg = _groups(y_true, scores)
    n_pos, n_neg = pos.sum(), neg.sum()
    if n_pos == 0 or n_neg == 0:
        raise ValueError("need both classes")
    neg_below = np.cumsum(neg) - neg
    return float(np.sum(pos * (neg_below + 0.5 * neg)) / (n_pos * n_neg))


def average_precision(y_true, scores):
    pos, neg = _groups(y_true, scores)
    pos, neg = pos[::-1], neg[::-1]  # highest score first
    if pos.sum() == 0:
        raise ValueError("no positive labels")
    tp = np.cumsum(pos)
    seen = np.cumsum(pos + neg)
    return float(np.sum(pos / pos.sum() * tp / seen))


def ndcg_at_k(relevance, scores, k):
    rel = np.asarray(relevance, dtype=float)
    k = min(int(k), rel.size)
    weights = 1.0 / np.log2(np.arange(k) + 2.0)
    idcg = np.sum(np.sort(rel)[-k:][::-1] * weights)
    if idcg == 0:
        return 0.0
    top = rel[np.argsort(np.asarray(scores))[::-1][:k]]
    return float(np.sum(top * weights) / idcg)
