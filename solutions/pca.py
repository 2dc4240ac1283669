# mlprep: pca
"""Reference solution: PCA by the SVD of the centred data, with a fixed sign per component, whitening and a
variance fraction for n_components."""

import numbers

import numpy as np


class PCA:
    """Principal component analysis: components_ (k, d) are the top right singular vectors of X - mean."""

    def __init__(self, n_components, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    def _k(self, ratio, n, d):
        """How many components to keep: an int in [1, min(n, d)], or the smallest k reaching a fraction."""
        k = self.n_components
        if isinstance(k, numbers.Integral) and not isinstance(k, bool):
            if not 1 <= k <= min(n, d):
                raise ValueError(f"n_components must be between 1 and min(n, d) = {min(n, d)}, got {k}")
            return int(k)
        if isinstance(k, numbers.Real) and 0 < k < 1:
            return int(np.searchsorted(np.cumsum(ratio), k)) + 1  # the first k whose cumulative ratio reaches it
        raise ValueError(f"n_components must be an int in [1, min(n, d)] or a float in (0, 1), got {k!r}")

    def fit(self, X):
        """Learn mean_, components_, explained_variance_ (ddof = 1) and explained_variance_ratio_; returns self."""
        X = np.asarray(X, dtype=float)
        n, d = X.shape
        self.mean_ = X.mean(axis=0)
        _, s, vt = np.linalg.svd(X - self.mean_, full_matrices=False)  # never the covariance: cond(X)^2
        variance = s**2 / (n - 1)
        ratio = variance / variance.sum()
        k = self._k(ratio, n, d)
        biggest = np.argmax(np.abs(vt), axis=1)
        vt = vt * np.sign(vt[np.arange(len(vt)), biggest])[:, None]  # largest-magnitude entry positive
        self.n_components_ = k
        self.n_samples_ = n
        self.components_ = vt[:k]
        self.explained_variance_ = variance[:k]
        self.explained_variance_ratio_ = ratio[:k]
        return self

    def transform(self, X):
        """Coordinates (m, k) of the rows of X, centred with the training mean (unit variance when whitened)."""
        Z = (np.asarray(X, dtype=float) - self.mean_) @ self.components_.T
        if self.whiten:
            Z = Z / np.sqrt(self.explained_variance_)
        return Z

    def inverse_transform(self, Z):
        """Rows (m, d) back in the original space: the projection onto the components, plus the mean."""
        Z = np.asarray(Z, dtype=float)
        if self.whiten:
            Z = Z * np.sqrt(self.explained_variance_)
        return Z @ self.components_ + self.mean_
