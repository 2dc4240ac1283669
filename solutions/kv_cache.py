# mlprep: kv_cache
"""Reference solution: causal multi-head self-attention over a whole sequence, and one token at a time
with a key/value cache.
"""

import numpy as np


class MultiHeadAttention:
    """Causal multi-head self-attention; every weight is (d_model, d_model) and applied as ``x @ W``."""

    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.W_q, self.W_k, self.W_v, self.W_o = (np.asarray(W, dtype=float) for W in (W_q, W_k, W_v, W_o))
        self.n_heads = n_heads
        self.d_model = self.W_q.shape[0]
        if self.d_model % n_heads:
            raise ValueError(f"d_model = {self.d_model} is not divisible by n_heads = {n_heads}")
        self.d_head = self.d_model // n_heads
        self.scale = 1.0 / np.sqrt(self.d_head)  # each head's dot product sums d_head terms

    def _split(self, x):
        """(N, T, d_model) -> (N, h, T, d_head): cut the features into heads, then move heads before time."""
        n, t, _ = x.shape
        return x.reshape(n, t, self.n_heads, self.d_head).transpose(0, 2, 1, 3)

    def _merge(self, heads):
        """(N, h, T, d_head) -> (N, T, d_model): the inverse of _split."""
        n, _, t, _ = heads.shape
        return heads.transpose(0, 2, 1, 3).reshape(n, t, self.d_model)

    def _attend(self, q, k, v, allowed=None):
        """Softmax attention of q (N, h, Tq, d_head) over k, v (N, h, Tk, d_head), projected: (N, Tq, d_model)."""
        scores = q @ k.swapaxes(-1, -2) * self.scale
        if allowed is not None:
            scores = np.where(allowed, scores, -np.inf)
        scores = scores - scores.max(axis=-1, keepdims=True)
        weights = np.exp(scores)
        weights = weights / weights.sum(axis=-1, keepdims=True)
        return self._merge(weights @ v) @ self.W_o

    def forward(self, x):
        """x (N, T, d_model) -> (N, T, d_model): row t attends to rows 0..t of its own sequence."""
        x = np.asarray(x, dtype=float)
        t = x.shape[1]
        q, k, v = self._split(x @ self.W_q), self._split(x @ self.W_k), self._split(x @ self.W_v)
        allowed = np.tril(np.ones((t, t), dtype=bool))  # query i may see key j when j <= i
        return self._attend(q, k, v, allowed)

    def new_cache(self):
        """A fresh, empty cache: the projected keys and values of the tokens seen so far, (N, t, d_model) each."""
        return {"k": None, "v": None}

    def step(self, x_t, cache):
        """One new token x_t (N, d_model) -> its output (N, d_model); appends its key and value to ``cache``."""
        x_t = np.asarray(x_t, dtype=float)
        new = x_t[:, None, :]  # (N, 1, d_model): a sequence of one token
        k_new, v_new = new @ self.W_k, new @ self.W_v
        if cache["k"] is None:
            cache["k"], cache["v"] = k_new, v_new
        else:
            cache["k"] = np.concatenate([cache["k"], k_new], axis=1)
            cache["v"] = np.concatenate([cache["v"], v_new], axis=1)
        k, v = self._split(cache["k"]), self._split(cache["v"])
        # No mask: the new token is the last one, so it may see every cached token, itself included.
        return self._attend(self._split(new @ self.W_q), k, v)[:, 0]
