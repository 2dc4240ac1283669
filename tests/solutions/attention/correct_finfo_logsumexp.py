# mlprep: attention
# expect: pass
# fills with np.finfo(dtype).min and normalises via scipy logsumexp; mask may be 0/1 floats; causal_mask via np.tri(bool)
import numpy as np
from scipy.special import logsumexp


def scaled_dot_product_attention(Q, K, V, mask=None):
    dk = K.shape[-1]
    scores = np.matmul(Q, K.swapaxes(-2, -1)) / dk ** 0.5
    if mask is not None:
        allowed = np.asarray(mask) != 0
        scores = np.where(allowed, scores, np.finfo(scores.dtype).min)
    log_w = scores - logsumexp(scores, axis=-1, keepdims=True)
    weights = np.exp(log_w)
    if mask is not None:
        weights = np.where(allowed, weights, 0.0)
    context = np.matmul(weights, V)
    return context, weights


def causal_mask(seq_len):
    return np.tri(seq_len, dtype=bool)[np.newaxis, np.newaxis]
