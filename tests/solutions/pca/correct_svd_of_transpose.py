# mlprep: pca
# expect: pass
"""SVD of the centred data's transpose (its U holds the components as columns); einsum projections."""
import numbers

import numpy as np


class PCA:
    def __init__(self, n_components, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    def _check(self, n, d):
        c = self.n_components
        if isinstance(c, numbers.Integral):
            if not 1 <= c <= min(n, d):
                raise ValueError("n_components out of range")
        elif not (isinstance(c, numbers.Real) and 0 < c < 1):
            raise ValueError("n_components must be a fraction in (0, 1)")

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        n, d = X.shape
        self._check(n, d)
        self.mean_ = X.sum(axis=0) / n
        V, s, _ = np.linalg.svd((X - self.mean_).T, full_matrices=False)  # (d, r) columns
        comps = V.T
        signs = np.sign(comps[np.arange(len(comps)), np.argmax(np.abs(comps), axis=1)])
        comps = comps * signs[:, None]
        ev = s ** 2 / (n - 1)
        ratio = ev / ev.sum()
        c = self.n_components
        k = int(c) if isinstance(c, numbers.Integral) else int(np.searchsorted(np.cumsum(ratio), c) + 1)
        self.components_ = comps[:k]
        self.explained_variance_ = ev[:k]
        self.explained_variance_ratio_ = ratio[:k]
        return self

    def transform(self, X):
        Z = np.einsum("md,kd->mk", np.asarray(X, dtype=float) - self.mean_, self.components_)
        if self.whiten:
            Z /= np.sqrt(self.explained_variance_)
        return Z

    def inverse_transform(self, Z):
        Z = np.array(Z, dtype=float)
        if self.whiten:
            Z *= np.sqrt(self.explained_variance_)
        return np.einsum("mk,kd->md", Z, self.components_) + self.mean_
