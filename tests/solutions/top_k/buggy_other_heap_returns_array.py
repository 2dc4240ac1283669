# mlprep: top_k
# expect: fail
# the heap version returns np.array of the indices where the prompt promises a Python list of ints
import heapq

import numpy as np


def top_k_heap(scores, k):
    if not 0 <= k <= len(scores):
        raise ValueError("k out of range")
    if k == 0:
        return np.empty(0, dtype=int)
    heap = []
    for i, s in enumerate(scores):
        if len(heap) < k:
            heapq.heappush(heap, (s, i))
        elif s > heap[0][0]:
            heapq.heapreplace(heap, (s, i))
    return np.array([i for _, i in sorted(heap, reverse=True)], dtype=int)


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
    return top_k_partition(sims, k)
