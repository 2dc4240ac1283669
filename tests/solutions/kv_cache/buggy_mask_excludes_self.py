# mlprep: kv_cache
# expect: fail mask_excludes_self
"""Masks the diagonal as well as the future (j >= i), with a large negative fill instead of -inf."""

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W_q, self.W_k, self.W_v, self.W_o = W_q, W_k, W_v, W_o
        self.h = n_heads

    def _split(self, a):
        N, T, D = a.shape
        return a.reshape(N, T, self.h, D // self.h).transpose(0, 2, 1, 3)

    def _merge(self, a):
        N, h, T, dh = a.shape
        return a.transpose(0, 2, 1, 3).reshape(N, T, h * dh)

    def _softmax(self, s):
        e = np.exp(s - s.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def forward(self, x):
        T = x.shape[1]
        q, k, v = self._split(x @ self.W_q), self._split(x @ self.W_k), self._split(x @ self.W_v)
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])
        i, j = np.indices((T, T))
        s = s + np.where(j >= i, -1e9, 0.0)
        return self._merge(self._softmax(s) @ v) @ self.W_o

    def new_cache(self):
        return {"k": None, "v": None}

    def step(self, x_t, cache):
        k, v = (x_t @ self.W_k)[:, None], (x_t @ self.W_v)[:, None]
        cache["k"] = k if cache["k"] is None else np.concatenate([cache["k"], k], axis=1)
        cache["v"] = v if cache["v"] is None else np.concatenate([cache["v"], v], axis=1)
        q = self._split((x_t @ self.W_q)[:, None])
        K, V = self._split(cache["k"]), self._split(cache["v"])
        s = q @ K.transpose(0, 1, 3, 2) / np.sqrt(q.shape[-1])
        return (self._merge(self._softmax(s) @ V) @ self.W_o)[:, 0]
