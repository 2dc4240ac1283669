# mlprep: attention
# expect: fail mask_zeroes_scores
# applies the mask by multiplying the scores, so masked scores become 0 and still receive weight
import math

import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = np.matmul(Q, K.swapaxes(-1, -2)) / math.sqrt(K.shape[-1])
    if mask is not None:
        scores = scores * mask
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return np.matmul(w, V), w


def causal_mask(seq_len):
    i, j = np.indices((seq_len, seq_len))
    return (j <= i).astype(float)[None, None]
