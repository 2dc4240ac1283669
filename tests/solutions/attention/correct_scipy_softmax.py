# mlprep: attention
# expect: pass
# uses scipy.special.softmax on -inf-filled scores; tensordot-free matmul with transpose of the last two axes
import numpy as np
from scipy.special import softmax


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q = np.asarray(Q, dtype=float)
    K = np.asarray(K, dtype=float)
    V = np.asarray(V, dtype=float)
    axes = list(range(K.ndim))
    axes[-1], axes[-2] = axes[-2], axes[-1]
    scores = Q @ K.transpose(axes) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights


def causal_mask(seq_len):
    return np.tri(seq_len, seq_len, 0, dtype=np.float32).reshape(1, 1, seq_len, seq_len)
