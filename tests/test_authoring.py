"""Writing a problem: `mlprep new` to a green validate, the guide and checks.md in step with the code,
the dropout walk-through pack, and messages meant for any problem."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import numpy as np
from conftest import TESTS, TINY_PACK

from mlprep.checks.properties import Context
from mlprep.checks.smote import same_output
from mlprep.engine.compare import Tolerance, value

ROOT = TESTS.parent
DROPOUT_PACK = TESTS / "packs" / "dropout"
GUIDE = ROOT / "docs" / "authoring.md"


def _tiny_copy(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(TINY_PACK, pack)
    return pack


def test_new_then_validate_is_green_and_lists_what_is_left_to_fill_in(run, isolated):
    made = run("new", "dropout", "--pack", "mypack")
    assert made.exit_code == 0, made.stdout
    assert (isolated / "mypack" / "problems" / "dropout.yaml").is_file()
    assert (isolated / "mypack" / "solutions" / "dropout.py").is_file()
    assert "mlprep validate mypack" in made.stdout
    checked = run("validate", "mypack")
    assert checked.exit_code == 0, checked.stdout
    said = " ".join(checked.stdout.replace("│", " ").split())
    assert "ok, unfinished" in said and "5 tests, 2 mistakes diagnosed" in said
    assert ("to fill in: title, summary, parts (2 places), stub, think_aloud, hints (3 places), insights "
            "(2 places), tests (6 places), followups (2 places), rubric, mistakes (4 places), "
            "solutions/dropout.py") in said


def test_the_scaffold_shows_every_field_of_the_format(run, isolated):
    from dataclasses import fields

    from mlprep.problem import Mistake, Problem, Test

    run("new", "lse", "--pack", "p")
    text = (isolated / "p" / "problems" / "lse.yaml").read_text()
    for record in (Problem, Test, Mistake):
        for f in fields(record):
            if f.name not in ("path", "solution_path", "params"):
                assert re.search(rf"^[ #-]*{f.name}:", text, re.M), f"{record.__name__}.{f.name} is not in the scaffold"


def test_a_filled_in_scaffold_is_plain_ok(run, isolated):
    run("new", "lse", "--pack", "p")
    for path in [isolated / "p" / "problems" / "lse.yaml", isolated / "p" / "solutions" / "lse.py"]:
        path.write_text(path.read_text().replace("FILL IN", "Done"))
    checked = run("validate", "p")
    assert checked.exit_code == 0 and "unfinished" not in checked.stdout and "ok" in checked.stdout


def test_new_never_overwrites_and_refuses_a_bad_id(run, isolated):
    run("new", "dropout", "--pack", "mypack")
    yaml_path = isolated / "mypack" / "problems" / "dropout.yaml"
    yaml_path.write_text("mine")
    again = run("new", "dropout", "--pack", "mypack")
    assert again.exit_code == 2 and "never overwrites" in again.stderr
    assert yaml_path.read_text() == "mine"
    for bad in ("Drop-out", "class", "9lives"):
        result = run("new", bad)
        assert result.exit_code == 2 and "cannot be a problem id" in result.stderr


def test_the_dropout_walk_through_pack_validates(run):
    result = run("validate", str(DROPOUT_PACK))
    assert result.exit_code == 0, result.stdout
    assert "10 tests, 6 mistakes diagnosed" in result.stdout and "unfinished" not in result.stdout


def test_the_guide_shows_the_walk_through_files_exactly():
    guide = GUIDE.read_text()
    yaml_blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    python_blocks = re.findall(r"```python\n(.*?)```", guide, re.S)
    assert (DROPOUT_PACK / "problems" / "dropout.yaml").read_text() in yaml_blocks
    assert (DROPOUT_PACK / "solutions" / "dropout.py").read_text() in python_blocks


def test_the_guide_documents_every_field_the_format_has():
    from dataclasses import fields

    from mlprep.problem import Mistake, Problem, Test

    guide = GUIDE.read_text()
    for record in (Problem, Test, Mistake):
        for f in fields(record):
            if f.name not in ("path", "solution_path", "params"):
                assert f"`{f.name}`" in guide or f"{f.name}:" in guide, f"{record.__name__}.{f.name} is not documented"


def _checks_doc():
    spec = importlib.util.spec_from_file_location("checks_doc", ROOT / "scripts" / "checks_doc.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_checks_md_lists_every_check_and_generator_as_the_code_does():
    doc = _checks_doc()
    assert doc.DOC.read_text() == doc.render(), "docs/checks.md is stale: run python scripts/checks_doc.py"
    text = doc.DOC.read_text()
    for name in ("rate", "frequencies", "mean", "finite", "match", "normal", "random_mask"):
        assert f"### `{name}`" in text
    assert "- `p` (float): required" in text and "- `alpha` (float): default `1e-06`" in text


def test_check_and_generator_parameters_are_validated_in_words(run, tmp_path):
    pack = _tiny_copy(tmp_path)
    path = pack / "problems" / "double.yaml"
    path.write_text(path.read_text().replace(
        "{name: matrix, inputs: [{gen: normal, seed: 2, shapes: {x: [3, 4]}}], call: double(x)}",
        "{name: matrix, inputs: [{gen: normal, seed: 2, shape: {x: [3, 4]}}], call: double(x), checks: [{rate: {q: 1}}]}",
    ))
    said = " ".join(run("validate", str(pack)).stdout.replace("│", " ").split())
    assert "generator normal: missing a required argument: 'shapes'" in said
    assert "checks: rate: missing a required argument: 'output'" in said


def test_a_types_check_on_an_output_the_test_does_not_have_is_a_finding_not_a_crash(run, tmp_path):
    """With `returns: [a, b]` the outputs are called a and b: `types: {result: ...}` is a fault in words."""
    pack = _tiny_copy(tmp_path)
    path = pack / "problems" / "double.yaml"
    path.write_text(path.read_text().replace(
        "{name: matrix, inputs: [{gen: normal, seed: 2, shapes: {x: [3, 4]}}], call: double(x)}",
        "{name: matrix, inputs: [{gen: normal, seed: 2, shapes: {x: [3, 4]}}], call: double(x), returns: [a, b], "
        "checks: [{types: {result: float}}]}",
    ))
    result = run("validate", str(pack))
    said = " ".join(result.stdout.replace("│", " ").split())
    assert result.exit_code == 1 and "Traceback" not in result.stdout
    assert "types names 'result', which this test does not observe (it observes a, b)" in said


def test_a_broken_reference_in_a_pack_is_reported_in_words_and_the_table_kept(run, tmp_path):
    pack = _tiny_copy(tmp_path)
    path = pack / "problems" / "double.yaml"
    path.write_text(path.read_text().replace("call: double(x)}\n  - {name: matrix", "call: round2(x)}\n  - {name: matrix"))
    result = run("validate", str(pack))
    said = " ".join(result.stdout.replace("│", " ").split())
    assert result.exit_code == 1
    assert ("its reference solution fails test 'vector': step 'result = round2(x)': `round2` is not defined "
            "(not an input, an earlier result, a name in the solution, or an allowed built-in)") in said
    assert "Missing(" not in said and "spread" in said  # the other problem is still in the table


def test_same_output_names_the_parameter_the_problem_uses():
    ctx = Context(inputs={}, actual={"same": False}, expected={}, tol=Tolerance())
    assert same_output(ctx, source="rng").endswith("derive all randomness from `rng`")
    assert "the seed or random generator passed in" in same_output(ctx)


def test_a_wrong_string_says_what_it_got_never_a_str_against_a_str():
    said = value("float64", "float32", Tolerance(), "out.dtype.name")
    assert said == "out.dtype.name: wrong value: got 'float32'"
    assert value(3, "3", Tolerance()) == "expected a number, got a str"


def test_values_shown_after_the_end_are_plain_numbers():
    from mlprep.engine.literal import readable

    assert readable(np.float64(-0.0)) == "-0.0"
    assert readable({"result": (np.float64(1.5), [np.int64(2)])}) == "result = (1.5, [2])"


def test_pack_errors_are_findings_in_words_with_the_other_problems_still_validated(run, tmp_path):
    pack = _tiny_copy(tmp_path)
    with (pack / "solutions" / "double.py").open("a") as f:
        f.write("def broken(:\n")
    said = " ".join(run("validate", str(pack)).stdout.replace("│", " ").split())
    assert "its reference solution double.py cannot be imported: SyntaxError (line 15): invalid syntax" in said
    assert "spread" in said and "Traceback" not in said

    (pack / "solutions" / "double.py").write_text("raise RuntimeError('boom at import')\n")
    said = " ".join(run("validate", str(pack)).stdout.replace("│", " ").split())
    assert "cannot be imported: RuntimeError: boom at import" in said

    shutil.copy(TINY_PACK / "solutions" / "double.py", pack / "solutions" / "double.py")
    (pack / "problems" / "double.yaml").rename(pack / "problems" / "twice.yaml")
    result = run("validate", str(pack))
    assert result.exit_code == 1 and "twice.yaml holds the problem 'double': name the file double.yaml" in result.stdout


def test_check_against_a_pack_whose_reference_does_not_import_is_a_clear_error(run, tmp_path, write, monkeypatch):
    pack = _tiny_copy(tmp_path)
    (pack / "solutions" / "double.py").write_text("raise RuntimeError('boom at import')\n")
    monkeypatch.setenv("MLPREP_PROBLEMS", str(pack))
    write("d.py", "# mlprep: double\ndef double(x):\n    return 2 * x\n")
    result = run("check", "d.py")
    assert result.exit_code == 1 and "is broken: its reference solution double.py cannot be imported" in result.stderr
