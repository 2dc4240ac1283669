# mlprep: kv_cache
# expect: fail
"""step returns (N, 1, d_model), the one-token sequence, instead of (N, d_model)."""

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
        return {"k": None, "v": None}

    def step(self, x_t, cache):
        x_t = x_t[:, None]
        k, v = x_t @ self.W_k, x_t @ self.W_v
        cache["k"] = k if cache["k"] is None else np.concatenate([cache["k"], k], axis=1)
        cache["v"] = v if cache["v"] is None else np.concatenate([cache["v"], v], axis=1)
        return self._attend(self._split(x_t @ self.W_q), self._split(cache["k"]), self._split(cache["v"]))
