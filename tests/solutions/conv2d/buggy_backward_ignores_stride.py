# mlprep: conv2d
# expect: fail backward_ignores_stride
"""Forward right; the backward loop over output positions starts each window at (i, j), not (i * S, j * S)."""
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho, Wo = (H + 2 * padding - KH) // stride + 1, (W + 2 * padding - KW) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((N, F, Ho, Wo))
    wm = w.reshape(F, -1)
    for i in range(Ho):
        for j in range(Wo):
            out[:, :, i, j] = xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW].reshape(N, -1) @ wm.T
    return out if b is None else out + b[None, :, None, None]


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    v = np.lib.stride_tricks.sliding_window_view(x, (kernel, kernel), axis=(2, 3))
    return v[:, :, ::stride, ::stride].max(axis=(4, 5))


def conv2d_backward(dout, x, w, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    _, _, Ho, Wo = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    wm = w.reshape(F, -1)
    for i in range(Ho):
        for j in range(Wo):
            g = dout[:, :, i, j]
            dw += (g.T @ xp[:, :, i:i + KH, j:j + KW].reshape(N, -1)).reshape(w.shape)
            dxp[:, :, i:i + KH, j:j + KW] += (g @ wm).reshape(N, C, KH, KW)
    return dxp[:, :, padding:padding + H, padding:padding + W], dw, dout.sum(axis=(0, 2, 3))
