"""The ranking_metrics reference agrees with scikit-learn, and the numbers its texts state are recomputed.

scikit-learn is a test-only dependency (the reference never imports it); its tests are skipped without it.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.generators import build, load_topics
from mlprep.engine.loader import load_module
from mlprep.problem import Problem


@pytest.fixture(scope="module")
def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "ranking_metrics.py", "xref_ranking_metrics")


@pytest.fixture(scope="module")
def problem() -> Problem:
    return catalog.load(catalog.resolve("ranking_metrics", catalog.index(catalog.pack_dirs())))


def _text(p: Problem) -> str:
    parts = [p.parts[0].prompt, p.think_aloud]
    parts += [i.body for i in p.insights] + [f.answer for f in p.followups]
    parts += [m.explanation for m in p.mistakes] + [t.slow_message or "" for t in p.tests]
    return " ".join(" ".join(x.split()) for x in parts)


def _labels(rng, n, rate=0.5):
    y = (rng.random(n) < rate).astype(int)
    y[:2] = [0, 1]  # both classes, always
    return rng.permutation(y)


# ---- scikit-learn on random and extreme inputs ---------------------------------------------------------

@pytest.mark.parametrize("seed", range(40))
def test_auc_and_ap_match_sklearn(ref, seed):
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 300))
    y = _labels(rng, n, rate=float(rng.uniform(0.05, 0.95)))
    kind = seed % 4
    if kind == 0:
        s = rng.normal(size=n)
    elif kind == 1:
        s = rng.integers(0, 4, n).astype(float)  # many ties
    elif kind == 2:
        s = np.round(rng.random(n), 1)  # bucketed probabilities
    else:
        s = rng.normal(size=n) * 1e6 + 1e12  # large offset, distinct scores
    labels = y.astype(float) if seed % 2 else y
    auc, ap = ref["roc_auc"](labels, s), ref["average_precision"](labels, s)
    assert type(auc) is float and type(ap) is float
    assert auc == pytest.approx(metrics.roc_auc_score(y, s), rel=1e-12, abs=1e-15)
    assert ap == pytest.approx(metrics.average_precision_score(y, s), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("case", ["constant", "perfect", "reversed", "one positive", "one negative", "two values"])
def test_extreme_rankings_match_sklearn(ref, case):
    metrics = pytest.importorskip("sklearn.metrics")
    y = np.array([0, 1, 0, 1, 1, 0, 0, 1, 0, 0])
    s = {
        "constant": np.full(10, 0.3),
        "perfect": y + 0.01 * np.arange(10),
        "reversed": -(y + 0.01 * np.arange(10)),
        "one positive": np.arange(10.0),
        "one negative": np.arange(10.0),
        "two values": (np.arange(10) % 2).astype(float),
    }[case]
    if case == "one positive":
        y = np.eye(10, dtype=int)[3]
    if case == "one negative":
        y = 1 - np.eye(10, dtype=int)[6]
    assert ref["roc_auc"](y, s) == pytest.approx(metrics.roc_auc_score(y, s), rel=1e-12)
    assert ref["average_precision"](y, s) == pytest.approx(metrics.average_precision_score(y, s), rel=1e-12)


@pytest.mark.parametrize("seed", range(30))
def test_ndcg_matches_sklearn_one_query_without_ties(ref, seed):
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(2, 40))
    rel = rng.integers(0, 5, n).astype(float) if seed % 2 else rng.uniform(0, 3, n)
    s = rng.normal(size=n)  # continuous: no score ties, where sklearn averages the gains of a tie group
    # sklearn's k keeps the k highest scores, like ours; a k beyond n keeps them all.
    for k in [1, 2, 5, n, n + 3]:
        want = metrics.ndcg_score(rel[None, :], s[None, :], k=k)
        assert ref["ndcg_at_k"](rel, s, k) == pytest.approx(want, rel=1e-12, abs=1e-15)


def test_ndcg_of_a_query_without_relevant_items_is_zero_as_in_sklearn(ref):
    metrics = pytest.importorskip("sklearn.metrics")
    rel, s = np.zeros(5), np.array([0.3, 0.1, 0.2, 0.5, 0.4])
    assert ref["ndcg_at_k"](rel, s, 3) == 0.0 == metrics.ndcg_score(rel[None], s[None], k=3)


def test_sklearn_ndcg_averages_tied_scores_which_the_prompt_leaves_untested(ref):
    metrics = pytest.importorskip("sklearn.metrics")
    rel, s = np.array([0.0, 3.0, 1.0]), np.array([0.5, 0.5, 0.1])
    tie_aware = metrics.ndcg_score(rel[None], s[None], k=1)
    assert tie_aware == pytest.approx(1.5 / 3.0)  # the two tied items share the top rank's gain
    assert ref["ndcg_at_k"](rel, s, 1) in (0.0, 1.0)  # any strict order of the tie gives 0 or 1


def test_errors(ref):
    with pytest.raises(ValueError):
        ref["roc_auc"](np.zeros(4), np.arange(4.0))
    with pytest.raises(ValueError):
        ref["roc_auc"](np.ones(4), np.arange(4.0))
    with pytest.raises(ValueError):
        ref["average_precision"](np.zeros(4), np.arange(4.0))


def test_auc_is_invariant_under_monotone_transforms_and_inputs_are_not_modified(ref):
    rng = np.random.default_rng(7)
    y, s = _labels(rng, 500), rng.normal(size=500)
    y0, s0 = y.copy(), s.copy()
    auc = ref["roc_auc"](y, s)
    assert ref["roc_auc"](y, 1 / (1 + np.exp(-s))) == pytest.approx(auc, rel=1e-12)
    assert ref["roc_auc"](y, np.exp(s)) == pytest.approx(auc, rel=1e-12)
    assert np.array_equal(y, y0) and np.array_equal(s, s0)


# ---- the numbers the texts state -----------------------------------------------------------------------

def test_pair_counts_and_matrix_sizes(problem):
    n = 200_000
    assert (n // 2) ** 2 == 1e10  # balanced classes: all positive-negative pairs
    assert n * n == 4e10 and n * n / 1e9 == 40.0  # a boolean matrix of every pair: 4e10 bytes, 40 GB
    assert 1000 * (n - 1000) == pytest.approx(2e8, rel=0.01)
    assert 10_000 * 10_000 == 100_000_000
    text = _text(problem)
    for said in ["1e10 comparisons", "4e10 entries, 40 GB", "about 2e8 for 1,000 positives among 200,000 scores",
                 "all 200,000 x 200,000 score pairs is 40 GB", "10,000 x 10,000 score pairs is 100 million"]:
        assert said in text, said


def test_efficiency_inputs_are_what_the_texts_say(problem):
    load_topics()
    rows = {t.name: t for t in problem.tests if t.category == "efficiency"}
    for name in ["AUC of 200,000 scores, 0.5% positive", "AP of 200,000 scores, 0.5% positive"]:
        data = build([r.as_dict() for r in rows[name].inputs], rows[name].given)
        y = data["y_true"]
        assert y.shape == (200_000,) and y.dtype == np.float64
        assert y.sum() / y.size == pytest.approx(0.005, rel=0.1)  # 0.5% positives, about 1,000
    data = build([r.as_dict() for r in rows["AUC of 10,000 scores, balanced classes"].inputs], {})
    n_pos = int(data["y_true"].sum())
    assert data["y_true"].size == 10_000
    assert n_pos * (10_000 - n_pos) == pytest.approx(25e6, rel=0.01)  # "about 25 million positive-negative pairs"
    assert "about 25 million positive-negative pairs" in _text(problem)


def test_ties_insight(ref, problem):
    y = np.array([0, 1, 1, 0, 1, 0])
    constant = np.full(6, 0.4)
    assert ref["roc_auc"](y, constant) == 0.5
    ties_as_wins = np.mean([[p >= q for q in constant[y == 0]] for p in constant[y == 1]])
    assert ties_as_wins == 1.0
    # a hard 0/1 prediction: AUC with ties as halves is the mean of the true positive and true negative rates
    hard = np.array([0.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    tpr, tnr = np.mean(hard[y == 1] == 1), np.mean(hard[y == 0] == 0)
    assert ref["roc_auc"](y, hard) == pytest.approx((tpr + tnr) / 2)
    text = _text(problem)
    assert "a constant score gives exactly 0.5" in text and "an AUC of 1.0" in text


def test_ap_insight_numbers(ref, problem):
    y, s = np.array([1, 0, 0, 1]), np.array([0.9, 0.8, 0.7, 0.6])
    assert ref["average_precision"](y, s) == 0.75
    # PR points from (recall 0, precision 1): (0.5, 1), (0.5, 1/2), (0.5, 1/3), (1, 1/2)
    trapezoid = np.trapezoid([1.0, 1.0, 0.5, 1 / 3, 0.5], [0.0, 0.5, 0.5, 0.5, 1.0])
    assert trapezoid == pytest.approx(0.7083333, abs=5e-8)
    patched = load_module(problem.solution_path, "xref_rank_trapezoid",  # type: ignore[arg-type]
                          next(m for m in problem.mistakes if m.id == "ap_trapezoid").apply(problem.reference_source()))
    assert patched["average_precision"](y, s) == pytest.approx(trapezoid, rel=1e-12)
    assert NormalDist().cdf(1 / math.sqrt(2)) == pytest.approx(0.7602, abs=5e-5)
    rng = np.random.default_rng(0)
    y = (rng.random(100_000) < 0.01).astype(float)
    s = rng.normal(size=100_000) + y  # positives N(1, 1), negatives N(0, 1)
    assert round(ref["average_precision"](y, s), 2) == 0.04
    assert abs(ref["roc_auc"](y, s) - 0.7602) < 0.01
    text = _text(problem)
    for said in ["AP is 0.75", "about 0.7083", "AUC is 0.7602", "only about 0.04"]:
        assert said in text, said


def test_discount_numbers(problem):
    assert 1 / math.log2(2) == 1.0
    assert round(1 / math.log2(3), 4) == 0.6309
    assert round(1 / math.log2(11), 4) == 0.2891
    text = _text(problem)
    assert "about 0.6309 at rank 2, about 0.2891 at rank 10" in text
    assert "log2(2) = 1" in text


def test_exponential_and_linear_gains_agree_on_binary_relevance(ref, problem):
    rel = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    s = np.array([0.9, 0.2, 0.8, 0.1, 0.5])
    exp = load_module(problem.solution_path, "xref_rank_exp",  # type: ignore[arg-type]
                      next(m for m in problem.mistakes if m.id == "ndcg_exponential_gain").apply(problem.reference_source()))
    assert exp["ndcg_at_k"](rel, s, 3) == pytest.approx(ref["ndcg_at_k"](rel, s, 3), rel=1e-12)
    graded = rel * np.array([1, 3, 2, 1, 1])
    assert exp["ndcg_at_k"](graded, s, 3) != pytest.approx(ref["ndcg_at_k"](graded, s, 3), rel=1e-3)
