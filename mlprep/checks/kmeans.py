"""Generators and properties for the kmeans problem (k-means++ seeding and Lloyd's algorithm).

The statistical property ``d2_sampling`` never looks at a particular generator's draws: it counts how
often each ordered tuple of rows comes back over many seeds and compares the counts with the exact
D^2-sampling law through two-sided binomial intervals (first centres, every tuple, and the tuples each
classic wrong rule makes too rare), with the false-reject budget split over them.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from mlprep.checks.generators import generator
from mlprep.checks.properties import Context, binomial_acceptance, prop

FALSE_REJECT = 1e-7  # total false-reject probability allowed to one statistical check


def seeding_law(X: np.ndarray, k: int, rule: str = "d2") -> dict[tuple[int, ...], float]:
    """Probability of every ordered k-tuple of distinct row indices under a seeding rule (rows distinct).

    ``d2`` is k-means++; the others are the classic wrong rules, used to aim the test at them:
    ``uniform`` rows, ``distance`` (D, not D^2), ``farthest`` (the maximum D, ties split) and ``last``
    (D^2 to the last chosen centre instead of the nearest; rows already chosen excluded, since a repeat
    is rejected on sight anyway).
    """
    n = len(X)
    sq = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    out = {}
    for tup in itertools.permutations(range(n), k):
        p = 1.0 / n
        for s in range(1, k):
            w = sq[:, list(tup[:s])].min(axis=1)
            if rule in ("uniform", "last"):
                w = np.ones(n) if rule == "uniform" else sq[:, tup[s - 1]].copy()
                w[list(tup[:s])] = 0.0
            elif rule == "distance":
                w = np.sqrt(w)
            elif rule == "farthest":
                w = (w == w.max()).astype(float)
            p *= w[tup[s]] / w.sum()
        out[tup] = p
    return out


# The classic wrong rules, and what to tell a candidate whose draws look like one of them.
WRONG_RULES = {
    "uniform": "the centres look uniformly random: after the first, each centre must be drawn with "
               "probability proportional to D(x)^2",
    "distance": "far points come up too rarely, as if drawn with probability proportional to the distance "
                "D(x): k-means++ uses its SQUARE, D(x)^2",
    "farthest": "the centres look like the farthest point every time: D^2 sampling draws at random, it does "
                "not take the maximum",
    "last": "the distances look measured to the LAST chosen centre: D(x) is the distance to the NEAREST "
            "centre chosen so far",
}


def _distinct_rows(X: np.ndarray) -> int:
    """How many different rows X has (np.unique would import numpy.ma: 15 ms on every check)."""
    return len({row.tobytes() for row in np.ascontiguousarray(X + 0.0)})  # + 0.0 turns -0.0 into 0.0


def _row_indices(X: np.ndarray, runs: list[np.ndarray]) -> list[np.ndarray]:
    """For each trial's centres, the index of the row of X each equals (to 1e-9 relative), or -1.

    One broadcast over all the trials when they share a shape, one per trial otherwise.
    """
    scale = 1e-9 * (1.0 + np.abs(X).max())

    def match(C: np.ndarray) -> np.ndarray:  # (trials, k, d) -> (trials, k)
        d = np.abs(C[:, :, None, :] - X[None, None, :, :]).max(axis=3)  # (trials, k, n)
        idx = d.argmin(axis=2)
        best = np.take_along_axis(d, idx[:, :, None], axis=2)[:, :, 0]
        return np.where(best <= scale, idx, -1)

    if len({r.shape for r in runs}) == 1 and runs[0].ndim == 2 and runs[0].shape[1] == X.shape[1]:
        return list(match(np.stack(runs)))
    return [match(c[None])[0] if c.ndim == 2 and c.shape[1] == X.shape[1] else np.full(len(c), -1) for c in runs]


def _trials(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


@generator
def well_separated_blobs(rng, env, name: str, centers: int, per: int, dim: int, spread: float = 1.0,
                         distance: float = 1.0e4, labels: str = "true_labels") -> dict[str, Any]:
    """``centers`` Gaussian blobs of ``per`` points (std ``spread``) whose centres are about ``distance``
    apart, rows shuffled; ``labels`` names the blob of each row (the optimal clustering)."""
    means = rng.normal(0.0, distance, size=(centers, dim))
    X = np.repeat(means, per, axis=0) + rng.normal(0.0, spread, size=(centers * per, dim))
    truth = np.repeat(np.arange(centers), per)
    order = rng.permutation(len(X))
    return {name: X[order], labels: truth[order]}


@prop
def centroids_are_rows(ctx: Context, X: str, output: str = "result", distinct: bool = True) -> str | None:
    """Every returned centre is a row of X and, while X has at least k distinct rows, no row repeats.

    Checked on every trial of a repeated test (a deterministic invariant: no false rejects).
    """
    data = np.asarray(ctx.inputs[X], dtype=float)
    n_distinct = _distinct_rows(data)
    runs = [np.asarray(c, dtype=float) for c in _trials(ctx.actual[output])]
    for t, (c, idx) in enumerate(zip(runs, _row_indices(data, runs))):
        where = f" (seed {t})" if isinstance(ctx.actual[output], list) else ""
        if not np.isfinite(c).all():
            return f"the centres contain NaN or inf{where}{ctx.for_about()}"
        if (idx < 0).any():
            return f"centre {int(np.argmax(idx < 0))} is not a row of X{where}: k-means++ picks data points"
        if distinct and len(c) <= n_distinct:
            rows = data[idx]
            for j in range(1, len(c)):
                if (rows[:j] == rows[j]).all(axis=1).any():
                    return (f"centre {j} repeats an earlier centre{where}, although X has {n_distinct} distinct rows: "
                            "a point already chosen has squared distance 0 and must never be picked again")
    return None


@prop
def d2_sampling(ctx: Context, X: str, output: str = "result") -> str | None:
    """Over many seeds, the ordered tuples of chosen rows follow the exact D^2-sampling law.

    Each trial gives one ordered tuple of row indices (rows of X distinct). Under a correct k-means++
    the count of any set of tuples over N independent trials is Binomial(N, its exact probability),
    computed by ``seeding_law``. Three families of counts are tested, each against a two-sided interval
    from ``binomial_acceptance``: the first centres (budget FALSE_REJECT / 4, split over the n rows), every
    tuple (FALSE_REJECT / 4, split over the cells) and, for each classic wrong rule, the tuples that D^2
    sampling makes more likely than that rule does (FALSE_REJECT / 2, split over the rules; these sets
    carry the most power against the slips candidates make). By the union bound a correct solution,
    whatever generator and call order it uses, is rejected with probability at most FALSE_REJECT = 1e-7
    (trials use different seeds and are treated as independent). A tuple of probability 0 (a repeated
    row, a point that is not a row) rejects at once.
    """
    data = np.asarray(ctx.inputs[X], dtype=float)
    runs = [np.asarray(c, dtype=float) for c in _trials(ctx.actual[output])]
    k = len(runs[0])
    position = {tup: i for i, tup in enumerate(_plan_for(data, k, len(runs)).cells)}
    counts = np.zeros(len(position))
    for t, idx in enumerate(_row_indices(data, runs)):
        tup = tuple(int(i) for i in idx)
        if len(tup) != k or tup not in position:
            return f"seed {t}: the centres are not {k} different rows of X"
        counts[position[tup]] += 1
    return seeding_verdict(data, k, counts)


def seeding_verdict(X: np.ndarray, k: int, counts: np.ndarray) -> str | None:
    """Judge how often each ordered k-tuple of rows came back (``counts`` in the order of
    ``itertools.permutations(range(n), k)``) against the D^2 law; see ``d2_sampling``."""
    trials, n = int(counts.sum()), len(X)
    plan = _plan_for(X, k, trials)
    firsts = np.bincount(plan.first, weights=counts, minlength=n)
    off = (firsts < plan.first_range[0]) | (firsts > plan.first_range[1])
    if off.any():
        i = int(np.argmax(off))
        return (f"over {trials} seeds, row {i} was the first centre {int(firsts[i])} times: the first centre "
                f"must be a uniformly random row (about {trials / n:.0f} each)")
    for favoured, lo, hi in plan.events:
        if not lo <= counts[favoured].sum() <= hi:
            return f"over {trials} seeds, {WRONG_RULES[_likeliest(counts, plan.laws)]}"
    off = (counts < plan.cell_lo) | (counts > plan.cell_hi)
    if off.any():
        i = int(np.flatnonzero(off)[np.argmax(plan.p[off])])  # the likeliest tuple that is off
        first, rest = plan.cells[i][0], ", ".join(str(j) for j in plan.cells[i][1:])
        return (f"over {trials} seeds, the centres were rows ({first}, {rest}) {int(counts[i])} times, far "
                f"from the {trials * plan.p[i]:.0f} that D^2 sampling gives (each next centre is drawn with "
                "probability proportional to the SQUARED distance to the nearest centre chosen so far)")
    return None


@dataclass(frozen=True)
class _Plan:
    """What the D^2 test compares counts with, for one data set, k and number of trials."""

    cells: list[tuple[int, ...]]  # every ordered k-tuple of rows, as itertools.permutations gives them
    p: np.ndarray  # the exact D^2 probability of each cell
    first: np.ndarray  # the first row of each cell
    first_range: tuple[int, int]
    events: list[tuple[np.ndarray, int, int]]  # per wrong rule: the cells D^2 favours, and the range
    laws: dict[str, np.ndarray]
    cell_lo: np.ndarray
    cell_hi: np.ndarray


def _plan_for(X: np.ndarray, k: int, trials: int) -> _Plan:
    X = np.ascontiguousarray(X, dtype=float)
    return _plan(X.tobytes(), X.shape, k, trials)


@functools.lru_cache(maxsize=16)
def _plan(data: bytes, shape: tuple[int, ...], k: int, trials: int) -> _Plan:
    X = np.frombuffer(data).reshape(shape)
    exact = seeding_law(X, k)
    cells = list(exact)
    p = np.array([exact[tup] for tup in cells])
    laws = {rule: np.array([law[tup] for tup in cells]) for rule, law in
            ((rule, seeding_law(X, k, rule)) for rule in WRONG_RULES)}
    events = []
    for q in laws.values():
        favoured = p > q
        events.append((favoured, *binomial_acceptance(trials, float(p[favoured].sum()), FALSE_REJECT / 2 / len(laws))))
    ranges = np.array([binomial_acceptance(trials, float(x), FALSE_REJECT / 4 / len(cells)) for x in p])
    return _Plan(cells, p, np.array([tup[0] for tup in cells]),
                 binomial_acceptance(trials, 1.0 / len(X), FALSE_REJECT / 4 / len(X)), events, laws,
                 ranges[:, 0], ranges[:, 1])


def _likeliest(counts: np.ndarray, laws: dict[str, np.ndarray]) -> str:
    """The wrong rule under which the observed counts are most likely (zero probabilities smoothed)."""
    def loglik(q: np.ndarray) -> float:
        return float(counts @ np.log(np.maximum(q, 1e-12)))

    return max(laws, key=lambda rule: loglik(laws[rule]))


def _nearest(X: np.ndarray, C: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    return d2, d2.min(axis=1)


@prop
def labels_nearest(ctx: Context, X: str, centroids: str = "centroids", labels: str = "labels") -> str | None:
    """labels[i] is a nearest returned centroid of row i (ties within 1e-9 relative accepted)."""
    data = np.asarray(ctx.inputs[X], dtype=float)
    for t, (c, lab) in enumerate(zip(_trials(ctx.actual[centroids]), _trials(ctx.actual[labels]))):
        where = f" (seed {t})" if isinstance(ctx.actual[labels], list) else ""
        c = np.asarray(c, dtype=float)
        lab = np.asarray(lab)
        if not np.isfinite(c).all():
            return f"centroids contain NaN or inf{where}{ctx.for_about()}"
        if lab.size and (lab.min() < 0 or lab.max() >= len(c)):
            return f"labels hold {int(lab.min() if lab.min() < 0 else lab.max())}, not a cluster index 0..{len(c) - 1}{where}"
        d2, best = _nearest(data, c)
        own = d2[np.arange(len(data)), lab.astype(np.int64)]
        bad = own > best + 1e-9 * (1.0 + best)
        if bad.any():
            i = int(np.argmax(bad))
            return (f"labels[{i}] is {int(lab[i])}, but centroid {int(d2[i].argmin())} is nearer to X[{i}]{where} "
                    f"({int(bad.sum())} rows mislabelled): return the assignment for the centroids you return")
    return None


@prop
def inertia_near_optimum(ctx: Context, X: str, truth: str = "true_labels", centroids: str = "centroids",
                         factor: float = 1.1) -> str | None:
    """The inertia of the returned centroids is within ``factor`` of the optimum (the blob partition)."""
    data = np.asarray(ctx.inputs[X], dtype=float)
    blob = np.asarray(ctx.inputs[truth])
    optimum = sum(((data[blob == b] - data[blob == b].mean(axis=0)) ** 2).sum() for b in set(blob.tolist()))
    for t, c in enumerate(_trials(ctx.actual[centroids])):
        where = f" (seed {t})" if isinstance(ctx.actual[centroids], list) else ""
        c = np.asarray(c, dtype=float)
        if not np.isfinite(c).all():
            return f"centroids contain NaN or inf{where}"
        _, best = _nearest(data, c)
        inertia = best.sum()
        if inertia > factor * optimum:
            return (f"the clustering's inertia is {inertia / optimum:.3g} times the optimum on well-separated "
                    f"blobs{where}: a bad initialisation left two centroids in one blob and none in another")
    return None


@generator
def repeated_rows(rng, env, name: str, rows: list[list[float]], counts: list[int], shuffle: bool = True) -> dict[str, Any]:
    """An (n, d) array holding ``rows[i]`` exactly ``counts[i]`` times (rows shuffled unless told)."""
    X = np.repeat(np.asarray(rows, dtype=float), counts, axis=0)
    return {name: X[rng.permutation(len(X))] if shuffle else X}


@prop
def lloyd_converged(ctx: Context, X: str, centroids: str = "centroids", labels: str = "labels",
                    gap: float = 1e-3) -> str | None:
    """The returned centroids are (to ``gap``, Frobenius) the means of the clusters their labels define.

    Lloyd's algorithm stopped by a centroid shift below tol ends at such a fixed point; a run that stops
    early (a wrong stopping rule) does not. Clusters left empty are not compared.
    """
    data = np.asarray(ctx.inputs[X], dtype=float)
    for t, (c, lab) in enumerate(zip(_trials(ctx.actual[centroids]), _trials(ctx.actual[labels]))):
        where = f" (seed {t})" if isinstance(ctx.actual[labels], list) else ""
        c = np.asarray(c, dtype=float)
        lab = np.asarray(lab).astype(np.int64)
        means = c.copy()
        for j in range(len(c)):
            if (lab == j).any():
                means[j] = data[lab == j].mean(axis=0)
        moved = float(np.linalg.norm(means - c))
        if not moved < gap:
            return (f"the centroids are not converged{where}: one more update would move them by {moved:.3g} "
                    "(stop when the Frobenius norm of the change, new minus old, is below tol)")
    return None
