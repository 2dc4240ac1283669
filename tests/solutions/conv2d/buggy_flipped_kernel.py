# mlprep: conv2d
# expect: fail flipped_kernel
"""scipy.signal.convolve2d per image, filter and channel: a true convolution, so the kernel is flipped."""
import numpy as np
from scipy.signal import convolve2d


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = []
    for i in range(n):
        maps = []
        for k in range(f):
            acc = sum(convolve2d(xp[i, ch], w[k, ch], mode="valid") for ch in range(c))
            maps.append(acc[::stride, ::stride])
        out.append(maps)
    out = np.array(out, dtype=float)
    if b is not None:
        out += np.asarray(b)[None, :, None, None]
    return out


def max_pool2d(x, kernel, stride=None):
    stride = stride or kernel
    v = np.lib.stride_tricks.sliding_window_view(x, (kernel, kernel), axis=(2, 3))
    return v[:, :, ::stride, ::stride].max(axis=(4, 5))


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = dout.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    v = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride][:, :, :oh, :ow]
    dw = np.einsum("nfhw,nchwpq->fcpq", dout, v)
    dxp = np.zeros_like(xp)
    for i in range(oh):
        for j in range(ow):
            dxp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw] += np.einsum("nf,fcpq->ncpq", dout[:, :, i, j], w)
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, dout.sum(axis=(0, 2, 3))
