"""The logistic-regression reference against torch autograd and scikit-learn, and every number its texts state."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from mlprep import catalog
from mlprep.engine.loader import load_module
from mlprep.problem import Problem


@functools.lru_cache(maxsize=1)
def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "logistic_regression.py", "xref_logistic_regression")


@functools.lru_cache(maxsize=1)
def problem() -> Problem:
    return catalog.load(catalog.resolve("logistic_regression", catalog.index(catalog.pack_dirs())))


def text() -> str:
    p = problem()
    parts = [x.prompt for x in p.parts] + [i.body for i in p.insights] + [f.answer for f in p.followups]
    return " ".join(" ".join(parts).split())


def data(seed: int, n: int = 200, d: int = 4, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w_true = rng.normal(size=d) * 2
    y = (rng.random(n) < 1 / (1 + np.exp(-(X @ w_true - 0.5)))).astype(float)
    return X, y, rng.normal(size=d) * scale, float(rng.normal() * scale)


# --- torch autograd ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed, scale, l2", [(0, 1.0, 0.0), (1, 1.0, 0.3), (2, 300.0, 0.0), (3, 3000.0, 0.05)])
def test_loss_and_gradient_match_torch(seed, scale, l2):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    X, y, w, b = data(seed, scale=scale)
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    z = torch.tensor(X) @ wt + bt
    loss = F.binary_cross_entropy_with_logits(z, torch.tensor(y)) + l2 / 2 * (wt * wt).sum()
    loss.backward()
    assert ref()["log_loss"](w, b, X, y, l2) == pytest.approx(loss.item(), rel=1e-12)
    dw, db = ref()["log_loss_grad"](w, b, X, y, l2)
    np.testing.assert_allclose(dw, wt.grad.numpy(), rtol=1e-10, atol=1e-12)
    assert db == pytest.approx(bt.grad.item(), rel=1e-10, abs=1e-12)


def test_sigmoid_matches_torch_over_the_whole_range():
    torch = pytest.importorskip("torch")
    z = np.concatenate([np.linspace(-1e4, 1e4, 2001), np.linspace(-40, 40, 801)])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        p = ref()["sigmoid"](z)
    # torch flushes values below the smallest normal float to 0; ours keeps the subnormals: atol covers them
    np.testing.assert_allclose(p, torch.sigmoid(torch.tensor(z)).numpy(), rtol=1e-12, atol=1e-300)


def test_gradient_matches_central_differences():
    X, y, w, b = data(4, n=50, d=3)
    f = functools.partial(ref()["log_loss"], X=X, y=y, l2=0.2)
    dw, db = ref()["log_loss_grad"](w, b, X, y, 0.2)
    h = 1e-6
    num = [(f(w + h * e, b) - f(w - h * e, b)) / (2 * h) for e in np.eye(3)]
    np.testing.assert_allclose(dw, num, rtol=1e-6, atol=1e-9)
    assert db == pytest.approx((f(w, b + h) - f(w, b - h)) / (2 * h), rel=1e-6)


# --- scikit-learn ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed, l2", [(10, 0.1), (11, 0.02), (12, 1.0)])
def test_fit_matches_sklearn_with_c_equal_one_over_l2_n(seed, l2):
    """The same strictly convex objective: mean log-loss + l2/2 ||w||^2 equals sklearn's objective / (C N).

    Gradient descent with lr = 1 contracts at least by (1 - l2) per step here (the loss is l2-strongly convex
    and its curvature stays below 2 on standardised features), so 4,000 steps leave an error far below 1e-9.
    sklearn's lbfgs is run to tol=1e-12; agreement to 1e-6 (absolute) is what its stopping rule guarantees
    comfortably, and in practice both land within about 1e-8 of each other.
    """
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y, _, _ = data(seed, n=300, d=5)
    n = len(y)
    w, b = ref()["fit_logistic"](X, y, lr=1.0, n_iter=4000, l2=l2)
    clf = linear_model.LogisticRegression(C=1 / (l2 * n), tol=1e-12, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(w, clf.coef_[0], atol=1e-6)
    assert b == pytest.approx(clf.intercept_[0], abs=1e-6)
    np.testing.assert_allclose(ref()["predict_proba"](X, w, b), clf.predict_proba(X)[:, 1], atol=1e-7)
    gw, gb = ref()["log_loss_grad"](w, b, X, y, l2)
    assert np.abs(gw).max() < 1e-10 and abs(gb) < 1e-10  # the fit is the stationary point


def test_fit_is_exactly_n_iter_simultaneous_steps():
    X, y, _, _ = data(13, n=40, d=2)
    w, b = np.zeros(2), 0.0
    for _ in range(7):
        dw, db = ref()["log_loss_grad"](w, b, X, y, 0.1)
        w, b = w - 0.3 * dw, b - 0.3 * db
    got = ref()["fit_logistic"](X, y, lr=0.3, n_iter=7, l2=0.1)
    np.testing.assert_array_equal(got[0], w)
    assert got[1] == b


# --- the numbers the texts state ---------------------------------------------------------------------------------


def test_overflow_threshold_and_the_three_sigmoids():
    assert round(math.log(np.finfo(float).max), 2) == 709.78
    z = np.array([-1e4, 1e4])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = 1 / (1 + np.exp(-z))
        ratio = np.exp(z) / (1 + np.exp(z))
    assert naive.tolist() == [0.0, 1.0] and np.isnan(ratio[1])
    with np.errstate(over="raise"):
        with pytest.raises(FloatingPointError):
            1 / (1 + np.exp(-z))
        with pytest.raises(FloatingPointError):
            np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
    assert "about 709.78" in text()


def test_epsilon_caps_and_the_confidently_wrong_row():
    assert round(-math.log(1e-15), 2) == 34.54 and round(-math.log(1e-9), 2) == 20.72
    one = (np.array([1000.0]), 0.0, np.array([[1.0]]), np.array([0]))
    assert ref()["log_loss"](*one) == 1000.0
    t = text()
    assert "about 34.54" in t and "about 20.72" in t and "costs exactly 1000" in t


def test_separable_data_norms():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 2.0]])
    y = np.array([0, 0, 1, 1])
    norms = {t: np.linalg.norm(ref()["fit_logistic"](X, y, lr=0.5, n_iter=t)[0]) for t in (100, 1000, 10000)}
    assert [round(norms[t], 2) for t in (100, 1000, 10000)] == [2.84, 8.45, 15.09]
    losses = [ref()["log_loss"](*ref()["fit_logistic"](X, y, lr=0.5, n_iter=t), X, y) for t in (100, 10000)]
    assert round(losses[0], 3) == 0.225 and round(losses[1], 4) == 0.0034
    settled = [np.linalg.norm(ref()["fit_logistic"](X, y, lr=0.5, n_iter=t, l2=0.01)[0]) for t in (10000, 20000)]
    assert round(settled[0], 2) == round(settled[1], 2) == 4.37
    t = text()
    assert "2.84 after 100 steps, 8.45 after 1,000 and 15.09 after 10,000" in t
    assert "from 0.225 to 0.0034" in t and "settles at about 4.37" in t


def test_base_rate_intercept_and_newton_steps():
    assert round(math.log(0.01 / 0.99), 1) == -4.6
    # at w = 0 the optimal bias solves mean(sigmoid(b)) = 0.01
    y = np.zeros(1000)
    y[:10] = 1
    w, b = ref()["fit_logistic"](np.zeros((1000, 1)), y, lr=50.0, n_iter=2000)
    assert b == pytest.approx(math.log(0.01 / 0.99), abs=1e-9)
    # Newton (IRLS) converges in under ten steps on ordinary data
    X, y, _, _ = data(20, n=500, d=6)
    A = np.hstack([X, np.ones((500, 1))])
    th = np.zeros(7)
    l2 = 0.01
    pen = np.diag([l2] * 6 + [0.0])
    for step in range(1, 11):
        p = ref()["sigmoid"](A @ th)
        g = A.T @ (p - y) / 500 + pen @ th
        if np.abs(g).max() < 1e-10:
            break
        H = (A * (p * (1 - p))[:, None]).T @ A / 500 + pen
        th = th - np.linalg.solve(H, g)
    assert step < 10
    t = text()
    assert "about -4.6" in t and "under ten steps" in t


def test_prompt_sizes_match_the_tests():
    p = problem()
    fit = next(t for t in p.tests if t.category == "efficiency" and t.part == 2)
    assert fit.inputs[0].as_dict()["shapes"]["X"] == [5000, 8]
    assert "on 5,000 rows" in p.parts[1].prompt
    stab = next(t for t in p.tests if t.name == "sigmoid of logits of magnitude 1e4")
    assert stab.inputs[0].as_dict()["scale"] == 10000.0 and "up to 1e4" in p.parts[0].prompt
