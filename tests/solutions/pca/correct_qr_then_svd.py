# mlprep: pca
# expect: pass
"""QR of the centred data, then the SVD of the small R factor; variances measured on the projections."""
import numpy as np


class PCA:
    def __init__(self, n_components, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        n, d = X.shape
        nc = self.n_components
        if isinstance(nc, (float, np.floating)):
            if not 0.0 < nc < 1.0:
                raise ValueError("a float n_components must lie strictly between 0 and 1")
        elif not 1 <= nc <= min(n, d):
            raise ValueError("n_components must be between 1 and min(n_samples, n_features)")
        mean = X.mean(axis=0)
        centred = X - mean
        _, R = np.linalg.qr(centred)
        _, _, Vt = np.linalg.svd(R)
        Vt = Vt[: min(n, d)]
        flip = np.sign(np.take_along_axis(Vt, np.abs(Vt).argmax(axis=1)[:, None], axis=1))
        Vt = Vt * flip
        proj = centred @ Vt.T
        var = proj.var(axis=0, ddof=1)
        total = centred.var(axis=0, ddof=1).sum()
        if isinstance(nc, (float, np.floating)):
            cum = np.cumsum(var) / total
            k = int(np.flatnonzero(cum >= nc)[0]) + 1
        else:
            k = int(nc)
        self.mean_ = mean
        self.components_ = Vt[:k]
        self.explained_variance_ = var[:k]
        self.explained_variance_ratio_ = var[:k] / total
        return self

    def transform(self, X):
        out = (np.asarray(X, dtype=float) - self.mean_) @ self.components_.T
        if self.whiten:
            out = out / np.sqrt(self.explained_variance_)
        return out

    def inverse_transform(self, Z):
        Z = np.asarray(Z, dtype=float)
        scale = np.sqrt(self.explained_variance_) if self.whiten else 1.0
        return (Z * scale) @ self.components_ + self.mean_
