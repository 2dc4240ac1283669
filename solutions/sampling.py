# mlprep: sampling
"""Reference: temperature, top-k and nucleus (top-p) filtering in the Hugging Face order, then one draw."""

import numpy as np


def _softmax(z):
    """Probabilities over the last axis; -inf entries get exactly 0 (every row keeps a finite entry)."""
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def _greedy(logits):
    """All the mass on the first largest logit of each row."""
    out = np.zeros(logits.shape)
    np.put_along_axis(out, np.argmax(logits, axis=-1)[..., None], 1.0, axis=-1)
    return out


def filter_logits(logits, temperature=1.0, top_k=None, top_p=None):
    """Probabilities over the last axis after temperature, then top-k, then top-p; removed tokens exactly 0."""
    logits = np.asarray(logits, dtype=float)
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be at least 1, got {top_k}")
    if top_p is not None and not 0.0 < top_p <= 1.0:
        raise ValueError(f"top_p must lie in (0, 1], got {top_p}")
    if temperature == 0:
        return _greedy(logits)
    z = logits / temperature
    keep = np.ones(z.shape, dtype=bool)
    if top_k is not None and top_k < z.shape[-1]:
        kth = np.partition(z, -top_k, axis=-1)[..., -top_k, None]  # the k-th largest
        keep &= z >= kth
    if top_p is not None and top_p < 1.0:
        probs = _softmax(np.where(keep, z, -np.inf))
        order = np.argsort(-probs, axis=-1)
        ranked = np.take_along_axis(probs, order, axis=-1)
        ahead = np.cumsum(ranked, axis=-1) - ranked  # the mass of the tokens ranked before each one
        nucleus = np.empty_like(keep)
        np.put_along_axis(nucleus, order, ahead < top_p, axis=-1)
        keep &= nucleus
    return _softmax(np.where(keep, z, -np.inf))


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None):
    """One token id (an int) drawn with rng from filter_logits of a 1-D logits vector."""
    probs = filter_logits(logits, temperature, top_k, top_p)
    return int(rng.choice(probs.shape[-1], p=probs))
