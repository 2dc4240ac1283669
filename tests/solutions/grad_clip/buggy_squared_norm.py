# mlprep: grad_clip
# expect: fail squared_norm
# forgets the square root: compares and divides by the squared norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = 0.0
    for g in grads:
        total += float((g * g).sum())
    if total > max_norm:
        for g in grads:
            g *= max_norm / (total + 1e-6)
    return grads, total


def clip_grad_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]
