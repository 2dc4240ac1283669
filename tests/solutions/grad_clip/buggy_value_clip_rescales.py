# mlprep: grad_clip
# expect: fail value_clip_rescales
# "value clipping" by scaling each array so its largest entry is clip_value
import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    if total_norm > max_norm:
        for g in grads:
            g *= max_norm / (total_norm + 1e-6)
    return grads, total_norm


def clip_grad_value(grads, clip_value):
    out = []
    for g in grads:
        peak = np.abs(g).max()
        out.append(g * (clip_value / peak) if peak > clip_value else g.copy())
    return out
