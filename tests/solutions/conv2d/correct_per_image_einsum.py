# mlprep: conv2d
# expect: pass
"""A loop over the images of the batch, sliding_window_view and einsum with a path for each; lists of ints
for the sizes, and float32 never used."""
import numpy as np


def _pad_hw(img, p):
    # img (C, H, W): pad the two spatial axes only
    return np.pad(img, ((0, 0), (p, p), (p, p)))


def conv2d(x, w, b=None, stride=1, padding=0):
    F, C, KH, KW = w.shape
    outs = []
    for img in x:
        v = np.lib.stride_tricks.sliding_window_view(_pad_hw(img, padding), (KH, KW), axis=(1, 2))
        v = v[:, ::stride, ::stride]  # floor: only windows that fit exist in the view
        o = np.einsum("chwpq,fcpq->fhw", v, w, optimize="greedy")
        if b is not None:
            o = o + np.asarray(b)[:, np.newaxis, np.newaxis]
        outs.append(o)
    return np.stack(outs)


def max_pool2d(x, kernel, stride=None):
    if stride is None:
        stride = kernel
    v = np.lib.stride_tricks.sliding_window_view(x, (kernel, kernel), axis=(-2, -1))
    return v[:, :, ::stride, ::stride].max(axis=(-2, -1))


def conv2d_backward(dout, x, w, stride=1, padding=0):
    F, C, KH, KW = w.shape
    N, _, H, W = x.shape
    OH, OW = dout.shape[2:]
    dx = np.zeros(x.shape)
    dw = np.zeros(w.shape)
    for n in range(N):
        xp = _pad_hw(x[n], padding)
        v = np.lib.stride_tricks.sliding_window_view(xp, (KH, KW), axis=(1, 2))[:, ::stride, ::stride][:, :OH, :OW]
        dw += np.einsum("fhw,chwpq->fcpq", dout[n], v, optimize="greedy")
        dxp = np.zeros(xp.shape)
        contrib = np.einsum("fhw,fcpq->cpqhw", dout[n], w, optimize="greedy")
        for p in range(KH):
            for q in range(KW):
                dxp[:, p:p + stride * OH:stride, q:q + stride * OW:stride] += contrib[:, p, q]
        dx[n] = dxp[:, padding:padding + H, padding:padding + W]
    return dx, dw, dout.sum(axis=(0, 2, 3))
