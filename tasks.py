#!/usr/bin/env python3
"""The project's tasks, with nothing but Python: ``python3 tasks.py demo|test|venv|bench|clean``.

* ``demo``  creates ``.venv``, installs newsgraph, builds the bundled sample corpus into ``out/``
  (every export) and prints the summary.
* ``test``  the same venv plus the test tools: Debian ``chromium`` for the browser tests and
  ``wordnet-base`` for the lexicon regeneration test (apt-get,
  as root, when it is missing) and Neo4j's Cypher linter and Gephi Lite's graph parsers from npm
  under ``.cache/node``; then runs pytest. CI (``.ci/run``) runs exactly this.
* ``bench`` the benchmarks (``bench/run_all.py``), side by side with raw spaCy.

The venv is reinstalled only when ``setup.cfg`` or ``pyproject.toml`` changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".installed"
NODE_DIR = ROOT / ".cache" / "node"
#: npm packages the tests run with the machine's Node.js: Neo4j's own Cypher linter, and the
#: GraphML/GEXF parsers Gephi Lite is built on.
NPM_PACKAGES = ("@neo4j-cypher/language-support@2.0.0-next.38", "graphology@0.26.0", "graphology-graphml@0.5.2",
                "graphology-gexf@0.13.2")


def run(*cmd, **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)


def apt_install(*packages: str) -> None:
    if not shutil.which("apt-get"):
        sys.exit(f"tasks.py: {', '.join(packages)} missing and no apt-get here; install them and retry")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    run(*sudo, "apt-get", "update", "-qq", env=env)
    run(*sudo, "apt-get", "install", "-y", "-qq", *packages, env=env, stdout=subprocess.DEVNULL)


def venv() -> None:
    sources = [ROOT / "setup.cfg", ROOT / "pyproject.toml"]
    if STAMP.exists() and all(s.stat().st_mtime <= STAMP.stat().st_mtime for s in sources):
        return
    if not PY.exists():
        try:
            run(sys.executable, "-m", "venv", VENV)
        except subprocess.CalledProcessError:  # Debian's python3 without ensurepip
            shutil.rmtree(VENV, ignore_errors=True)
            apt_install(f"python3.{sys.version_info.minor}-venv")
            run(sys.executable, "-m", "venv", VENV)
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "--quiet", "-e", ".[test,notebook]")
    STAMP.touch()


def system_deps() -> None:
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("Installing Debian chromium for the browser tests", flush=True)
        apt_install("chromium")
    if not shutil.which("npm"):
        apt_install("nodejs", "npm")
    if not Path("/usr/share/wordnet/index.verb").exists():
        print("Installing Debian wordnet-base for the lexicon regeneration test (bench/build_lexicon.py)", flush=True)
        apt_install("wordnet-base")
    installed = NODE_DIR / ".packages"
    wanted = "\n".join(NPM_PACKAGES)
    if not installed.exists() or installed.read_text() != wanted:
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        run("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", NODE_DIR, *NPM_PACKAGES)
        installed.write_text(wanted)


def demo() -> None:
    venv()
    run(BIN / "newsgraph", "build", "corpus/sample", "-o", "out")


def test(*pytest_args: str) -> None:
    venv()
    system_deps()
    run(PY, "-m", "pytest", *pytest_args)


def bench(*args: str) -> None:
    venv()
    run(PY, "bench/run_all.py", *args)


def clean() -> None:
    for name in ("out", ".cache", ".pytest_cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)


TASKS = {"demo": demo, "test": test, "venv": venv, "system-deps": system_deps, "bench": bench, "clean": clean}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in TASKS:
        sys.exit(f"usage: python3 tasks.py {{{'|'.join(TASKS)}}} [args...]")
    try:
        TASKS[argv[0]](*argv[1:])
    except subprocess.CalledProcessError as err:
        sys.exit(err.returncode or 1)


if __name__ == "__main__":
    main(sys.argv[1:])
