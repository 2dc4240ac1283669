# mlprep: top_k
# expect: fail
# top_k_partition slices from n - k + 1, so it returns only k - 1 indices
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k > len(scores):
        raise ValueError("k > n")
    return [int(i) for i in heapq.nlargest(k, range(len(scores)), key=scores.__getitem__)]


def top_k_partition(scores, k):
    n = len(scores)
    if k > n:
        raise ValueError("k > n")
    if k == 0:
        return np.array([], dtype=int)
    idx = np.argpartition(scores, n - k)[n - k + 1:]
    return idx[np.argsort(scores[idx])[::-1]]


def cosine_top_k(query, corpus, k):
    if k > len(corpus):
        raise ValueError("k > n")
    denom = np.linalg.norm(corpus, axis=1) * np.linalg.norm(query)
    sims = np.divide(corpus @ query, denom, out=np.zeros(len(corpus)), where=denom > 0)
    if k == 0:
        return np.array([], dtype=int)
    idx = np.argpartition(-sims, k - 1)[:k]
    return idx[np.argsort(-sims[idx])]
