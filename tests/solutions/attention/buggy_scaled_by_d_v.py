# mlprep: attention
# expect: fail scaled_by_d_v
# takes the scale from V.shape[-1] (d_v) instead of the key dimension d_k
import math

import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    d = V.shape[-1]
    scores = np.matmul(Q, np.moveaxis(K, -1, -2)) / math.sqrt(d)
    if mask is not None:
        scores = np.where(np.asarray(mask).astype(bool), scores, -1e30)
    m = scores.max(axis=-1, keepdims=True)
    p = np.exp(scores - m)
    p = p / p.sum(axis=-1, keepdims=True)
    return np.matmul(p, V), p


def causal_mask(seq_len):
    return np.tril(np.ones((seq_len, seq_len))).reshape(1, 1, seq_len, seq_len)
