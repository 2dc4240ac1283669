# mlprep: grad_clip
# expect: pass
# overflow-safe norm (divide by the largest magnitude first); np.where for value clipping
import numpy as np


def _global_norm(grads):
    biggest = max((float(np.max(np.abs(g))) for g in grads if g.size), default=0.0)
    if biggest == 0.0:
        return 0.0
    return biggest * float(np.sqrt(sum(np.sum(np.square(g / biggest)) for g in grads)))


def clip_grad_norm(grads, max_norm):
    total_norm = _global_norm(grads)
    if total_norm > max_norm:
        factor = max_norm / (total_norm + 1e-6)
        for g in grads:
            g *= factor
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    c = float(clip_value)
    return [np.where(g > c, c, np.where(g < -c, -c, g)) for g in grads]
