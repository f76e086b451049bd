"""No export holds the absolute path of the machine that built it (issue: files sent by email)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from newsgraph.corpus.readers import SAMPLE_DIR


def test_an_absolute_input_path_appears_nowhere_in_the_outputs(tmp_path):
    news = tmp_path / "private-home" / "news"
    shutil.copytree(SAMPLE_DIR, news)
    out = tmp_path / "out"
    cli = Path(sys.executable).with_name("newsgraph")
    done = subprocess.run([str(cli), "build", str(news), "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    written = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert {"graph.json", "documents.jsonl", "graph.graphml", "graph.gexf", "graph.html", "graph.cypher"} <= {
        p.name for p in written}
    for path in written:
        data = path.read_bytes()
        assert b"private-home" not in data and str(tmp_path).encode() not in data, path.name
    assert b'"path": "news/000_' in (out / "documents.jsonl").read_bytes().replace(b'":"', b'": "')
