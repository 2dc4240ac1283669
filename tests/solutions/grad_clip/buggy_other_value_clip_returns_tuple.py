# mlprep: grad_clip
# expect: fail
# clip_grad_value returns a tuple of arrays where the prompt promises a list

import math

import numpy as np


def clip_grad_norm(grads, max_norm):
    """Scale every gradient in place so that their global L2 norm is at most ``max_norm``.

    ``grads`` is a list of arrays (one per parameter). Returns ``(grads, total_norm)``: the same list
    and the global norm measured before clipping, as a float. When that norm exceeds ``max_norm``
    every array is multiplied by ``max_norm / (total_norm + 1e-6)``; otherwise nothing changes.
    """
    total_norm = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    if total_norm > max_norm:
        clip_coef = max_norm / (total_norm + 1e-6)
        for g in grads:
            g *= clip_coef  # in place: the caller's arrays, the same direction, a smaller length
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    """Each component of each gradient clipped to ``[-clip_value, clip_value]``; a new list."""
    return tuple(np.clip(g, -clip_value, clip_value) for g in grads)
