# mlprep: attention
# expect: fail mask_multiplied_after_softmax
# softmax over all keys, then multiplies the weights by the mask without renormalising
import numpy as np


def stable_softmax(x):
    shifted = x - x.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)


def scaled_dot_product_attention(Q, K, V, mask=None):
    dk = K.shape[-1]
    scores = Q @ np.swapaxes(K, -2, -1) / np.sqrt(dk)
    weights = stable_softmax(scores)
    if mask is not None:
        weights = weights * mask
    context = weights @ V
    return context, weights


def causal_mask(seq_len):
    return np.tril(np.ones((seq_len, seq_len)))[None, None, ...]
