# mlprep: attention
# expect: pass
# matmul with swapaxes, masked positions found via `mask == 0` and set to -inf; causal_mask returns bool
import math

import numpy as np


def _softmax_last(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    ex = np.exp(shifted)
    return ex / np.sum(ex, axis=-1, keepdims=True)


def scaled_dot_product_attention(Q, K, V, mask=None):
    scale = 1.0 / math.sqrt(K.shape[-1])
    scores = np.matmul(Q, np.swapaxes(K, -1, -2)) * scale
    if mask is not None:
        blocked = np.broadcast_to(np.asarray(mask) == 0, scores.shape)
        scores = scores.copy()
        scores[blocked] = -np.inf
    weights = _softmax_last(scores)
    context = np.matmul(weights, V)
    return context, weights


def causal_mask(seq_len):
    m = np.tril(np.ones((seq_len, seq_len), dtype=bool))
    return m.reshape(1, 1, seq_len, seq_len)
