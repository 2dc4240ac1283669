# mlprep: grad_clip
# expect: fail scales_up_below_max_norm
# rescales to max_norm unconditionally (normalises instead of clipping)
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.linalg.norm(np.concatenate([g.ravel() for g in grads])))
    for g in grads:
        np.multiply(g, max_norm / (total_norm + 1e-6), out=g)
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]
