"""The pca reference agrees with scikit-learn's PCA (components with their signs, variances, ratios, transform,
inverse_transform, whitening, a variance fraction) on random tall, wide and offset data, and the numbers the
problem's texts state are recomputed here (the stability test's condition numbers and errors among them)."""

from __future__ import annotations

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.generators import build, load_topics
from mlprep.engine.loader import load_module
from mlprep.problem import Problem


def problem() -> Problem:
    return catalog.load(catalog.resolve("pca", catalog.index(catalog.pack_dirs())))


def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "pca.py", "xref_pca")


def inputs_of(name: str) -> dict:
    load_topics()
    test = next(t for t in problem().tests if t.name == name)
    return build([r.as_dict() for r in test.inputs], test.given)


def collinear() -> np.ndarray:
    z = inputs_of("nearly collinear features")["z"]
    return np.column_stack([1e5 * z[:, 0], 1e5 * z[:, 0] + z[:, 1], 1e5 * z[:, 0] + z[:, 1] + 1e-3 * z[:, 2]])


CASES = [(40, 5, 3, 0.0), (30, 4, 4, -2.0), (6, 9, 4, 1.0), (200, 12, 5, 1e4), (15, 3, 1, 1e-3)]


@pytest.mark.parametrize(("n", "d", "k", "offset"), CASES)
@pytest.mark.parametrize("whiten", [False, True])
def test_matches_sklearn(n, d, k, offset, whiten):
    decomposition = pytest.importorskip("sklearn.decomposition")
    rng = np.random.default_rng(n * d + k)
    X = rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + offset
    X_new = rng.normal(size=(7, d)) @ rng.normal(size=(d, d)) + offset
    ours = ref()["PCA"](k, whiten=whiten).fit(X)
    theirs = decomposition.PCA(k, whiten=whiten, svd_solver="full").fit(X)
    np.testing.assert_allclose(ours.mean_, theirs.mean_, rtol=1e-10, atol=1e-12 * max(1.0, abs(offset)))
    np.testing.assert_allclose(ours.components_, theirs.components_, rtol=1e-8, atol=1e-10)  # signs included
    np.testing.assert_allclose(ours.explained_variance_, theirs.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(ours.explained_variance_ratio_, theirs.explained_variance_ratio_, rtol=1e-10)
    Z = ours.transform(X_new)
    np.testing.assert_allclose(Z, theirs.transform(X_new), rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(ours.inverse_transform(Z), theirs.inverse_transform(Z), rtol=1e-7, atol=1e-7)
    if whiten:
        np.testing.assert_allclose(ours.transform(X).var(axis=0, ddof=1), 1.0, rtol=1e-10)


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9, 0.97, 0.999])
def test_fraction_matches_sklearn(fraction):
    decomposition = pytest.importorskip("sklearn.decomposition")
    rng = np.random.default_rng(int(fraction * 1000))
    X = rng.normal(size=(80, 8)) * np.array([6.0, 4.0, 3.0, 2.0, 1.0, 0.5, 0.2, 0.1])
    ours = ref()["PCA"](fraction).fit(X)
    theirs = decomposition.PCA(fraction, svd_solver="full").fit(X)
    assert ours.components_.shape == theirs.components_.shape
    np.testing.assert_allclose(ours.components_, theirs.components_, rtol=1e-8, atol=1e-10)


