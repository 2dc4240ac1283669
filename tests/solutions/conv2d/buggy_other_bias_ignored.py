# mlprep: conv2d
# expect: fail
"""im2col by concatenating shifted slices; the bias argument is accepted and never added."""
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = (h + 2 * padding - kh) // stride + 1, (wd + 2 * padding - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    pieces = [xp[:, :, p:p + stride * oh:stride, q:q + stride * ow:stride] for p in range(kh) for q in range(kw)]
    cols = np.stack(pieces, axis=2)  # (n, c, kh*kw, oh, ow)
    return np.einsum("nckhw,fck->nfhw", cols, w.reshape(f, c, kh * kw))


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    v = np.lib.stride_tricks.sliding_window_view(x, (kernel, kernel), axis=(2, 3))
    return v[:, :, ::stride, ::stride].max(axis=(4, 5))


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
            dw[:, :, p, q] = np.einsum("nfhw,nchw->fc", dout, xp[sl])
            dxp[sl] += np.einsum("nfhw,fc->nchw", dout, w[:, :, p, q])
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, dout.sum(axis=(0, 2, 3))
