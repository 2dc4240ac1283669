# mlprep: attention
# expect: fail mask_inverted
# blocks the positions where mask is 1/True instead of where it is 0/False
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = Q.shape[-1]
    scores = np.einsum("...qd,...kd->...qk", Q, K) / np.sqrt(d_k)
    if mask is not None:
        scores = scores.copy()
        scores[np.broadcast_to(np.asarray(mask, dtype=bool), scores.shape)] = -np.inf
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    context = np.einsum("...qk,...kv->...qv", weights, V)
    return context, weights


def causal_mask(seq_len):
    return np.tril(np.ones((1, 1, seq_len, seq_len), dtype=bool))
