# mlprep: grad_clip
# expect: pass
# PyTorch's formulation: always multiply by min(coef, 1); value clipping in place, returning the same list
import numpy as np


def clip_grad_norm(grads, max_norm):
    norms = np.array([np.linalg.norm(g.ravel()) for g in grads])
    total_norm = float(np.linalg.norm(norms))
    clip_coef = min(max_norm / (total_norm + 1e-6), 1.0)
    for g in grads:
        np.multiply(g, clip_coef, out=g)
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    for g in grads:
        np.clip(g, -clip_value, clip_value, out=g)
    return grads
