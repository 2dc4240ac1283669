# mlprep: attention
# expect: fail no_sqrt_scaling
# raw Q @ K^T scores, the 1/sqrt(d_k) scaling is missing entirely
import numpy as np


def softmax(x, axis=-1):
    x = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=axis, keepdims=True)


def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -2, -1)
    if mask is not None:
        scores = np.where(mask == 0, -np.inf, scores)
    attn = softmax(scores, axis=-1)
    return attn @ V, attn


def causal_mask(seq_len):
    return np.tril(np.ones((1, 1, seq_len, seq_len)))
