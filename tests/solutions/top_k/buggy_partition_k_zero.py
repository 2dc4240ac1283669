# mlprep: top_k
# expect: fail partition_k_zero
# top_k_partition slices argpartition(scores, -k)[-k:], which returns all n indices when k == 0
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k > len(scores):
        raise ValueError("k is larger than the number of scores")
    return [int(i) for i in heapq.nlargest(k, range(len(scores)), key=lambda i: scores[i])]


def top_k_partition(scores, k):
    if k > len(scores):
        raise ValueError("k is larger than the number of scores")
    idx = np.argpartition(scores, -k)[-k:]
    return idx[np.argsort(scores[idx])[::-1]]


def cosine_top_k(query, corpus, k):
    norms = np.linalg.norm(corpus, axis=1)
    qnorm = np.linalg.norm(query)
    denom = norms * qnorm
    sims = np.divide(corpus @ query, denom, out=np.zeros(len(corpus)), where=denom != 0)
    if k > len(corpus):
        raise ValueError("k is larger than the corpus")
    if k == 0:
        return np.array([], dtype=int)
    return top_k_partition(sims, k)
