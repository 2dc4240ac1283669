# mlprep: conv2d
# expect: fail wrong_output_size
"""im2col with the output size taken from the unpadded input."""
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    out_h = (h - kh) // stride + 1
    out_w = (wd - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    cols = np.empty((n, out_h, out_w, c, kh, kw))
    for p in range(kh):
        for q in range(kw):
            cols[..., p, q] = xp[:, :, p:p + stride * out_h:stride, q:q + stride * out_w:stride].transpose(0, 2, 3, 1)
    out = cols.reshape(n * out_h * out_w, -1) @ w.reshape(f, -1).T
    out = out.reshape(n, out_h, out_w, f).transpose(0, 3, 1, 2)
    if b is not None:
        out = out + b[None, :, None, None]
    return out


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    v = np.lib.stride_tricks.sliding_window_view(x, (kernel, kernel), axis=(2, 3))
    return v[:, :, ::stride, ::stride].max(axis=(-1, -2))


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = dout.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for p in range(kh):
        for q in range(kw):
            sl = (slice(None), slice(None), slice(p, p + stride * oh, stride), slice(q, q + stride * ow, stride))
            dw[:, :, p, q] = np.einsum("nfhw,nchw->fc", dout, xp[sl])
            dxp[sl] += np.einsum("nfhw,fc->nchw", dout, w[:, :, p, q])
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, dout.sum(axis=(0, 2, 3))
