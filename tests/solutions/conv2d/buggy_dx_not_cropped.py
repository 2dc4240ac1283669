# mlprep: conv2d
# expect: fail dx_not_cropped
"""im2col by index arithmetic; col2im returns the padded gradient."""
import numpy as np


def _cols(xp, kh, kw, s, oh, ow):
    n, c = xp.shape[:2]
    cols = np.empty((c, kh, kw, n, oh, ow))
    for p in range(kh):
        for q in range(kw):
            cols[:, p, q] = xp[:, :, p:p + s * oh:s, q:q + s * ow:s].transpose(1, 0, 2, 3)
    return cols.reshape(c * kh * kw, -1)


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = (h + 2 * padding - kh) // stride + 1, (wd + 2 * padding - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = (w.reshape(f, -1) @ _cols(xp, kh, kw, stride, oh, ow)).reshape(f, n, oh, ow).transpose(1, 0, 2, 3)
    if b is not None:
        out = out + b[None, :, None, None]
    return out


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    n, c, h, wd = x.shape
    oh, ow = (h - kernel) // stride + 1, (wd - kernel) // stride + 1
    cols = _cols(x.reshape(n * c, 1, h, wd), kernel, kernel, stride, oh, ow)
    return cols.max(axis=0).reshape(n, c, oh, ow)


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = dout.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    d = dout.transpose(1, 0, 2, 3).reshape(f, -1)
    dw = (d @ _cols(xp, kh, kw, stride, oh, ow).T).reshape(w.shape)
    dcols = (w.reshape(f, -1).T @ d).reshape(c, kh, kw, n, oh, ow)
    dx = np.zeros(xp.shape)
    for p in range(kh):
        for q in range(kw):
            dx[:, :, p:p + stride * oh:stride, q:q + stride * ow:stride] += dcols[:, p, q].transpose(1, 0, 2, 3)
    return dx, dw, d.sum(axis=1)
