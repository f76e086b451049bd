"""The sample build's graph.json is the golden copy: a refactor must not change any output.

``tests/golden/sample_graph.json`` is ``graph.json`` of ``newsgraph build corpus/sample`` (run
from the repository root, so document paths are ``corpus/sample/...``) without the graph
attribute ``created`` (pretty-printed, keys sorted, so a diff reads well). When a change
is *meant* to change the output (a new rule, a ``v2`` of a rule), regenerate it and review the
diff before committing::

    NEWSGRAPH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_sample.py
    git diff tests/golden/sample_graph.json
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from newsgraph.graph.pipeline import build, write_outputs

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "sample_graph.json"


def _comparable(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["graph"].pop("created")
    return data


def test_sample_graph_json_matches_the_golden_copy(extractor, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    G, records, _report = build([Path("corpus/sample")], extractor=extractor)
    out = tmp_path / "out"
    write_outputs(G, records, out)
    built = _comparable(out / "graph.json")
    if os.environ.get("NEWSGRAPH_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(built, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert built["graph"] == golden["graph"]
    assert {n["id"] for n in built["nodes"]} == {n["id"] for n in golden["nodes"]}
    assert built == golden
