# mlprep: ranking_metrics
# expect: pass
"""pandas: average ranks for AUC, a groupby over distinct scores for AP."""

import numpy as np
import pandas as pd


def roc_auc(y_true, scores):
    df = pd.DataFrame({"y": np.asarray(y_true) == 1, "s": np.asarray(scores, dtype=float)})
    n_pos = int(df["y"].sum())
    n_neg = len(df) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("need positives and negatives")
    ranks = df["s"].rank(method="average")
    return float((ranks[df["y"]].sum() - n_pos * (n_pos + 1) / 2) / n_pos / n_neg)


def average_precision(y_true, scores):
    df = pd.DataFrame({"y": (np.asarray(y_true) == 1).astype(int), "s": np.asarray(scores, dtype=float)})
    n_pos = df["y"].sum()
    if n_pos == 0:
        raise ValueError("need a positive")
    g = df.groupby("s", sort=True)["y"].agg(["sum", "count"]).iloc[::-1]
    tp = g["sum"].cumsum().to_numpy(dtype=float)
    k = g["count"].cumsum().to_numpy(dtype=float)
    recall = tp / n_pos
    return float(np.sum(np.diff(np.r_[0.0, recall]) * tp / k))


def ndcg_at_k(relevance, scores, k):
    s = pd.Series(np.asarray(relevance, dtype=float), index=np.asarray(scores, dtype=float))
    k = min(k, len(s))
    disc = 1 / np.log2(np.arange(2, k + 2))
    dcg = (s.sort_index(ascending=False).to_numpy()[:k] * disc).sum()
    idcg = (s.sort_values(ascending=False).to_numpy()[:k] * disc).sum()
    return 0.0 if idcg <= 0 else float(dcg / idcg)
