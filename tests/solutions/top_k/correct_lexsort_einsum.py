# mlprep: top_k
# expect: pass
# deterministic tie-breaking (lexsort by -score then index); heap keyed on (score, -index); einsum norms with a zero-row guard
import heapq

import numpy as np


def top_k_heap(scores, k):
    k = int(k)
    if not 0 <= k <= len(scores):
        raise ValueError("need 0 <= k <= len(scores)")
    heap = []
    for i in range(len(scores)):
        key = (float(scores[i]), -i)
        if len(heap) < k:
            heapq.heappush(heap, key)
        elif heap and key > heap[0]:
            heapq.heapreplace(heap, key)
    out = []
    while heap:
        _, neg_i = heapq.heappop(heap)
        out.append(-neg_i)
    out.reverse()
    return out


def top_k_partition(scores, k):
    scores = np.asarray(scores, dtype=float)
    n = scores.shape[0]
    k = int(k)
    if not 0 <= k <= n:
        raise ValueError("need 0 <= k <= len(scores)")
    if k == 0:
        return np.array([], dtype=np.int64)
    if k == n:
        cand = np.arange(n)
    else:
        cand = np.argpartition(-scores, k)[:k]
    order = np.lexsort((cand, -scores[cand]))
    return cand[order].astype(np.int64)


def cosine_top_k(query, corpus, k):
    corpus = np.asarray(corpus, dtype=float)
    query = np.asarray(query, dtype=float)
    if not 0 <= int(k) <= corpus.shape[0]:
        raise ValueError("need 0 <= k <= len(corpus)")
    row_norm = np.sqrt(np.einsum("ij,ij->i", corpus, corpus))
    q_norm = np.sqrt(query @ query)
    denom = row_norm * q_norm
    safe = denom > 0
    sims = np.zeros(corpus.shape[0])
    sims[safe] = (corpus[safe] @ query) / denom[safe]
    return top_k_partition(sims, k)
