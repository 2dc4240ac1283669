"""The generic statistical checks a pack can use: the true law passes, a wrong law is rejected.

Each check promises a false-reject probability of at most alpha (1e-6 by default). As for the built-in
statistical checks, the promise is tested on draws simulated straight from each law, many times over:
every one of 2,000 samples from the true law is accepted, and samples from a classic wrong law are
all rejected. With a large alpha the observed false-reject rate stays below alpha, which shows the
acceptance regions are conservative bounds rather than approximations.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlprep.checks.properties import Context
from mlprep.checks.statistics import frequencies, mean, mean_bound, rate
from mlprep.engine.compare import Tolerance
from mlprep.errors import MlprepError

TIMES = 2000


def ctx(values) -> Context:
    return Context(inputs={}, actual={"out": values}, expected={}, tol=Tolerance())


def bernoulli_samples(p: float, n: int, seed: int) -> list[np.ndarray]:
    """TIMES samples of n independent true/false draws with P(true) = p (built from binomial counts)."""
    counts = np.random.default_rng(seed).binomial(n, p, size=TIMES)
    return [np.arange(n) < k for k in counts]


def dropout_samples(p: float, n: int, seed: int, scale: float) -> list[np.ndarray]:
    """TIMES samples of n dropout outputs on ones: 0 with probability p, else ``scale``."""
    return [np.where(kept, scale, 0.0) for kept in bernoulli_samples(1 - p, n, seed)]


def test_rate_accepts_the_true_law():
    assert all(rate(ctx(s), "out", 0.3) is None for s in bernoulli_samples(0.3, 20000, seed=1))


@pytest.mark.parametrize("wrong", [0.7, 0.33, 0.27])
def test_rate_rejects_a_wrong_law_in_words_that_do_not_depend_on_the_draws(wrong):
    said = {rate(ctx(s), "out", 0.3) for s in bernoulli_samples(wrong, 20000, seed=2)}
    assert None not in said and len(said) == 1
    (message,) = said
    assert ("too often" if wrong > 0.3 else "too rarely") in message and "below 1e-06" in message


def test_rate_pools_the_trials_of_a_repeated_test_and_refuses_non_booleans():
    trials = [np.array([True, False]), np.array([False, False])]
    assert rate(ctx(trials), "out", 0.25) is None
    assert "expected true/false values" in rate(ctx([np.array([0.5, 2.0])]), "out", 0.3)


def test_frequencies_accept_the_true_law_and_reject_a_wrong_one():
    law = [0.5, 0.3, 0.2]
    rng = np.random.default_rng(3)
    good = rng.multinomial(20000, law, size=TIMES)
    bad = rng.multinomial(20000, [0.45, 0.35, 0.2], size=TIMES)

    def as_values(counts):
        return np.repeat(np.arange(3), counts)

    assert all(frequencies(ctx(as_values(c)), "out", law) is None for c in good)
    assert all(frequencies(ctx(as_values(c)), "out", law) for c in bad)
    assert frequencies(ctx(np.array(["a", "b"])), "out", {"a": 0.5, "b": 0.5}) is None
    assert "'c' is not a possible value" in frequencies(ctx(np.array(["a", "c"])), "out", {"a": 0.5, "b": 0.5})


def test_mean_accepts_the_true_law_with_and_without_sd():
    p, scale = 0.3, 1 / 0.7
    sd = math.sqrt(p / (1 - p))
    for s in dropout_samples(p, 20000, seed=4, scale=scale):
        assert mean(ctx(s), "out", 1.0, 0.0, scale, sd=sd) is None
        assert mean(ctx(s), "out", 1.0, 0.0, scale) is None


def test_mean_rejects_dropout_that_forgets_to_scale():
    said = {mean(ctx(s), "out", 1.0, 0.0, 1 / 0.7, sd=math.sqrt(0.3 / 0.7))
            for s in dropout_samples(0.3, 20000, seed=5, scale=1.0)}
    assert None not in said and len(said) == 1 and "too low" in said.pop()


def test_mean_rejects_draws_outside_the_stated_range():
    assert "outside [0, 1]" in mean(ctx(np.array([0.5, 1.5])), "out", 0.5, 0.0, 1.0)


@pytest.mark.parametrize("check, args", [
    (rate, {"p": 0.3}),
    (mean, {"mean": 1.0, "low": 0.0, "high": 1 / 0.7, "sd": math.sqrt(0.3 / 0.7)}),
])
def test_the_bounds_are_conservative_at_a_measurable_alpha(check, args):
    alpha = 0.05
    if check is rate:
        samples = bernoulli_samples(0.3, 400, seed=6)
    else:
        samples = dropout_samples(0.3, 400, seed=6, scale=1 / 0.7)
    rejected = sum(check(ctx(s), "out", alpha=alpha, **args) is not None for s in samples)
    assert rejected <= alpha * TIMES


def test_mean_bound_by_hand():
    # Hoeffding: (high - low) sqrt(ln(2 / alpha) / 2n).
    assert mean_bound(800, 0.0, 2.0, 1.0, None, 0.01) == pytest.approx(2 * math.sqrt(math.log(200) / 1600))
    # Bernstein with a small sd is tighter than Hoeffding.
    assert mean_bound(800, 0.0, 2.0, 1.0, 0.1, 0.01) < mean_bound(800, 0.0, 2.0, 1.0, None, 0.01)


@pytest.mark.parametrize("check, args, said", [
    (rate, {"p": 1.5}, "p must be a probability"),
    (frequencies, {"probs": [0.5, 0.6]}, "sum to 1"),
    (mean, {"mean": 2.0, "low": 0.0, "high": 1.0}, "low <= mean <= high"),
    (rate, {"p": 0.5, "alpha": 0.9}, "alpha must be between"),
])
def test_bad_parameters_are_an_authors_error_in_words(check, args, said):
    with pytest.raises(MlprepError) as err:
        check(ctx(np.array([True])), "out", **args)
    assert said in str(err.value)
