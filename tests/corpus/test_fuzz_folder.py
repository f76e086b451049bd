"""A folder of hostile inputs builds with exit 0 and one documents.jsonl record per input (issue 14)."""

import json
import os
import random

from click.testing import CliRunner

from newsgraph.graph.cli import cli

ARTICLE = "Talks in Havana\n\nRussian President Vladimir Putin met Cuban leaders in Havana on {day}."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def make_fuzz_folder(root, *, seed=14):
    """Write the folder; return the number of inputs (records expected in documents.jsonl)."""
    rng = random.Random(seed)
    root.mkdir()
    files = {
        "good.txt": ARTICLE.format(day="Monday").encode(),
        "random.txt": rng.randbytes(3000),
        "random.bin": rng.randbytes(100),
        "truncated.txt": ARTICLE.format(day="Tuesday, said Nicolás").encode()[:-3] + "Nicolás".encode()[:4],
        "utf16.txt": ARTICLE.format(day="Wednesday").encode("utf-16"),
        "utf32.md": ARTICLE.format(day="Thursday").encode("utf-32"),
        "nul.txt": b"Title\n\nSome\x00words\x00with\x00NUL\x00bytes in it.",
        "giant-line.txt": b"Giant\n\n" + b"word " * 250_000,
        "nested.json": b"[" * 200_000 + b"]" * 200_000,
        "script-only.html": b"<html><body><script>alert(1)</script></body></html>",
        "svg-script.html": b"<svg><style>@import url(x)</style><script>alert(1)</script></svg>",
        "empty.txt": b"",
        "scan.pdf": b"%PDF-1.4\n%\xe2\xe3",
        "no-suffix": b"just text",
        ".hidden.txt": ARTICLE.format(day="Friday").encode(),
        os.fsdecode(b"odd \xff\xfe name.txt"): ARTICLE.format(day="Saturday").encode(),
        "tab\tand\x1bescape.txt": ARTICLE.format(day="Sunday").encode(),
        "-dash \u202e\u2028.md": b"x",
        "x" * 200 + ".txt": b"too short",
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    lines = [
        {"id": "j\ud800", "title": "T\x00", "text": "Cuba and Spain held talks about prisoners \ud800 in Madrid."},
        {"id": 5, "text": ["not", "a", "string"]},
        {"id": "u", "text": "Venezuela and Brazil signed\u2028an oil deal\u2029in Brasilia\u0085on Monday."},
        {"id": None, "title": 3, "date": 1_700_000_000, "text": "Chile and Peru held border talks in Lima today."},
        {"id": "bad-date", "date": "2020-02-30", "text": "Argentina and Uruguay agreed on river rules today."},
        [1, 2, 3],
    ]
    raw = [json.dumps(x) for x in lines] + ["{not json", '{"a":' * 100_000]
    (root / "feed.jsonl").write_text("\n".join(raw) + "\n", encoding="utf-8", errors="surrogatepass")
    (root / "manifest.json").write_text(json.dumps({"documents": [{"file": "good.txt", "date": 1_700_000_000}]}))
    outside = root.parent / "outside.txt"
    outside.write_text(ARTICLE.format(day="Easter"))
    os.symlink(outside, root / "link.txt")
    (root / ".git").mkdir()
    (root / ".git" / "config.txt").write_text("x")
    return len(files) + len(raw) + 2  # the symlink and the hidden folder


def test_fuzz_folder_builds_with_one_record_per_input(tmp_path):
    expected = make_fuzz_folder(tmp_path / "in")
    out = tmp_path / "out"
    result = run("build", tmp_path / "in", "-o", out)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").split("\n") if line]
    assert len(records) == expected
    by_status = {r["path"].rsplit("/", 1)[-1]: r for r in records}
    assert by_status["good.txt"]["status"] == "processed" and by_status["good.txt"]["date"] == "2023-11-14"
    assert by_status["utf16.txt"]["status"] == by_status["utf32.md"]["status"] == "processed"
    assert by_status["link.txt"]["reason"] == "symlink to outside the input folder, not followed"
    assert "over the limit" in by_status["giant-line.txt"]["reason"]
    assert by_status["nested.json"]["reason"] == "malformed JSON: nested too deeply"
    assert by_status["odd \\xff\\xfe name.txt"]["status"] == "processed"
    assert by_status["feed.jsonl:3"]["status"] == "processed"  # U+2028/2029/0085 inside a record
    assert all(r["status"] == "skipped" and r["reason"] for r in records if r["status"] != "processed")
    for name in ("graph.json", "graph.graphml", "graph.gexf", "graph.html", "graph.cypher"):
        assert (out / name).stat().st_size > 0, name


def test_nothing_processed_exits_1(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "scan.pdf").write_bytes(b"%PDF")
    (src / "empty.txt").write_text("")
    result = run("build", src, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 1
    assert "No document processed: 2 inputs skipped (empty: no article text found; scan: unsupported" in result.output
    assert not (tmp_path / "out" / "graph.json").exists()


def test_strict_makes_any_skip_an_error(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(ARTICLE.format(day="Monday"))
    (src / "scan.pdf").write_bytes(b"%PDF")
    result = run("build", src, "-o", tmp_path / "out", "--no-html", "--no-cache", "--strict")
    assert result.exit_code == 1 and "--strict: 1 input skipped (scan: unsupported file type '.pdf')" in result.output
    assert not (tmp_path / "out" / "graph.json").exists()
    assert run("build", src, "-o", tmp_path / "out", "--no-html", "--no-cache").exit_code == 0
