# mlprep: kv_cache
# expect: slow recomputes_past_keys
"""Correct, but step keeps the inputs and runs the whole causal forward pass on the prefix every time."""

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.Ws = [np.asarray(w, float) for w in (W_q, W_k, W_v, W_o)]
        self.h = n_heads

    def forward(self, x):
        x = np.asarray(x, float)
        N, T, D = x.shape
        dh = D // self.h
        q, k, v = ((x @ W).reshape(N, T, self.h, dh).transpose(0, 2, 1, 3) for W in self.Ws[:3])
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
        s[..., np.triu(np.ones((T, T), dtype=bool), 1)] = -np.inf
        w = np.exp(s - s.max(-1, keepdims=True))
        w /= w.sum(-1, keepdims=True)
        return (w @ v).transpose(0, 2, 1, 3).reshape(N, T, D) @ self.Ws[3]

    def new_cache(self):
        return {"xs": []}

    def step(self, x_t, cache):
        cache["xs"].append(np.asarray(x_t, float))
        return self.forward(np.stack(cache["xs"], axis=1))[:, -1]
