"""The layout holds: imports flow corpus <- extractors <- graph, no cycles, no find_spec, small files."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"corpus": "newsgraph.corpus", "extractors": "newsgraph.extractors", "graph": "newsgraph.graph"}
LAYER = {"newsgraph.corpus": 0, "newsgraph.extractors": 1, "newsgraph.graph": 2}
MAX_LINES = 560  # "~500": a file past this is two jobs


def _modules() -> dict[str, Path]:
    out = {}
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            name = ".".join((package, *parts))
            out[name.removesuffix(".__init__")] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """newsgraph modules imported at module level (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in MODULES}


def test_modules_are_found():
    assert {"newsgraph.graph.api", "newsgraph.extractors.models", "newsgraph.corpus.readers"} <= set(MODULES)


def test_no_import_cycle():
    G = nx.DiGraph()
    for name, path in MODULES.items():
        G.add_node(name)
        # a package importing its own submodules (re-exports) is not a cycle of ideas
        G.add_edges_from((name, m) for m in _imports(name, path) if not m.startswith(name + "."))
    cycles = list(nx.simple_cycles(G))
    assert cycles == [], f"import cycles: {cycles[:5]}"


def test_imports_flow_one_way():
    wrong = []
    for name, path in MODULES.items():
        layer = next(v for k, v in LAYER.items() if name == k or name.startswith(k + "."))
        for m in _imports(name, path):
            other = next(v for k, v in LAYER.items() if m == k or m.startswith(k + "."))
            if other > layer:
                wrong.append(f"{name} imports {m}")
    assert wrong == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_find_spec_and_small_files(name):
    text = MODULES[name].read_text(encoding="utf-8")
    assert "find_spec" not in text
    assert text.count("\n") <= MAX_LINES, f"{MODULES[name].relative_to(ROOT)} has {text.count(chr(10))} lines"
