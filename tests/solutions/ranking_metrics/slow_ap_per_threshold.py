# mlprep: ranking_metrics
# expect: slow ap_threshold_loop
"""AP by recomputing precision and recall with a mask for every distinct score."""

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
    n_pos = y.sum()
    if n_pos == 0:
        raise ValueError("no positives")
    ap, prev_recall = 0.0, 0.0
    for t in sorted(set(s.tolist()), reverse=True):
        above = s >= t
        tp = np.count_nonzero(y & above)
        recall = tp / n_pos
        ap += (recall - prev_recall) * tp / np.count_nonzero(above)
        prev_recall = recall
    return float(ap)


def ndcg_at_k(relevance, scores, k):
    rel = np.asarray(relevance, dtype=float)
    k = min(k, rel.size)
    d = 1 / np.log2(np.arange(2, k + 2))
    idcg = np.sort(rel)[::-1][:k] @ d
    return 0.0 if idcg == 0 else float(rel[np.argsort(-np.asarray(scores))][:k] @ d / idcg)
