# mlprep: attention
# expect: fail
# softmax max/sum taken without keepdims: broadcasting error when Lq != Lk, silently wrong rows when Lq == Lk
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask == 0, -np.inf, scores)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1)
    return weights @ V, weights


def causal_mask(seq_len):
    return np.tril(np.ones((seq_len, seq_len)))[None, None]
