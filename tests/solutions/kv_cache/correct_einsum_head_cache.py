# mlprep: kv_cache
# expect: pass
"""Einsum throughout; the cache keeps keys and values already split into heads, (N, h, t, d_head)."""

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.Wq, self.Wk, self.Wv, self.Wo = W_q, W_k, W_v, W_o
        self.h = n_heads
        self.dh = W_q.shape[0] // n_heads

    def _heads(self, a):
        N, T, D = a.shape
        return np.einsum("ntkd->nktd", a.reshape(N, T, self.h, self.dh))

    def _softmax(self, s):
        s = s - np.max(s, axis=-1, keepdims=True)
        e = np.exp(s)
        return e / np.sum(e, axis=-1, keepdims=True)

    def forward(self, x):
        N, T, D = x.shape
        q = self._heads(np.einsum("ntd,de->nte", x, self.Wq))
        k = self._heads(np.einsum("ntd,de->nte", x, self.Wk))
        v = self._heads(np.einsum("ntd,de->nte", x, self.Wv))
        s = np.einsum("nhid,nhjd->nhij", q, k) / np.sqrt(self.dh)
        future = np.arange(T)[None, :] > np.arange(T)[:, None]
        s = np.where(future, -np.inf, s)
        ctx = np.einsum("nhij,nhjd->nihd", self._softmax(s), v)
        return ctx.reshape(N, T, D) @ self.Wo

    def new_cache(self):
        return {}

    def step(self, x_t, cache):
        N, D = x_t.shape
        q = (x_t @ self.Wq).reshape(N, self.h, 1, self.dh)
        k = (x_t @ self.Wk).reshape(N, self.h, 1, self.dh)
        v = (x_t @ self.Wv).reshape(N, self.h, 1, self.dh)
        if "K" in cache:
            cache["K"] = np.concatenate((cache["K"], k), axis=2)
            cache["V"] = np.concatenate((cache["V"], v), axis=2)
        else:
            cache["K"], cache["V"] = k, v
        w = self._softmax(np.einsum("nhqd,nhtd->nhqt", q, cache["K"]) / np.sqrt(self.dh))
        ctx = np.einsum("nhqt,nhtd->nhd", w, cache["V"])
        return ctx.reshape(N, D) @ self.Wo
