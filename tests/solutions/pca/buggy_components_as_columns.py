# mlprep: pca
# expect: fail components_as_columns
"""Stores V (d, k), the components as columns, and projects with it."""
import numpy as np


class PCA:
    def __init__(self, n_components, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        n, d = X.shape
        self.mean_ = X.mean(axis=0)
        U, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)
        rows = np.arange(Vt.shape[0])
        pivot = Vt[rows, np.abs(Vt).argmax(axis=1)]
        Vt = np.where(pivot[:, None] < 0, -Vt, Vt)
        var = S ** 2 / (n - 1)
        share = var / var.sum()
        c = self.n_components
        if isinstance(c, (int, np.integer)):
            if c < 1 or c > min(n, d):
                raise ValueError("bad n_components")
            k = int(c)
        elif isinstance(c, float) and 0.0 < c < 1.0:
            k = int(np.argmax(np.cumsum(share) >= c)) + 1
        else:
            raise ValueError("bad n_components")
        self.components_ = Vt[:k].T
        self.explained_variance_ = var[:k]
        self.explained_variance_ratio_ = share[:k]
        return self

    def transform(self, X):
        Z = (np.asarray(X, dtype=float) - self.mean_) @ self.components_
        return Z / np.sqrt(self.explained_variance_) if self.whiten else Z

    def inverse_transform(self, Z):
        Z = np.asarray(Z, dtype=float)
        if self.whiten:
            Z = Z * np.sqrt(self.explained_variance_)
        return self.mean_ + Z @ self.components_.T
