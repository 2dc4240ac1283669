# mlprep: sampling
# expect: pass
"""scipy's softmax, argpartition for top-k, and the Gumbel-max trick to draw."""
import numpy as np
from scipy.special import softmax


def filter_logits(logits, temperature=1.0, top_k=None, top_p=None):
    if temperature < 0:
        raise ValueError("negative temperature")
    if top_k is not None and top_k < 1:
        raise ValueError("top_k must be positive")
    if top_p is not None and not (0 < top_p <= 1):
        raise ValueError("top_p must be in (0, 1]")
    logits = np.asarray(logits, dtype=float)
    v = logits.shape[-1]
    if temperature == 0:
        return np.eye(v)[np.argmax(logits, axis=-1)]
    z = logits / temperature
    if top_k is not None and top_k < v:
        part = np.argpartition(z, v - top_k, axis=-1)[..., : v - top_k]
        z = z.copy()
        np.put_along_axis(z, part, -np.inf, axis=-1)
    if top_p is not None and top_p < 1:
        p = softmax(z, axis=-1)
        idx = np.argsort(p, axis=-1)[..., ::-1]
        srt = np.take_along_axis(p, idx, axis=-1)
        drop_sorted = np.cumsum(srt, axis=-1) - srt >= top_p
        drop = np.zeros(z.shape, dtype=bool)
        np.put_along_axis(drop, idx, drop_sorted, axis=-1)
        z = np.where(drop, -np.inf, z)
    return softmax(z, axis=-1)


def sample_token(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = filter_logits(logits, temperature, top_k, top_p)
    with np.errstate(divide="ignore"):
        scores = np.log(p) + rng.gumbel(size=p.shape)
    return np.argmax(scores)
