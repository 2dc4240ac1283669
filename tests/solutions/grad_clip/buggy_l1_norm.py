# mlprep: grad_clip
# expect: fail l1_norm
# uses the L1 norm (sum of absolute values) as the total norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.linalg.norm(np.concatenate([g.ravel() for g in grads]), ord=1))
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / (total_norm + 1e-6)
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    return [np.clip(g, -clip_value, clip_value) for g in grads]
