# mlprep: top_k
# expect: fail partition_unsorted
# top_k_partition returns argpartition's last k positions as they come: never sorted by score
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
        return np.array([], dtype=int)
    return np.argpartition(scores, -k)[-k:]


def cosine_top_k(query, corpus, k):
    norms = np.linalg.norm(corpus, axis=1) * np.linalg.norm(query)
    sims = np.where(norms > 0, corpus @ query / np.where(norms > 0, norms, 1.0), 0.0)
    order = np.argsort(-sims, kind="stable")
    return order[:k]
