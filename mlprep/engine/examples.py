"""A problem's visible examples as code a candidate can paste, and the stub's ``__main__`` block.

Both come from the problem's data (the example tests), never from hand-written text: the prompt
shows each example as Python (inputs, then the calls), and ``python <id>.py`` on the stub runs the
same code and prints what the candidate's functions return, the way one tests by hand in an interview.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Any

from mlprep.checks import generators
from mlprep.engine.literal import probe_source, source
from mlprep.engine.probes import Probe
from mlprep.engine.verdict import labelled
from mlprep.problem import Problem, Test

WIDTH = 56  # the prompt's code fits a 60-column terminal (Rich indents it by 4 at most)


@dataclass
class Example:
    """One visible example: its code (pasteable) and what the reference returns, in words."""

    title: str
    part: int
    code: str
    result: str = ""


def inputs(test: Test) -> dict[str, Any]:
    """The example's input values, built as the checker builds them."""
    return generators.build([r.as_dict() for r in test.inputs], test.given)


_ALIAS = re.compile(r"(\w+) = result")


def program(test: Test) -> tuple[list[str], list[str]]:
    """The test's steps with ``result`` named as the prompt names it, and the expressions it shows.

    ``result = f(x)`` with ``returns: [context, weights]`` reads ``context, weights = f(x)``. A step
    that only keeps the result under another name for a check (``returned = result``) is not shown.
    """
    names = test.returns if not test.repeat and "result" in test.observed else None
    lines = list(test.program)
    if not names or not any(line.startswith("result = ") for line in lines):
        return lines, list(test.observed)
    target = ", ".join(names) if isinstance(names, list) else names
    aliases = {m.group(1) for line in lines if (m := _ALIAS.fullmatch(line))}
    out = []
    for line in lines:
        if _ALIAS.fullmatch(line):
            continue
        if line.startswith("result = "):
            line = f"{target} = {line[len('result = '):]}"
        out.append(re.sub(r"\bresult\b", f"({target})" if isinstance(names, list) else target, line))
    shown: list[str] = []
    for expr in test.observed:
        if expr == "result":
            shown += names if isinstance(names, list) else [names]
        elif expr not in aliases:
            shown.append(expr)
    return out, shown


def shown(test: Test, observed: dict[str, Any]) -> dict[str, Any]:
    """Observed values under the names ``program`` shows (``context``, ``weights``), aliases left out."""
    if program(test)[1] == list(test.observed):
        return dict(observed)
    kept = {k: v for k, v in observed.items() if k == "result" or k in program(test)[1]}
    return labelled(test, kept)


def code(test: Test, values: dict[str, Any], width: int = WIDTH) -> str:
    """The example as Python: one assignment per input, then the calls."""
    # Broken over lines, a value's rows are indented by 4 under its name (the first line is shorter).
    # A function the test passes (a Probe) is written as its definition, blank lines around it.
    setup = [f"\n{probe_source(name, value, width)}\n" if isinstance(value, Probe)
             else f"{name} = {source(value, width - len(name) - 3)}" for name, value in values.items()]
    return "\n".join([*setup, *program(test)[0]]).strip("\n")


def main_block(problem: Problem) -> str:
    """``if __name__ == "__main__":`` running every visible example and printing what it returns."""
    tests = problem.examples()
    if not tests:
        return ""
    functions, listing = [], []
    for number, test in enumerate(tests, start=1):
        body = code(test, inputs(test), width=88 - 8)
        shown = program(test)[1]
        returned = ", ".join(f"{source(expr)}: {expr}" for expr in shown)
        functions.append(f"def example_{number}():\n" + textwrap.indent(f"{body}\nreturn {{{returned}}}", "    "))
        part = f" (part {test.part})" if len(problem.parts) > 1 else ""
        listing.append(f"({source(f'Example {number}{part}: {test.name}')}, example_{number}),")
    text = "\n".join(functions)
    imports = ["import sys", "import traceback", ""]
    imports += [m for m, used in (("import numpy as np", "np." in text), ("import pandas as pd", "pd." in text)) if used]
    body = "\n".join([
        f"# Written by mlprep: `python {problem.id}.py` runs the prompt's examples and prints what your",
        "# functions return. `mlprep check` grades the functions only; change this block as you like.",
        *imports, "", *"\n\n".join(functions).splitlines(), "",
        "for _title, _example in [", *(f"    {line}" for line in listing), "]:",
        "    print(_title)",
        "    try:",
        "        for _name, _value in _example().items():",
        "            _text = repr(_value)",
        '            print(f"{_name} =" + ("\\n" if "\\n" in _text else " ") + _text)',
        "    except NotImplementedError as _exc:",
        '        print("  not written yet: NotImplementedError" + (f": {_exc}" if str(_exc) else ""))',
        "    except Exception:",
        "        traceback.print_exc(file=sys.stdout)",
        "    print()",
    ])
    return '\n\nif __name__ == "__main__":\n' + textwrap.indent(body, "    ", lambda line: bool(line.strip())) + "\n"


def stub(problem: Problem) -> str:
    """The file ``mlprep start`` writes: the problem's stub, then the block that runs its examples."""
    text = problem.stub_text()
    if "__main__" in text:  # the author wrote one
        return text
    return text.rstrip("\n") + "\n" + main_block(problem)
