"""`pip install .` alone (no extras) in a fresh venv reads HTML: every dependency is declared."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = """<html><head><title>Talks in Caracas</title></head><body><article><h1>Talks in Caracas</h1>
<p>Russian President Vladimir Putin met Venezuelan President Nicolás Maduro in Moscow on Tuesday to discuss
energy cooperation and arms sales, officials in both countries said after the meeting.</p>
</article><svg><style>@import url(x)</style><script>alert(1)</script></svg></body></html>"""


@pytest.mark.slow
def test_core_install_reads_html(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".venv", ".git", ".cache", "out", "build", "dist", "*.egg-info", "__pycache__", "node_modules"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(src)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    (tmp_path / "page.html").write_text(PAGE)
    code = textwrap.dedent("""
        import sys
        from newsgraph.corpus import Document, read_documents
        [doc] = read_documents([sys.argv[1]])
        assert isinstance(doc, Document), doc
        print(doc.title, "|", doc.text.split("\\n")[-1][:30])
    """)
    run = subprocess.run([str(venv / "bin" / "python"), "-c", code, str(tmp_path / "page.html")],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "Talks in Caracas | Russian President Vladimir Put"
