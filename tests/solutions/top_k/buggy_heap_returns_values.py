# mlprep: top_k
# expect: fail heap_returns_values
# top_k_heap returns the k largest score values (heapq.nlargest(k, scores)) instead of their indices
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k > len(scores):
        raise ValueError("k > n")
    return heapq.nlargest(k, scores)


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    n = scores.shape[0]
    if k > n:
        raise ValueError("k > n")
    if k == 0:
        return np.array([], dtype=int)
    idx = np.argpartition(scores, n - k)[n - k:]
    return idx[np.argsort(-scores[idx])]


def cosine_top_k(query, corpus, k):
    if k > corpus.shape[0]:
        raise ValueError("k > n")
    norms = np.maximum(np.linalg.norm(corpus, axis=1), 1e-12)
    qn = max(np.linalg.norm(query), 1e-12)
    return top_k_partition(corpus @ query / (norms * qn), k)
