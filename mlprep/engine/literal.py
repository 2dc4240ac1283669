"""Python source for a value: ``np.array([[1.0, 0.0], [0.0, 1.0]])``, ``pd.DataFrame({...})``.

A candidate pastes it with numpy as ``np`` and pandas as ``pd`` imported, and gets back exactly the
value shown: same dtypes, same index, every float to its last digit. Long values are laid out over
lines that fit a width, so the prompt stays readable and copyable in a 60-column terminal.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Union

import numpy as np

from mlprep.engine.probes import Probe, Recorder


@dataclass
class _Group:
    """Bracketed items, flat when they fit the width, else one line each (atoms packed per line)."""

    open: str
    items: list[_Node]
    close: str


_Node = Union[str, _Group]


def source(value: Any, width: int = 56, indent: int = 0) -> str:
    """``value`` as Python source, laid out to fit ``width`` columns when it starts at ``indent``."""
    return _layout(_node(value), indent, width)


def _flat(node: _Node) -> str:
    if isinstance(node, str):
        return node
    return node.open + ", ".join(_flat(i) for i in node.items) + node.close


def _layout(node: _Node, indent: int, width: int) -> str:
    flat = _flat(node)
    if isinstance(node, str) or indent + len(flat) <= width or not node.items:
        return flat
    inner = indent + 4
    if all(isinstance(i, str) for i in node.items):
        lines, line = [], ""
        for item in node.items:
            piece = f"{item},"
            if line and inner + len(line) + 1 + len(piece) > width:
                lines.append(line)
                line = piece
            else:
                line = f"{line} {piece}" if line else piece
        lines.append(line)
    else:
        lines = [_layout(i, inner, width) + "," for i in node.items]
    pad = " " * inner
    return node.open + "\n" + "\n".join(pad + line for line in lines) + "\n" + " " * indent + node.close


def _prefixed(text: str, node: _Node) -> _Node:
    """``text`` written before ``node`` (a keyword, a dict key), keeping the node's layout."""
    if isinstance(node, str):
        return text + node
    return _Group(text + node.open, node.items, node.close)


def _suffixed(node: _Node, text: str) -> _Node:
    if isinstance(node, str):
        return node + text
    return _Group(node.open, node.items, node.close + text)


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a valid Python literal, in double quotes


def _float(x: float) -> str:
    if math.isnan(x):
        return "np.nan"
    if math.isinf(x):
        return "np.inf" if x > 0 else "-np.inf"
    return repr(x)


def _node(value: Any) -> _Node:
    if value is None or isinstance(value, (bool, int)) and not isinstance(value, np.generic):
        return repr(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, np.generic):
        return f"np.{value.dtype.name}({_flat(_node(value.item()))})"
    if isinstance(value, np.ndarray):
        return _array(value)
    if isinstance(value, list):
        return _Group("[", [_node(v) for v in value], "]")
    if isinstance(value, tuple):
        return f"({_flat(_node(value[0]))},)" if len(value) == 1 else _Group("(", [_node(v) for v in value], ")")
    if isinstance(value, dict):
        return _Group("{", [_prefixed(f"{_flat(_node(k))}: ", _node(v)) for k, v in value.items()], "}")
    if type(value).__module__.split(".")[0] == "pandas":
        return _pandas(value)
    return repr(value)


def _dtype(dtype: np.dtype) -> str:
    return f"np.{dtype.name}" if dtype.kind in "biufc" and hasattr(np, dtype.name) else _string(dtype.str)


def _array(a: np.ndarray) -> _Node:
    if a.size == 0:
        shape = f"({a.shape[0]},)" if a.ndim == 1 else repr(a.shape)
        return f"np.empty({shape})" if a.dtype == np.float64 else f"np.empty({shape}, dtype={_dtype(a.dtype)})"
    if a.dtype.kind == "M":
        texts = np.datetime_as_string(a).tolist()
        return _suffixed(_prefixed("np.array(", _nested(texts)), f", dtype={_string(a.dtype.str)})")
    values = a.tolist() if a.dtype.kind != "O" else a
    inferred = np.array(a.tolist()).dtype if a.dtype.kind != "O" else None
    body = _nested(values)
    if inferred == a.dtype:
        return _prefixed("np.array(", _suffixed(body, ")"))
    return _suffixed(_prefixed("np.array(", body), f", dtype={_dtype(a.dtype) if a.dtype.kind != 'O' else 'object'})")


def _nested(values: Any) -> _Node:
    if isinstance(values, (list, np.ndarray)) and getattr(values, "ndim", 1) > 0:
        return _Group("[", [_nested(v) for v in values], "]")
    return _node(values)


def _day(stamp: Any) -> str:
    """A Timestamp as the string ``pd.to_datetime`` reads back: just the day when it is midnight."""
    if stamp is None or stamp != stamp:  # NaT
        return "None"
    text = stamp.isoformat()
    return _string(text[:10] if stamp == stamp.normalize() else text)


