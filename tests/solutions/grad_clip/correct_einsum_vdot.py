# mlprep: grad_clip
# expect: pass
# np.vdot per array, early return when below the threshold, a tuple comprehension turned into a list
import numpy as np


def clip_grad_norm(grads, max_norm):
    sq = 0.0
    for g in grads:
        sq += float(np.vdot(g, g))
    total_norm = sq ** 0.5
    if total_norm <= max_norm:
        return grads, total_norm
    coef = max_norm / (total_norm + 1e-6)
    for g in grads:
        g *= coef
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    return list(np.clip(g, -abs(clip_value), abs(clip_value)) for g in grads)
