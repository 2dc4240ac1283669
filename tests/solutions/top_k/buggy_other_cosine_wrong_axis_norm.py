# mlprep: top_k
# expect: fail cosine_unnormalised_corpus?
# cosine_top_k normalises the corpus by its column norms (axis=0) instead of each row's norm
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k > len(scores):
        raise ValueError("k > n")
    heap = []
    for i, s in enumerate(scores):
        if len(heap) < k:
            heapq.heappush(heap, (s, i))
        elif k:
            heapq.heappushpop(heap, (s, i))
    return [i for _, i in sorted(heap, reverse=True)]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    if k > scores.size:
        raise ValueError("k > n")
    if k == 0:
        return np.array([], dtype=int)
    idx = np.argpartition(-scores, k - 1)[:k]
    return idx[np.argsort(-scores[idx])]


def cosine_top_k(query, corpus, k):
    if k > corpus.shape[0]:
        raise ValueError("k > n")
    col_norms = np.linalg.norm(corpus, axis=0)
    corpus_n = corpus / np.where(col_norms > 0, col_norms, 1.0)
    qn = np.linalg.norm(query)
    sims = corpus_n @ (query / qn if qn > 0 else query)
    return top_k_partition(sims, k)
