"""``mlprep new``: a problem's two files, every field present and explained, with a working example.

The example (a stable log-sum-exp, with a test of each category, a classic mistake and a slow one) is
sound, so ``mlprep validate`` is green at once; every text an author must replace holds ``FILL IN``, and
validate lists those fields as still to fill in (a warning: the problem works, it is just not yours yet).
"""

from __future__ import annotations

import keyword
import re
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlprep.errors import MlprepError

if TYPE_CHECKING:
    from mlprep.problem import Problem

PLACEHOLDER = "FILL IN"

_YAML = '''\
# An mlprep problem. Every field is here with what it means; replace each "FILL IN" text (keep the
# example's shape) and run `mlprep validate PACK` until it is green with nothing left to fill in.
# The guide: docs/authoring.md. Every check and generator with its parameters: docs/checks.md.
format_version: 1            # always 1
id: {id}                     # lowercase letters, digits and _; names problems/{id}.yaml and solutions/{id}.py
title: "FILL IN: the title shown by `mlprep list` (the example: Stable log-sum-exp)"
difficulty: easy             # easy | medium | hard
minutes: 30                  # the clock of `mlprep start` (default 45)
tags: [example]              # free words
summary: "FILL IN: one line for `mlprep list`"
# number: 13                 # built-in problems only; a pack's problems are numbered after them
tolerance: {{rtol: 1.0e-5, atol: 1.0e-8, equal_nan: false}}   # how close `match` wants numbers (these are the defaults)
seconds_per_test: 5.0        # a correctness test that runs longer times out (default 5)
# solution: other.py         # the reference's file in solutions/ (default: {id}.py)
parts:                       # part 1 is the task; a later part is the follow-up (shown once part 1 passes in a mock)
  - title: "FILL IN: what part 1 asks"
    prompt: |
      FILL IN: the prompt, in Markdown; say exactly what is graded. The example's:
      Write `logsumexp(x)`: `log(sum(exp(x)))` over the last axis, finite for |x| up to 1e4.
    names: [logsumexp]       # the names a solution defines for this part
stub: |                      # the file a candidate starts from; headed `# mlprep: {id}` (added if missing)
  # mlprep: {id}
  # FILL IN: the starting file (the example's below).
  import numpy as np


  def logsumexp(x):
      raise NotImplementedError
think_aloud: |               # how a strong candidate talks it through (shown by `mlprep reveal`)
  FILL IN: shapes, the approach, the numerical trap (the example's: exp overflows past 709), how you
  would test it. It must say every rubric key term.
hints:                       # `mlprep hint` shows them in order: a nudge, the key idea, nearly the code
  - "FILL IN: a nudge"
  - "FILL IN: the key idea"
  - "FILL IN: nearly the code"
insights:                    # shown by reveal
  - {{title: "FILL IN: an insight", body: "FILL IN: what a senior engineer knows about it"}}
followups:                   # asked at the end of a mock interview
  - {{question: "FILL IN: a follow-up question", answer: "FILL IN: a strong answer"}}
rubric:                      # what an interviewer listens for (a mock's self-assessment)
  - {{point: "FILL IN: a point a candidate should make", key_terms: [overflow]}}   # terms the think-aloud says
mistakes:                    # classic bugs: validate proves each fails a test and is named as itself
  - id: no_max_shift         # lowercase letters, digits and _
    part: 1
    title: "FILL IN: the mistake's title (the example: exp overflows without the max shift)"
    explanation: "FILL IN: why it is wrong and how to fix it (shown when a check names it)"
    expect: fail             # fail (default): a test fails and names it; slow: an efficiency test flags it
    # random: true           # its answers depend on random draws: recognised by how it fails, not by value
    patch:                   # text edits on the reference solution; each `find` occurs exactly once in it
      - {{find: "m = x.max(axis=-1, keepdims=True)", replace: "m = np.zeros_like(x[..., :1])"}}
  - id: python_loop
    title: "FILL IN: a correct but slow answer (the example: a Python loop over every number)"
    explanation: "FILL IN: why it is slow and what is fast"
    expect: slow
    patch:
      - find: "    return (m + np.log(np.exp(x - m).sum(axis=-1, keepdims=True)))[..., 0]\\n"
        replace: |2
              out = np.empty(x.shape[:-1])
              for i in np.ndindex(out.shape):
                  out[i] = m[i][0] + np.log(sum(np.exp(v - m[i][0]) for v in x[i]))
              return out
# variants: []               # other answers the prompt accepts: written like mistakes; each must pass every test
tests:                       # categories: example (shown by start) | hidden | edge | stability | efficiency
  - name: "FILL IN: a visible example"
    category: example
    given: {{x: [[1.0, 2.0, 3.0]]}}          # literal inputs (lists become arrays)
    call: logsumexp(x)                     # or `steps:` and `observe:` (the step language: docs/authoring.md)
  - name: "FILL IN: a hidden case"
    part: 1                                # default 1
    category: hidden                       # default hidden
    inputs: [{{gen: normal, seed: 1, shapes: {{x: [4, 6]}}}}]   # generator rows, applied in order
    call: logsumexp(x)
    checks: [finite, match]                # default [match]: the reference's answer, within the tolerance
    # steps: ["y = logsumexp(x)"]          # instead of call: lines in the step language (docs/authoring.md)
    # observe: [y, "y.shape"]              # with steps: the expressions compared afterwards
    # returns: lse                         # a name for the result in messages (a list of names for a tuple)
    # raises: ValueError                   # the call must raise this instead of returning
    # forbid_mutation: true                # changing an input array or frame fails the test (default: a note)
    # repeat: 20                           # run 20 times, `trial` = 0..19 (statistical checks, docs/checks.md)
    # seconds: 10                          # this test's time limit (default: seconds_per_test)
  - name: "FILL IN: an edge case (the example: a single number)"
    category: edge
    given: {{x: [[5.0]]}}
    call: logsumexp(x)
  - name: "FILL IN: a stability case (the example: values of magnitude 1e4)"
    category: stability
    inputs:
      - {{gen: normal, seed: 2, shapes: {{x: [3, 5]}}}}
      - {{gen: scale, names: [x], by: 1.0e+4}}
    call: logsumexp(x)
    checks: [finite, match]
    about: values of magnitude 1e4         # appended to this test's failure messages
  - name: "FILL IN: an efficiency case"
    category: efficiency                   # timed against the reference in the same worker
    inputs: [{{gen: normal, seed: 3, shapes: {{x: [1000, 500]}}}}]   # big enough that the reference takes milliseconds
    call: logsumexp(x)
    max_ratio: 4.0                         # flagged when the candidate's time is over 4x the reference's
    slow_message: "FILL IN: what to do instead (the example: one vectorised expression, no Python loop)"
'''

