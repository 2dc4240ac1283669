# mlprep: attention
# expect: fail softmax_over_queries
# normalises the attention weights over axis -2 (queries) instead of the keys
import numpy as np


def _softmax(z, axis):
    z = z - z.max(axis=axis, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=axis, keepdims=True)


def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = K.shape[-1]
    scores = Q @ K.swapaxes(-1, -2) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask == 0, -1e30, scores)
    weights = _softmax(scores, axis=-2)
    output = weights @ V
    return output, weights


def causal_mask(seq_len):
    return np.tri(seq_len)[None, None]
