"""Run the notebooks and write their rendered HTML copies to ``docs/notebooks/``.

The notebooks are committed without outputs; ``docs/notebooks/NAME.html`` is what a reader
browses instead. Each page carries a fingerprint of the notebook's cells
(``<meta name="newsgraph-notebook-cells" content="...">``) so a test can tell when a notebook
changed and its page was not rendered again. After editing a notebook, run::

    .venv/bin/python notebooks/render.py            # every notebook
    .venv/bin/python notebooks/render.py 01_explore_the_sample_corpus.ipynb

``execute`` is also what ``tests/test_notebooks.py`` runs: a fresh ``python3`` kernel of this
interpreter, a temporary working directory, this checkout first on the kernel's path, offline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat

__all__ = ["NOTEBOOKS", "DOCS", "execute", "fingerprint", "render", "main"]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
DOCS = ROOT / "docs" / "notebooks"
CELL_TIMEOUT = 300  # seconds per cell; the slowest builds a graph (a few seconds)
META = "newsgraph-notebook-cells"


def fingerprint(nb) -> str:
    """A hash of the notebook's cells (type and source, in order): what the page must show."""
    cells = [[c.cell_type, c.source] for c in nb.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def execute(path: Path, workdir: Path):
    """The notebook at ``path``, run top to bottom in ``workdir``; raises CellExecutionError."""
    from nbclient import NotebookClient

    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "NEWSGRAPH_CACHE_DIR": str(workdir / "cache"), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits this process's environment
    try:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                resources={"metadata": {"path": str(workdir)}})
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def render(nb, *, workdir: Path | None = None) -> str:
    """The executed notebook as one self-contained HTML page, with the cells' fingerprint.

    The page fetches nothing (nbconvert's require.js, MathJax and Mermaid loaders are left
    out: the notebooks use none of them) and holds no path of this machine: the checkout's,
    ``workdir``'s and the notebooks' own scratch folders become relative paths.
    """
    from nbconvert import HTMLExporter

    page, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    page = re.sub(r'<script src="https?://[^"]*">\s*</script>\n?', "", page)
    page = re.sub(r'<script type="text/x-mathjax-config">.*?</script>\n?', "", page, flags=re.S)
    page = re.sub(r'<script type="module">(?:(?!</script>).)*mermaid.*?</script>\n?', "", page, flags=re.S)
    for folder in filter(None, [workdir, ROOT]):
        page = page.replace(f"{folder}{os.sep}", "").replace(str(folder), ".")
    # the scratch folders a notebook makes itself (tempfile.mkdtemp(prefix="newsgraph-..."))
    page = re.sub(re.escape(tempfile.gettempdir() + os.sep) + r"newsgraph-[\w.-]+" + re.escape(os.sep) + "?", "", page)
    meta = f'<meta name="{META}" content="{fingerprint(nb)}">'
    return page.replace("<head>", f"<head>\n{meta}", 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebook file names (default: all)")
    args = parser.parse_args(argv)
    paths = [p for p in NOTEBOOKS if not args.names or p.name in args.names]
    DOCS.mkdir(parents=True, exist_ok=True)
    for path in paths:
        with tempfile.TemporaryDirectory(prefix="newsgraph-render-") as tmp:
            nb = execute(path, Path(tmp))
            page = render(nb, workdir=Path(tmp))
        out = DOCS / f"{path.stem}.html"
        out.write_text(page, encoding="utf-8")
        print(f"Wrote {out.relative_to(ROOT)} ({out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
