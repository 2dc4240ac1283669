# mlprep: attention
# expect: fail unstable_softmax
# exponentiates the raw scores with no max subtraction (overflows for scores ~1e4)
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = np.matmul(Q, np.swapaxes(K, -1, -2)) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(np.asarray(mask) != 0, scores, -np.inf)
    exp_scores = np.exp(scores)
    weights = exp_scores / np.sum(exp_scores, axis=-1, keepdims=True)
    return np.matmul(weights, V), weights


def causal_mask(seq_len):
    return np.tril(np.ones((seq_len, seq_len), dtype=int))[np.newaxis, np.newaxis]
