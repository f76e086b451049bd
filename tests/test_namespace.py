"""Installed, newsgraph is one namespace: a user's own graph.py or corpus/ cannot shadow it."""

from __future__ import annotations

import subprocess
import sys


def test_local_modules_named_like_the_folders_do_not_shadow_newsgraph(tmp_path):
    (tmp_path / "graph.py").write_text("raise ImportError('the user file was imported')\n")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "__init__.py").write_text("raise ImportError('the user folder was imported')\n")
    (tmp_path / "extractors.py").write_text("raise ImportError('the user file was imported')\n")
    code = ("import newsgraph, newsgraph.graph.api, newsgraph.graph.cli\n"
            "print(newsgraph.KnowledgeGraph.__module__, newsgraph.UsageError.__module__)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["newsgraph.graph.api", "newsgraph.corpus.errors"]


def test_public_api_at_the_top():
    import newsgraph

    assert {"KnowledgeGraph", "build", "load"} <= set(newsgraph.__all__)
    assert newsgraph.load.__doc__ and newsgraph.build.__doc__
