# mlprep: top_k
# expect: pass
# heapq.nlargest with a key over the indices; argpartition on -scores; cosine with np.divide(..., where=norm > 0)
import heapq

import numpy as np


def _check_k(k, n):
    if k < 0 or k > n:
        raise ValueError(f"k must be in [0, {n}], got {k}")


def top_k_heap(scores, k):
    n = len(scores)
    _check_k(k, n)
    return [int(i) for i in heapq.nlargest(k, range(n), key=scores.__getitem__)]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    n = scores.shape[0]
    _check_k(k, n)
    if k == 0:
        return np.empty(0, dtype=np.intp)
    neg = -scores
    idx = np.argpartition(neg, k - 1)[:k]
    return idx[np.argsort(neg[idx])]


def cosine_top_k(query, corpus, k):
    corpus = np.asarray(corpus, dtype=float)
    query = np.asarray(query, dtype=float)
    _check_k(k, corpus.shape[0])
    dots = corpus @ query
    norms = np.linalg.norm(corpus, axis=1) * np.linalg.norm(query)
    sims = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
    return top_k_partition(sims, k)
