# mlprep: pca
# expect: fail
"""Total variance with ddof 0 while the component variances use ddof 1: the ratios come out n / (n - 1) too large."""
import numpy as np
import scipy.linalg


class PCA:
    def __init__(self, n_components, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    def fit(self, X):
        data = np.array(X, dtype=np.float64)
        n, d = data.shape
        mu = np.average(data, axis=0)
        _, sv, vt = scipy.linalg.svd(data - mu, full_matrices=False, lapack_driver="gesvd")
        for i in range(vt.shape[0]):
            j = int(np.argmax(np.abs(vt[i])))
            if vt[i, j] < 0:
                vt[i] = -vt[i]
        lam = sv * sv / (n - 1)
        total = np.var(data, axis=0).sum()
        want = self.n_components
        if isinstance(want, float):
            if not 0 < want < 1:
                raise ValueError(f"fraction must be in (0, 1), got {want}")
            k, acc = 0, 0.0
            while acc < want * total and k < len(lam):
                acc += lam[k]
                k += 1
        else:
            k = int(want)
            if k != want or not 1 <= k <= min(n, d):
                raise ValueError(f"need 1 <= n_components <= {min(n, d)}")
        self.mean_ = mu
        self.components_ = vt[:k].copy()
        self.explained_variance_ = lam[:k]
        self.explained_variance_ratio_ = lam[:k] / total
        self._scale = np.sqrt(lam[:k]) if self.whiten else np.ones(k)
        return self

    def transform(self, X):
        return (np.asarray(X, dtype=float) - self.mean_) @ self.components_.T / self._scale

    def inverse_transform(self, Z):
        return (np.asarray(Z, dtype=float) * self._scale) @ self.components_ + self.mean_
