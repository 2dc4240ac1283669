# mlprep: attention
# expect: fail causal_excludes_diagonal
# causal_mask uses np.tril(..., k=-1), so a position may not attend to itself (diagonal is 0)
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = np.matmul(Q, np.swapaxes(K, -1, -2)) / np.sqrt(K.shape[-1])
    if mask is not None:
        scores = np.where(np.asarray(mask) != 0, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=-1, keepdims=True)
    return np.matmul(w, V), w


def causal_mask(seq_len):
    return np.tril(np.ones((seq_len, seq_len)), k=-1).reshape(1, 1, seq_len, seq_len)
