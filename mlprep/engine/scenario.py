"""A hidden test's steps: Python-looking lines interpreted against a solution module, never eval'd.

A step is a call (``softmax(x)``), an assignment of one (``net = TwoLayerNet(4, 8, 3)``,
``loss = net.forward(X, y)``) or an attribute set (``net.W1 = W1``). Names resolve to the test's
inputs and earlier results first, then to the solution module. The same interpreter runs the
reference and mistakes in the parent and the user's file in the worker, so both see one program.
"""

from __future__ import annotations

import ast
import copy
import functools
import os
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import numpy as np

from mlprep.engine.wire import Missing, Raised

_ALLOWED = (
    ast.Module, ast.Expr, ast.Assign, ast.Call, ast.Name, ast.Attribute, ast.Constant, ast.keyword,
    ast.Load, ast.Store, ast.List, ast.Tuple, ast.Dict, ast.UnaryOp, ast.USub, ast.UAdd, ast.Subscript,
    ast.Slice,
)


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
            kwargs = {k.arg: self.expr(k.value) for k in node.keywords}
            return func(*args, **kwargs)
        if isinstance(node, ast.List):
            return [self.expr(e) for e in node.elts]
        if isinstance(node, ast.Tuple):
            return tuple(self.expr(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return {self.expr(k): self.expr(v) for k, v in zip(node.keys, node.values)}
        if isinstance(node, ast.UnaryOp):
            value = self.expr(node.operand)
            return -value if isinstance(node.op, ast.USub) else +value
        if isinstance(node, ast.Subscript):
            return self.expr(node.value)[self.expr(node.slice)]
        if isinstance(node, ast.Slice):
            return slice(*(self.expr(p) if p is not None else None for p in (node.lower, node.upper, node.step)))
        raise ValueError(f"unsupported node {type(node).__name__}")

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Expr):
            self.expr(node.value)
            return
        assert isinstance(node, ast.Assign) and len(node.targets) == 1
        value = self.expr(node.value)
        target = node.targets[0]
        if isinstance(target, ast.Name):
            self.env[target.id] = value
        elif isinstance(target, ast.Attribute):
            setattr(self.expr(target.value), target.attr, value)
        else:
            raise ValueError("a step may assign to a name or an attribute only")


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
    """The wire form of an exception, located in the user's file."""
    kind = type(exc)
    message = str(exc)
    if isinstance(exc, SystemExit):
        message = f"sys.exit({exc.code!r})" if exc.code is not None else "sys.exit()"
    return Raised(kind.__name__, [k.__name__ for k in kind.__mro__], message[:2000], where(exc.__traceback__, filename))


def run(
    steps: list[str],
    observe: list[str],
    module: Mapping[str, Any],
    inputs: dict[str, Any],
    filename: str | None = None,
) -> Outcome:
    """Run ``steps`` against ``module`` with ``inputs`` bound, then evaluate ``observe``.

    Any exception the code raises, SystemExit and KeyboardInterrupt included, becomes the outcome:
    the test's verdict, not the checker's death. ``mutated`` names the array inputs that changed.
    """
    pristine = {k: v.copy() for k, v in inputs.items() if isinstance(v, np.ndarray)}
    interp = _Interpreter(module, dict(inputs))
    outcome = Outcome()
    try:
        with np.errstate(all="ignore"):
            for line in steps:
                for node in parse(line).body:  # type: ignore[attr-defined]
                    interp.statement(node)
            for expr in observe:
                outcome.observed[expr] = interp.expr(parse(expr, "eval").body)  # type: ignore[attr-defined]
    except _MissingName as exc:
        outcome.missing = Missing(exc.name)
    except BaseException as exc:  # noqa: BLE001 - user code may raise anything, SystemExit included
        outcome.raised = raised(exc, filename)
    for key, before in pristine.items():
        after = inputs[key]
        if isinstance(after, np.ndarray) and (after.shape != before.shape or not np.array_equal(after, before, equal_nan=True)):
            outcome.mutated.append(key)
    return outcome


def fresh(inputs: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a test's inputs, so no run can change what the next one sees."""
    return copy.deepcopy(inputs)
