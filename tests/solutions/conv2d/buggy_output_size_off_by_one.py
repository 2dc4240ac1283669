# mlprep: conv2d
# expect: fail output_size_off_by_one
"""A loop over output positions with the output size missing its + 1."""
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - KH) // stride
    Wo = (W + 2 * padding - KW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, F, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            win = xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW]
            out[:, :, i, j] = np.tensordot(win, w, axes=([1, 2, 3], [1, 2, 3]))
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    v = np.lib.stride_tricks.sliding_window_view(x, (kernel, kernel), axis=(2, 3))
    return v[:, :, ::stride, ::stride].max(axis=(-1, -2))


def conv2d_backward(dout, x, w, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    _, _, Ho, Wo = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for i in range(Ho):
        for j in range(Wo):
            hs, ws = i * stride, j * stride
            dw += np.tensordot(dout[:, :, i, j], xp[:, :, hs:hs + KH, ws:ws + KW], axes=([0], [0]))
            dxp[:, :, hs:hs + KH, ws:ws + KW] += np.tensordot(dout[:, :, i, j], w, axes=([1], [0]))
    return dxp[:, :, padding:padding + H, padding:padding + W], dw, dout.sum(axis=(0, 2, 3))
