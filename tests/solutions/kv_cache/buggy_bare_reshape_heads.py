# mlprep: kv_cache
# expect: fail bare_reshape_heads
"""Heads cut by reshaping straight to (N, h, T, d_head), and merged back by the inverse bare reshape."""

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W_q, self.W_k, self.W_v, self.W_o = W_q, W_k, W_v, W_o
        self.h = n_heads

    def _attention(self, q, k, v, mask):
        N, h, T, dh = q.shape
        s = np.matmul(q, k.transpose(0, 1, 3, 2)) / np.sqrt(dh)
        if mask is not None:
            s = np.where(mask, s, -np.inf)
        s = np.exp(s - s.max(axis=3, keepdims=True))
        s = s / s.sum(axis=3, keepdims=True)
        return np.matmul(s, v)

    def forward(self, x):
        N, T, D = x.shape
        dh = D // self.h
        q = (x @ self.W_q).reshape(N, self.h, T, dh)
        k = (x @ self.W_k).reshape(N, self.h, T, dh)
        v = (x @ self.W_v).reshape(N, self.h, T, dh)
        ctx = self._attention(q, k, v, np.tril(np.ones((T, T), dtype=bool)))
        return ctx.reshape(N, T, D) @ self.W_o

    def new_cache(self):
        return {"k": [], "v": []}

    def step(self, x_t, cache):
        N, D = x_t.shape
        dh = D // self.h
        cache["k"].append(x_t @ self.W_k)
        cache["v"].append(x_t @ self.W_v)
        t = len(cache["k"])
        K = np.stack(cache["k"], axis=1).reshape(N, self.h, t, dh)
        V = np.stack(cache["v"], axis=1).reshape(N, self.h, t, dh)
        q = (x_t @ self.W_q).reshape(N, self.h, 1, dh)
        return self._attention(q, K, V, None).reshape(N, D) @ self.W_o
