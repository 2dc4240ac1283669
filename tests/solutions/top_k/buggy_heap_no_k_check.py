# mlprep: top_k
# expect: fail heap_no_k_check
# top_k_heap has no k > n check: heapq.nlargest quietly returns all n indices instead of raising ValueError
import heapq

import numpy as np


def top_k_heap(scores, k):
    return heapq.nlargest(k, range(len(scores)), key=lambda i: scores[i])


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    if k > len(scores):
        raise ValueError("k exceeds the number of scores")
    if k == 0:
        return np.array([], dtype=int)
    cand = np.argpartition(scores, -k)[-k:]
    return cand[np.argsort(scores[cand])[::-1]]


def cosine_top_k(query, corpus, k):
    if k > len(corpus):
        raise ValueError("k exceeds the corpus size")
    denom = np.linalg.norm(corpus, axis=1) * np.linalg.norm(query)
    sims = np.where(denom > 0, corpus @ query / np.where(denom > 0, denom, 1.0), 0.0)
    return top_k_partition(sims, k)
