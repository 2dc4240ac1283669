# mlprep: grad_clip
# expect: fail returns_copies?
# keeps the list but replaces its items with new arrays (grads[i] = grads[i] * coef)
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    if total_norm > max_norm:
        coef = max_norm / (total_norm + 1e-6)
        for i in range(len(grads)):
            grads[i] = grads[i] * coef
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]
