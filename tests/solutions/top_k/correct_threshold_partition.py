# mlprep: top_k
# expect: pass
# partition by the k-th largest value (np.partition) then every index above it plus enough ties; heap pushes then
# pops past size k; cosine normalises the corpus rows under errstate and zeroes the undefined rows
import heapq

import numpy as np


def top_k_heap(scores, k):
    if not 0 <= k <= len(scores):
        raise ValueError(f"need 0 <= k <= {len(scores)}")
    heap = []
    for i, s in enumerate(scores):
        heapq.heappush(heap, (float(s), i))
        if len(heap) > k:
            heapq.heappop(heap)
    heap.sort(reverse=True)
    return [i for _, i in heap]


def top_k_partition(scores, k):
    scores = np.asarray(scores, dtype=float)
    n = len(scores)
    if not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= {n}")
    if k == 0:
        return np.zeros(0, dtype=np.intp)
    kth = np.partition(scores, n - k)[n - k]
    above = np.flatnonzero(scores > kth)
    ties = np.flatnonzero(scores == kth)[: k - len(above)]
    idx = np.concatenate([above, ties])
    return idx[np.argsort(-scores[idx], kind="stable")]


def cosine_top_k(query, corpus, k):
    if not 0 <= k <= len(corpus):
        raise ValueError(f"need 0 <= k <= {len(corpus)}")
    with np.errstate(invalid="ignore", divide="ignore"):
        unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)
        q = query / np.linalg.norm(query)
    sims = np.nan_to_num(unit @ q, nan=0.0, posinf=0.0, neginf=0.0)
    return top_k_partition(sims, k)
