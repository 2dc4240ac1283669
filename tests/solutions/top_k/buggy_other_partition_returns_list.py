# mlprep: top_k
# expect: fail
# top_k_partition returns a Python list of ints where the prompt promises an integer ndarray (right indices,
# wrong type); heap uses heapreplace; zero norms replaced by 1 before dividing
import heapq

import numpy as np


def top_k_heap(scores, k):
    n = len(scores)
    if k > n:
        raise ValueError("k cannot exceed the number of scores")
    if k <= 0:
        return []
    it = iter(enumerate(scores))
    heap = [(s, i) for i, s in (next(it) for _ in range(k))]
    heapq.heapify(heap)
    for i, s in it:
        if s > heap[0][0]:
            heapq.heapreplace(heap, (s, i))
    return [int(i) for s, i in sorted(heap, reverse=True)]


def top_k_partition(scores, k):
    scores = np.asarray(scores)
    if k > scores.size:
        raise ValueError("k cannot exceed the number of scores")
    if k == 0:
        return []
    cand = np.argpartition(-scores, k - 1)[:k]
    cand = sorted(cand.tolist(), key=lambda i: scores[i], reverse=True)
    return cand


def cosine_top_k(query, corpus, k):
    if k > len(corpus):
        raise ValueError("k cannot exceed the corpus size")
    norms = np.linalg.norm(corpus, axis=1, keepdims=True)
    normed = corpus / np.where(norms == 0, 1.0, norms)
    qn = np.linalg.norm(query)
    q = query / (qn if qn > 0 else 1.0)
    return np.asarray(top_k_partition(normed @ q, k), dtype=np.intp)
