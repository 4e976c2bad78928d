"""The package's imports go one way: no module imports itself back through others.

Every module of ``pipeline/`` is parsed (nothing is imported) and every
``import pipeline.x`` / ``from pipeline.x import y`` counts, also the ones
inside functions: a deferred import that dodges a cycle is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
# Cycles outside pipeline/nlp that are not this test's to fix; each names its way out.
# values.numbers re-exports number_scan.find_numbers, which reads numbers' tables: callers
# should import find_numbers from pipeline.values.number_scan.
KNOWN_CYCLES: set[frozenset[str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module → the package modules it imports (at any level of the file)."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets: set[str] = set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{anchor}.{base}" if base else anchor
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_import_graph_sees_deferred_imports(graph):
    assert "pipeline.nlp.build" in graph["pipeline.evaluate.guards"]  # imported inside guard_report()


def test_package_imports_have_no_cycle(graph):
    found = [sorted(c) for c in cycles(graph) if frozenset(c) not in KNOWN_CYCLES]
    assert found == []


def test_nlp_does_not_import_ingest(graph):
    offenders = {
        m: sorted(t for t in targets if t.startswith("pipeline.ingest"))
        for m, targets in graph.items()
        if m.startswith("pipeline.nlp")
    }
    assert {m: t for m, t in offenders.items() if t} == {}


@pytest.mark.parametrize("module", ["pipeline.nlp.words", "pipeline.nlp.labels", "pipeline.nlp.gazetteer"])
def test_leaf_modules_import_only_the_table_loader(graph, module):
    assert graph[module] <= {"pipeline.lang"}


def test_gazetteer_runs_without_spacy():
    tree = ast.parse((PACKAGE / "nlp" / "gazetteer.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not any(name.split(".")[0] == "spacy" for name in imported)
