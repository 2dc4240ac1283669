# mlprep: kv_cache
# expect: fail no_output_projection
"""Keeps W_o but never multiplies by it: the heads' concatenation is returned as it is."""

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.p = {"q": W_q, "k": W_k, "v": W_v, "o": W_o}
        self.n_heads = n_heads

    def _heads(self, a):
        n, t, d = a.shape
        return a.reshape(n, t, self.n_heads, -1).transpose(0, 2, 1, 3)

    def _attend(self, q, k, v, causal):
        d_head = q.shape[-1]
        s = np.einsum("nhid,nhjd->nhij", q, k) / np.sqrt(d_head)
        if causal:
            T = s.shape[-1]
            s = np.where(np.tril(np.ones((T, T))) > 0, s, -np.inf)
        w = np.exp(s - s.max(-1, keepdims=True))
        w = w / w.sum(-1, keepdims=True)
        out = np.einsum("nhij,nhjd->nihd", w, v)
        return out.reshape(out.shape[0], out.shape[1], -1)

    def forward(self, x):
        return self._attend(*(self._heads(x @ self.p[c]) for c in "qkv"), causal=True)

    def new_cache(self):
        return {"k": [], "v": []}

    def step(self, x_t, cache):
        cache["k"].append(x_t @ self.p["k"])
        cache["v"].append(x_t @ self.p["v"])
        q = self._heads((x_t @ self.p["q"])[:, None])
        k = self._heads(np.stack(cache["k"], axis=1))
        v = self._heads(np.stack(cache["v"], axis=1))
        return self._attend(q, k, v, causal=False)[:, 0]
