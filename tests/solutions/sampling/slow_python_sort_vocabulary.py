# mlprep: sampling
# expect: slow python_sort_vocabulary
"""Correct, but the nucleus is built token by token in Python."""
import numpy as np


def _probs(z, keep):
    z = np.where(keep, z, -np.inf)
    e = np.exp(z - z.max())
    return e / e.sum()


def _row(z, top_k, top_p):
    keep = np.ones(len(z), dtype=bool)
    if top_k is not None and top_k < len(z):
        keep = z >= sorted(z)[-top_k]
    if top_p is not None:
        p = _probs(z, keep)
        mass = 0.0
        for j in sorted(range(len(z)), key=lambda t: p[t], reverse=True):
            if mass >= top_p:
                keep[j] = False
            mass += p[j]
    return _probs(z, keep)


def filter_logits(logits, temperature=1.0, top_k=None, top_p=None):
    if temperature < 0 or (top_k is not None and top_k < 1) or (top_p is not None and not 0 < top_p <= 1):
        raise ValueError("bad settings")
    x = np.array(logits, dtype=float)
    rows = x.reshape(-1, x.shape[-1])
    out = np.zeros_like(rows)
    for i, z in enumerate(rows):
        if temperature == 0:
            out[i, int(np.argmax(z))] = 1.0
        else:
            out[i] = _row(z / temperature, top_k, top_p)
    return out.reshape(x.shape)


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = filter_logits(logits, temperature, top_k, top_p)
    return int(np.searchsorted(np.cumsum(p), rng.random() * p.sum(), side="right").clip(0, len(p) - 1))
