# mlprep: attention
# expect: fail causal_mask_no_batch_axes
# causal_mask returns a plain (seq_len, seq_len) matrix with no leading (1, 1) axes
import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = K.shape[-1]
    logits = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d_k)
    if mask is not None:
        logits = np.where(np.asarray(mask, dtype=bool), logits, -np.inf)
    logits = logits - logits.max(axis=-1, keepdims=True)
    probs = np.exp(logits)
    probs = probs / probs.sum(axis=-1, keepdims=True)
    return probs @ V, probs


def causal_mask(seq_len):
    return np.tril(np.ones((seq_len, seq_len)))
