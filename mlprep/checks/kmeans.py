"""Generators and properties for the kmeans problem (k-means++ seeding and Lloyd's algorithm).

The statistical property ``d2_sampling`` never looks at a particular generator's draws: it counts how
often each ordered tuple of rows comes back over many seeds and compares every count with the exact
D^2-sampling probability through a two-sided binomial interval (Bonferroni over the cells).
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from mlprep.checks.generators import generator
from mlprep.checks.properties import Context, binomial_acceptance, prop

FALSE_REJECT = 1e-7  # total false-reject probability allowed to one statistical check


def d2_probabilities(X: np.ndarray, k: int) -> dict[tuple[int, ...], float]:
    """Exact probability of every ordered k-tuple of row indices under k-means++ (rows distinct)."""
    n = len(X)
    sq = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    out = {}
    for tup in itertools.permutations(range(n), k):
        p = 1.0 / n
        for s in range(1, k):
            d2 = sq[:, list(tup[:s])].min(axis=1)
            p *= d2[tup[s]] / d2.sum()
        out[tup] = p
    return out


def _row_index(X: np.ndarray, c: np.ndarray) -> np.ndarray:
    """For each centre, the index of the row of X it equals (to 1e-9 relative), or -1."""
    scale = 1e-9 * (1.0 + np.abs(X).max())
    d = np.abs(c[:, None, :] - X[None, :, :]).max(axis=2)  # (k, n)
    idx = d.argmin(axis=1)
    return np.where(d[np.arange(len(c)), idx] <= scale, idx, -1)


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
    n_distinct = len(np.unique(data, axis=0))
    for t, c in enumerate(_trials(ctx.actual[output])):
        c = np.asarray(c, dtype=float)
        where = f" (seed {t})" if isinstance(ctx.actual[output], list) else ""
        if not np.isfinite(c).all():
            return f"the centres contain NaN or inf{where}{ctx.for_about()}"
        idx = _row_index(data, c)
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
    the count of each tuple over N independent trials is Binomial(N, p_tuple) with p_tuple computed
    exactly by ``d2_probabilities``; the count of each first centre is Binomial(N, 1/n). A count is
    rejected when it lies outside an interval holding all but FALSE_REJECT / (2 * cells) of its law (the
    tuples) or FALSE_REJECT / (2 * n) (the first centres), so by the union bound a correct solution,
    whatever random generator and call order it uses, is rejected with probability at most
    FALSE_REJECT = 1e-7 < 1e-6 (the trials use different seeds and are treated as independent).
    A tuple of probability 0 (a repeated row, a point that is not a row) rejects at once.
    """
    data = np.asarray(ctx.inputs[X], dtype=float)
    runs = [np.asarray(c, dtype=float) for c in _trials(ctx.actual[output])]
    k, trials = len(runs[0]), len(runs)
    exact = d2_probabilities(data, k)
    counts = dict.fromkeys(exact, 0)
    for t, c in enumerate(runs):
        idx = tuple(int(i) for i in _row_index(data, c))
        if -1 in idx or idx not in counts:
            return f"seed {t}: the centres are not {k} different rows of X"
        counts[idx] += 1
    alpha = FALSE_REJECT / (2 * len(exact))  # half the budget for the tuples, half for the first centres
    firsts = np.zeros(len(data))
    for tup, n_seen in counts.items():
        firsts[tup[0]] += n_seen
    # Name the first centre's law separately: it is the most common slip and the clearest message.
    for i, n_seen in enumerate(firsts):
        lo, hi = binomial_acceptance(trials, 1.0 / len(data), FALSE_REJECT / (2 * len(data)))
        if not lo <= n_seen <= hi:
            return (f"over {trials} seeds, row {i} was the first centre {int(n_seen)} times: the first centre "
                    f"must be a uniformly random row (about {trials / len(data):.0f} each)")
    for tup, p in sorted(exact.items(), key=lambda kv: -kv[1]):
        lo, hi = binomial_acceptance(trials, p, alpha)
        if not lo <= counts[tup] <= hi:
            first, rest = tup[0], ", ".join(str(i) for i in tup[1:])
            return (f"over {trials} seeds, the centres were rows ({first}, {rest}) {counts[tup]} times, far from "
                    f"the {trials * p:.0f} that D^2 sampling gives (each next centre is drawn with probability "
                    "proportional to the SQUARED distance to the nearest centre chosen so far)")
    return None


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
    optimum = sum(((data[blob == b] - data[blob == b].mean(axis=0)) ** 2).sum() for b in np.unique(blob))
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
