"""Where a prompt says what type it returns, that type is graded, and the message names the expected type."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import reference

from mlprep import catalog
from mlprep.checks.properties import type_problem
from mlprep.engine.runner import check

CORPUS = Path(__file__).parent / "solutions"

# top_k's hand-written corpus files -> the words the failure must say (the type the prompt promises)
CORPUS_WRONG_TYPES = {
    "heap_returns_array": "expected a Python list of ints, got an array of shape (2,): convert with .tolist()",
    "heap_returns_numpy_ints": "expected a Python list of ints, got a list holding numpy.int64 values",
    "partition_returns_list": "expected a numpy array of integers, got a list of 3",
    "partition_empty_float": "expected a numpy array of integers, got an array of dtype float64",
    "cosine_returns_list": "expected a numpy array of integers, got a list of 2",
}

# every other problem's type claims: the reference with one return changed, and what the failure must say
REFERENCE_WRONG_TYPES = {
    "causal mask as nested lists": (
        "attention", "[None, None, :, :]\n", "[None, None, :, :].tolist()\n", "expected a numpy array, got a list"),
    "loss as a 0-d array": (
        "backprop", "        return float(-log_p[np.arange(n), y].mean())",
        "        return np.array(-log_p[np.arange(n), y].mean())",
        "loss: expected a float (a Python float or a numpy float scalar, not an array), got a 0-d array"),
    "BatchNorm1d.backward as a list": (
        "batchnorm", "(dxh * x_hat).sum(axis=0))\n        return dx, dgamma, dbeta",
        "(dxh * x_hat).sum(axis=0))\n        return [dx, dgamma, dbeta]",
        "returned: expected a tuple, got a list of 3"),
    "fit_platt as a list": (
        "calibration", "    return float(A), float(B)", "    return [float(A), float(B)]",
        "expected two floats, as a tuple (or a numpy array of two), got a list of 2"),
    "ece as an array": (
        "calibration", "    return bin_pred, bin_actual, ece", "    return bin_pred, bin_actual, np.array([ece])",
        "ece: expected a single number, got an array of shape (1,)"),
    "total_norm as a 0-d array": (
        "grad_clip", "    return grads, total_norm", "    return grads, np.array(total_norm)",
        "total_norm: expected a Python float, got a 0-d array (float64): use float(...)"),
    "clip_grad_value as a tuple": (
        "grad_clip", "    return [np.clip(g, -clip_value, clip_value) for g in grads]",
        "    return tuple(np.clip(g, -clip_value, clip_value) for g in grads)",
        "clipped: expected a list of numpy arrays, got a tuple"),
    "kmeans labels as a list": (
        "kmeans", "    return centroids, labels", "    return centroids, labels.tolist()",
        "labels: expected a numpy array of integers, got a list"),
    "smote rows as a list": (
        "smote", "    return X[src] + alpha * (X[nn] - X[src])", "    return list(X[src] + alpha * (X[nn] - X[src]))",
        "expected a numpy array of floats, got a list of 6"),
    "cross_entropy as an array": (
        "softmax", "    return float(-log_softmax(logits)[np.arange(n), y].mean())",
        "    return np.atleast_1d(-log_softmax(logits)[np.arange(n), y].mean())",
        "expected a single number, got an array of shape (1,)"),
    "oof as a Series": (
        "target_encoding", "    return oof, enc_map, global_mean", "    return pd.Series(oof), enc_map, global_mean",
        "oof: expected a numpy array of floats, got a Series"),
    "global_mean as a 0-d array": (
        "target_encoding", "    return oof, enc_map, global_mean", "    return oof, enc_map, np.array(global_mean)",
        "global_mean: expected a float"),
    "temporal_split as arrays": (
        "pit_features", "    return train[features], train[target], test[features], test[target]",
        "    return train[features].to_numpy(), train[target], test[features], test[target]",
        "X_train: expected a DataFrame, got an array"),
}


def failures(pid: str, path: Path) -> list[str]:
    problem = catalog.load(catalog.resolve(pid, catalog.index(catalog.pack_dirs())))
    report = check(problem, path, efficiency=False, diagnose_mistakes=False)
    return [t.message for t in report.tests if not t.passed]


@pytest.mark.parametrize("name", sorted(CORPUS_WRONG_TYPES))
def test_top_k_grades_the_types_its_prompt_promises(name: str):
    said = failures("top_k", CORPUS / "top_k" / f"buggy_other_{name}.py")
    assert any(CORPUS_WRONG_TYPES[name] in m for m in said), said


@pytest.mark.parametrize("case", sorted(REFERENCE_WRONG_TYPES))
def test_every_promised_type_is_graded(case: str, tmp_path: Path):
    pid, old, new, words = REFERENCE_WRONG_TYPES[case]
    source = reference(pid)
    assert source.count(old) == 1
    path = tmp_path / f"{pid}.py"
    path.write_text(source.replace(old, new))
    said = failures(pid, path)
    assert any(words in m for m in said), said


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


def test_text_kinds_bpe_promises():
    assert type_problem(["low", "est</w>"], "list of str") is None
    assert type_problem(("low",), "list of str") == "expected a Python list of str, got a tuple of 1"
    assert type_problem([("a", "b"), ("ab", "</w>")], "list of str pairs") is None
    assert type_problem([], "list of str pairs") is None
    assert "make each one a tuple" in type_problem([["a", "b"]], "list of str pairs")
    assert type_problem([("a", 1)], "list of str pairs") is not None
    assert type_problem([["a", "</w>"], ["b"]], "list of lists of str") is None
    assert type_problem([["a", "</w>"], [1]], "list of lists of str") is not None
