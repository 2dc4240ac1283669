# mlprep: grad_clip
# expect: fail scales_up_below_max_norm
# rescales to max_norm unconditionally (normalises instead of clipping)
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    coef = max_norm / (total_norm + 1e-6)
    for g in grads:
        g *= coef
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]
