# mlprep: attention
# expect: fail
# computes everything correctly but returns (weights, context) instead of (context, weights)
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = np.einsum("...qd,...kd->...qk", Q, K) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(np.asarray(mask).astype(bool), scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    context = weights @ V
    return weights, context


def causal_mask(seq_len):
    return np.tril(np.ones((seq_len, seq_len), dtype=bool))[None, None]
