# mlprep: grad_clip
# expect: pass
# concatenates everything into one vector for the norm; slice assignment g[...] = ...; np.minimum/np.maximum
import math

import numpy as np


def clip_grad_norm(grads, max_norm):
    if not grads:
        return grads, 0.0
    flat = np.concatenate([np.ravel(g) for g in grads])
    total_norm = math.sqrt(float(flat @ flat))
    if total_norm > max_norm:
        scale = max_norm / (total_norm + 1e-6)
        for i in range(len(grads)):
            grads[i][...] = grads[i] * scale
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    out = []
    for g in grads:
        out.append(np.maximum(np.minimum(g, clip_value), -clip_value))
    return out
