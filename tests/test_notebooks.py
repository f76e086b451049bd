"""The notebooks: committed without outputs, run top to bottom, and their outputs hold what they claim.

The reader's cells carry no test asserts: the checks are here, on the outputs of each executed
notebook (pictures where a cell plots, key facts in the printed text and tables). Cells are
found by their tags (``metadata.tags``). Each notebook runs once per session in a fresh
``python3`` kernel (``notebooks/render.py``: this checkout first on its path, a temporary
working directory, offline).

``docs/notebooks/NAME.html`` is the rendered copy a reader browses: it must show the
notebook's current cells (a fingerprint of them is in the page) with their pictures, fetch
nothing and hold no path of the machine that rendered it.
"""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from notebooks.render import DOCS, META, NOTEBOOKS, ROOT, execute, fingerprint, render

#: What each tagged cell's output must show: substrings (or patterns) of its printed text, tables and repr.
EXPECTED = {
    "01_explore_the_sample_corpus": {
        "build": ["<KnowledgeGraph 5 documents"],
        "top-entities": ["Nicolás Maduro", "Venezuela", "Russia", "United States"],
        "asylum": ["Russia offered asylum to Nicolás Maduro: reported, 1 sentence(s), first seen 2026-01-22",
                   "Nicolás Maduro sought asylum in Russia: considered", "Russia granted asylum to Bashar al-Assad"],
        "offer": ["[2026-01-22 000_53bb900a20402a61] status=reported trigger='offered' rule=asylum.offer.v1",
                  "asylum"],
        "via": ["Russia", "MEDIATED_VIA", "Vatican", "reported"],
        "neighbourhood": ["OFFERED_ASYLUM_TO", "SOUGHT_ASYLUM_IN", "Vladimir Putin"],
        "neighbourhood-view": ['<iframe srcdoc="&lt;!DOCTYPE html&gt;', "Nicol"],
        "per-article": ["NaT", "2017-07-20", "2026-01-22"],
        "asylum-story": ["2017-07-20", "SOUGHT_ASYLUM_IN", "considered", "2026-01-22", "OFFERED_ASYLUM_TO"],
        "who-when": ["Nicolás Maduro"],
        "communities": [re.compile(r"\b\d\d? communities, modularity 0\.[1-9]")],  # positive modularity
        "unsure": ["SOUGHT_ASYLUM_IN", "considered"],
        "unsure-sentences": ["Nicolás Maduro SOUGHT_ASYLUM_IN Russia (considered"],
    },
    "02_your_own_corpus": {
        "inputs": ["a3", "skipped", "cuba_offer", "2024-03-03"],
        "entities": ["Vladimir Putin", "Cuba", "Brazil", "Colombia"],
        "relations": ["Cuba", "OFFERED_ASYLUM_TO", "Nicolás Maduro"],
        "invited": ["Vladimir Putin", "Brazil", "Colombia", "INVITED", "invited", "cooperation"],
        "invited-evidence": ["invite.visit.v1", "reported", "state:RUS", "Putin invites Maduro to Moscow"],
        "bad-rules": ["bad_rules.toml", "INVITED_TO"],
        "bad-filter": ["Unknown relation type 'INVITE'. Did you mean INVITED?"],
        "save": ["edges and 4 documents read back", "graph.json", "graph.gexf", "graph.cypher", "neo4j-import"],
        "cypher": ["MERGE"],
        "neo4j-csv": ["entities.csv", "relationships.csv", "evidence.csv", "README.txt"],
        "query": ["Vladimir Putin", "Nicolás Maduro", "Brazil", "Colombia"],
        "view": ['<iframe srcdoc="&lt;!DOCTYPE html&gt;', "My corpus"],
    },
}
#: A picture in a rendered page (those of the inline views are escaped inside their iframe).
IMAGES = re.compile(r'<img [^>]*src="data:image/png')
#: Cells that plot (tag ``figure``), at least.
MIN_FIGURES = {"01_explore_the_sample_corpus": 5, "02_your_own_corpus": 1}


def _tagged(nb, tag: str):
    cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    assert cells, f"no cell tagged {tag!r}"
    return cells


