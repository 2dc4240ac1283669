"""A hidden test's steps: Python-looking lines interpreted against a solution module, never eval'd.

The step language (docs/authoring.md has the grammar with examples): a step is an expression (usually
a call), an assignment to a name, a tuple of names, an attribute or an item (``=`` or ``+=``-style),
or a ``for NAME in ...:`` loop of steps. Expressions are literals, names, attributes (never ``__x``),
subscripts and slices, calls, list/tuple/dict displays, arithmetic (``+ - * / // % ** @``), bitwise
``& | ^ ~`` (elementwise on boolean arrays), comparisons (``==`` on arrays is elementwise, as in numpy),
``and``/``or``/``not`` on single values and ``a if c else b``. Names resolve to the test's inputs and
earlier results first (a solution cannot shadow an input), then to the solution module, then to
``BUILTINS`` (a few harmless built-ins and ``np``). The same interpreter runs the reference and
mistakes in the parent and the user's file in the worker, so both see one program.
"""

from __future__ import annotations

import ast
import copy
import functools
import operator
import os
import traceback
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import numpy as np

from mlprep.engine.probes import live
from mlprep.engine.wire import Missing, Raised

_BINARY: dict[type, Any] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow, ast.MatMult: operator.matmul,
    ast.BitAnd: operator.and_, ast.BitOr: operator.or_, ast.BitXor: operator.xor,
}
_UNARY: dict[type, Any] = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert}
_COMPARE: dict[type, Any] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Is: operator.is_, ast.IsNot: operator.is_not,
    ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}
_ALLOWED = (
    ast.Module, ast.Expr, ast.Assign, ast.AugAssign, ast.Call, ast.Name, ast.Attribute, ast.Constant,
    ast.keyword, ast.Load, ast.Store, ast.List, ast.Tuple, ast.Dict, ast.UnaryOp, ast.Not, ast.Subscript,
    ast.Slice, ast.For, ast.Compare, ast.BinOp, ast.BoolOp, ast.And, ast.Or, ast.IfExp,
    *_BINARY, *_UNARY, *_COMPARE,
)
BUILTINS: dict[str, Any] = {
    f.__name__: f
    for f in (abs, all, any, bool, dict, enumerate, float, int, len, list, max, min, range, round, sorted, str,
              sum, tuple, zip, id, isinstance)
}
BUILTINS["np"] = np


def _describe_node(node: ast.AST) -> str:
    return {"ListComp": "a list comprehension", "Lambda": "lambda", "Import": "import",
            "ImportFrom": "import", "While": "a while loop", "With": "with", "Starred": "*",
            "Delete": "del", "FunctionDef": "def", "NamedExpr": ":="}.get(type(node).__name__, type(node).__name__)


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
            raise ValueError(f"{_describe_node(node)} is not allowed in a test step: {line!r}")
        if isinstance(node, ast.Attribute) and node.attr.startswith("__"):
            raise ValueError(f"attributes starting with __ are not allowed in a test step: {line!r}")
        if isinstance(node, ast.Name) and node.id.startswith("__"):
            raise ValueError(f"names starting with __ are not allowed in a test step: {line!r}")
        if isinstance(node, ast.Call) and any(k.arg is None for k in node.keywords):
            raise ValueError(f"** is not allowed in a test step: {line!r}")
        if isinstance(node, ast.Dict) and any(k is None for k in node.keys):
            raise ValueError(f"** is not allowed in a test step: {line!r}")
        if isinstance(node, ast.For) and (not isinstance(node.target, ast.Name) or node.orelse):
            raise ValueError(f"a loop step is `for NAME in ...:` with no else: {line!r}")
        if isinstance(node, ast.Assign):
            for target in node.targets:
                targets = target.elts if isinstance(target, ast.Tuple) else [target]
                if not all(isinstance(t, (ast.Name, ast.Attribute, ast.Subscript)) for t in targets):
                    raise ValueError(f"a step may assign to names, attributes or items only: {line!r}")
    return tree


