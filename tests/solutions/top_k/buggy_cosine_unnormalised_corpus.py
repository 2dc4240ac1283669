# mlprep: top_k
# expect: fail cosine_unnormalised_corpus
# cosine_top_k ranks by the raw dot product corpus @ query (corpus rows never normalised)
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k < 0 or k > len(scores):
        raise ValueError("k out of range")
    heap = []
    for i in range(len(scores)):
        if len(heap) < k:
            heapq.heappush(heap, (scores[i], i))
        elif heap and scores[i] > heap[0][0]:
            heapq.heappushpop(heap, (scores[i], i))
    return [i for _, i in sorted(heap, key=lambda t: t[0], reverse=True)]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    if k < 0 or k > len(scores):
        raise ValueError("k out of range")
    if k == 0:
        return np.array([], dtype=np.intp)
    idx = np.argpartition(scores, len(scores) - k)[len(scores) - k:]
    return idx[np.argsort(scores[idx])[::-1]]


def cosine_top_k(query, corpus, k):
    sims = corpus @ query
    return top_k_partition(sims, k)
