# mlprep: pca
# expect: slow full_matrices
"""np.linalg.svd with its default full_matrices=True: an (n, n) U that is never used."""
import math

import numpy as np


def principal_axes(X):
    """(mean, components (r, d), variances (r,)) of X, sign-fixed, largest variance first."""
    mean = np.mean(X, axis=0)
    _, sing, vt = np.linalg.svd(X - mean)
    fixed = []
    for row in vt:
        top = max(range(len(row)), key=lambda i: abs(row[i]))
        fixed.append(row if row[top] > 0 else -row)
    return mean, np.array(fixed), sing ** 2 / (len(X) - 1)


class PCA:
    def __init__(self, n_components, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        mean, axes, variances = principal_axes(X)
        ratios = variances / variances.sum()
        limit = min(X.shape)
        want = self.n_components
        if isinstance(want, bool):
            raise ValueError("n_components must be a number")
        if isinstance(want, (int, np.integer)):
            if want < 1 or want > limit:
                raise ValueError(f"n_components={want} outside 1..{limit}")
            k = int(want)
        elif 0 < want < 1:
            running = 0.0
            k = 0
            for r in ratios:
                k += 1
                running += r
                if running >= want:
                    break
        else:
            raise ValueError(f"n_components={want} is not a fraction in (0, 1)")
        self.mean_ = mean
        self.components_ = axes[:k]
        self.explained_variance_ = variances[:k]
        self.explained_variance_ratio_ = ratios[:k]
        self._std = np.array([math.sqrt(v) for v in self.explained_variance_])
        return self

    def transform(self, X):
        coords = (np.asarray(X, dtype=float) - self.mean_) @ self.components_.T
        return coords / self._std if self.whiten else coords

    def inverse_transform(self, Z):
        Z = np.asarray(Z, dtype=float)
        return (Z * self._std if self.whiten else Z) @ self.components_ + self.mean_
