# mlprep: kv_cache
# expect: pass
"""A cache object with a preallocated buffer that doubles when full; an additive -1e9 mask in forward."""

import numpy as np


class KVCache:
    def __init__(self):
        self.k = None
        self.v = None
        self.length = 0

    def append(self, k, v):
        if self.k is None:
            self.k = np.empty((k.shape[0], 16, k.shape[1]))
            self.v = np.empty_like(self.k)
        if self.length == self.k.shape[1]:
            self.k = np.concatenate([self.k, np.empty_like(self.k)], axis=1)
            self.v = np.concatenate([self.v, np.empty_like(self.v)], axis=1)
        self.k[:, self.length] = k
        self.v[:, self.length] = v
        self.length += 1
        return self.k[:, : self.length], self.v[:, : self.length]


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W = [np.asarray(w, dtype=np.float64) for w in (W_q, W_k, W_v, W_o)]
        self.H = n_heads
        self.D = self.W[0].shape[0]
        self.d = self.D // n_heads

    def split(self, a):
        n, t, _ = a.shape
        return a.reshape(n, t, self.H, self.d).swapaxes(1, 2)

    def attend(self, q, k, v, bias):
        s = q @ k.swapaxes(-1, -2) / self.d ** 0.5 + bias
        s = s - s.max(-1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(-1, keepdims=True)
        ctx = (p @ v).swapaxes(1, 2)
        n, t = ctx.shape[:2]
        return ctx.reshape(n, t, self.D) @ self.W[3]

    def forward(self, x):
        T = x.shape[1]
        bias = np.triu(np.full((T, T), -1e9), 1)
        q, k, v = (self.split(x @ w) for w in self.W[:3])
        return self.attend(q, k, v, bias)

    def new_cache(self):
        return KVCache()

    def step(self, x_t, cache):
        K, V = cache.append(x_t @ self.W[1], x_t @ self.W[2])
        q = self.split((x_t @ self.W[0])[:, None, :])
        return self.attend(q, self.split(K), self.split(V), 0.0)[:, 0, :]
