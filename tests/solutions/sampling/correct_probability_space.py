# mlprep: sampling
# expect: pass
"""Zero the probabilities and divide by what is left; multinomial to draw."""
import numpy as np


def _softmax(a):
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def filter_logits(logits, temperature=1.0, top_k=None, top_p=None):
    if temperature < 0 or (top_k is not None and top_k < 1) or (top_p is not None and (top_p <= 0 or top_p > 1)):
        raise ValueError("bad arguments")
    a = np.array(logits, dtype=float)
    if temperature == 0:
        hot = np.zeros_like(a)
        idx = a.argmax(axis=-1)
        np.put_along_axis(hot, np.expand_dims(idx, -1), 1.0, axis=-1)
        return hot
    p = _softmax(a / temperature)
    if top_k is not None and top_k < a.shape[-1]:
        kth = -np.sort(-p, axis=-1)[..., top_k - 1 : top_k]
        p = np.where(p >= kth, p, 0.0)
        p = p / p.sum(axis=-1, keepdims=True)
    if top_p is not None:
        srt = -np.sort(-p, axis=-1)
        mass_before = np.concatenate([np.zeros(p.shape[:-1] + (1,)), np.cumsum(srt, axis=-1)[..., :-1]], axis=-1)
        smallest_kept = np.where(mass_before < top_p, srt, np.inf).min(axis=-1, keepdims=True)
        p = np.where(p >= smallest_kept, p, 0.0)
        p = p / p.sum(axis=-1, keepdims=True)
    return p


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None):
    probs = filter_logits(logits, temperature=temperature, top_k=top_k, top_p=top_p)
    return int(np.argmax(rng.multinomial(1, probs)))
