# mlprep: conv2d
# expect: pass
"""A loop over output positions, each one matrix product over every image and filter (not flagged as slow)."""
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Hout = 1 + (H + 2 * padding - KH) // stride
    Wout = 1 + (W + 2 * padding - KW) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (padding,) * 2, (padding,) * 2))
    flat_w = w.reshape(F, -1).T  # (C*KH*KW, F)
    out = np.empty((N, F, Hout, Wout))
    for i in range(Hout):
        for j in range(Wout):
            window = xp[:, :, i * stride:i * stride + KH, j * stride:j * stride + KW]
            out[:, :, i, j] = window.reshape(N, -1) @ flat_w
    if b is not None:
        out += b[:, None, None]
    return out


def max_pool2d(x, kernel, stride=None):
    if stride is None:
        stride = kernel
    N, C, H, W = x.shape
    Hout, Wout = 1 + (H - kernel) // stride, 1 + (W - kernel) // stride
    out = np.empty((N, C, Hout, Wout))
    for i in range(Hout):
        for j in range(Wout):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + kernel, j * stride:j * stride + kernel].max(axis=(2, 3))
    return out


def conv2d_backward(dout, x, w, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    _, _, Hout, Wout = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding,) * 2, (padding,) * 2))
    dxp = np.zeros(xp.shape)
    dw = np.zeros(w.shape)
    flat_w = w.reshape(F, -1)
    for i in range(Hout):
        for j in range(Wout):
            hs, ws = i * stride, j * stride
            g = dout[:, :, i, j]  # (N, F)
            window = xp[:, :, hs:hs + KH, ws:ws + KW].reshape(N, -1)
            dw += (g.T @ window).reshape(w.shape)
            dxp[:, :, hs:hs + KH, ws:ws + KW] += (g @ flat_w).reshape(N, C, KH, KW)
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, padding:padding + H, padding:padding + W], dw, db
