# mlprep: top_k
# expect: fail heap_keeps_smallest
# heapq.nsmallest where nlargest was meant: the k smallest scores, smallest first
import heapq

import numpy as np


def top_k_heap(scores, k):
    if not 0 <= k <= len(scores):
        raise ValueError("k must be between 0 and len(scores)")
    pairs = zip(scores, range(len(scores)))
    return [i for _, i in heapq.nsmallest(k, pairs)]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    n = len(scores)
    if not 0 <= k <= n:
        raise ValueError("k must be between 0 and len(scores)")
    if k == 0:
        return np.empty(0, dtype=np.int64)
    top = np.argpartition(scores, n - k)[n - k:]
    return top[np.argsort(-scores[top], kind="stable")]


def cosine_top_k(query, corpus, k):
    norms = np.linalg.norm(corpus, axis=1) * np.linalg.norm(query)
    sims = np.divide(corpus @ query, norms, out=np.zeros(len(corpus)), where=norms > 0)
    return top_k_partition(sims, k)
