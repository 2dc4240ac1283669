# mlprep: ranking_metrics
# expect: slow auc_all_pairs
"""AUC from an n x n matrix of score comparisons, masked to positive-negative pairs."""

import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true) == 1
    if y.all() or not y.any():
        raise ValueError("one class")
    s = np.asarray(scores, dtype=float)
    gt = s[:, None] > s[None, :]
    eq = s[:, None] == s[None, :]
    pair = y[:, None] & ~y[None, :]
    return float((gt[pair].sum() + 0.5 * eq[pair].sum()) / (y.sum() * (~y).sum()))


def average_precision(y_true, scores):
    y = np.asarray(y_true) == 1
    if not y.any():
        raise ValueError
    s = np.asarray(scores, dtype=float)
    order = np.argsort(-s, kind="stable")
    ss, yy = s[order], y[order]
    tp = np.cumsum(yy)
    ends = np.r_[np.nonzero(np.diff(ss))[0], len(ss) - 1]
    prec = tp[ends] / (ends + 1)
    rec = tp[ends] / y.sum()
    return float(np.sum((rec - np.r_[0, rec[:-1]]) * prec))


def ndcg_at_k(relevance, scores, k):
    rel = np.asarray(relevance, float)
    k = min(k, len(rel))
    d = 1 / np.log2(np.arange(k) + 2)
    idcg = np.sort(rel)[::-1][:k] @ d
    return 0.0 if idcg == 0 else float(rel[np.argsort(-np.asarray(scores))[:k]] @ d / idcg)
