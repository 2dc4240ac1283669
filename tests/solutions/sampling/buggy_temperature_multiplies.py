# mlprep: sampling
# expect: fail temperature_multiplies
"""Scales the logits by the temperature."""
import numpy as np


def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def filter_logits(logits, temperature=1.0, top_k=None, top_p=None):
    if temperature < 0 or (top_k is not None and top_k < 1) or (top_p is not None and not 0 < top_p <= 1):
        raise ValueError("invalid settings")
    logits = np.asarray(logits, dtype=float)
    if temperature == 0:
        one_hot = np.zeros_like(logits)
        np.put_along_axis(one_hot, logits.argmax(axis=-1)[..., None], 1.0, axis=-1)
        return one_hot
    z = temperature * logits
    if top_k is not None and top_k < z.shape[-1]:
        kth = -np.sort(-z, axis=-1)[..., top_k - 1 : top_k]
        z = np.where(z >= kth, z, -np.inf)
    if top_p is not None:
        p = softmax(z)
        order = np.argsort(-p, axis=-1)
        sp = np.take_along_axis(p, order, axis=-1)
        cum = np.cumsum(sp, axis=-1)
        keep_sorted = cum - sp < top_p
        keep = np.zeros(z.shape, dtype=bool)
        np.put_along_axis(keep, order, keep_sorted, axis=-1)
        z = np.where(keep, z, -np.inf)
    return softmax(z)


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = filter_logits(logits, temperature, top_k, top_p)
    return int(rng.choice(p.size, p=p))
