# mlprep: kv_cache
# expect: slow recomputes_past_keys
"""Correct, but the cache holds the past inputs, and every step projects all of them with W_k and W_v again."""

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W_q, self.W_k, self.W_v, self.W_o = W_q, W_k, W_v, W_o
        self.h = n_heads

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
        return []

    def step(self, x_t, cache):
        cache.append(x_t)
        past = np.stack(cache, axis=1)  # (N, t, d_model): the inputs, not their keys
        q = self._split((x_t @ self.W_q)[:, None])
        return self._attend(q, self._split(past @ self.W_k), self._split(past @ self.W_v))[:, 0]
