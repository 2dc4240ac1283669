# mlprep: ranking_metrics
# expect: slow auc_all_pairs
"""AUC straight from its definition: a double loop over positives and negatives."""

import numpy as np


def roc_auc(y_true, scores):
    pos = [float(s) for s, y in zip(scores, y_true) if y == 1]
    neg = [float(s) for s, y in zip(scores, y_true) if y != 1]
    if not pos or not neg:
        raise ValueError("need both classes")
    total = 0.0
    for p in pos:
        for q in neg:
            if p > q:
                total += 1.0
            elif p == q:
                total += 0.5
    return total / (len(pos) * len(neg))


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