def _text(cell) -> str:
    """Everything a code cell printed or displayed, as text (stream, text/plain, text/html)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts += [out.data.get("text/plain", ""), out.data.get("text/html", "")]
    return "\n".join(parts)


def _shows(text: str, needle: str | re.Pattern) -> bool:
    return bool(needle.search(text)) if isinstance(needle, re.Pattern) else needle in text


def test_both_notebooks_are_there():
    assert [p.name for p in NOTEBOOKS] == ["01_explore_the_sample_corpus.ipynb", "02_your_own_corpus.ipynb"]
    assert set(EXPECTED) == {p.stem for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs_or_test_asserts(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {i} has outputs: clear them before committing"
            assert cell.execution_count is None, f"{path.name} cell {i} has an execution count"
            assert not re.search(r"^\s*assert\b", cell.source, re.M), f"{path.name} cell {i}: checks belong in the tests"
        assert "attachments" not in cell or not cell.attachments, f"{path.name} cell {i} has attachments"


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.stem)
def executed(request, tmp_path_factory):
    """(path, the notebook run top to bottom)."""
    path = request.param
    try:
        nb = execute(path, tmp_path_factory.mktemp(path.stem))
    except CellExecutionError as err:
        pytest.fail(f"{path.name} failed:\n{err}", pytrace=False)
    return path, nb


def test_notebook_runs_top_to_bottom(executed):
    path, nb = executed
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code)
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, errors


def test_cells_that_plot_show_a_picture(executed):
    path, nb = executed
    figures = _tagged(nb, "figure")
    assert len(figures) >= MIN_FIGURES[path.stem]
    for cell in figures:
        images = [o for o in cell.outputs if o.output_type == "display_data" and "image/png" in o.data]
        assert len(images) == 1, f"{path.name}: {cell.metadata['tags']} shows {len(images)} pictures"
        assert len(images[0].data["image/png"]) > 10_000  # a real plot, not an empty canvas
    others = [c for c in nb.cells if c.cell_type == "code" and c not in figures]
    assert not [c.metadata.get("tags") for c in others
                if any("image/png" in o.get("data", {}) for o in c.outputs)], "untagged cell with a picture"


def test_outputs_show_the_key_facts(executed):
    path, nb = executed
    for tag, needles in EXPECTED[path.stem].items():
        [cell] = _tagged(nb, tag)
        text = _text(cell)
        missing = [n for n in needles if not _shows(text, n) and not _shows(html.unescape(text), n)]
        assert not missing, f"{path.name} [{tag}] output lacks {missing}:\n{text[:2000]}"


def test_render_makes_a_page_with_the_pictures(executed):
    path, nb = executed
    page = render(nb)
    assert f'<meta name="{META}" content="{fingerprint(nb)}">' in page
    assert len(IMAGES.findall(page)) >= len(_tagged(nb, "figure"))
    assert str(ROOT) not in page and not re.search(r'<script[^>]+src="https?:', page)


# -- the committed rendered copies ---------------------------------------------------------------
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_rendered_copy_is_current(path):
    page_path = DOCS / f"{path.stem}.html"
    assert page_path.is_file(), f"{page_path} is missing: run python notebooks/render.py"
    page = page_path.read_text(encoding="utf-8")
    nb = nbformat.read(path, as_version=4)
    found = re.search(rf'<meta name="{META}" content="(\w+)">', page)
    assert found and found.group(1) == fingerprint(nb), (
        f"{page_path.name} shows other cells than {path.name}: run python notebooks/render.py {path.name}")
    figures = [c for c in nb.cells if "figure" in c.metadata.get("tags", [])]
    assert len(IMAGES.findall(page)) >= len(figures)
    assert "jp-OutputArea-output" in page and 'class="jp-RenderedText' in page  # outputs, not only code


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_rendered_copy_fetches_nothing_and_holds_no_local_path(path):
    page = (DOCS / f"{path.stem}.html").read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]+src="https?:', page)
    for local in {str(ROOT), str(Path.home()), tempfile.gettempdir() + "/", "/tmp/", "/work/"}:
        assert local not in page, f"{path.stem}.html holds the local path {local}"
