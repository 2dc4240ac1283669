# mlprep: attention
# expect: pass
# masked fill with a finite -1e30 via ~mask.astype(bool), then the max shift; causal_mask is int64
import numpy as np

NEG = -1e30


def scaled_dot_product_attention(Q, K, V, mask=None):
    d_k = Q.shape[-1]
    kt = np.moveaxis(K, -1, -2)
    scores = (Q @ kt) / np.sqrt(d_k)
    if mask is not None:
        keep = np.asarray(mask).astype(bool)
        scores = np.where(~keep, NEG, scores)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    w /= w.sum(axis=-1, keepdims=True)
    out = w @ V
    return out, w


def causal_mask(seq_len):
    idx = np.arange(seq_len)
    m = (idx[:, None] >= idx[None, :]).astype(np.int64)
    return m[None, None]
