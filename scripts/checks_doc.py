"""Write docs/checks.md: every check and generator a problem can name, with its parameters, from the code.

Run ``python scripts/checks_doc.py`` after adding or changing one; tests/test_authoring.py fails while
the file and the code disagree.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parent.parent / "docs" / "checks.md"

_HEAD = """\
# Checks and generators

Generated from the code by `python scripts/checks_doc.py` (a test keeps it in step): every name a
problem's YAML may use, with its parameters. A parameter without a default is required.

## Checks

A test's `checks:` list names checks, run in order after the structure of every observed value has
been compared with the reference's (types, lengths, shapes). Without `checks:` a test is judged by
`match` alone. Write a check as a bare name (`finite`) or as a one-key mapping of its parameters
(`{rate: {output: out == 0, p: 0.3}}`). `output` (and similar) names an observed value: a name in
`returns:`, `result` for a `call:`, or an expression of `observe:` written exactly as there.

### `match`

The reference's outcome, within the problem's `tolerance` (`rtol`, `atol`, `equal_nan`): every
observed value, compared position by position; a failure names the first position that differs.
No parameters.
"""

_GENERATORS = """
## Generators

A test's `inputs:` rows build its inputs, in order, after its literal `given:` values. Each row is
`{gen: NAME, seed: N, ...parameters}`: the generator gets a fresh `numpy.random.default_rng(seed)` (seed
0 if omitted), and may read or replace what earlier rows and `given:` built.
"""


def _params(fn: Callable[..., Any], skip: int) -> list[str]:
    rows = []
    for param in list(inspect.signature(fn).parameters.values())[skip:]:
        kind = param.annotation if isinstance(param.annotation, str) else getattr(param.annotation, "__name__", "")
        default = "required" if param.default is inspect.Parameter.empty else f"default `{param.default!r}`"
        rows.append(f"- `{param.name}` ({kind}): {default}")
    return rows


def _section(registry: dict[str, Callable[..., Any]], skip: int) -> list[str]:
    out = []
    for name in sorted(registry):
        fn = registry[name]
        doc = inspect.cleandoc(fn.__doc__ or "(undocumented)")
        module = fn.__module__.removeprefix("mlprep.checks.")
        out += ["", f"### `{name}`", "", f"{doc}", "", f"*In `mlprep/checks/{module}.py`.*", "", *_params(fn, skip)]
    return out


def render() -> str:
    """The whole of docs/checks.md, as the code says it today."""
    from mlprep.checks.generators import GENERATORS, load_topics
    from mlprep.checks.properties import PROPERTIES

    load_topics()
    lines = [_HEAD.rstrip("\n"), *_section(PROPERTIES, 1), _GENERATORS.rstrip("\n"), *_section(GENERATORS, 2)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.write_text(render())
    sys.stdout.write(f"wrote {DOC}\n")
