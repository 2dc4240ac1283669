"""A hidden test's steps: Python-looking lines interpreted against a solution module, never eval'd.

A step is a call (``softmax(x)``), an assignment of one (``net = TwoLayerNet(4, 8, 3)``,
``loss = net.forward(X, y)``), an attribute or item set (``net.W1 = W1``), or a ``for`` loop over
``range(...)`` of such steps. Expressions may index, compare (``a is b``, ``x == 3``) and use a few
harmless builtins (``len``, ``range``, ``list``, ...). Names resolve to the test's inputs and earlier
results first, then to the solution module, then to those builtins. The same interpreter runs the
reference and mistakes in the parent and the user's file in the worker, so both see one program.
"""

from __future__ import annotations

import ast
import copy
import functools
import os
import traceback
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import numpy as np

from mlprep.engine.wire import Missing, Raised

_ALLOWED = (
    ast.Module, ast.Expr, ast.Assign, ast.Call, ast.Name, ast.Attribute, ast.Constant, ast.keyword,
    ast.Load, ast.Store, ast.List, ast.Tuple, ast.Dict, ast.UnaryOp, ast.USub, ast.UAdd, ast.Subscript,
    ast.Slice, ast.For, ast.Compare, ast.Eq, ast.NotEq, ast.Is, ast.IsNot, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
)
_COMPARE = {
    ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Is: lambda a, b: a is b,
    ast.IsNot: lambda a, b: a is not b, ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
}
BUILTINS = {f.__name__: f for f in (len, range, list, dict, tuple, float, int, bool, abs, sum, min, max, sorted, id)}


@functools.lru_cache(maxsize=4096)
def parse(line: str, mode: str = "exec") -> ast.AST:
    """Parse one step (mode "exec") or observed expression (mode "eval"); ValueError if not allowed."""
    try:
        tree = ast.parse(line, mode=mode)
    except SyntaxError as exc:
        raise ValueError(f"not a valid step: {line!r} ({exc.msg})") from None
    for node in ast.walk(tree):
        if mode == "eval" and isinstance(node, ast.Expression):
            continue
        if not isinstance(node, _ALLOWED):
            raise ValueError(f"{type(node).__name__} is not allowed in a test step: {line!r}")
    return tree


class _MissingName(Exception):
    def __init__(self, name: str):
        self.name = name


@dataclass
class Outcome:
    """What running a test's steps produced: observed values, or the exception that stopped it."""

    observed: dict[str, Any] = field(default_factory=dict)
    raised: Raised | None = None
    missing: Missing | None = None
    mutated: list[str] = field(default_factory=list)