def _pandas(value: Any) -> _Node:
    import pandas as pd

    if isinstance(value, pd.Timestamp):
        tz = f", tz={_string(str(value.tz))}" if value.tz is not None else ""
        day = _day(value.tz_localize(None))
        text = f"pd.Timestamp({day}{tz})"
        parsed = pd.Timestamp(json.loads(day))
        return text if parsed.unit == value.unit else f'{text}.as_unit("{value.unit}")'
    if isinstance(value, pd.DataFrame):
        columns = _Group("{", [_prefixed(f"{_flat(_node(c))}: ", _column(value[c])) for c in value.columns], "}")
        index = _index(value.index)
        return _Group("pd.DataFrame(", [columns, *index], ")") if index else _prefixed("pd.DataFrame(", _suffixed(columns, ")"))
    if isinstance(value, pd.Series):
        extra = [f"name={_flat(_node(value.name))}"] if value.name is not None else []
        return _Group("pd.Series(", [_column(value), *extra, *_index(value.index)], ")")
    if isinstance(value, pd.Index):
        return _column(value.to_series())
    return repr(value)


def _index(index: Any) -> list[_Node]:
    import pandas as pd

    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and index.name is None:
        return []
    if index.name is None:
        return [_prefixed("index=", _column(index.to_series()))]
    return [_Group("index=pd.Index(", [_column(index.to_series()), f"name={_flat(_node(index.name))}"], ")")]


def _column(series: Any) -> _Node:
    """A column's values as source that gives back the same dtype inside a DataFrame or Series."""
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _Group("pd.Categorical(", [_Group("[", [_node(v) for v in series.tolist()], "]")], ")")
    if dtype.kind == "M" and getattr(dtype, "tz", None) is None:
        days = _Group("pd.to_datetime([", [_day(v) for v in series.tolist()], "])")
        unit = pd.to_datetime(pd.Series([x.isoformat() for x in series.dropna()] or ["2000-01-01"])).dt.unit
        return days if unit == series.dt.unit else _suffixed(days, f'.as_unit("{series.dt.unit}")')
    items = [_node(v.item() if isinstance(v, np.generic) else v) for v in series.tolist()]
    if pd.Series(series.tolist(), dtype=None).dtype == dtype:
        return _Group("[", items, "]")
    if isinstance(dtype, np.dtype):
        return _array(series.to_numpy())
    return _Group("pd.array(", [_Group("[", items, "]"), f"dtype={_string(str(dtype))}"], ")")


def readable(value: Any) -> str:
    """``value`` for reading (not pasting): numpy's and pandas' own layout, long arrays summarised."""
    with np.printoptions(threshold=60, precision=6, suppress=False, edgeitems=3):
        if isinstance(value, dict):
            return "\n".join(_named(k, v) for k, v in value.items())
        value = _plain(value)
        return repr(value) if not isinstance(value, np.ndarray) else np.array2string(value, separator=", ")


def _plain(value: Any) -> Any:
    """numpy scalars as plain Python numbers, inside tuples, lists and dicts too: ``-0.0``, not ``np.float64(-0.0)``."""
    if isinstance(value, np.generic):
        return value.item()
    if type(value) in (tuple, list):
        return type(value)(_plain(v) for v in value)
    if type(value) is dict:
        return {k: _plain(v) for k, v in value.items()}
    return value


def _named(name: Any, value: Any) -> str:
    if isinstance(value, Probe) and isinstance(name, str):  # a function the test passes: its definition
        return probe_source(name, value)
    text = readable(value)
    return f"{name} =\n{text}" if "\n" in text else f"{name} = {text}"


def probe_source(name: str, probe: Probe, width: int = 88) -> str:
    """``probe`` as Python defining ``name``, pasteable with numpy as ``np``; returns what the recorder does."""
    if probe.kind == "table":
        table = "LOGP" if name == "step_fn" else f"{name.upper()}_LOGP"
        probs = np.asarray(probe.params["probs"], dtype=np.float64)
        return (f"{table} = np.log({source(probs, width - len(table) - 11)})\n\n"
                f"def {name}(prefix):\n    return {table}[prefix[-1]].copy()")
    Recorder(probe)  # refuses a malformed probe before writing it
    p = probe.params
    draw = f"np.random.default_rng([{int(p['seed'])}, *prefix]).standard_normal({int(p['vocab'])})"
    lines = [f"def {name}(prefix):", f"    z = {float(p.get('scale', 1.0))!r} * {draw}"]
    if p.get("eos") is not None:
        lines.append(f"    z[{int(p['eos'])}] += {float(p.get('eos_bias', 0.0))!r}")
    lines += ["    z -= z.max()", "    return z - np.log(np.exp(z).sum())"]
    return "\n".join(lines)
