# mlprep: kv_cache
# expect: pass
"""Masked scores filled with the float64 minimum; a small cache class; heads merged with moveaxis."""

import numpy as np


class Cache:
    def __init__(self):
        self.keys = np.zeros((0,))
        self.values = np.zeros((0,))
        self.empty = True


def _softmax(s):
    z = np.exp(s - s.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W_q, self.W_k, self.W_v, self.W_o = W_q, W_k, W_v, W_o
        self.n_heads = n_heads

    def _split(self, a):
        *lead, d = a.shape
        return np.moveaxis(a.reshape(*lead, self.n_heads, d // self.n_heads), -2, -3)

    def _merge(self, a):
        a = np.moveaxis(a, -3, -2)
        return a.reshape(*a.shape[:-2], -1)

    def forward(self, x):
        T = x.shape[-2]
        q, k, v = self._split(x @ self.W_q), self._split(x @ self.W_k), self._split(x @ self.W_v)
        scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
        keep = np.tril(np.ones((T, T))) == 1
        scores = np.where(keep, scores, np.finfo(np.float64).min)
        return self._merge(_softmax(scores) @ v) @ self.W_o

    def new_cache(self):
        return Cache()

    def step(self, x_t, cache):
        k_t = (x_t @ self.W_k)[:, None, :]
        v_t = (x_t @ self.W_v)[:, None, :]
        if cache.empty:
            cache.keys, cache.values, cache.empty = k_t, v_t, False
        else:
            cache.keys = np.concatenate([cache.keys, k_t], axis=-2)
            cache.values = np.concatenate([cache.values, v_t], axis=-2)
        q = self._split((x_t @ self.W_q)[:, None, :])
        k, v = self._split(cache.keys), self._split(cache.values)
        out = self._merge(_softmax(q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])) @ v) @ self.W_o
        return out[:, -1]
