"""The Examples sections of every installed ``newsgraph.*`` module run as doctests.

They run against the namespace a user imports (``newsgraph.graph.api``, not the source folder
``graph/``), so a module that only works from the repository root fails here.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import newsgraph

FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def _modules() -> list[str]:
    names = ["newsgraph"]
    for info in pkgutil.walk_packages(newsgraph.__path__, "newsgraph."):
        names.append(info.name)
    for sub in ("corpus", "extractors", "graph"):
        pkg = importlib.import_module(f"newsgraph.{sub}")
        names.append(pkg.__name__)
        names += [i.name for i in pkgutil.walk_packages(pkg.__path__, f"{pkg.__name__}.")]
    return sorted(set(names))


MODULES = _modules()


def test_every_package_is_walked():
    assert {"newsgraph.graph.api", "newsgraph.corpus.readers", "newsgraph.extractors.pipeline"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    # The public API is in scope in every example (the mixin modules of KnowledgeGraph use it).
    tests = finder.find(module, name, extraglobs={"KnowledgeGraph": newsgraph.KnowledgeGraph})
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} doctest example(s) failed in {name} (output above)"
