# mlprep: top_k
# expect: fail cosine_zero_vector_nan
# cosine_top_k divides by the row norms with no guard, so a zero corpus row becomes NaN (and sorts as the largest)
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k > len(scores):
        raise ValueError("k too large")
    return [i for i, _ in heapq.nlargest(k, enumerate(scores), key=lambda t: t[1])]


def top_k_partition(scores, k):
    if k > len(scores):
        raise ValueError("k too large")
    if k == 0:
        return np.array([], dtype=int)
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part])]


def cosine_top_k(query, corpus, k):
    if k > len(corpus):
        raise ValueError("k too large")
    corpus_n = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)
    query_n = query / np.linalg.norm(query)
    sims = corpus_n @ query_n
    return np.argsort(sims)[::-1][:k]
