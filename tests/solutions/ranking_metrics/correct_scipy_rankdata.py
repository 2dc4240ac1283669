# mlprep: ranking_metrics
# expect: pass
"""scipy's rankdata for the Mann-Whitney form of AUC; AP by walking the runs of tied scores."""

import math

import numpy as np
from scipy.stats import rankdata


def roc_auc(y_true, scores):
    y = np.asarray(y_true, dtype=float)
    n1 = int(np.count_nonzero(y == 1))
    n0 = y.size - n1
    if min(n1, n0) == 0:
        raise ValueError("roc_auc is undefined with a single class")
    r = rankdata(scores)  # method="average"
    u = r[y == 1].sum() - n1 * (n1 + 1) / 2
    return float(u) / (n1 * n0)


def average_precision(y_true, scores):
    y = np.asarray(y_true, dtype=float)
    s = np.asarray(scores, dtype=float)
    total = y.sum()
    if total == 0:
        raise ValueError("average precision needs a positive")
    idx = np.argsort(-s, kind="stable")
    s, y = s[idx], y[idx]
    change = np.flatnonzero(np.diff(s) != 0)
    cut = np.append(change, s.size - 1)  # last index of each tie run
    tp = np.cumsum(y)[cut]
    precision = tp / (cut + 1)
    recall = tp / total
    previous = np.concatenate(([0.0], recall[:-1]))
    return float(((recall - previous) * precision).sum())


def ndcg_at_k(relevance, scores, k):
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ideal = sorted(relevance, reverse=True)
    dcg = sum(relevance[i] / math.log2(pos + 2) for pos, i in enumerate(order[:k]))
    idcg = sum(r / math.log2(pos + 2) for pos, r in enumerate(ideal[:k]))
    return 0.0 if idcg == 0 else float(dcg / idcg)
