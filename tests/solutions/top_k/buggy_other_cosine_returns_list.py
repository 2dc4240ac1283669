# mlprep: top_k
# expect: fail
# cosine_top_k returns .tolist() of the ranked indices where the prompt promises an integer ndarray
import heapq

import numpy as np


def top_k_heap(scores, k):
    if not 0 <= k <= len(scores):
        raise ValueError("k out of range")
    return [i for _, i in heapq.nlargest(k, ((s, i) for i, s in enumerate(scores)))]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    if not 0 <= k <= len(scores):
        raise ValueError("k out of range")
    if k == 0:
        return np.empty(0, dtype=int)
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.argsort(-scores[top])]


def cosine_top_k(query, corpus, k):
    norms = np.linalg.norm(corpus, axis=1) * np.linalg.norm(query)
    sims = np.divide(corpus @ query, norms, out=np.zeros(len(corpus)), where=norms > 0)
    return top_k_partition(sims, k).tolist()
