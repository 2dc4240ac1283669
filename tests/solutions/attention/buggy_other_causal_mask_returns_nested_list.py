# mlprep: attention
# expect: fail
# causal_mask returns nested Python lists (.tolist()) where the prompt promises an array

import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    """Return (context, weights): weights = softmax(Q K^T / sqrt(d_k)) over the keys, context = weights V.

    Q (..., Lq, d_k), K (..., Lk, d_k), V (..., Lk, d_v); mask broadcasts to (..., Lq, Lk), 0/False = blocked.
    """
    d_k = Q.shape[-1]
    scores = np.matmul(Q, np.swapaxes(K, -1, -2)) / np.sqrt(d_k)
    if mask is not None:
        # -inf gives exactly zero weight after exp; a finite "large" negative can lose to real scores.
        scores = np.where(np.asarray(mask) == 0, -np.inf, scores)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    context = np.matmul(weights, V)
    return context, weights


def causal_mask(seq_len):
    """(1, 1, seq_len, seq_len): 1 where query i may attend to key j (j <= i), 0 above the diagonal."""
    return np.tril(np.ones((seq_len, seq_len)))[None, None, :, :].tolist()
