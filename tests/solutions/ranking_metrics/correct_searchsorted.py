# mlprep: ranking_metrics
# expect: pass
"""Count, for every positive, the negatives strictly below and the ties, by binary search."""

import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true)
    s = np.asarray(scores, dtype=float)
    pos, neg = s[y == 1], np.sort(s[y != 1])
    if pos.size == 0 or neg.size == 0:
        raise ValueError("one class only")
    below = np.searchsorted(neg, pos, side="left")
    at_most = np.searchsorted(neg, pos, side="right")
    wins = below.sum() + 0.5 * (at_most - below).sum()
    return float(wins / (pos.size * neg.size))


def average_precision(y_true, scores):
    y = np.asarray(y_true) == 1
    s = np.asarray(scores, dtype=float)
    if not y.any():
        raise ValueError("no positives")
    thresholds = np.unique(s)[::-1]
    asc_all = np.sort(s)
    # items (and positives) scoring >= each threshold
    predicted = s.size - np.searchsorted(asc_all, thresholds, side="left")
    tp = y.sum() - np.searchsorted(np.sort(s[y]), thresholds, side="left")
    recall = tp / y.sum()
    steps = np.diff(np.concatenate([[0.0], recall]))
    return float(np.dot(steps, tp / predicted))


def ndcg_at_k(relevance, scores, k):
    relevance = np.asarray(relevance, dtype=float)
    n = len(relevance)
    if k > n:
        k = n
    ranks = np.arange(1, k + 1)
    disc = np.log2(ranks + 1)
    got = relevance[np.argsort(-np.asarray(scores, dtype=float))][:k]
    best = -np.sort(-relevance)[:k]
    ideal = (best / disc).sum()
    return float((got / disc).sum() / ideal) if ideal > 0 else 0.0
