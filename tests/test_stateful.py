"""Stateful problems: the hidden tests vary everything state could wrongly be keyed by (the name, the order
of a dict, the array or object it lives in, the shape), and each wrong key fails the test aimed at it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlprep import catalog
from mlprep.engine.runner import check

CORPUS = Path(__file__).parent / "solutions"

AIMED = {
    "adam/buggy_other_state_keyed_by_position": {
        "the names come in a different order at every step",
        "AdamW: state follows the name, whatever the order, shapes or arrays",
    },
    "adam/buggy_other_state_keyed_by_shape": {
        "two parameters of the same shape",
        "the names come in a different order at every step",  # b and bias2 share a shape there too
        "AdamW: state follows the name, whatever the order, shapes or arrays",
    },
    "adam/buggy_other_state_keyed_by_identity": {
        "state follows the name when the array or the dict is replaced",
        "AdamW: state follows the name, whatever the order, shapes or arrays",
    },
    "batchnorm/buggy_other_cache_shared_between_layers": {
        "two layers used in turn keep separate state",
        "two layer norms used in turn keep separate caches",
    },
    "backprop/buggy_other_cache_shared_between_networks": {"two networks used in turn keep separate state"},
}


@pytest.mark.parametrize("name", sorted(AIMED))
def test_state_kept_by_the_wrong_key_fails_exactly_the_tests_aimed_at_it(name: str):
    path = CORPUS / f"{name}.py"
    problem = catalog.load(catalog.resolve(path.parent.name, catalog.index(catalog.pack_dirs())))
    report = check(problem, path, efficiency=False, diagnose_mistakes=False)
    assert {t.name for t in report.tests if not t.passed} == AIMED[name]
