# mlprep: top_k
# expect: fail partition_ascending
# top_k_partition orders its k results smallest-first (the final reverse is missing)
import heapq

import numpy as np


def top_k_heap(scores, k):
    n = len(scores)
    if k > n:
        raise ValueError(f"k={k} > n={n}")
    return heapq.nlargest(k, range(n), key=scores.__getitem__)


def top_k_partition(scores, k):
    n = len(scores)
    if k > n:
        raise ValueError(f"k={k} > n={n}")
    if k == 0:
        return np.empty(0, dtype=np.int64)
    top = np.argpartition(scores, n - k)[n - k:]
    return top[np.argsort(scores[top])]


def cosine_top_k(query, corpus, k):
    n = len(corpus)
    if k > n:
        raise ValueError(f"k={k} > n={n}")
    if k == 0:
        return np.empty(0, dtype=np.int64)
    corpus_norm = np.linalg.norm(corpus, axis=1, keepdims=True)
    corpus_unit = corpus / np.where(corpus_norm == 0, 1.0, corpus_norm)
    q_norm = np.linalg.norm(query)
    q_unit = query / q_norm if q_norm > 0 else query
    sims = corpus_unit @ q_unit
    return np.argsort(sims)[::-1][:k]
