# mlprep: kv_cache
# expect: fail merge_without_transpose
"""Splits the heads correctly with swapaxes, but merges the context with a plain reshape."""

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W_q, self.W_k, self.W_v, self.W_o = W_q, W_k, W_v, W_o
        self.h = n_heads
        self.dh = W_q.shape[0] // n_heads

    def _split(self, a):
        N, T, D = a.shape
        return a.reshape(N, T, self.h, self.dh).swapaxes(1, 2)

    def _softmax(self, s):
        e = np.exp(s - s.max(-1, keepdims=True))
        return e / e.sum(-1, keepdims=True)

    def forward(self, x):
        N, T, D = x.shape
        q, k, v = self._split(x @ self.W_q), self._split(x @ self.W_k), self._split(x @ self.W_v)
        s = q @ k.swapaxes(2, 3) / np.sqrt(self.dh)
        s[..., np.triu_indices(T, 1)[0], np.triu_indices(T, 1)[1]] = -np.inf
        ctx = self._softmax(s) @ v  # (N, h, T, dh)
        return ctx.reshape(N, T, D) @ self.W_o

    def new_cache(self):
        return {}

    def step(self, x_t, cache):
        N, D = x_t.shape
        k = x_t @ self.W_k
        v = x_t @ self.W_v
        cache["k"] = k[:, None] if "k" not in cache else np.concatenate([cache["k"], k[:, None]], 1)
        cache["v"] = v[:, None] if "v" not in cache else np.concatenate([cache["v"], v[:, None]], 1)
        q = self._split((x_t @ self.W_q)[:, None])
        ctx = self._softmax(q @ self._split(cache["k"]).swapaxes(2, 3) / np.sqrt(self.dh)) @ self._split(cache["v"])
        return ctx.reshape(N, D) @ self.W_o
