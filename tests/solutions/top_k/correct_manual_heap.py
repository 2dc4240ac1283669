# mlprep: top_k
# expect: pass
# hand-rolled size-k min-heap with heappushpop; argpartition(scores, n - k) tail; cosine clips norms with np.maximum
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k > len(scores) or k < 0:
        raise ValueError("k out of range")
    heap = []
    for i, s in enumerate(scores):
        item = (s, i)
        if len(heap) < k:
            heapq.heappush(heap, item)
        elif k > 0:
            heapq.heappushpop(heap, item)
    heap.sort(reverse=True)
    return [i for _, i in heap]


def top_k_partition(scores, k):
    n = len(scores)
    if not 0 <= k <= n:
        raise ValueError("k out of range")
    if k == 0:
        return np.array([], dtype=int)
    part = np.argpartition(scores, n - k)[n - k:]
    order = np.argsort(scores[part])[::-1]
    return part[order]


def cosine_top_k(query, corpus, k):
    if k > corpus.shape[0] or k < 0:
        raise ValueError("k out of range")
    q = query / max(np.linalg.norm(query), 1e-12)
    row_norms = np.sqrt((corpus * corpus).sum(axis=1))
    c = corpus / np.maximum(row_norms, 1e-12)[:, None]
    return top_k_partition(c @ q, k)
