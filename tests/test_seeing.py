"""Seeing what your code does: what it printed, a failing example's values, errors in words, raw
control characters never reaching the terminal. (tests/test_golden.py pins the JSON of SOFTMAX.)"""

from __future__ import annotations

import json

from conftest import reference

SOFTMAX = '''# mlprep: softmax
import numpy as np

print("loading")


def softmax(x):
    print("DEBUG shapes", x.shape)
    raise NotImplementedError("softmax")


def log_softmax(x):
    print("x" * 2000)
    return x


def cross_entropy(logits, y):
    raise ValueError("bad \\x1b[31mred\\x1b[0m \\x1b]8;;http://evil\\x07link [kept]")


def softmax_ce_grad(logits, y):
    return np.zeros_like(logits)
'''


def unboxed(out: str) -> str:
    """Output without the panels' borders: each line's text, stripped."""
    return "\n".join(line.strip("│ ") for line in out.splitlines())


def test_json_has_what_each_test_printed_cut_at_500_characters(run, write):
    write("mine.py", SOFTMAX)
    tests = {t["name"]: t for t in json.loads(run("check", "mine.py", "--examples", "--json").stdout)["tests"]}
    assert tests["softmax of one row"]["output"] == "DEBUG shapes (1, 3)\n"
    long = tests["log_softmax of one row"]["output"]
    assert long == "x" * 500 + "\n[... 1501 more characters cut]"
    assert tests["gradient of two examples"]["output"] == ""


def test_a_failing_test_shows_what_it_printed(run, write):
    write("mine.py", SOFTMAX)
    out = run("check", "mine.py", "--examples").stdout
    assert "printed during softmax of one row" in out and "DEBUG shapes (1, 3)" in out
    assert "mine.py printed while loading" in out and "loading" in out
    assert "more characters cut" in out


def test_failing_examples_show_inputs_expected_and_yours_in_words(run, write):
    write("mine.py", SOFTMAX)
    out = unboxed(run("check", "mine.py", "--examples").stdout)
    assert "x = np.array([[1.0, 2.0, 3.0]])\nresult = softmax(x)" in out
    assert "result = [[0.090031, 0.244728, 0.665241]]" in out  # expected
    assert "raised NotImplementedError: softmax (mine.py:9)" in out  # yours, in words
    assert "Raised(" not in out and "mro=" not in out


def test_the_same_failure_is_shown_once(run, isolated):
    run("start", "softmax")
    run("reveal", "--yes")
    out = run("check").stdout
    assert "Raised(" not in out
    # each function of the stub raises its own message: one panel each, the other tests listed under it
    assert out.count("failed: ") == 4
    assert out.count("raised NotImplementedError: softmax (softmax.py:") == 1
    assert "The same in " in out


def test_control_characters_are_shown_escaped_and_json_stays_faithful(run, write):
    write("mine.py", SOFTMAX)
    out = run("check", "mine.py", "--examples").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "bad \\x1b[31mred\\x1b[0m \\x1b]8;;http://evil\\x07link [kept]" in out
    data = json.loads(run("check", "mine.py", "--examples", "--json").stdout)
    message = next(t["message"] for t in data["tests"] if t["name"] == "cross-entropy of two examples")
    assert message.endswith("ValueError: bad \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link [kept]")


def test_passing_tests_show_no_values(run, write):
    write("mine.py", reference("softmax"))
    data = json.loads(run("check", "mine.py", "--examples", "--json").stdout)
    assert data["passed"] and all(set(t) == {"name", "part", "category", "status", "message", "seconds", "output"}
                                  for t in data["tests"])


def test_long_printed_output_is_cut_to_a_screen_with_a_marker(run, write):
    write("mine.py", SOFTMAX.replace('print("DEBUG shapes", x.shape)', 'print("\\n".join(map(str, range(100))))'))
    out = unboxed(run("check", "mine.py", "--examples").stdout)
    assert "\n19\n" in out and "\n20\n" not in out and "[... 80 more lines cut]" in out


def test_a_pack_title_with_an_escape_sequence_is_listed_escaped(run, tmp_path, monkeypatch):
    import shutil

    from conftest import TINY_PACK

    pack = tmp_path / "pack"
    shutil.copytree(TINY_PACK, pack)
    yaml = pack / "problems" / "double.yaml"
    yaml.write_text(yaml.read_text().replace("title: Double an array (test pack)", 'title: "Double \\e[31mred"'))
    monkeypatch.setenv("MLPREP_PROBLEMS", str(pack))
    out = run("list").stdout
    assert "Double \\x1b[31mred" in out and "\x1b" not in out


def test_a_mistakes_explanation_reads_as_prose_not_as_its_yaml_lines(run, write, monkeypatch):
    """The YAML's line breaks are the author's editor, not the candidate's terminal: no mid-sentence breaks."""
    from pathlib import Path

    monkeypatch.setenv("COLUMNS", "200")
    write("softmax.py", (Path(__file__).parent / "solutions" / "softmax" / "buggy_global_max_shift.py").read_text())
    out = unboxed(run("check", "softmax.py").stdout)
    assert "A row whose values are far below that maximum (one row near 1000, another near 0) underflows" in out


def test_prose_keeps_paragraphs_lists_and_code():
    from mlprep.render import _prose

    assert _prose("a b\nc d\n") == "a b c d"
    assert _prose("one\ntwo\n\nthree\nfour") == "one two\n\nthree four"
    assert _prose("say:\n- first\n- second") == "say:\n- first\n- second"
    assert _prose("code:\n    x = 1\n    y = 2") == "code:\n    x = 1\n    y = 2"
