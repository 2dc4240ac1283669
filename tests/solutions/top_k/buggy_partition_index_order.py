# mlprep: top_k
# expect: fail partition_index_order
# top_k_partition gets the right k from argpartition but orders them by index (argsort of the indices), never by score
import heapq

import numpy as np


def top_k_heap(scores, k):
    if not 0 <= k <= len(scores):
        raise ValueError("bad k")
    heap = []
    for i, s in enumerate(scores):
        if len(heap) < k:
            heapq.heappush(heap, (s, i))
        elif heap and s > heap[0][0]:
            heapq.heapreplace(heap, (s, i))
    return [i for _, i in sorted(heap, reverse=True)]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    if not 0 <= k <= scores.shape[0]:
        raise ValueError("bad k")
    if k == 0:
        return np.array([], dtype=int)
    top = np.argpartition(scores, -k)[-k:]
    return top[np.argsort(top)]


def cosine_top_k(query, corpus, k):
    if not 0 <= k <= len(corpus):
        raise ValueError("bad k")
    if k == 0:
        return np.array([], dtype=int)
    row_norms = np.linalg.norm(corpus, axis=1)
    sims = (corpus @ query) / (np.maximum(row_norms, 1e-12) * max(np.linalg.norm(query), 1e-12))
    order = np.argsort(-sims, kind="stable")
    return order[:k]
