# mlprep: conv2d
# expect: fail pool_keeps_partial_windows
"""Max pooling over range(0, H, stride): the last window is pooled over the part that fits."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b=None, stride=1, padding=0):
    kh, kw = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwij,fcij->nfhw", win, w, optimize=True)
    return out if b is None else out + b[:, None, None]


def max_pool2d(x, kernel, stride=None):
    stride = stride if stride is not None else kernel
    n, c, h, wd = x.shape
    rows = list(range(0, h, stride))
    cols = list(range(0, wd, stride))
    out = np.empty((n, c, len(rows), len(cols)))
    for a, i in enumerate(rows):
        for z, j in enumerate(cols):
            out[:, :, a, z] = x[:, :, i:i + kernel, j:j + kernel].max(axis=(2, 3))
    return out


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    oh, ow = dout.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride][:, :, :oh, :ow]
    dw = np.einsum("nfhw,nchwij->fcij", dout, win, optimize=True)
    back = np.einsum("nfhw,fcij->ncijhw", dout, w, optimize=True)
    dxp = np.zeros_like(xp)
    for i in range(kh):
        for j in range(kw):
            dxp[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride] += back[:, :, i, j]
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, dout.sum(axis=(0, 2, 3))