def test_extreme_inputs():
    """A huge offset and tiny scales; k = d reconstructs exactly; the stability data set."""
    m = ref()
    rng = np.random.default_rng(3)
    base = rng.normal(size=(50, 4)) @ rng.normal(size=(4, 4))
    a = m["PCA"](4).fit(base)
    for scale, offset in ((1e-150, 0.0), (1e150, 0.0), (1.0, 1e8)):
        b = m["PCA"](4).fit(base * scale + offset)
        np.testing.assert_allclose(b.components_, a.components_, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(b.explained_variance_ratio_, a.explained_variance_ratio_, rtol=1e-6)
    np.testing.assert_allclose(a.inverse_transform(a.transform(base)), base, rtol=1e-10, atol=1e-10)
    decomposition = pytest.importorskip("sklearn.decomposition")
    X = collinear()
    theirs = decomposition.PCA(3, svd_solver="full").fit(X)
    np.testing.assert_allclose(m["PCA"](3).fit(X).explained_variance_, theirs.explained_variance_, rtol=1e-7)


def exact_variances(X: np.ndarray) -> list[float]:
    """The covariance eigenvalues of X in 60-digit arithmetic."""
    mpmath = pytest.importorskip("mpmath")
    mpmath.mp.dps = 60
    n, d = X.shape
    cols = [[mpmath.mpf(float(v)) for v in X[:, j]] for j in range(d)]
    means = [mpmath.fsum(c) / n for c in cols]
    C = mpmath.matrix(d, d)
    for a in range(d):
        for b in range(d):
            C[a, b] = mpmath.fsum((x - means[a]) * (y - means[b]) for x, y in zip(cols[a], cols[b])) / (n - 1)
    values, _ = mpmath.eigsy(C)
    return sorted((float(v) for v in values), reverse=True)


def test_stability_numbers():
    """The SVD gets the smallest variance to ~9e-9; numpy's eigh of the covariance is more than 100% off."""
    p = problem()
    X = collinear()
    exact = np.array(exact_variances(X))
    ours = ref()["PCA"](3).fit(X).explained_variance_
    svd_err = np.abs(ours - exact) / exact
    eig = np.linalg.eigh(np.cov(X, rowvar=False))[0][::-1]
    eig_err = abs(eig[2] - exact[2]) / exact[2]
    assert svd_err.max() < 1e-8 and f"{svd_err[2]:.0e}" == "9e-09"
    assert eig_err > 1.0
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    cond = s[0] / s[-1]
    assert f"{cond:.1e}" == "2.8e+08" and f"{cond**2:.1e}" == "8.1e+16" and cond**2 > 1 / np.finfo(float).eps
    assert f"{1 / np.finfo(float).eps:.1e}" == "4.5e+15"
    assert f"{exact[0]:.0e}" == "3e+10" and f"{exact[2]:.0e}" == "4e-07"
    prompt = p.parts[0].prompt
    assert "from about `3e10` down to about `4e-7`" in prompt and "about 8 digits" in prompt and "more than 100%" in prompt
    text = " ".join(i.body for i in p.insights)
    assert "about 2.8e8" in text and "about 8.1e16" in text and "about 4.5e15" in text
    assert "about 447% too large" in text and "relative error of about 9e-9" in text
    eig_mistake = next(m for m in p.mistakes if m.id == "eig_covariance")
    assert "eigh gets the smallest variance wrong by more than 100%" in eig_mistake.explanation
    assert round(eig_err * 100) == 447  # this numpy's eigh; the problem's check only needs "more than 100%"


def test_other_numbers():
    p = problem()
    prompt = p.parts[0].prompt + p.parts[1].prompt
    text = " ".join(i.body for i in p.insights) + " ".join(f.answer for f in p.followups)
    assert 3000 * 3000 * 8 == 72_000_000 and "72 MB" in prompt and "9 million entries, 72 MB" in " ".join(
        m.explanation for m in p.mistakes)
    assert 6 / 5 == 1.2 and "a factor of 1.2" in text
    assert 1 / np.sqrt(1e-6) == pytest.approx(1000) and "multiplied by 1,000" in text
    d = inputs_of("keep 90% of the variance")
    pca = ref()["PCA"](0.9).fit(d["X"])
    cum = np.cumsum(ref()["PCA"](6).fit(d["X"]).explained_variance_ratio_)
    assert f"{cum[0]:.1%}" == "69.9%" and f"{cum[1]:.1%}" == "90.4%" and pca.components_.shape[0] == 2
    assert "explains 69.9% and two explain 90.4%, so k = 2" in text


def test_hidden_tests_avoid_ambiguity():
    """No component of any test has two largest entries within 1e-6 of different signs, and no fraction lies
    within 1e-6 of a cumulative ratio, as the prompt promises."""
    load_topics()
    m = ref()
    for test in problem().tests:
        d = build([r.as_dict() for r in test.inputs], test.given)
        if "z" in d:
            X = collinear()
        else:
            X = d["X"] @ d["mix"] if "mix" in d else d["X"]
        if any("+ 10.0" in s for s in test.program):
            X = X + 10.0
        n, dim = X.shape
        vt = m["PCA"](min(n, dim)).fit(X).components_
        for row in vt[: min(n, dim) - (1 if n <= dim else 0)]:  # wide data: the last direction is the null space
            near = np.abs(row) >= np.abs(row).max() - 1e-6
            assert len(set(np.sign(row[near]))) == 1, test.name
        cum = np.cumsum(m["PCA"](min(n, dim)).fit(X).explained_variance_ratio_)
        for f in (0.9, 0.5, 0.99, 0.6):
            if f"PCA({f}" in " ".join(test.program):
                assert np.abs(cum - f).min() > 1e-6, test.name
