# mlprep: sampling
# expect: pass
"""One row at a time: -inf masking and a single softmax at the end; rng.choice to draw."""
import numpy as np


def _softmax(z):
    z = z - np.max(z)
    e = np.exp(z)
    return e / e.sum()


def _filter_row(row, temperature, top_k, top_p):
    if temperature == 0:
        out = np.zeros_like(row)
        out[np.argmax(row)] = 1.0
        return out
    z = row / temperature
    if top_k is not None and top_k < z.size:
        cutoff = np.sort(z)[::-1][top_k - 1]
        z = np.where(z < cutoff, -np.inf, z)
    if top_p is not None and top_p < 1:
        p = _softmax(z)
        idx = np.argsort(p)[::-1]
        before = np.concatenate(([0.0], np.cumsum(p[idx])[:-1]))
        z[idx[before >= top_p]] = -np.inf
    return _softmax(z)


def filter_logits(logits, temperature=1.0, top_k=None, top_p=None):
    if temperature < 0:
        raise ValueError("temperature < 0")
    if top_k is not None and top_k < 1:
        raise ValueError("top_k < 1")
    if top_p is not None and (top_p <= 0 or top_p > 1):
        raise ValueError("top_p outside (0, 1]")
    x = np.asarray(logits, dtype=np.float64)
    if x.ndim == 1:
        return _filter_row(x.copy(), temperature, top_k, top_p)
    return np.stack([_filter_row(r.copy(), temperature, top_k, top_p) for r in x])


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None):
    probs = filter_logits(logits, temperature, top_k, top_p)
    return rng.choice(len(probs), p=probs)
