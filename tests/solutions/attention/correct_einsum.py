# mlprep: attention
# expect: pass
# einsum for both products, mask handled with np.where(mask, scores, -inf); causal_mask is float 1.0/0.0
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = Q.shape[-1]
    scores = np.einsum("...qd,...kd->...qk", Q, K) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(np.asarray(mask).astype(bool), scores, -np.inf)
    row_max = scores.max(axis=-1, keepdims=True)
    e = np.exp(scores - row_max)
    weights = e / e.sum(axis=-1, keepdims=True)
    context = np.einsum("...qk,...kv->...qv", weights, V)
    return context, weights


def causal_mask(seq_len):
    return np.tril(np.ones((seq_len, seq_len)))[np.newaxis, np.newaxis, :, :]
