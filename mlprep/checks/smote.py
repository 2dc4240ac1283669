"""Properties for the smote problem: the geometry of every synthetic row, and its statistics.

A synthetic row ``x_i + alpha (x_j - x_i)`` lies on the segment between a minority row and one of its k
nearest neighbours. The checks recover that segment for each row; they never look at a generator's draws.
"""

from __future__ import annotations

import numpy as np

from mlprep.checks.properties import Context, binomial_acceptance, prop

FALSE_REJECT = 1e-7  # total false-reject probability allowed to one statistical check


def neighbour_sets(X: np.ndarray, k: int) -> tuple[np.ndarray, int]:
    """Boolean (n, n) matrix: j is among i's k nearest other rows (ties at the k-th distance included)."""
    n = len(X)
    k = min(k, n - 1)
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(d2, np.inf)
    kth = np.sort(d2, axis=1)[:, k - 1 : k]
    allowed = d2 <= kth * (1 + 1e-9) + 1e-300
    np.fill_diagonal(allowed, False)
    return allowed, k


def _segments(X: np.ndarray, S: np.ndarray, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each synthetic row and each (i, j) pair: alpha of the closest point on the line, and the residual."""
    A, V = X[pairs[:, 0]], X[pairs[:, 1]] - X[pairs[:, 0]]
    vv = (V * V).sum(axis=1)
    rel = S[:, None, :] - A[None, :, :]  # (m, P, d)
    alpha = np.divide((rel * V[None]).sum(axis=2), vv, out=np.zeros((len(S), len(pairs))), where=vv > 0)
    resid = np.linalg.norm(rel - alpha[..., None] * V[None], axis=2)
    return alpha, resid


def _tolerance(X: np.ndarray) -> float:
    """How far off its segment a synthetic row may be: rounding of x + alpha (nn - x), which grows with the
    rows' spread and, far from the origin, with their magnitude (a shared offset of 1e8 rounds at about 1e-8)."""
    return float(1e-7 * (1.0 + np.abs(X - X.mean(axis=0)).max()) + 1e-12 * np.abs(X).max())


def _locate(X: np.ndarray, S: np.ndarray, k: int):
    """Per synthetic row: index of the best valid (source, neighbour) pair and its alpha, or -1."""
    allowed, k = neighbour_sets(X, k)
    pairs = np.argwhere(allowed)
    alpha, resid = _segments(X, S, pairs)
    tol = _tolerance(X)
    ok = (resid <= tol) & (alpha >= -1e-7) & (alpha <= 1 + 1e-7)
    best = np.where(ok, resid, np.inf).argmin(axis=1)
    found = ok[np.arange(len(S)), best]
    return pairs, np.where(found, best, -1), alpha[np.arange(len(S)), best], k


@prop
def smote_on_segments(ctx: Context, X: str, k: int | str, output: str = "result") -> str | None:
    """Every synthetic row lies on a segment from a minority row to one of ITS k nearest neighbours
    (k capped at n - 1; ties at the k-th distance accepted), with 0 <= alpha <= 1 to a small tolerance."""
    data = np.asarray(ctx.inputs[X], dtype=float)
    kk = int(ctx.inputs[k]) if isinstance(k, str) else int(k)
    S = np.asarray(ctx.actual[output], dtype=float)
    if not np.isfinite(S).all():
        return "the synthetic rows contain NaN or inf"
    pairs, best, _, k_eff = _locate(data, S, kk)
    if (best >= 0).all():
        return None
    r = int(np.argmax(best < 0))
    every = np.argwhere(~np.eye(len(data), dtype=bool))
    alpha, resid = _segments(data, S[r : r + 1], every)
    on_line = resid[0] <= _tolerance(data)
    inside = on_line & (alpha[0] >= -1e-7) & (alpha[0] <= 1 + 1e-7)
    capped = f" (k capped at n - 1 = {k_eff})" if k_eff < kk else ""
    if inside.any():
        i, j = every[int(np.argmax(inside))]
        return (f"synthetic row {r} lies between minority rows {i} and {j}, but neither is among the other's "
                f"{k_eff} nearest neighbours{capped}: interpolate towards a nearest neighbour, not any row")
    if on_line.any():
        i, j = every[int(np.argmax(on_line))]
        return (f"synthetic row {r} lies on the line through minority rows {i} and {j} but outside the segment "
                f"(alpha = {alpha[0][int(np.argmax(on_line))]:.3g}): use x + alpha * (nn - x) with 0 <= alpha < 1")
    return (f"synthetic row {r} is not on any segment from a minority row to one of its {k_eff} nearest "
            f"neighbours{capped}: one alpha per row, the same for every feature")


@prop
def smote_statistics(ctx: Context, X: str, k: int | str, output: str = "result", bins: int = 10) -> str | None:
    """Sources uniform, neighbours uniform among the k nearest, alphas uniform on [0, 1).

    Each synthetic row is mapped to its undirected segment {i, j}. For a correct SMOTE the m rows are
    independent and segment {i, j} has probability (1/n)(1/k)([j in N(i)] + [i in N(j)]), so each segment's
    count is exactly binomial. Where only one end counts the other among its k nearest, the source and
    so alpha are known; given which rows those are, their alphas are i.i.d. U[0, 1), and each of ``bins``
    equal bins holds a binomial count with probability 1/bins.
    A count is rejected outside an interval holding all but FALSE_REJECT / (2 * cells) of its law; by the
    union bound over the segment cells and the bins, a correct solution (any generator, any draw order)
    is rejected with probability at most FALSE_REJECT = 1e-7 < 1e-6. Input rows must have distinct
    pairwise distances (no ties at the k-th neighbour) and the segments must not cross each other's rows.
    """
    data = np.asarray(ctx.inputs[X], dtype=float)
    kk = int(ctx.inputs[k]) if isinstance(k, str) else int(k)
    S = np.asarray(ctx.actual[output], dtype=float)
    n, m = len(data), len(S)
    pairs, best, alpha, k_eff = _locate(data, S, kk)
    if (best < 0).any():
        return smote_on_segments(ctx, X, k, output)
    allowed, _ = neighbour_sets(data, kk)
    src, dst = pairs[best, 0], pairs[best, 1]
    lo_i, hi_i = np.minimum(src, dst), np.maximum(src, dst)
    edges = [(i, j) for i in range(n) for j in range(i + 1, n) if allowed[i, j] or allowed[j, i]]
    cells = len(edges) + bins
    a = FALSE_REJECT / cells
    source_share = np.bincount(src, minlength=n)  # only for the message
    for i, j in edges:
        p = (float(allowed[i, j]) + float(allowed[j, i])) / (n * k_eff)
        seen = int(((lo_i == i) & (hi_i == j)).sum())
        lo, hi = binomial_acceptance(m, p, a)
        if not lo <= seen <= hi:
            rare = int(source_share.argmin())
            return (f"over {m} synthetic rows, {seen} lie between minority rows {i} and {j}, far from the "
                    f"{m * p:.0f} expected: pick the source row uniformly and the neighbour uniformly among its "
                    f"{k_eff} nearest (row {rare} was the source least often, {int(source_share[rare])} times)")
    # alpha itself is known where only one end of the segment has the other among its k nearest: the row
    # must come from that end. Given which rows those are, their alphas are i.i.d. U[0, 1).
    one_way = ~(allowed[src, dst] & allowed[dst, src])
    counts = np.bincount(np.minimum((alpha[one_way] * bins).astype(int), bins - 1), minlength=bins)
    lo, hi = binomial_acceptance(int(one_way.sum()), 1.0 / bins, a)
    for b, seen in enumerate(counts):
        if not lo <= seen <= hi:
            return (f"of {int(one_way.sum())} synthetic rows whose source is known, {int(seen)} sit at a fraction "
                    f"between {b / bins:.1f} and {(b + 1) / bins:.1f} of the way to the neighbour, far from the "
                    f"{one_way.sum() / bins:.0f} expected: "
                    "draw one alpha ~ U[0, 1) per row (never the row itself, never a constant)")
    return None


@prop
def same_output(ctx: Context, flag: str = "same", source: str | None = None) -> str | None:
    """Two runs with the same inputs returned the same result (the test observes ``a.tolist() == b.tolist()``
    as ``flag``); ``source`` names the parameter all randomness must come from (a seed or a generator)."""
    if ctx.actual[flag] is not True:
        where = f"`{source}`" if source else "the seed or random generator passed in"
        return f"two runs with the same inputs returned different results: derive all randomness from {where}"
    return None
