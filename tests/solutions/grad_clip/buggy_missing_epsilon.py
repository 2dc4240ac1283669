# mlprep: grad_clip
# expect: fail missing_epsilon
# coefficient max_norm / total_norm (no 1e-6)
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / total_norm
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]
