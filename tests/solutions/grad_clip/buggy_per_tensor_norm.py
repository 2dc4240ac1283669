# mlprep: grad_clip
# expect: fail per_tensor_norm
# clips each tensor by its own norm; reports the global norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    for g in grads:
        n = np.linalg.norm(g)
        if n > max_norm:
            g *= max_norm / (n + 1e-6)
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]
