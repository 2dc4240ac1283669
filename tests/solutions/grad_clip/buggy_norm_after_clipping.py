# mlprep: grad_clip
# expect: fail norm_after_clipping
# clips first, then reports the norm of the clipped gradients
import numpy as np


def _norm(grads):
    return float(np.sqrt(sum(np.sum(g * g) for g in grads)))


def clip_grad_norm(grads, max_norm):
    n = _norm(grads)
    if n > max_norm:
        for g in grads:
            g *= max_norm / (n + 1e-6)
    return grads, _norm(grads)


def clip_grad_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]
