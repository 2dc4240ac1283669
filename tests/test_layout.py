"""The package's shape: the engine's modules import each other without cycles, and the store is a
library of its own that knows nothing of the engine."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mlprep"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports(path: Path) -> set[str]:
    """Every mlprep module a file imports at run time, at the top or inside a function."""
    tree = ast.parse(path.read_text())
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and _type_checking_only(node)
            for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("mlprep")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mlprep"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists()
                          else node.module)
    return found


def graph() -> dict[str, set[str]]:
    return {_module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def _cycle(edges: dict[str, set[str]], within: str) -> list[str] | None:
    nodes = {n for n in edges if n.startswith(within)}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(edges.get(n, set()) & nodes):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(nodes):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_the_engine_has_no_import_cycle():
    assert _cycle(graph(), "mlprep.engine") is None


def test_the_package_has_no_import_cycle():
    assert _cycle(graph(), "mlprep") is None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"mlprep.engine.a": {"mlprep.engine.b"}, "mlprep.engine.b": {"mlprep.engine.a"}}, "mlprep.engine")


def test_the_store_imports_nothing_from_the_engine():
    edges = graph()
    assert not {m for m in edges["mlprep.store"] if m.startswith("mlprep.engine")}
    assert not {m for m in edges["mlprep.store"] if m not in {"mlprep.home", "mlprep.errors"}}, edges["mlprep.store"]


def test_list_and_help_need_no_engine():
    """`mlprep --help` and `list` stay fast: the CLI module imports the engine only inside the verbs."""
    tree = ast.parse((PACKAGE / "cli.py").read_text())
    top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = {a.name for n in top if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in top if isinstance(n, ast.ImportFrom)}
    assert not {n for n in names if n.startswith(("mlprep.engine", "numpy", "pandas"))}
