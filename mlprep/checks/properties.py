"""Named properties a test can require of a solution's outputs, beyond matching the reference.

A property reads the test's inputs and the solution's observed outputs (structure already checked
against the reference's) and returns a sentence saying what is broken, or None. Problems name them
in YAML (``checks: [rows_sum_to_one, match]``), so the same property serves every problem that needs it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from mlprep.engine.compare import Tolerance, describe, position


@dataclass
class Context:
    """What a property may look at: inputs, outputs by label, the test's wording and tolerance."""

    inputs: dict[str, Any]
    actual: dict[str, Any]
    expected: dict[str, Any]
    tol: Tolerance
    about: str | None = None
    reference: dict[str, Any] | None = None  # the reference solution's namespace (for numerical checks)

    def for_about(self) -> str:
        return f" for {self.about}" if self.about else ""


Property = Callable[..., "str | None"]
PROPERTIES: dict[str, Property] = {}


def prop(fn: Property) -> Property:
    """Register ``fn`` as a property under its own name."""
    PROPERTIES[fn.__name__] = fn
    return fn


def binomial_acceptance(n: int, p: float, alpha: float) -> tuple[int, int]:
    """[lo, hi] such that a Binomial(n, p) count falls outside with probability at most ``alpha``.

    Exact: each tail holds at most alpha / 2 (from the log-pmf, no scipy). Statistical properties use it
    to state their false-reject probability.
    """
    if p <= 0.0:
        return 0, 0
    if p >= 1.0:
        return n, n
    x = np.arange(n + 1)
    # log C(n, i) by the running product C(n, i) = C(n, i - 1) * (n - i + 1) / i.
    logc = np.concatenate([[0.0], np.cumsum(np.log(np.arange(n, 0, -1)) - np.log(np.arange(1, n + 1)))])
    pmf = np.exp(logc + x * math.log(p) + (n - x) * math.log1p(-p))
    ok = (np.cumsum(pmf) > alpha / 2) & (np.cumsum(pmf[::-1])[::-1] > alpha / 2)
    return int(x[ok].min()), int(x[ok].max())


def central_difference(loss: Callable[[], float], p: np.ndarray, h: float) -> np.ndarray:
    """d loss / d p by central differences; ``loss`` reads ``p``, which is perturbed in place and restored."""
    numeric = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        old = p[idx]
        p[idx] = old + h
        up = loss()
        p[idx] = old - h
        down = loss()
        p[idx] = old
        numeric[idx] = (up - down) / (2.0 * h)
    return numeric


@prop
def finite(ctx: Context, output: str | None = None) -> str | None:
    """Every number in the output(s) is finite."""
    for label, value in ctx.actual.items():
        if output is not None and label != output:
            continue
        arr = np.asarray(value, dtype=float) if _numbers(value) else None
        if arr is not None and not np.isfinite(arr).all():
            what = "NaN" if np.isnan(arr).any() else "inf"
            said = "returned" if label == "result" else f"{label} contains"
            return f"{said} {what}{ctx.for_about()}"
    return None


def _numbers(value: Any) -> bool:
    try:
        return np.asarray(value).dtype.kind in "biuf"
    except Exception:  # noqa: BLE001
        return False


@prop
def rows_sum_to_one(ctx: Context, output: str) -> str | None:
    """Each row over the last axis sums to 1 (probabilities)."""
    arr = np.asarray(ctx.actual[output], dtype=float)
    sums = arr.sum(axis=-1)
    bad = np.argwhere(~np.isclose(sums, 1.0, rtol=0, atol=1e-6))
    if len(bad):
        idx = tuple(bad[0])
        row = str(int(idx[0])) if len(idx) == 1 else position(idx)
        return f"{output} row {row} does not sum to 1 (sums to {float(sums[idx]):.3g})"
    return None


@prop
def zero_where_masked(ctx: Context, output: str, mask: str) -> str | None:
    """Positions the mask forbids (0/False) carry exactly zero weight (to 1e-12)."""
    arr = np.asarray(ctx.actual[output], dtype=float)
    forbidden = np.broadcast_to(np.asarray(ctx.inputs[mask]) == 0, arr.shape)
    leak = forbidden & (np.abs(arr) > 1e-12)
    if leak.any():
        at = tuple(np.argwhere(leak)[0])
        return f"{output}{position(at)} is {float(arr[at]):.3g} where the mask forbids attending (must be 0)"
    return None


