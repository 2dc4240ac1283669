# mlprep: grad_clip
# expect: fail value_clip_top_only
# value clipping with an upper bound only
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / (total_norm + 1e-6)
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    return [np.where(g > clip_value, clip_value, g) for g in grads]
