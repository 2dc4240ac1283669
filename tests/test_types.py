"""Where a prompt says what type it returns, that type is graded, and the message names the expected type."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.properties import type_problem
from mlprep.engine.runner import check

CORPUS = Path(__file__).parent / "solutions"

# corpus file -> the words its failure must say (the type the prompt promises)
WRONG_TYPES = {
    "top_k/buggy_other_heap_returns_array": "expected a Python list of ints, got an array of shape (2,): convert with .tolist()",
    "top_k/buggy_other_heap_returns_numpy_ints": "expected a Python list of ints, got a list holding numpy.int64 values",
    "top_k/buggy_other_partition_returns_list": "expected a numpy array of integers, got a list of 3",
    "top_k/buggy_other_partition_empty_float": "expected a numpy array of integers, got an array of dtype float64",
    "top_k/buggy_other_cosine_returns_list": "expected a numpy array of integers, got a list of 2",
    "attention/buggy_other_causal_mask_returns_nested_list": "expected a numpy array, got a list",
    "backprop/buggy_other_loss_as_0d_array": "loss: expected a float",
    "batchnorm/buggy_other_backward_returns_list": "returned: expected a tuple, got a list of 3",
    "calibration/buggy_other_fit_returns_list": "expected two floats, as a tuple (or a numpy array of two), got a list of 2",
    "calibration/buggy_other_ece_as_array": "ece: expected a single number",
    "grad_clip/buggy_other_norm_as_0d_array": "total_norm: expected a Python float, got a 0-d array",
    "grad_clip/buggy_other_value_clip_returns_tuple": "clipped: expected a list of numpy arrays, got a tuple",
    "kmeans/buggy_other_labels_as_list": "labels: expected a numpy array of integers, got a list",
    "smote/buggy_other_returns_list_of_rows": "expected a numpy array of floats, got a list of 6",
    "softmax/buggy_other_cross_entropy_as_array": "expected a single number, got an array of shape (1,)",
    "target_encoding/buggy_other_oof_as_series": "oof: expected a numpy array of floats, got a Series",
    "target_encoding/buggy_other_global_mean_as_array": "global_mean: expected a float",
    "pit_features/buggy_other_split_returns_arrays": "X_train: expected a DataFrame, got an array",
}


@pytest.mark.parametrize("name", sorted(WRONG_TYPES))
def test_a_wrong_return_type_fails_and_says_the_expected_type(name: str):
    path = CORPUS / f"{name}.py"
    problem = catalog.load(catalog.resolve(path.parent.name, catalog.index(catalog.pack_dirs())))
    report = check(problem, path, efficiency=False, diagnose_mistakes=False)
    messages = [t.message for t in report.tests if not t.passed]
    assert any(WRONG_TYPES[name] in m for m in messages), messages


def test_type_words():
    assert type_problem([1, 2], "list of int") is None
    assert type_problem([True], "list of int") is not None  # a bool is not an index
    assert type_problem(np.array([1]), "int array") is None and type_problem(np.array([1.0]), "int array")
    assert type_problem(np.float64(1.0), "python float") is None  # numpy's float64 is a Python float
    assert type_problem(np.float32(1.0), "python float") and type_problem(np.float32(1.0), "float") is None
    assert type_problem(np.array(1.0), "float") == (
        "expected a float (a Python float or a numpy float scalar, not an array), got a 0-d array (float64): "
        "use float(...)")
    assert type_problem((1.0, np.float64(2.0)), "float pair") is None and type_problem(np.array([1.0, 2.0]), "float pair") is None
    assert type_problem((1.0, 2.0, 3.0), "float pair") is not None
    assert type_problem([np.zeros(2)], "list of arrays") is None
    assert type_problem([[0.0, 0.0]], "list of arrays") == "expected a list of numpy arrays, got a list holding a list of 2"
