# mlprep: conv2d
# expect: fail pool_stride_defaults_to_one
"""Correct convolution; max pooling with a default stride of 1."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b=None, stride=1, padding=0):
    f, c, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.tensordot(win, w, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2)
    return out if b is None else out + b.reshape(1, f, 1, 1)


def max_pool2d(x, kernel, stride=1):
    n, c, h, wd = x.shape
    oh, ow = (h - kernel) // stride + 1, (wd - kernel) // stride + 1
    out = np.full((n, c, oh, ow), -np.inf)
    for p in range(kernel):
        for q in range(kernel):
            out = np.maximum(out, x[:, :, p:p + stride * oh:stride, q:q + stride * ow:stride])
    return out


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = dout.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for p in range(kh):
        for q in range(kw):
            sl = np.s_[:, :, p:p + stride * oh:stride, q:q + stride * ow:stride]
            dw[:, :, p, q] = np.tensordot(dout, xp[sl], axes=([0, 2, 3], [0, 2, 3]))
            dxp[sl] += np.tensordot(dout, w[:, :, p, q], axes=([1], [0])).transpose(0, 3, 1, 2)
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, dout.sum(axis=(0, 2, 3))
