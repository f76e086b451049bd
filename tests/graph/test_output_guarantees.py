"""Outputs are never half-written, one build at a time per OUT, and the up-to-date check
reads the content: kills at random points, two builds into one folder, damaged outputs."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from newsgraph.corpus.readers import SAMPLE_DIR
from newsgraph.graph.cli import cli
from newsgraph.graph.export.atomic import STAGING_PREFIX, atomic_path
from newsgraph.graph.lock import LOCK_NAME, output_lock
from newsgraph.graph.pipeline import build_corpus

FORMATS = "graphml,gexf,cypher,neo4j-csv"  # every file format but the (slow to compare) HTML page


def _run_build(out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsgraph.graph.cli", "build", str(SAMPLE_DIR), "-o", str(out),
                             "--formats", FORMATS, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _snapshot(out: Path) -> dict[str, str]:
    """Every output file's text, with the build's ``created`` time masked."""
    created = json.loads((out / "graph.json").read_text("utf-8"))["graph"]["created"]
    files = {}
    for p in sorted(out.rglob("*")):
        if p.is_file() and p.name not in {LOCK_NAME} and not p.name.startswith(".newsgraph-cache"):
            files[str(p.relative_to(out))] = p.read_text("utf-8").replace(created, "<created>")
    return files


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("clean")
    proc = _run_build(out)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return _snapshot(out)


def _kill_when(proc: subprocess.Popen, ready, delay: float) -> bool:
    """SIGKILL ``proc`` ``delay`` seconds after ``ready()`` holds; False if it ended first."""
    deadline = time.monotonic() + 120
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


@pytest.mark.parametrize("stage,seed", [("extraction", 1), ("extraction", 2), ("export", 3), ("export", 4)])
def test_a_build_killed_at_a_random_point_is_completed_exactly_by_the_next(tmp_path, clean, stage, seed):
    rng = random.Random(seed)
    out = tmp_path / "out"
    if stage == "export":  # an earlier build's outputs are there, and get replaced
        proc = _run_build(out, "--no-cache")
        assert proc.wait(timeout=300) == 0

        def ready():  # an export is being written
            return any(p.name.startswith(STAGING_PREFIX) for p in out.iterdir())
        delay = rng.uniform(0, 0.05)
        extra = ("--no-cache",)
    else:
        def ready():  # the cache is open: extraction is starting
            return (out / ".newsgraph-cache.sqlite").exists()
        delay = rng.uniform(0, 1.0)
        extra = ()
    killed = _kill_when(_run_build(out, *extra), ready, delay)
    if stage == "export":
        # a kill never leaves a truncated export: each file is the old or the new one, whole
        json.loads((out / "graph.json").read_text("utf-8"))
        for name in ("graph.graphml", "graph.gexf"):
            ElementTree.parse(out / name)
        assert (out / "graph.cypher").read_text("utf-8").endswith(";\n")
    proc = _run_build(out)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert _snapshot(out) == clean, f"killed={killed}"
    print(stage, "killed" if killed else "finished before the kill")
    assert not [p.name for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_second_build_into_a_locked_folder_fails_with_one_line_or_waits(tmp_path):
    out = tmp_path / "out"
    runner = CliRunner()
    with output_lock(out):
        result = runner.invoke(cli, ["build", str(SAMPLE_DIR), "-o", str(out), "--formats", "graphml"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Another newsgraph build is writing to" in result.output
    assert "--wait" in result.output and not (out / "graph.json").exists()

    held = threading.Event()

    def hold():
        with output_lock(out):
            held.set()
            time.sleep(1.5)
    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    t0 = time.monotonic()
    result = runner.invoke(cli, ["build", str(SAMPLE_DIR), "-o", str(out), "--formats", "graphml", "--wait"])
    holder.join()
    assert result.exit_code == 0, result.output
    assert time.monotonic() - t0 >= 1.0 and (out / "graph.graphml").exists()


def test_two_build_processes_into_one_folder(tmp_path, clean):
    out = tmp_path / "out"
    first, second = _run_build(out, "--wait"), _run_build(out, "--wait")
    results = [p.communicate(timeout=300) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    assert _snapshot(out) == clean
    # without --wait the later one fails fast with one line, and the outputs stay whole
    first, second = _run_build(out, "--no-cache"), None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and first.poll() is None:
        if (out / LOCK_NAME).read_text().strip() == str(first.pid):
            second = _run_build(out)
            break
        time.sleep(0.01)
    _, err = second.communicate(timeout=300) if second else ("", "")
    assert first.wait(timeout=300) == 0
    if second is not None and second.returncode != 0:  # it ran while the first held the lock
        assert second.returncode == 1 and err.strip().count("\n") == 0
        assert err.startswith("Error: Another newsgraph build is writing to")
    assert _snapshot(out) == clean


def test_a_damaged_output_is_not_up_to_date(tmp_path):
    out = tmp_path / "out"
    build_corpus([SAMPLE_DIR], out, formats=["graphml"])
    path = out / "graph.graphml"
    good, stat = path.read_bytes(), path.stat()
    damaged = good[:100] + (b"X" if good[100:101] != b"X" else b"Y") + good[101:]  # same size, same mtime
    path.write_bytes(damaged)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _, _, report = build_corpus([SAMPLE_DIR], out, formats=["graphml"])
    assert not report.unchanged and path.read_bytes() != damaged
    _, _, report = build_corpus([SAMPLE_DIR], out, formats=["graphml"])
    assert report.unchanged


def test_atomic_path_leaves_the_old_file_on_error_and_swaps_folders(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("writer failed")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "old.csv").write_text("1")
    with atomic_path(folder) as tmp:
        tmp.mkdir()
        (tmp / "new.csv").write_text("2")
    assert sorted(p.name for p in folder.iterdir()) == ["new.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "d"]


def test_output_folder_that_cannot_be_created_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(cli, ["build", str(SAMPLE_DIR), "-o", str(tmp_path / "file" / "out")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: Cannot create output folder") and result.output.count("\n") == 1
