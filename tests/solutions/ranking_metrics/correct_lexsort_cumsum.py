# mlprep: ranking_metrics
# expect: pass
"""Sort once ascending; per run of tied scores, count negatives seen so far with a cumulative sum."""

import numpy as np


def _runs(sorted_scores):
    """Start index of every run of equal values, plus the end."""
    n = len(sorted_scores)
    starts = np.concatenate(([0], np.nonzero(sorted_scores[1:] > sorted_scores[:-1])[0] + 1))
    return starts, np.append(starts[1:], n)


def roc_auc(y_true, scores):
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(y_true, dtype=np.float64)
    if np.all(y == y[0]):
        raise ValueError("roc_auc: only one class in y_true")
    o = np.argsort(s)
    s, y = s[o], y[o]
    starts, ends = _runs(s)
    neg_cum = np.concatenate(([0.0], np.cumsum(1.0 - y)))
    pos_cum = np.concatenate(([0.0], np.cumsum(y)))
    pos_in = pos_cum[ends] - pos_cum[starts]
    neg_in = neg_cum[ends] - neg_cum[starts]
    neg_before = neg_cum[starts]
    total = (pos_in * (neg_before + neg_in / 2.0)).sum()
    return float(total / (pos_cum[-1] * neg_cum[-1]))


def average_precision(y_true, scores):
    s = -np.asarray(scores, dtype=np.float64)  # ascending in -s is descending in s
    y = np.asarray(y_true, dtype=np.float64)
    if y.sum() == 0:
        raise ValueError("average_precision: no positives")
    o = np.argsort(s)
    s, y = s[o], y[o]
    _, ends = _runs(s)
    tp = np.cumsum(y)[ends - 1]
    prec = tp / ends
    gain = np.diff(tp, prepend=0.0)
    return float((gain * prec).sum() / y.sum())


def ndcg_at_k(relevance, scores, k):
    rel = np.asarray(relevance, dtype=np.float64)
    n = rel.shape[0]
    top = min(k, n)
    d = np.log2(np.arange(top) + 2)
    ideal = np.sort(rel)[::-1][:top]
    idcg = np.sum(ideal / d)
    if not idcg > 0:
        return 0.0
    actual = rel[np.argsort(-np.asarray(scores, dtype=np.float64))[:top]]
    return float(np.sum(actual / d) / idcg)
