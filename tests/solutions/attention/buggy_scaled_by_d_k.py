# mlprep: attention
# expect: fail scaled_by_d_k
# divides the scores by d_k instead of sqrt(d_k)
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = Q.shape[-1]
    scores = np.einsum("...id,...jd->...ij", Q, K) / d_k
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    scores -= scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    context = np.einsum("...ij,...jv->...iv", weights, V)
    return context, weights


def causal_mask(seq_len):
    mask = np.tril(np.ones((seq_len, seq_len), dtype=bool))
    return mask[None, None, :, :]
