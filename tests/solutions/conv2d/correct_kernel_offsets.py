# mlprep: conv2d
# expect: pass
"""A loop over the KH * KW kernel offsets, each a tensordot over channels for every output at once."""
import numpy as np


def _out_size(n, k, s, p):
    return (n + 2 * p - k) // s + 1


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = _out_size(h, kh, stride, padding), _out_size(wd, kw, stride, padding)
    xp = np.zeros((n, c, h + 2 * padding, wd + 2 * padding))
    xp[:, :, padding:padding + h, padding:padding + wd] = x
    acc = np.zeros((n, oh, ow, f))
    for p in range(kh):
        for q in range(kw):
            shifted = xp[:, :, p:p + stride * (oh - 1) + 1:stride, q:q + stride * (ow - 1) + 1:stride]
            acc += np.tensordot(shifted, w[:, :, p, q], axes=([1], [1]))  # (n, oh, ow, f)
    if b is not None:
        acc += b
    return np.ascontiguousarray(acc.transpose(0, 3, 1, 2))


def max_pool2d(x, kernel, stride=None):
    s = stride or kernel
    n, c, h, wd = x.shape
    oh, ow = _out_size(h, kernel, s, 0), _out_size(wd, kernel, s, 0)
    best = np.full((n, c, oh, ow), -np.inf)
    for p in range(kernel):
        for q in range(kernel):
            np.maximum(best, x[:, :, p:p + s * (oh - 1) + 1:s, q:q + s * (ow - 1) + 1:s], out=best)
    return best


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = dout.shape[-2:]
    xp = np.zeros((n, c, h + 2 * padding, wd + 2 * padding))
    xp[:, :, padding:padding + h, padding:padding + wd] = x
    dxp = np.zeros_like(xp)
    dw = np.empty_like(w, dtype=float)
    for p in range(kh):
        for q in range(kw):
            rows = slice(p, p + stride * (oh - 1) + 1, stride)
            cols = slice(q, q + stride * (ow - 1) + 1, stride)
            dw[:, :, p, q] = np.tensordot(dout, xp[:, :, rows, cols], axes=([0, 2, 3], [0, 2, 3]))
            dxp[:, :, rows, cols] += np.tensordot(w[:, :, p, q], dout, axes=([0], [1])).transpose(1, 0, 2, 3)
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, dout.sum(axis=(0, 2, 3))