_SOLUTION = '''\
# mlprep: {id}
# FILL IN: the reference solution (the example's below); validate runs it against every test.
import numpy as np


def logsumexp(x):
    """log(sum(exp(x))) over the last axis, shifted by each row's maximum so that exp never overflows."""
    x = np.asarray(x, dtype=float)
    m = x.max(axis=-1, keepdims=True)
    return (m + np.log(np.exp(x - m).sum(axis=-1, keepdims=True)))[..., 0]
'''


def create(problem_id: str, pack: Path) -> list[Path]:
    """Write ``problems/<id>.yaml`` and ``solutions/<id>.py`` in ``pack`` (folders made as needed); never overwrite."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", problem_id) or keyword.iskeyword(problem_id):
        raise MlprepError(f"{problem_id!r} cannot be a problem id: use lowercase letters, digits and _, "
                          "starting with a letter (for example: dropout, layer_norm)")
    files = {pack / "problems" / f"{problem_id}.yaml": _YAML, pack / "solutions" / f"{problem_id}.py": _SOLUTION}
    existing = [str(path) for path in files if path.exists()]
    if existing:
        verb = "already exists" if len(existing) == 1 else "already exist"
        raise MlprepError(f"{' and '.join(existing)} {verb}; mlprep never overwrites a file (choose another id or pack)")
    if pack.exists() and not pack.is_dir():
        raise MlprepError(f"{pack} is a file, not a folder")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x") as out:  # "x": fails rather than replace a file that appeared meanwhile
            out.write(text.format(id=problem_id))
    return list(files)


def unfilled(problem: Problem) -> list[str]:
    """The fields (and the reference file) still holding the scaffold's ``FILL IN`` text, counted per field."""
    counts: dict[str, int] = {}

    def walk(value: Any, top: str) -> None:
        if isinstance(value, str):
            if PLACEHOLDER in value:
                counts[top] = counts.get(top, 0) + 1
        elif is_dataclass(value):
            for f in fields(value):
                walk(getattr(value, f.name), top)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, top)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, top)

    for f in fields(problem):
        if f.name not in ("path", "solution_path"):
            walk(getattr(problem, f.name), f.name)
    said = [name if n == 1 else f"{name} ({n} places)" for name, n in counts.items()]
    path = problem.solution_path
    if path is not None and path.is_file() and PLACEHOLDER in path.read_text(errors="replace"):
        said.append(f"solutions/{path.name}")
    return said
