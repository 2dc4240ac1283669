# mlprep: top_k
# expect: fail heap_keeps_smallest
# pushes negated scores into the size-k min-heap, so heappushpop evicts the largest scores and the k smallest survive
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k > len(scores):
        raise ValueError("k must not exceed len(scores)")
    if k == 0:
        return []
    heap = []
    for i, s in enumerate(scores):
        if len(heap) < k:
            heapq.heappush(heap, (-s, i))
        else:
            heapq.heappushpop(heap, (-s, i))
    heap.sort()
    return [i for _, i in heap]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    if k > scores.size:
        raise ValueError("k must not exceed len(scores)")
    if k == 0:
        return np.array([], dtype=np.intp)
    idx = np.argpartition(-scores, k - 1)[:k]
    return idx[np.argsort(-scores[idx])]


def cosine_top_k(query, corpus, k):
    if k > corpus.shape[0]:
        raise ValueError("k must not exceed the corpus size")
    norms = np.linalg.norm(corpus, axis=1) * np.linalg.norm(query)
    sims = np.divide(corpus @ query, norms, out=np.zeros(corpus.shape[0]), where=norms > 0)
    return top_k_partition(sims, k)
