# mlprep: attention
# expect: fail transpose_hardcoded_4d
# transposes K with K.transpose(0, 1, 3, 2), which only works with exactly two batch axes
import numpy as np


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    ex = np.exp(x)
    return ex / np.sum(ex, axis=-1, keepdims=True)


def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = Q.shape[-1]
    scores = np.matmul(Q, K.transpose(0, 1, 3, 2)) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask.astype(bool), scores, -np.inf)
    weights = softmax(scores)
    return np.matmul(weights, V), weights


def causal_mask(seq_len):
    return np.tril(np.ones((1, 1, seq_len, seq_len)))
