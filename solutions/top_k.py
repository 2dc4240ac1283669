# mlprep: top_k
"""Reference solution: top-k indices with a bounded heap, with argpartition, and by cosine similarity."""

import heapq

import numpy as np


def _check_k(k, n):
    if not 0 <= k <= n:
        raise ValueError(f"k must be between 0 and {n}, got {k}")


def top_k_heap(scores, k):
    """Indices of the k largest scores, largest first; O(n log k) time and O(k) memory (streams)."""
    _check_k(k, len(scores))
    if k == 0:
        return []
    heap = []  # min-heap of (score, index): the root is the weakest of the current top k
    for i, s in enumerate(scores):
        if len(heap) < k:
            heapq.heappush(heap, (s, i))
        elif s > heap[0][0]:
            heapq.heapreplace(heap, (s, i))
    return [i for _, i in sorted(heap, reverse=True)]


def top_k_partition(scores, k):
    """Indices of the k largest scores, largest first; O(n + k log k) with argpartition."""
    scores = np.asarray(scores)
    n = scores.shape[0]
    _check_k(k, n)
    if k == 0:
        return np.empty(0, dtype=np.int64)
    top = np.argpartition(scores, n - k)[n - k:]
    return top[np.argsort(-scores[top], kind="stable")]


def cosine_top_k(query, corpus, k):
    """Indices of the k corpus rows most cosine-similar to query; a zero vector has similarity 0."""
    norms = np.linalg.norm(corpus, axis=1) * np.linalg.norm(query)
    sims = np.divide(corpus @ query, norms, out=np.zeros(corpus.shape[0]), where=norms > 0)
    return top_k_partition(sims, k)
