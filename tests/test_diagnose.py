"""Naming the mistake: a name only when the evidence singles it out, judged on what the mistake is about."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlprep import catalog
from mlprep.engine import scenario
from mlprep.engine.compare import Tolerance
from mlprep.engine.diagnose import compare, same_words
from mlprep.engine.runner import check
from tests.conftest import TINY_PACK


def outcome(value: object) -> scenario.Outcome:
    return scenario.Outcome(observed={"result": value})


FRAME = pd.DataFrame({"user": [1, 1, 2], "avg": [np.nan, 1.0, np.nan], "lag": [np.nan, 1.0, np.nan]})


def test_a_frame_is_judged_on_the_columns_the_mistake_gets_wrong_whatever_their_order_or_extras():
    mistake = FRAME.assign(avg=[1.0, 1.5, 4.0])
    user = mistake[["avg", "lag", "user"]].assign(debug_helper=[0, 0, 0])  # reordered, one extra column
    found = compare(outcome(user), outcome(mistake), outcome(FRAME), Tolerance())
    assert (found.exact, found.whole, found.strength) == (1.0, True, 1.0)


def test_a_user_who_made_only_part_of_the_mistake_is_a_partial_explanation():
    mistake = FRAME.assign(avg=[1.0, 1.5, 4.0], lag=[9.0, 1.0, 9.0])  # both columns wrong
    user = FRAME.assign(avg=[1.0, 1.5, 4.0])  # only the mean made the mistake
    found = compare(outcome(user), outcome(mistake), outcome(FRAME), Tolerance())
    assert (found.exact, found.whole, found.strength) == (1.0, False, 0.5)
    other = FRAME.assign(lag=[5.0, 1.0, 5.0])  # wrong only where the mistake is right: nothing to go on
    assert compare(outcome(other), outcome(mistake.assign(lag=FRAME["lag"])), outcome(FRAME), Tolerance()).strength == 0


def test_the_same_indices_in_another_order_agree_only_loosely():
    expected, mistake = outcome(np.array([5, 3, 1])), outcome(np.array([0, 2, 4]))
    found = compare(outcome(np.array([4, 2, 0])), mistake, expected, Tolerance())
    assert (found.exact, found.loose, found.strength) == (0.0, 1.0, 0.5)
    assert compare(outcome(np.array([4, 3, 0])), mistake, expected, Tolerance()).strength == 0


def test_verdicts_in_the_same_words_allow_nearby_estimates_but_not_other_words():
    said = "net.W1 has standard deviation 0.134 over 20 seeds, but He initialisation needs sqrt(2 / 64) = 0.177"
    assert same_words(said, said.replace("0.134", "0.125"))
    assert not same_words(said, said.replace("0.134", "0.0884"))
    assert same_words("oof: wrong value at [1] (35 of 40 values differ)", "oof: wrong value at [0] (33 of 40 values differ)")
    assert not same_words("X_train: expected 34 rows, got 55", "X_test: expected 34 rows, got 55")


@pytest.fixture
def twin_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test pack with a second mistake whose answers are the first one's on every test."""
    pack = tmp_path / "pack"
    shutil.copytree(TINY_PACK, pack)
    spec = pack / "problems" / "spread.yaml"
    twin = (
        "  - id: squared_std\n    title: Squared the standard deviation\n"
        "    explanation: Squaring the result gives the variance.\n"
        '    patch: [{find: "float(np.std(x))", replace: "float(np.std(x) ** 2)"}]\n'
    )
    text = spec.read_text()
    spec.write_text(text.replace("  - id: center_in_place\n", twin + "  - id: center_in_place\n"))
    monkeypatch.setenv("MLPREP_PROBLEMS", str(pack))
    return pack


def test_mistakes_the_tests_cannot_tell_apart_are_named_as_one_of_and_none_is_recorded(run, write, twin_pack):
    write("var.py", "# mlprep: spread\nimport numpy as np\ndef spread(x):\n    return float(np.mean((x - np.mean(x)) ** 2))\n")
    data = json.loads(run("check", "var.py", "--json").stdout)
    assert [d["mistake"] for d in data["diagnosis"]] == ["variance_not_std", "squared_std"]
    out = run("check", "var.py").stdout
    assert "one of 2 classic mistakes" in out and "Returned the variance" in out and "Squared the standard" in out
    problem = catalog.load(catalog.resolve("spread", catalog.index(catalog.pack_dirs())))
    assert check(problem, Path("var.py")).named == []  # the history counts neither as made


def test_validate_proves_a_mistake_is_named_as_itself_and_no_other(run, twin_pack):
    result = run("validate", "--problem", "spread", str(twin_pack))
    assert result.exit_code == 1
    assert "mistake squared_std is diagnosed as variance_not_std or squared_std, not as itself alone" in result.stdout
