# mlprep: conv2d
# expect: fail
"""Max pooling that starts each window's maximum at 0: wrong wherever a whole window is negative."""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b=None, stride=1, padding=0):
    kh, kw = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.einsum("nchwij,fcij->nfhw", win, w, optimize=True)
    return out if b is None else out + b[None, :, None, None]


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    n, c, h, wd = x.shape
    oh, ow = (h - kernel) // stride + 1, (wd - kernel) // stride + 1
    out = np.zeros((n, c, oh, ow))
    for p in range(kernel):
        for q in range(kernel):
            out = np.maximum(out, x[:, :, p:p + stride * oh:stride, q:q + stride * ow:stride])
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
