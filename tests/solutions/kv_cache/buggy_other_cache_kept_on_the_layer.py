# mlprep: kv_cache
# expect: fail
"""The keys and values live on the layer, not in the cache: new_cache resets them, and two caches share them."""

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W_q, self.W_k, self.W_v, self.W_o = W_q, W_k, W_v, W_o
        self.h = n_heads
        self.K = self.V = None

    def _split(self, a):
        N, T, D = a.shape
        return a.reshape(N, T, self.h, D // self.h).transpose(0, 2, 1, 3)

    def _attend(self, q, k, v, mask=None):
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])
        if mask is not None:
            s = np.where(mask, s, -np.inf)
        w = np.exp(s - s.max(-1, keepdims=True))
        w = w / w.sum(-1, keepdims=True)
        ctx = (w @ v).transpose(0, 2, 1, 3)
        return ctx.reshape(ctx.shape[0], ctx.shape[1], -1) @ self.W_o

    def forward(self, x):
        T = x.shape[1]
        return self._attend(self._split(x @ self.W_q), self._split(x @ self.W_k), self._split(x @ self.W_v),
                            np.tril(np.ones((T, T), dtype=bool)))

    def new_cache(self):
        self.K = self.V = None
        return {}

    def step(self, x_t, cache):
        k, v = (x_t @ self.W_k)[:, None], (x_t @ self.W_v)[:, None]
        self.K = k if self.K is None else np.concatenate([self.K, k], axis=1)
        self.V = v if self.V is None else np.concatenate([self.V, v], axis=1)
        q = self._split((x_t @ self.W_q)[:, None])
        return self._attend(q, self._split(self.K), self._split(self.V))[:, 0]
