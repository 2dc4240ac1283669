# mlprep: top_k
# expect: pass
# nlargest over enumerate(scores) with itemgetter; argpartition(scores, -k) guarded for k == 0; cosine via errstate + nan_to_num
import heapq
from operator import itemgetter

import numpy as np


def top_k_heap(scores, k):
    if k > len(scores):
        raise ValueError("k > n")
    best = heapq.nlargest(k, enumerate(scores), key=itemgetter(1))
    return [int(i) for i, _ in best]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    if k > len(scores):
        raise ValueError("k > n")
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(scores, -k)[-k:]
    return top[np.argsort(-scores[top], kind="stable")]


def cosine_top_k(query, corpus, k):
    if k > corpus.shape[0]:
        raise ValueError("k > n")
    with np.errstate(invalid="ignore", divide="ignore"):
        sims = (corpus @ query) / (np.linalg.norm(corpus, axis=1) * np.linalg.norm(query))
    sims = np.nan_to_num(sims, nan=0.0)
    return top_k_partition(sims, k)
