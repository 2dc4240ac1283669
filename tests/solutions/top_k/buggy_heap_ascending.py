# mlprep: top_k
# expect: fail heap_ascending
# top_k_heap keeps the right k items but pops them off the min-heap smallest-first and never reverses
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k > len(scores):
        raise ValueError("k > len(scores)")
    heap = []
    for idx, score in enumerate(scores):
        heapq.heappush(heap, (score, idx))
        if len(heap) > k:
            heapq.heappop(heap)
    result = []
    while heap:
        result.append(heapq.heappop(heap)[1])
    return result


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    n = len(scores)
    if k > n:
        raise ValueError("k > len(scores)")
    if k == 0:
        return np.array([], dtype=int)
    sel = np.argpartition(scores, n - k)[n - k:]
    return sel[np.argsort(-scores[sel])]


def cosine_top_k(query, corpus, k):
    if k > len(corpus):
        raise ValueError("k > len(corpus)")
    norms = np.linalg.norm(corpus, axis=1)
    norms[norms == 0] = 1.0
    qn = np.linalg.norm(query) or 1.0
    sims = (corpus / norms[:, None]) @ (query / qn)
    return top_k_partition(sims, k)
