# mlprep: attention
# expect: fail mask_fill_too_small
# fills masked scores with -1e4, which is not small enough when real scores are around -1e4 or below
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask == 0, -1e4, scores)
    scores = scores - scores.max(axis=-1, keepdims=True)
    attn = np.exp(scores)
    attn = attn / attn.sum(axis=-1, keepdims=True)
    return attn @ V, attn


def causal_mask(seq_len):
    return np.tril(np.ones((seq_len, seq_len)))[np.newaxis, np.newaxis, :, :]
