# mlprep: kv_cache
# expect: pass
"""forward runs step over the sequence on a fresh cache; the cache is a list [keys, values] of (N, h, t, d_head)."""

import numpy as np
from scipy.special import softmax


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.Wq, self.Wk, self.Wv, self.Wo = (np.asarray(w, float) for w in (W_q, W_k, W_v, W_o))
        self.nh = n_heads
        self.hd = self.Wq.shape[1] // n_heads

    def new_cache(self):
        return [None, None]

    def step(self, x_t, cache):
        n = x_t.shape[0]
        q, k, v = ((x_t @ w).reshape(n, self.nh, 1, self.hd) for w in (self.Wq, self.Wk, self.Wv))
        if cache[0] is not None:
            k = np.concatenate([cache[0], k], axis=2)
            v = np.concatenate([cache[1], v], axis=2)
        cache[0], cache[1] = k, v
        w = softmax(q @ k.transpose(0, 1, 3, 2) / np.sqrt(self.hd), axis=-1)
        return (w @ v).reshape(n, self.nh * self.hd) @ self.Wo

    def forward(self, x):
        cache = self.new_cache()
        return np.stack([self.step(x[:, t], cache) for t in range(x.shape[1])], axis=1)
