# mlprep: top_k
# expect: fail partition_unsorted?
# argpartition on the negated scores picks the right k, but they are returned in partition order, not by score
# (on the small tests its partition order happens to be the right one, which speaks against the
# patch, whose order there is ascending: it may go unnamed)
import heapq

import numpy as np


def top_k_heap(scores, k):
    if k < 0 or k > len(scores):
        raise ValueError(f"k={k} is not between 0 and {len(scores)}")
    best = heapq.nlargest(k, range(len(scores)), key=lambda i: scores[i])
    return list(best)


def top_k_partition(scores, k):
    s = np.asarray(scores, dtype=float)
    if k < 0 or k > s.size:
        raise ValueError(f"k={k} is not between 0 and {s.size}")
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    if k == s.size:
        return np.argsort(-s, kind="stable")
    return np.argpartition(-s, k - 1)[:k]


def cosine_top_k(query, corpus, k):
    unit = corpus / np.maximum(np.linalg.norm(corpus, axis=1, keepdims=True), 1e-300)
    q = query / max(np.linalg.norm(query), 1e-300)
    sims = unit @ q
    sims[np.linalg.norm(corpus, axis=1) == 0] = 0.0
    return top_k_partition(sims, k)
