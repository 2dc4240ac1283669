# mlprep: top_k
# expect: slow full_sort
# correct everywhere, but top_k_partition does a full np.argsort of all n scores (O(n log n)) instead of argpartition
import heapq

import numpy as np


def top_k_heap(scores, k):
    if not 0 <= k <= len(scores):
        raise ValueError("k must be between 0 and len(scores)")
    return [int(i) for i in heapq.nlargest(k, range(len(scores)), key=scores.__getitem__)]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    if not 0 <= k <= len(scores):
        raise ValueError("k must be between 0 and len(scores)")
    return np.argsort(-scores, kind="stable")[:k]


def cosine_top_k(query, corpus, k):
    if not 0 <= k <= len(corpus):
        raise ValueError("k must be between 0 and len(corpus)")
    denom = np.linalg.norm(corpus, axis=1) * np.linalg.norm(query)
    sims = np.divide(corpus @ query, denom, out=np.zeros(len(corpus)), where=denom > 0)
    return top_k_partition(sims, k)
