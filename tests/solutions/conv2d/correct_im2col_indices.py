# mlprep: conv2d
# expect: pass
"""im2col with fancy-index arrays and one matrix product; col2im with np.add.at for the backward."""
import numpy as np


def _indices(c, hp, wp, kh, kw, stride, oh, ow):
    # row index (c, p, q) and column index (i, j) -> position in the padded image
    ch = np.repeat(np.arange(c), kh * kw)
    p = np.tile(np.repeat(np.arange(kh), kw), c)
    q = np.tile(np.arange(kw), kh * c)
    i = stride * np.repeat(np.arange(oh), ow)
    j = stride * np.tile(np.arange(ow), oh)
    rows = p[:, None] + i[None, :]
    cols = q[:, None] + j[None, :]
    return ch[:, None], rows, cols


def _sizes(x, w, stride, padding):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    return n, c, h, wd, f, kh, kw, (h + 2 * padding - kh) // stride + 1, (wd + 2 * padding - kw) // stride + 1


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd, f, kh, kw, oh, ow = _sizes(x, w, stride, padding)
    xp = np.pad(x, [(0, 0), (0, 0), (padding, padding), (padding, padding)], mode="constant")
    ch, rows, cols = _indices(c, h + 2 * padding, wd + 2 * padding, kh, kw, stride, oh, ow)
    patches = xp[:, ch, rows, cols]  # (N, C*KH*KW, OH*OW)
    out = np.matmul(w.reshape(f, -1), patches)  # (N, F, OH*OW)
    out = out.reshape(n, f, oh, ow)
    if b is not None:
        out = out + b.reshape(1, f, 1, 1)
    return out


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    n, c, h, wd = x.shape
    oh, ow = (h - kernel) // stride + 1, (wd - kernel) // stride + 1
    ch, rows, cols = _indices(1, h, wd, kernel, kernel, stride, oh, ow)
    patches = x[:, :, rows, cols]  # (N, C, k*k, OH*OW)
    return patches.max(axis=2).reshape(n, c, oh, ow)


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd, f, kh, kw, oh, ow = _sizes(x, w, stride, padding)
    xp = np.pad(x, [(0, 0), (0, 0), (padding, padding), (padding, padding)], mode="constant")
    ch, rows, cols = _indices(c, h + 2 * padding, wd + 2 * padding, kh, kw, stride, oh, ow)
    patches = xp[:, ch, rows, cols]
    d = dout.reshape(n, f, oh * ow)
    db = d.sum(axis=(0, 2))
    dw = np.einsum("nfk,nrk->fr", d, patches).reshape(w.shape)
    dpatches = np.matmul(w.reshape(f, -1).T, d)  # (N, C*KH*KW, OH*OW)
    dxp = np.zeros_like(xp)
    np.add.at(dxp, (slice(None), ch, rows, cols), dpatches)
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, db
