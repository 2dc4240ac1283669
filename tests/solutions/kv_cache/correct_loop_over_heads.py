# mlprep: kv_cache
# expect: pass
"""A Python loop over the heads, slicing the weight columns; the cache is two lists stacked at every step."""

import numpy as np


def softmax_rows(s):
    m = s.max(axis=-1, keepdims=True)
    e = np.exp(s - m)
    return e / e.sum(axis=-1, keepdims=True)


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W_q = np.array(W_q, dtype=float)
        self.W_k = np.array(W_k, dtype=float)
        self.W_v = np.array(W_v, dtype=float)
        self.W_o = np.array(W_o, dtype=float)
        self.n_heads = n_heads
        self.d_model = self.W_q.shape[0]
        self.d_head = self.d_model // n_heads

    def _cols(self, i):
        return slice(i * self.d_head, (i + 1) * self.d_head)

    def forward(self, x):
        x = np.asarray(x, dtype=float)
        T = x.shape[1]
        Q, K, V = x @ self.W_q, x @ self.W_k, x @ self.W_v
        blocked = np.triu(np.ones((T, T), dtype=bool), k=1)
        outs = []
        for i in range(self.n_heads):
            c = self._cols(i)
            s = Q[..., c] @ np.transpose(K[..., c], (0, 2, 1)) / np.sqrt(self.d_head)
            s[:, blocked] = -np.inf
            outs.append(softmax_rows(s) @ V[..., c])
        return np.concatenate(outs, axis=-1) @ self.W_o

    def new_cache(self):
        return {"keys": [], "values": []}

    def step(self, x_t, cache):
        x_t = np.asarray(x_t, dtype=float)
        cache["keys"].append(x_t @ self.W_k)
        cache["values"].append(x_t @ self.W_v)
        K = np.stack(cache["keys"], axis=1)  # (N, t, d_model)
        V = np.stack(cache["values"], axis=1)
        q = x_t @ self.W_q
        outs = []
        for i in range(self.n_heads):
            c = self._cols(i)
            s = np.einsum("nd,ntd->nt", q[:, c], K[:, :, c]) / np.sqrt(self.d_head)
            outs.append(np.einsum("nt,ntd->nd", softmax_rows(s), V[:, :, c]))
        return np.concatenate(outs, axis=-1) @ self.W_o
