# mlprep: conv2d
# expect: pass
"""as_strided windows and tensordot; dx by the textbook recipe: dilate dout, pad by K - 1, correlate with the
flipped kernel, then fit the result to the padded input and crop."""
import numpy as np
from numpy.lib.stride_tricks import as_strided


def _windows(a, kh, kw, stride, oh, ow):
    n, c, _, _ = a.shape
    sn, sc, sh, sw = a.strides
    return as_strided(a, shape=(n, c, oh, ow, kh, kw), strides=(sn, sc, sh * stride, sw * stride, sh, sw),
                      writeable=False)


def conv2d(x, w, b=None, stride=1, padding=0):
    f, c, kh, kw = w.shape
    xp = np.ascontiguousarray(np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding))))
    oh = (xp.shape[2] - kh) // stride + 1
    ow = (xp.shape[3] - kw) // stride + 1
    win = _windows(xp, kh, kw, stride, oh, ow)
    out = np.tensordot(win, w, axes=([1, 4, 5], [1, 2, 3]))  # (n, oh, ow, f)
    out = np.moveaxis(out, 3, 1)
    return out if b is None else out + np.reshape(b, (1, -1, 1, 1))


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    x = np.ascontiguousarray(x)
    oh = (x.shape[2] - kernel) // stride + 1
    ow = (x.shape[3] - kernel) // stride + 1
    return _windows(x, kernel, kernel, stride, oh, ow).max(axis=(4, 5))


def conv2d_backward(dout, x, w, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    oh, ow = dout.shape[2], dout.shape[3]
    xp = np.ascontiguousarray(np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding))))
    win = _windows(xp, kh, kw, stride, oh, ow)
    dw = np.tensordot(dout, win, axes=([0, 2, 3], [0, 2, 3]))  # (f, c, kh, kw)
    db = dout.sum(axis=(0, 2, 3))
    # dilate dout by the stride, pad by K - 1, correlate with the flipped kernel (a full convolution)
    dil = np.zeros((n, f, (oh - 1) * stride + 1, (ow - 1) * stride + 1))
    dil[:, :, ::stride, ::stride] = dout
    dil = np.ascontiguousarray(np.pad(dil, ((0, 0), (0, 0), (kh - 1, kh - 1), (kw - 1, kw - 1))))
    fh, fw = dil.shape[2] - kh + 1, dil.shape[3] - kw + 1  # (oh - 1) * stride + kh rows
    full = np.tensordot(_windows(dil, kh, kw, 1, fh, fw), w[:, :, ::-1, ::-1], axes=([1, 4, 5], [0, 2, 3]))
    full = np.moveaxis(full, 3, 1)  # (n, c, fh, fw)
    dxp = np.zeros(xp.shape)
    dxp[:, :, :fh, :fw] = full  # rows past the last window stay 0
    return dxp[:, :, padding:padding + h, padding:padding + wd], dw, db
