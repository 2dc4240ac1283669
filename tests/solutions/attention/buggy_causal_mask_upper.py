# mlprep: attention
# expect: fail causal_mask_upper
# causal_mask built with np.triu, so it allows the future and blocks the past
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    scale = Q.shape[-1] ** -0.5
    scores = np.einsum("...ik,...jk->...ij", Q, K) * scale
    if mask is not None:
        scores = np.where(np.asarray(mask) == 0, -np.inf, scores)
    scores = scores - scores.max(-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(-1, keepdims=True)
    return np.einsum("...ij,...jd->...id", weights, V), weights


def causal_mask(seq_len):
    return np.triu(np.ones((seq_len, seq_len)))[None, None]
