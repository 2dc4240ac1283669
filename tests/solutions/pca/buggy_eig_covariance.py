# mlprep: pca
# expect: fail eig_covariance
"""Eigenvectors of the covariance matrix from np.linalg.eig, sorted by eigenvalue."""
import numpy as np


class PCA:
    def __init__(self, n_components, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        n, d = X.shape
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        cov = Xc.T @ Xc / (n - 1)
        vals, vecs = np.linalg.eig(cov)
        vals, vecs = vals.real, vecs.real
        order = np.argsort(vals)[::-1][: min(n, d)]
        vals, comps = vals[order], vecs[:, order].T
        for row in comps:
            if row[np.argmax(np.abs(row))] < 0:
                row *= -1
        ratio = vals / np.trace(cov)
        c = self.n_components
        if isinstance(c, (int, np.integer)):
            if not 1 <= c <= min(n, d):
                raise ValueError("n_components out of range")
            k = int(c)
        elif 0 < c < 1:
            k = int(np.searchsorted(np.cumsum(ratio), c)) + 1
        else:
            raise ValueError("n_components out of range")
        self.components_ = comps[:k]
        self.explained_variance_ = vals[:k]
        self.explained_variance_ratio_ = ratio[:k]
        return self

    def transform(self, X):
        Z = (np.asarray(X, dtype=float) - self.mean_) @ self.components_.T
        return Z / np.sqrt(self.explained_variance_) if self.whiten else Z

    def inverse_transform(self, Z):
        Z = np.asarray(Z, dtype=float)
        if self.whiten:
            Z = Z * np.sqrt(self.explained_variance_)
        return Z @ self.components_ + self.mean_
