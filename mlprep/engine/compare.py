"""Strict comparison of what a solution returned against what the reference returned.

Structure first (container type, length, shape, number kind: ``np.allclose`` would broadcast a
``(3, 1)`` against a ``(3,)``), then values with the problem's tolerance. Every failure is one
sentence a candidate can act on, naming the output and the first position that is wrong, never the
hidden expected value.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from mlprep.engine.wire import Missing, Opaque, Raised


@dataclass(frozen=True)
class Tolerance:
    """How close a value must be: ``|actual - expected| <= atol + rtol * |expected|``."""

    rtol: float = 1e-5
    atol: float = 1e-8
    equal_nan: bool = False


def _is_number(x: Any) -> bool:
    return isinstance(x, (numbers.Number, np.generic)) and not isinstance(x, (str, bytes))


def _is_numeric(x: Any) -> bool:
    """An array, a number, or a flat list/tuple of numbers: compared as one array."""
    if isinstance(x, np.ndarray) or _is_number(x):
        return True
    return isinstance(x, (list, tuple)) and all(_is_number(v) for v in x)


def describe(x: Any) -> str:
    """A few words for what a value is: ``an array of shape (3, 4)``, ``a tuple of 2``, ``None``."""
    if x is None:
        return "None"
    if isinstance(x, Opaque):
        return f"a {x.type} ({x.repr})" if x.repr else f"a {x.type}"
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}" if x.ndim else f"a 0-d array ({x.dtype})"
    if isinstance(x, (bool, np.bool_)):
        return f"a bool ({x})"
    if _is_number(x):
        return f"a number ({type(x).__name__})"
    if isinstance(x, (list, tuple, dict)):
        return f"a {type(x).__name__} of {len(x)}"
    return f"a {type(x).__name__}"


def position(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def value(
    expected: Any, actual: Any, tol: Tolerance, label: str = "", sublabels: list[str] | None = None,
    shape_only: bool = False,
) -> str | None:
    """Why ``actual`` does not match ``expected``, or None when it does.

    With ``shape_only`` only the structure is compared (types, lengths, shapes, number kinds).
    """
    pre = f"{label}: " if label else ""
    if type(expected).__module__.startswith("pandas"):
        return _pandas(expected, actual, tol, pre, shape_only)
    if _is_numeric(expected):
        return _numeric(expected, actual, tol, pre, shape_only)
    if isinstance(expected, (tuple, list)):
        if not isinstance(actual, (tuple, list)):
            names = f" ({', '.join(sublabels)})" if sublabels else ""
            return f"{pre}expected a tuple of {len(expected)}{names}, got {describe(actual)}"
        if len(actual) != len(expected):
            return f"{pre}expected {len(expected)} values, got {len(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            sub = sublabels[i] if sublabels and i < len(sublabels) else f"{label or 'result'}[{i}]"
            problem = value(e, a, tol, sub, shape_only=shape_only)
            if problem:
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{pre}expected a dict, got {describe(actual)}"
        for key, e in expected.items():
            if key not in actual:
                return f"{pre}missing key {key!r}"
            problem = value(e, actual[key], tol, f"{label}[{key!r}]" if label else repr(key), shape_only=shape_only)
            if problem:
                return problem
        return None
    if type(expected) is not type(actual):
        return f"{pre}expected {describe(expected)}, got {describe(actual)}"
    if not shape_only and expected != actual:
        shown = repr(actual)
        return f"{pre}wrong value: got {shown if len(shown) <= 60 else describe(actual)}"
    return None


def as_array(actual: Any) -> np.ndarray | None:
    """``actual`` as a numeric array, or None if it is not numbers."""
    if isinstance(actual, (Opaque, Raised, Missing, str, bytes, dict)) or actual is None:
        return None
    try:
        arr = np.asarray(actual)
    except Exception:  # noqa: BLE001 - ragged lists and the like
        return None
    return arr if arr.dtype.kind in "biuf" else None


def _numeric(expected: Any, actual: Any, tol: Tolerance, pre: str, shape_only: bool) -> str | None:
    exp = np.asarray(expected)
    act = as_array(actual)
    if act is None:
        what = "a number" if exp.ndim == 0 else f"an array of shape {exp.shape}"
        return f"{pre}expected {what}, got {describe(actual)}"
    if exp.ndim == 0 and act.ndim != 0:
        return f"{pre}expected a single number, got an array of shape {act.shape}"
    if exp.ndim != 0 and act.ndim == 0:
        return f"{pre}expected an array of shape {exp.shape}, got a single number"
    if exp.shape != act.shape:
        return f"{pre}expected shape {exp.shape}, got {act.shape}"
    if exp.dtype.kind in "iu" and act.dtype.kind not in "iub" and act.size:
        return f"{pre}expected integers, got {act.dtype} values"
    return None if shape_only else values(exp, act, tol, pre)


def values(exp: np.ndarray, act: np.ndarray, tol: Tolerance, pre: str = "") -> str | None:
    """Element-wise closeness of two arrays of one shape; the first bad position if any."""
    e = exp.astype(float)
    a = act.astype(float)
    for bad, what in ((np.isnan(a) & ~np.isnan(e), "NaN"), (np.isinf(a) & ~np.isinf(e), "inf")):
        if bad.any():
            said = f"{pre[:-2]} contains" if pre else "returned"
            return f"{said} {what}" + (f" at {position(np.argwhere(bad)[0])}" if a.ndim else "")
    close = np.isclose(a, e, rtol=tol.rtol, atol=tol.atol, equal_nan=tol.equal_nan)
    if close.all():
        return None
    if a.ndim == 0:
        return f"{pre}wrong value"
    wrong = np.argwhere(~close)
    return f"{pre}wrong value at {position(wrong[0])} ({len(wrong)} of {a.size} values differ)"


def _pandas(expected: Any, actual: Any, tol: Tolerance, pre: str, shape_only: bool) -> str | None:
    """Frames: the same columns (any order) and rows in the same order; the index is not compared."""
    kind = type(expected).__name__
    if type(actual).__name__ != kind or not type(actual).__module__.startswith("pandas"):
        return f"{pre}expected a {kind}, got {describe(actual)}"
    if len(actual) != len(expected):
        return f"{pre}expected {len(expected)} rows, got {len(actual)}"
    if kind == "Series":
        return _column(expected.to_numpy(), actual.to_numpy(), tol, pre, "", shape_only)
    missing = [c for c in expected.columns if c not in actual.columns]
    if missing:
        return f"{pre}missing column {missing[0]!r}"
    extra = [c for c in actual.columns if c not in expected.columns]
    if extra:
        return f"{pre}unexpected column {extra[0]!r}"
    for c in expected.columns:
        problem = _column(expected[c].to_numpy(), actual[c].to_numpy(), tol, pre, f"column {c!r}: ", shape_only)
        if problem:
            return problem
    return None


def _column(e: np.ndarray, a: np.ndarray, tol: Tolerance, pre: str, name: str, shape_only: bool) -> str | None:
    where = f"{pre}{name}"
    if e.dtype.kind in "biuf":
        if a.dtype.kind not in "biuf":
            return f"{where}expected numbers, got {a.dtype} values"
        if shape_only:
            return None
        ef, af = e.astype(float), a.astype(float)
        for bad, said in ((np.isnan(ef) & ~np.isnan(af), "expected NaN (no value yet)"),
                          (~np.isnan(ef) & np.isnan(af), "got NaN where a number is expected")):
            if bad.any():
                return f"{where}{said} at row {int(np.argwhere(bad)[0][0])}"
        close = np.isclose(af, ef, rtol=tol.rtol, atol=tol.atol, equal_nan=True)
        if not close.all():
            rows = np.argwhere(~close)[:, 0]
            return f"{where}wrong value at row {int(rows[0])} ({len(rows)} of {len(ef)} values differ)"
        return None
    if e.dtype.kind in "Mm":
        if a.dtype.kind != e.dtype.kind:
            return f"{where}expected {'dates' if e.dtype.kind == 'M' else 'durations'}, got {a.dtype} values"
        if shape_only:
            return None
        unit = "datetime64[ns]" if e.dtype.kind == "M" else "timedelta64[ns]"
        ea, aa = e.astype(unit), a.astype(unit)  # the same instant at any resolution is the same value
        bad = (ea != aa) & ~(np.isnat(ea) & np.isnat(aa))
        if bad.any():
            rows = np.argwhere(bad)[:, 0]
            return f"{where}wrong value at row {int(rows[0])} ({len(rows)} of {len(ea)} values differ)"
        return None
    if shape_only:
        return None
    for i, (x, y) in enumerate(zip(e.tolist(), a.tolist())):
        if x != y and not (_missing(x) and _missing(y)):
            return f"{where}wrong value at row {i}"
    return None


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and x != x) or type(x).__name__ in ("NaTType", "NAType")