class _Interpreter:
    def __init__(self, module: Mapping[str, Any], env: dict[str, Any]):
        self.module = module
        self.env = env

    def name(self, ident: str) -> Any:
        if ident in self.env:
            return self.env[ident]
        if ident in self.module:
            return self.module[ident]
        if ident in BUILTINS:
            return BUILTINS[ident]
        raise _MissingName(ident)

    def expr(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.Attribute):
            return getattr(self.expr(node.value), node.attr)
        if isinstance(node, ast.Call):
            func = self.expr(node.func)
            args = [self.expr(a) for a in node.args]
            kwargs = {k.arg: self.expr(k.value) for k in node.keywords if k.arg is not None}
            if len(kwargs) < len(node.keywords):
                raise ValueError("** is not allowed in a test step")
            return func(*args, **kwargs)
        if isinstance(node, ast.List):
            return [self.expr(e) for e in node.elts]
        if isinstance(node, ast.Tuple):
            return tuple(self.expr(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            if any(k is None for k in node.keys):
                raise ValueError("** is not allowed in a test step")
            return {self.expr(k): self.expr(v) for k, v in zip(node.keys, node.values) if k is not None}
        if isinstance(node, ast.UnaryOp):
            value = self.expr(node.operand)
            return -value if isinstance(node.op, ast.USub) else +value
        if isinstance(node, ast.Subscript):
            return self.expr(node.value)[self.expr(node.slice)]
        if isinstance(node, ast.Slice):
            return slice(*(self.expr(p) if p is not None else None for p in (node.lower, node.upper, node.step)))
        if isinstance(node, ast.Compare):
            left = self.expr(node.left)
            for op, right_node in zip(node.ops, node.comparators):
                right = self.expr(right_node)
                if not _COMPARE[type(op)](left, right):
                    return False
                left = right
            return True
        raise ValueError(f"unsupported node {type(node).__name__}")

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Expr):
            self.expr(node.value)
            return
        if isinstance(node, ast.For):
            if not isinstance(node.target, ast.Name) or node.orelse:
                raise ValueError("a loop step is `for NAME in range(...):` with no else")
            for item in self.expr(node.iter):
                self.env[node.target.id] = item
                for inner in node.body:
                    self.statement(inner)
            return
        assert isinstance(node, ast.Assign) and len(node.targets) == 1
        value = self.expr(node.value)
        target = node.targets[0]
        if isinstance(target, ast.Name):
            self.env[target.id] = value
        elif isinstance(target, ast.Attribute):
            setattr(self.expr(target.value), target.attr, value)
        elif isinstance(target, ast.Subscript):
            self.expr(target.value)[self.expr(target.slice)] = value
        else:
            raise ValueError("a step may assign to a name, an attribute or an item only")


def where(tb: TracebackType | None, filename: str | None) -> str:
    """``file.py:LINE`` of the deepest frame in ``filename`` (the user's file), else ``""``."""
    if filename is None:
        return ""
    found = ""
    for frame in traceback.extract_tb(tb):
        if os.path.abspath(frame.filename) == filename:
            found = f"{os.path.basename(filename)}:{frame.lineno}"
    return found


def raised(exc: BaseException, filename: str | None) -> Raised:
    """The wire form of an exception, located in the user's file; describing it never fails.

    A user's ``__str__`` or ``__repr__`` may itself raise: the type name stands in and the message
    says it could not be shown.
    """
    kind = type(exc)
    name = _text(lambda: kind.__name__, "an exception")
    mro = [_text(functools.partial(getattr, k, "__name__"), "?") for k in getattr(kind, "__mro__", (kind,))]
    if isinstance(exc, SystemExit):
        code = exc.code
        shown = _text(lambda: repr(code), f"a {type(code).__name__} whose repr failed")
        message = f"sys.exit({shown})" if code is not None else "sys.exit()"
    else:
        message = _text(lambda: str(exc), f"(the {name}'s message could not be shown: its __str__ failed)")
    return Raised(name, mro, message[:2000], _text(lambda: where(exc.__traceback__, filename), ""))


def _text(describe: Callable[[], object], fallback: str) -> str:
    """``describe()`` if it gives a plain string, else ``fallback``: user code decides what it does."""
    try:
        text = describe()
        if isinstance(text, str):
            return str.__str__(text)
    except BaseException:  # noqa: BLE001 - a failing __str__ may raise anything, even SystemExit
        pass
    return fallback


def _snapshot(value: Any) -> Any:
    """A deep copy to compare against later, for the input kinds whose mutation we report."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if type(value).__module__.startswith("pandas") and hasattr(value, "equals"):
        return value.copy(deep=True)
    return None


def _changed(before: Any, after: Any) -> bool:
    if isinstance(before, np.ndarray):
        if not isinstance(after, np.ndarray) or after.shape != before.shape:
            return True
        return not np.array_equal(after, before, equal_nan=True)
    same_columns = list(getattr(before, "columns", [])) == list(getattr(after, "columns", []))
    return not (same_columns and before.equals(after) and before.index.equals(after.index))


def run(
    steps: list[str],
    observe: list[str],
    module: Mapping[str, Any],
    inputs: dict[str, Any],
    filename: str | None = None,
    repeat: int = 0,
) -> Outcome:
    """Run ``steps`` against ``module`` with ``inputs`` bound, then evaluate ``observe``.

    Any exception the code raises, SystemExit and KeyboardInterrupt included, becomes the outcome:
    the test's verdict, not the checker's death. ``mutated`` names the array and frame inputs that
    changed. With ``repeat`` the steps run that many times on fresh inputs, with ``trial`` bound to
    0, 1, ...; each observation is then the list of its values over the trials (for statistical tests).
    """
    outcome = Outcome()
    trials = range(repeat) if repeat else [None]
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            if filename is None:  # the problem's own code in the parent: its warnings are noise
                warnings.simplefilter("ignore")
            for trial in trials:
                args = fresh(inputs) if repeat else inputs
                pristine = {k: snap for k, v in args.items() if (snap := _snapshot(v)) is not None}
                interp = _Interpreter(module, dict(args) if trial is None else {**args, "trial": trial})
                for line in steps:
                    for node in parse(line).body:  # type: ignore[attr-defined]
                        interp.statement(node)
                for expr in observe:
                    got = interp.expr(parse(expr, "eval").body)  # type: ignore[attr-defined]
                    if repeat:
                        outcome.observed.setdefault(expr, []).append(got)
                    else:
                        outcome.observed[expr] = got
                for key, before in pristine.items():
                    if key not in outcome.mutated and _changed(before, args[key]):
                        outcome.mutated.append(key)
    except _MissingName as exc:
        outcome.missing = Missing(exc.name)
    except BaseException as exc:  # noqa: BLE001 - user code may raise anything, SystemExit included
        outcome.raised = raised(exc, filename)
    return outcome


def fresh(inputs: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a test's inputs, so no run can change what the next one sees."""
    return copy.deepcopy(inputs)
