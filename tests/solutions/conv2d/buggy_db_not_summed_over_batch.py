# mlprep: conv2d
# expect: fail db_not_summed_over_batch
"""Everything right except db, summed over the spatial axes only: one bias gradient per image."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b=None, stride=1, padding=0):
    kh, kw = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.tensordot(win, w, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2)
    return out if b is None else out + b[None, :, None, None]


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    return sliding_window_view(x, (kernel, kernel), axis=(2, 3))[:, :, ::stride, ::stride].max(axis=(4, 5))


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    oh, ow = dout.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride][:, :, :oh, :ow]
    dw = np.tensordot(dout, win, axes=([0, 2, 3], [0, 2, 3]))
    dxp = np.zeros_like(xp)
    for i in range(kh):
        for j in range(kw):
            dxp[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride] += np.einsum("nfhw,fc->nchw", dout, w[:, :, i, j])
    db = np.sum(np.sum(dout, axis=3), axis=2)
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, db
