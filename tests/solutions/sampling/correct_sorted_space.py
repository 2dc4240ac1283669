# mlprep: sampling
# expect: pass
"""Everything in sorted space: one descending sort, slices for top-k, searchsorted for top-p, scatter back."""
import numpy as np


def filter_logits(logits, temperature=1.0, top_k=None, top_p=None):
    if temperature < 0 or (top_k is not None and top_k < 1) or (top_p is not None and not 0.0 < top_p <= 1.0):
        raise ValueError("invalid sampling settings")
    x = np.asarray(logits, dtype=float)
    flat = x.reshape(-1, x.shape[-1])
    out = np.zeros(flat.shape)
    rows = np.arange(flat.shape[0])
    if temperature == 0:
        out[rows, flat.argmax(axis=1)] = 1.0
        return out.reshape(x.shape)
    order = np.argsort(-flat, axis=1)
    ranked = np.take_along_axis(flat, order, axis=1) / temperature
    n = ranked.shape[1] if top_k is None else min(top_k, ranked.shape[1])
    ranked = ranked[:, :n]
    w = np.exp(ranked - ranked[:, :1])
    p = w / w.sum(axis=1, keepdims=True)
    counts = np.full(len(rows), n)
    if top_p is not None:
        cum = np.cumsum(p, axis=1)
        crossing = np.array([np.searchsorted(c, top_p, side="left") for c in cum])
        counts = np.minimum(crossing + 1, n)
    mask = np.arange(n)[None, :] < counts[:, None]
    w = np.where(mask, w, 0.0)
    p = w / w.sum(axis=1, keepdims=True)
    out[rows[:, None], order[:, :n]] = p
    return out.reshape(x.shape)


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = filter_logits(logits, temperature, top_k, top_p)
    u = rng.random()
    i = int(np.searchsorted(np.cumsum(p), u * p.sum(), side="right"))
    while p[min(i, len(p) - 1)] == 0:  # never land on a removed token by rounding
        i -= 1
    return min(i, len(p) - 1)
