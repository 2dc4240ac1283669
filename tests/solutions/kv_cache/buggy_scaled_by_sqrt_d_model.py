# mlprep: kv_cache
# expect: fail scaled_by_sqrt_d_model
"""Divides each head's scores by sqrt(d_model), written out in forward and in step."""

import math

import numpy as np


class MultiHeadAttention:
    def __init__(self, W_q, W_k, W_v, W_o, n_heads):
        self.weights = (W_q, W_k, W_v, W_o)
        self.n_heads = n_heads

    def forward(self, x):
        W_q, W_k, W_v, W_o = self.weights
        N, T, D = x.shape
        h = self.n_heads
        q = (x @ W_q).reshape(N, T, h, D // h).transpose(0, 2, 1, 3)
        k = (x @ W_k).reshape(N, T, h, D // h).transpose(0, 2, 1, 3)
        v = (x @ W_v).reshape(N, T, h, D // h).transpose(0, 2, 1, 3)
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(D)
        scores[..., ~np.tri(T, dtype=bool)] = -np.inf
        scores -= scores.max(axis=-1, keepdims=True)
        w = np.exp(scores)
        w /= w.sum(axis=-1, keepdims=True)
        return (w @ v).transpose(0, 2, 1, 3).reshape(N, T, D) @ W_o

    def new_cache(self):
        return {"x_k": None, "x_v": None}

    def step(self, x_t, cache):
        W_q, W_k, W_v, W_o = self.weights
        N, D = x_t.shape
        h = self.n_heads
        k = (x_t @ W_k).reshape(N, h, 1, D // h)
        v = (x_t @ W_v).reshape(N, h, 1, D // h)
        cache["x_k"] = k if cache["x_k"] is None else np.concatenate([cache["x_k"], k], axis=2)
        cache["x_v"] = v if cache["x_v"] is None else np.concatenate([cache["x_v"], v], axis=2)
        q = (x_t @ W_q).reshape(N, h, 1, D // h)
        scores = q @ cache["x_k"].transpose(0, 1, 3, 2) / math.sqrt(D)
        scores -= scores.max(axis=-1, keepdims=True)
        w = np.exp(scores)
        w /= w.sum(axis=-1, keepdims=True)
        return (w @ cache["x_v"]).reshape(N, D) @ W_o
