# mlprep: conv2d
"""Reference solution: 2-D convolution (cross-correlation, as PyTorch computes it) and max pooling with
stride tricks and einsum (part 1), then the convolution's backward pass (part 2).
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _pad(x, padding):
    """x (N, C, H, W) with `padding` zeros added on both sides of the two spatial axes only."""
    return np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))


def _windows(xp, kh, kw, oh, ow, stride):
    """Read-only view (N, C, OH, OW, KH, KW): the window each output position reads from the padded input."""
    return sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, : oh * stride : stride, : ow * stride : stride]


def conv2d(x, w, b=None, stride=1, padding=0):
    """Cross-correlation of x (N, C, H, W) with w (F, C, KH, KW), plus b (F,): an array (N, F, OH, OW)."""
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh = (h + 2 * padding - kh) // stride + 1
    ow = (wd + 2 * padding - kw) // stride + 1
    xp = _pad(x, padding)
    windows = _windows(xp, kh, kw, oh, ow, stride)
    out = np.einsum("nchwij,fcij->nfhw", windows, w, optimize=True)
    if b is not None:
        out = out + np.asarray(b, dtype=float)[None, :, None, None]
    return out


def max_pool2d(x, kernel, stride=None):
    """Max over kernel x kernel windows of x (N, C, H, W), stride defaulting to kernel; windows that do not fit are dropped."""
    if stride is None:
        stride = kernel
    x = np.asarray(x, dtype=float)
    n, c, h, wd = x.shape
    oh = (h - kernel) // stride + 1
    ow = (wd - kernel) // stride + 1
    windows = sliding_window_view(x, (kernel, kernel), axis=(2, 3))[:, :, : oh * stride : stride, : ow * stride : stride]
    return windows.max(axis=(4, 5))


def conv2d_backward(dout, x, w, stride=1, padding=0):
    """Gradients (dx, dw, db) of sum(conv2d(x, w, b, stride, padding) * dout) for dout (N, F, OH, OW)."""
    dout = np.asarray(dout, dtype=float)
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = dout.shape[2], dout.shape[3]
    xp = _pad(x, padding)
    db = dout.sum(axis=(0, 2, 3))
    windows = _windows(xp, kh, kw, oh, ow, stride)
    dw = np.einsum("nfhw,nchwij->fcij", dout, windows, optimize=True)
    # Each output position sends dout * w back to the window it read: scatter-add one kernel offset at a time.
    cols = np.einsum("nfhw,fcij->ncijhw", dout, w, optimize=True)
    dxp = np.zeros_like(xp)
    for i in range(kh):
        for j in range(kw):
            dxp[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += cols[:, :, i, j]
    dx = dxp[:, :, padding : padding + h, padding : padding + wd]
    return dx, dw, db
