# mlprep: ranking_metrics
"""Reference solution: ROC-AUC from average ranks, average precision over distinct thresholds, NDCG@k."""

import numpy as np


def _average_ranks(scores):
    """Ranks 1..n of the scores, ascending; tied scores share the mean of the ranks they span."""
    order = np.argsort(scores, kind="mergesort")
    ordered = scores[order]
    n = ordered.shape[0]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], n]
    ranks = np.empty(n)
    ranks[order] = np.repeat((starts + 1 + ends) / 2.0, ends - starts)
    return ranks


def roc_auc(y_true, scores):
    """P(a random positive scores above a random negative), ties counting 1/2: a float, O(n log n)."""
    positive = np.asarray(y_true) == 1
    scores = np.asarray(scores, dtype=float)
    n_pos = int(positive.sum())
    n_neg = positive.shape[0] - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("roc_auc needs at least one positive and one negative label")
    ranks = _average_ranks(scores)
    wins = ranks[positive].sum() - n_pos * (n_pos + 1) / 2.0
    return float(wins / (n_pos * n_neg))


def average_precision(y_true, scores):
    """sum over thresholds of (R_n - R_{n-1}) * P_n, tied scores forming one threshold: a float."""
    positive = np.asarray(y_true) == 1
    scores = np.asarray(scores, dtype=float)
    n_pos = int(positive.sum())
    if n_pos == 0:
        raise ValueError("average_precision needs at least one positive label")
    order = np.argsort(-scores, kind="mergesort")
    ordered = scores[order]
    hits = np.cumsum(positive[order])
    last = np.r_[np.flatnonzero(ordered[1:] != ordered[:-1]), ordered.shape[0] - 1]
    tp = hits[last]
    precision = tp / (last + 1.0)
    recall = tp / n_pos
    return float(np.sum(np.diff(recall, prepend=0.0) * precision))


def ndcg_at_k(relevance, scores, k):
    """DCG of the top k by score over the DCG of the ideal top k, linear gains; 0.0 when the ideal is 0."""
    relevance = np.asarray(relevance, dtype=float)
    scores = np.asarray(scores, dtype=float)
    k = min(k, relevance.shape[0])
    order = np.argsort(-scores, kind="mergesort")
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    ranked = relevance[order[:k]]
    ideal = np.sort(relevance)[::-1][:k]
    idcg = float(ideal @ discount)
    if idcg == 0.0:
        return 0.0
    return float(ranked @ discount) / idcg