@prop
def top_k(ctx: Context, output: str = "result", scores: str | None = None, query: str | None = None,
          corpus: str | None = None) -> str | None:
    """Indices of the k largest keys, largest first; ties may come in any order.

    The key of index i is ``inputs[scores][i]``, or the cosine similarity of ``corpus[i]`` with ``query``.
    """
    keys: np.ndarray
    if scores is not None:
        keys = np.asarray(ctx.inputs[scores], dtype=np.float64)
    else:
        if query is None or corpus is None:
            raise ValueError("top_k needs scores=, or query= and corpus=")
        q = np.asarray(ctx.inputs[query], dtype=np.float64)
        c = np.asarray(ctx.inputs[corpus], dtype=np.float64)
        norms = np.linalg.norm(c, axis=1) * np.linalg.norm(q)
        keys = np.divide(c @ q, norms, out=np.zeros(len(c)), where=norms > 0)
    got = np.asarray(ctx.actual[output]).astype(np.int64).ravel()
    want = np.asarray(ctx.expected[output]).astype(np.int64).ravel()
    if len(got) and (got.min() < 0 or got.max() >= len(keys)):
        bad = got[(got < 0) | (got >= len(keys))][0]
        return f"index {bad} is out of range for {len(keys)} items"
    seen: set[int] = set()
    for i in got:
        if int(i) in seen:
            return f"index {int(i)} appears twice"
        seen.add(int(i))
    got_keys, want_keys = keys[got], keys[want]
    for pos in range(1, len(got_keys)):
        if got_keys[pos] > got_keys[pos - 1] + ctx.tol.atol + ctx.tol.rtol * abs(got_keys[pos - 1]):
            return f"not ordered from largest to smallest: position {pos} scores higher than position {pos - 1}"
    close = np.isclose(got_keys, want_keys, rtol=ctx.tol.rtol, atol=ctx.tol.atol)
    if not close.all():
        pos = int(np.argwhere(~close)[0][0])
        return f"position {pos} holds index {int(got[pos])}, which is not among the top {len(want)}"
    return None



_KINDS = {
    "list of int": "a Python list of ints",
    "int array": "a numpy array of integers",
    "float array": "a numpy array of floats",
    "array": "a numpy array",
    "float": "a float (a Python float or a numpy float scalar, not an array)",
    "python float": "a Python float",
    "tuple": "a tuple",
    "list": "a list",
    "list of arrays": "a list of numpy arrays",
    "float pair": "two floats, as a tuple (or a numpy array of two)",
    "dict": "a dict",
    "list of str": "a Python list of str",
    "list of str pairs": "a Python list of (str, str) tuples",
    "list of lists of str": "a Python list of lists of str",
}


def type_problem(x: Any, kind: str) -> str | None:
    """Why ``x`` is not of ``kind`` (one of ``_KINDS``), in words that say how to fix it; None if it is."""
    want = _KINDS[kind]
    if kind == "list of int":
        if not isinstance(x, list):
            return f"expected {want}, got {describe(x)}" + (": convert with .tolist()" if isinstance(x, np.ndarray) else "")
        odd = [type(v) for v in x if type(v) is not int]
        if odd:
            return f"expected {want}, got a list holding {odd[0].__module__}.{odd[0].__name__} values: use int(i)"
        return None
    if kind in ("int array", "float array", "array"):
        if not isinstance(x, np.ndarray):
            return f"expected {want}, got {describe(x)}"
        dtype_ok = {"int array": "iu", "float array": "f", "array": "biuf"}[kind]
        if x.dtype.kind not in dtype_ok:
            return f"expected {want}, got an array of dtype {x.dtype}" + (
                " (an empty result too: np.array([], dtype=int))" if kind == "int array" and not x.size else "")
        return None
    if kind == "float":
        ok = isinstance(x, (float, np.floating)) and not isinstance(x, np.ndarray)
        return None if ok else f"expected {want}, got {describe(x)}: use float(...)"
    if kind == "float pair":
        if isinstance(x, np.ndarray):
            ok = x.shape == (2,) and x.dtype.kind == "f"
        else:
            ok = isinstance(x, tuple) and len(x) == 2 and all(type_problem(v, "float") is None for v in x)
        return None if ok else f"expected {want}, got {describe(x)}"
    if kind == "python float":
        return None if isinstance(x, float) else f"expected {want}, got {describe(x)}: use float(...)"
    if kind == "list of arrays":
        if not isinstance(x, list):
            return f"expected {want}, got {describe(x)}"
        strays = [describe(v) for v in x if not isinstance(v, np.ndarray)]
        return f"expected {want}, got a list holding {strays[0]}" if strays else None
    if kind in ("list of str", "list of lists of str"):
        if not isinstance(x, list):
            return f"expected {want}, got {describe(x)}"
        inner = "list of str" if kind == "list of lists of str" else None
        for v in x:
            wrong = type_problem(v, inner) if inner else (None if isinstance(v, str) else f"a list holding {describe(v)}")
            if wrong:
                return f"expected {want}, got " + (wrong.split(", got ", 1)[1] if inner else wrong)
        return None
    if kind == "list of str pairs":
        if not isinstance(x, list):
            return f"expected {want}, got {describe(x)}"
        for v in x:
            if not (isinstance(v, tuple) and len(v) == 2 and all(isinstance(s, str) for s in v)):
                return f"expected {want}, got an item {v!r}: make each one a tuple, e.g. ('l', 'o')"
        return None
    wanted_type = {"tuple": tuple, "list": list, "dict": dict}[kind]
    return None if isinstance(x, wanted_type) else f"expected {want}, got {describe(x)}"


@prop
def types(ctx: Context, **kinds: str) -> str | None:
    """Each named output has the type the prompt promises: ``{types: {result: list of int}}``.

    The reference comparison converts lists and arrays freely; a prompt that says which one it returns
    is graded by this property instead.
    """
    for label, kind in kinds.items():
        if kind not in _KINDS:
            raise ValueError(f"types: unknown kind {kind!r} (one of {', '.join(_KINDS)})")
        problem = type_problem(ctx.actual[label], kind)
        if problem:
            return f"{'' if label == 'result' else label + ': '}{problem}"
    return None