def called(program: list[str]) -> list[str]:
    """The functions or classes a test's steps call, in the order they appear (built-ins left out)."""
    names: list[str] = []
    for line in program:
        for node in ast.walk(parse(line)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in BUILTINS:
                if node.func.id not in names:
                    names.append(node.func.id)
    return names


class _MissingName(Exception):
    def __init__(self, name: str):
        self.name = name


@dataclass
class Outcome:
    """What running a test's steps produced: observed values, or the exception that stopped it.

    ``step`` is the step (or observed expression) that was running when it stopped, for messages.
    """

    observed: dict[str, Any] = field(default_factory=dict)
    raised: Raised | None = None
    missing: Missing | None = None
    mutated: list[str] = field(default_factory=list)
    step: str | None = None

    def failure(self) -> str:
        """Why the steps stopped, in words that quote the step (for a problem's author)."""
        at = f"step {self.step!r}: " if self.step else ""
        if self.missing:
            return (f"{at}`{self.missing.name}` is not defined (not an input, an earlier result, a name in the "
                    "solution, or an allowed built-in)")
        if self.raised:
            return f"{at}{self.raised.type}" + (f": {self.raised.message}" if self.raised.message else "")
        return ""


_TRUTH = "`and`, `or`, `not` and `if` need one true/false value; for arrays use `&`, `|`, `~`, np.all() or np.any()"


def _truth(value: Any) -> bool:
    """Python's truth of a single value; an array of several values is a clear error, not numpy's riddle."""
    if isinstance(value, np.ndarray) and value.size != 1:
        raise ValueError(_TRUTH)
    return bool(value)


def _both(a: Any, b: Any) -> Any:
    """One link of a chained comparison joined to the next: ``and`` for single values, elementwise for arrays."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.logical_and(a, b)
    return a and b


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

    def expr(self, node: ast.AST) -> Any:  # noqa: C901 - one branch per kind of expression
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.Attribute):
            return getattr(self.expr(node.value), node.attr)
        if isinstance(node, ast.Call):
            func = self.expr(node.func)
            args = [self.expr(a) for a in node.args]
            kwargs = {str(k.arg): self.expr(k.value) for k in node.keywords}
            return func(*args, **kwargs)
        if isinstance(node, ast.List):
            return [self.expr(e) for e in node.elts]
        if isinstance(node, ast.Tuple):
            return tuple(self.expr(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return {self.expr(k): self.expr(v) for k, v in zip(node.keys, node.values) if k is not None}
        if isinstance(node, ast.UnaryOp):
            value = self.expr(node.operand)
            return not _truth(value) if isinstance(node.op, ast.Not) else _UNARY[type(node.op)](value)
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](self.expr(node.left), self.expr(node.right))
        if isinstance(node, ast.BoolOp):
            is_and = isinstance(node.op, ast.And)
            value = None
            for item in node.values:
                value = self.expr(item)
                if _truth(value) != is_and:
                    return value
            return value
        if isinstance(node, ast.IfExp):
            return self.expr(node.body) if _truth(self.expr(node.test)) else self.expr(node.orelse)
        if isinstance(node, ast.Subscript):
            return self.expr(node.value)[self.expr(node.slice)]
        if isinstance(node, ast.Slice):
            return slice(*(self.expr(p) if p is not None else None for p in (node.lower, node.upper, node.step)))
        if isinstance(node, ast.Compare):
            left = self.expr(node.left)
            result: Any = True
            for op, right_node in zip(node.ops, node.comparators):
                right = self.expr(right_node)
                link = _COMPARE[type(op)](left, right)
                result = link if result is True else _both(result, link)
                if result is False:
                    return False
                left = right
            return result
        raise ValueError(f"unsupported node {type(node).__name__}")

    def assign(self, target: ast.AST, value: Any) -> None:
        if isinstance(target, ast.Name):
            self.env[target.id] = value
        elif isinstance(target, ast.Attribute):
            setattr(self.expr(target.value), target.attr, value)
        elif isinstance(target, ast.Subscript):
            self.expr(target.value)[self.expr(target.slice)] = value
        elif isinstance(target, ast.Tuple):
            values = list(value)
            if len(values) != len(target.elts):
                raise ValueError(f"cannot unpack {len(values)} values into {len(target.elts)} names")
            for sub, item in zip(target.elts, values):
                self.assign(sub, item)

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Expr):
            self.expr(node.value)
        elif isinstance(node, ast.For):
            assert isinstance(node.target, ast.Name)  # parse() allows nothing else
            for item in self.expr(node.iter):
                self.env[node.target.id] = item
                for inner in node.body:
                    self.statement(inner)
        elif isinstance(node, ast.AugAssign):
            current = self.expr(_load(node.target))
            self.assign(node.target, _BINARY[type(node.op)](current, self.expr(node.value)))
        else:
            assert isinstance(node, ast.Assign)
            value = self.expr(node.value)
            for target in node.targets:
                self.assign(target, value)


def _load(target: ast.Name | ast.Attribute | ast.Subscript) -> ast.expr:
    """The read form of an assignment target (``a``, ``a.b`` or ``a[i]``), for ``+=`` and friends."""
    node = copy.copy(target)
    node.ctx = ast.Load()
    return node


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
    A ``Probe`` input (a function the test passes, as data) becomes a new recording callable for every
    run and trial (``probes.live``), here in the parent and in the worker alike.
    """
    outcome = Outcome()
    trials = range(repeat) if repeat else [None]
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            if filename is None:  # the problem's own code in the parent: its warnings are noise
                warnings.simplefilter("ignore")
            for trial in trials:
                args = live(fresh(inputs) if repeat else inputs)  # a new recorder per run for each Probe
                pristine = {k: snap for k, v in args.items() if (snap := _snapshot(v)) is not None}
                interp = _Interpreter(module, dict(args) if trial is None else {**args, "trial": trial})
                for line in steps:
                    outcome.step = line
                    for node in parse(line).body:  # type: ignore[attr-defined]
                        interp.statement(node)
                for expr in observe:
                    outcome.step = expr
                    got = interp.expr(parse(expr, "eval").body)  # type: ignore[attr-defined]
                    if repeat:
                        outcome.observed.setdefault(expr, []).append(got)
                    else:
                        outcome.observed[expr] = got
                for key, before in pristine.items():
                    if key not in outcome.mutated and _changed(before, args[key]):
                        outcome.mutated.append(key)
        outcome.step = None
    except _MissingName as exc:
        outcome.missing = Missing(exc.name)
    except BaseException as exc:  # noqa: BLE001 - user code may raise anything, SystemExit included
        outcome.raised = raised(exc, filename)
    return outcome


def fresh(inputs: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a test's inputs, so no run can change what the next one sees."""
    return copy.deepcopy(inputs)
