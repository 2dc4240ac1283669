# mlprep: conv2d
# expect: slow nested_loops
"""The classic naive version: loops over image, filter, output row and column, np.sum over each window."""
import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), "constant")
    H_out = 1 + (H + 2 * padding - HH) // stride
    W_out = 1 + (W + 2 * padding - WW) // stride
    out = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    window = x_pad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    out[n, f, i, j] = np.sum(window * w[f])
            if b is not None:
                out[n, f] += b[f]
    return out


def max_pool2d(x, kernel, stride=None):
    stride = kernel if stride is None else stride
    N, C, H, W = x.shape
    H_out, W_out = 1 + (H - kernel) // stride, 1 + (W - kernel) // stride
    out = np.zeros((N, C, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + kernel, j * stride:j * stride + kernel].max(axis=(2, 3))
    return out


def conv2d_backward(dout, x, w, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), "constant")
    dx_pad = np.zeros_like(x_pad)
    dw = np.zeros_like(w)
    wm = w.reshape(F, -1)
    for i in range(H_out):
        for j in range(W_out):
            hs, ws = i * stride, j * stride
            g = dout[:, :, i, j]
            dw += (g.T @ x_pad[:, :, hs:hs + HH, ws:ws + WW].reshape(N, -1)).reshape(w.shape)
            dx_pad[:, :, hs:hs + HH, ws:ws + WW] += (g @ wm).reshape(N, C, HH, WW)
    return dx_pad[:, :, padding:padding + H, padding:padding + W], dw, dout.sum(axis=(0, 2, 3))
