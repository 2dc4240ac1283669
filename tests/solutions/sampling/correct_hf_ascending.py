# mlprep: sampling
# expect: pass
"""The Hugging Face formulation: -inf masking, top-p from an ascending sort removing cumsum <= 1 - top_p."""
import math

import numpy as np


def filter_logits(logits, temperature=1.0, top_k=None, top_p=None):
    if temperature < 0:
        raise ValueError("temperature must be non-negative")
    if top_k is not None and top_k <= 0:
        raise ValueError("top_k must be >= 1")
    if top_p is not None and (top_p <= 0.0 or top_p > 1.0):
        raise ValueError("top_p must be in (0, 1]")
    scores = np.array(logits, dtype=float)
    if temperature == 0:
        best = np.argmax(scores, axis=-1)
        return (np.arange(scores.shape[-1]) == best[..., None]).astype(float)
    scores = scores / temperature
    if top_k is not None:
        k = min(top_k, scores.shape[-1])
        threshold = np.sort(scores, axis=-1)[..., -k][..., None]
        scores[scores < threshold] = -math.inf
    if top_p is not None and top_p < 1.0:
        order = np.argsort(scores, axis=-1)  # ascending
        asc = np.take_along_axis(scores, order, axis=-1)
        e = np.exp(asc - asc[..., -1:])
        cum = np.cumsum(e / e.sum(axis=-1, keepdims=True), axis=-1)
        remove = cum <= 1.0 - top_p
        remove[..., -1] = False
        asc[remove] = -math.inf
        np.put_along_axis(scores, order, asc, axis=-1)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = filter_logits(logits, temperature, top_k, top_p)
    c = np.cumsum(p)
    u = rng.uniform(0.0, c[-1])
    return int(np.flatnonzero(p > 0)[np.searchsorted(c[p > 0], u, side="right").clip(max=np.count_nonzero(p) - 1)])
