# mlprep: kv_cache
# expect: fail cache_grown_on_batch_axis
"""Collects each step's keys in a list and turns it into an array with np.array, which puts time first:
(t, N, d_model), then reshapes as if it were (N, t, d_model)."""

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W_q, self.W_k, self.W_v, self.W_o = W_q, W_k, W_v, W_o
        self.h = n_heads
        self.dh = W_q.shape[0] // n_heads

    def forward(self, x):
        N, T, D = x.shape
        q = (x @ self.W_q).reshape(N, T, self.h, self.dh).transpose(0, 2, 1, 3)
        k = (x @ self.W_k).reshape(N, T, self.h, self.dh).transpose(0, 2, 1, 3)
        v = (x @ self.W_v).reshape(N, T, self.h, self.dh).transpose(0, 2, 1, 3)
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(self.dh)
        s = np.where(np.tril(np.ones((T, T), bool)), s, -np.inf)
        w = np.exp(s - s.max(-1, keepdims=True))
        w /= w.sum(-1, keepdims=True)
        return (w @ v).transpose(0, 2, 1, 3).reshape(N, T, D) @ self.W_o

    def new_cache(self):
        return {"k": [], "v": []}

    def step(self, x_t, cache):
        N, D = x_t.shape
        cache["k"].append(x_t @ self.W_k)
        cache["v"].append(x_t @ self.W_v)
        t = len(cache["k"])
        K = np.array(cache["k"]).reshape(N, t, self.h, self.dh).transpose(0, 2, 3, 1)
        V = np.array(cache["v"]).reshape(N, t, self.h, self.dh).transpose(0, 2, 1, 3)
        q = (x_t @ self.W_q).reshape(N, self.h, 1, self.dh)
        s = q @ K / np.sqrt(self.dh)
        w = np.exp(s - s.max(-1, keepdims=True))
        w /= w.sum(-1, keepdims=True)
        return (w @ V).reshape(N, D) @ self.W_o
