# mlprep: grad_clip
# expect: fail missing_epsilon
# coefficient max_norm / total_norm (no 1e-6)
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.linalg.norm([np.linalg.norm(g) for g in grads]))
    scale = min(1.0, max_norm / total_norm) if total_norm else 1.0
    for g in grads:
        np.multiply(g, scale, out=g)
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]
