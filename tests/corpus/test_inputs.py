"""Every input file is accounted for, and no single input can stop a read (issue 14, input half)."""

import json
import os

import pytest

from newsgraph.corpus import Document, Skipped, read_documents
from newsgraph.corpus.clean import normalize_date, parse_date
from newsgraph.corpus.errors import InputsSkipped, NothingProcessed
from newsgraph.corpus.manifest import parse_manifest
from newsgraph.corpus.readers import check_outcome, count_inputs
from newsgraph.corpus.registry import readers, register_reader, supported_suffixes

BODY = "Russia and Cuba held talks in Havana on Monday about oil."


def _read(path, **kw):
    return list(read_documents([path], **kw))


def _by_name(items):
    return {os.path.basename(i.path): i for i in items}


def test_registry_is_the_one_list_of_formats():
    assert {".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson"} <= supported_suffixes()
    assert readers()[".jsonl"].count is not None and readers()[".txt"].count is None
    with pytest.raises(ValueError, match="already read by"):
        register_reader(".txt")(lambda source: iter(()))


def test_a_new_format_is_one_registration(tmp_path):
    @register_reader(".testfmt")
    def read_testfmt(source):
        for n, line in enumerate(source.text.splitlines(), 1):
            yield source.document(id=f"{source.stem}-{n}", text=line, path=f"{source.name}:{n}")

    try:
        (tmp_path / "a.testfmt").write_text(BODY + "\n" + BODY.replace("Cuba", "Peru") + "\n")
        items = _read(tmp_path)
        assert [i.id for i in items] == ["a-1", "a-2"] and all(isinstance(i, Document) for i in items)
        assert count_inputs([tmp_path]) == 1  # no count registered: one per file
    finally:
        from newsgraph.corpus import registry
        registry._READERS.pop(".testfmt")


def test_unsupported_hidden_and_special_files_get_a_record(tmp_path):
    (tmp_path / "good.txt").write_text("Title\n\n" + BODY)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.bak").write_text(BODY)
    (tmp_path / "README").write_text(BODY)
    (tmp_path / ".draft.txt").write_text(BODY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "a.txt").write_text(BODY)
    os.mkfifo(tmp_path / "pipe.txt")
    items = _read(tmp_path)
    reasons = {os.path.basename(i.path): i.reason for i in items if isinstance(i, Skipped)}
    assert reasons == {
        "scan.pdf": "unsupported file type '.pdf'",
        "notes.bak": "unsupported file type '.bak'",
        "README": "unsupported file type '(none)'",
        ".draft.txt": "hidden file (name starts with a dot), not read",
        ".git": "hidden folder (name starts with a dot), not read",
        "pipe.txt": "not a regular file",
    }
    assert [i.id for i in items if isinstance(i, Document)] == ["good"]
    assert count_inputs([tmp_path]) == len(items)


def test_symlinks_outside_the_input_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\n" + BODY)
    root = tmp_path / "in"
    root.mkdir()
    (root / "real.txt").write_text("Real\n\n" + BODY.replace("Cuba", "Chile"))
    os.symlink(outside / "secret.txt", root / "leak.txt")
    os.symlink(outside, root / "leakdir")
    (root / "sub").mkdir()
    (root / "sub" / "real.txt").write_text("Real\n\n" + BODY.replace("Cuba", "Chile"))
    os.symlink(root / "sub" / "real.txt", root / "alias.txt")
    os.symlink(root / "missing.txt", root / "broken.txt")
    items = _by_name(_read(root, dedupe=False))
    assert items["leak.txt"].reason == "symlink to outside the input folder, not followed"
    assert items["leakdir"].reason == "symlink to outside the input folder, not followed"
    assert items["broken.txt"].reason == "broken symlink"
    assert items["alias.txt"].text == items["real.txt"].text  # a link inside the root is read
    assert not any("Secret" in getattr(i, "text", "") for i in items.values())


def test_jsonl_is_split_on_newline_only(tmp_path):
    records = [{"id": f"r{n}", "text": BODY.replace("Monday", f"day {n}{sep}later")}
               for n, sep in enumerate(["\u2028", "\u2029", "\u0085", "\r"])]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\r\n")
    items = _read(tmp_path / "a.jsonl")
    assert [i.id for i in items] == ["r0", "r1", "r2", "r3"]
    assert all(isinstance(i, Document) for i in items)
    assert "\u2028" in items[0].text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_bom_are_decoded(tmp_path, codec):
    data = "Title\n\nNicolás " + BODY
    raw = ("\ufeff" + data).encode(codec) if codec.endswith("be") else data.encode(codec)
    (tmp_path / "a.txt").write_bytes(raw)
    [doc] = _read(tmp_path)
    assert isinstance(doc, Document) and "Nicolás Russia and Cuba" in doc.text
    assert doc.notes and doc.notes[0].startswith("decoded as UTF-")


def test_dates_are_validated():
    assert parse_date("2020-02-30") is None and parse_date("February 30, 2020") is None
    assert parse_date("2020-02-29") == "2020-02-29"
    assert normalize_date("2020-02-30") == (None, "date '2020-02-30' is not a calendar date; ignored")
    assert normalize_date(1_700_000_000_000) == ("2023-11-14", None)  # milliseconds
    assert normalize_date(True)[1] == "date of type bool ignored (expected a string)"
    assert normalize_date(float("nan"))[1] == "date of type float ignored (expected a string)"
    assert normalize_date(["2020-01-01"])[0] is None


def test_jsonl_bad_date_is_rejected_with_a_reason_and_the_document_kept(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "date": "2020-02-30", "text": BODY}))
    [doc] = _read(tmp_path)
    assert doc.date is None and doc.notes == ["date '2020-02-30' is not a calendar date; ignored"]


def test_manifest_is_validated_per_entry(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Title {name}\n\n" + BODY.replace("Cuba", name.upper() * 3))
    (tmp_path / "manifest.json").write_text(json.dumps({"name": "x", "documents": [
        {"file": "a.txt", "date": 1_700_000_000, "outlet": "wire"},
        {"file": "b.txt", "date": "2020-02-30", "title": 42, "outlet": "paper"},
        "c.txt",
        {"title": "orphan"},
    ]}))
    items = _read(tmp_path)
    docs = {i.id: i for i in items if isinstance(i, Document)}
    assert (docs["a"].date, docs["a"].outlet) == ("2023-11-14", "wire")
    assert (docs["b"].date, docs["b"].outlet, docs["b"].title) == (None, "paper", "Title b")
    assert docs["b"].notes == ["manifest: title of type int ignored",
                               "manifest: date '2020-02-30' is not a calendar date; ignored"]
    assert docs["c"].outlet is None
    skipped = [(i.id, i.reason) for i in items if isinstance(i, Skipped)]
    assert skipped == [("manifest.json:3", "manifest entry 3 ignored: not a JSON object"),
                       ("manifest.json:4", "manifest entry 4 ignored: no 'file' name")]


@pytest.mark.parametrize("text,reason", [
    ("[1, 2", "manifest ignored: JSONDecodeError: Expecting ',' delimiter: line 1 column 6 (char 5)"),
    ("[" * 50_000 + "]" * 50_000, "manifest ignored: JSON nested too deeply"),
    ('{"documents": {"file": "a.txt"}}', "manifest ignored: 'documents' is not a list"),
])
def test_an_unreadable_manifest_is_reported_once(text, reason):
    manifest = parse_manifest(text)
    assert manifest.entries == {} and [r for _, r in manifest.problems] == [reason]


def test_deeply_nested_json_and_lone_surrogates_never_raise(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text('{"id": "ok", "text": "' + BODY + '"}\n' + '{"a":' * 100_000 + "\n")
    (tmp_path / "sur.jsonl").write_text('{"id": "s\\ud800", "title": "T\\udfff", "text": "' + BODY + ' \\ud800"}\n')
    items = _by_name(_read(tmp_path))
    assert items["deep.json"].reason == "malformed JSON: nested too deeply"
    assert items["deep.jsonl:2"].reason == "malformed JSON on line 2: nested too deeply"
    doc = items["sur.jsonl:1"]
    assert (doc.id, doc.title) == ("s\ufffd", "T\ufffd") and doc.text.endswith("\ufffd")
    assert doc.notes == ["replaced 4 lone surrogate(s) with U+FFFD"]  # text (2, with the title), id, title
    doc.text_hash  # hashable now
    assert count_inputs([tmp_path]) == 4


def test_file_names_that_are_not_utf8_are_recorded_safely(tmp_path):
    name = os.fsdecode(b"caf\xe9 \x1b.txt")
    (tmp_path / name).write_text("Title\n\n" + BODY)
    [doc] = _read(tmp_path)
    assert doc.id == "caf\\xe9  " and doc.path.endswith("caf\\xe9  .txt")
    doc.path.encode("utf-8")  # storable


def test_wrong_field_types_are_skipped_with_reason(tmp_path):
    rows = [{"id": ["x"], "text": BODY}, {"id": "n", "text": 42}, {"id": "t", "text": BODY + " Again.", "title": {"a": 1},
            "source": 5, "url": None, "date": [1]}, [1, 2], "str"]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    items = _read(tmp_path)
    assert items[0].id == "a:1" and items[0].notes == ["id of type list ignored"]
    assert items[1].reason == "text field 'text' is a int, not a string"
    assert (items[2].title, items[2].outlet, items[2].date) == (None, None, None)
    assert items[3].reason == "line 4 is not a JSON object" and items[4].reason == "line 5 is not a JSON object"


def test_a_reader_failure_skips_one_input_with_the_exception_class(tmp_path):
    @register_reader(".boom")
    def read_boom(source):
        yield source.document(text=BODY)
        raise ZeroDivisionError("division by zero\nsecond line")

    try:
        (tmp_path / "a.boom").write_text(BODY)
        (tmp_path / "b.txt").write_text("Title\n\n" + BODY.replace("Cuba", "Peru"))
        items = _read(tmp_path)
        assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
        assert items[1].reason == "reader failed after 1 record(s): ZeroDivisionError: division by zero"
    finally:
        from newsgraph.corpus import registry
        registry._READERS.pop(".boom")


def test_long_documents_are_skipped_with_the_reason_or_kept_on_request(tmp_path):
    (tmp_path / "long.txt").write_text("Title\n\n" + (BODY + " ") * 20_000)
    [item] = _read(tmp_path)
    assert isinstance(item, Skipped) and "over the limit of 1,000,000" in item.reason
    [doc] = _read(tmp_path, max_chars=None)
    assert isinstance(doc, Document) and len(doc.text) > 1_000_000


def test_html_that_breaks_the_metadata_parser_is_read_best_effort(tmp_path):
    # htmldate/lxml raise AssertionError on this page
    svg = "<svg><style>@import url(x)</style><script>alert(1)</script></svg>"
    (tmp_path / "a.html").write_text(svg + "<p>" + BODY + "</p>")
    (tmp_path / "b.html").write_text(svg)
    items = _by_name(_read(tmp_path))
    assert isinstance(items["a.html"], Document) and "Havana" in items["a.html"].text
    assert items["b.html"].reason == "no article text found; HTML metadata not read (AssertionError)"


def test_control_characters_do_not_reach_records(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a\x00b", "title": "T\x1b", "text": BODY + "\x00\x07"}))
    [doc] = _read(tmp_path)
    assert (doc.id, doc.title) == ("a b", "T ") and "\x00" not in doc.text and "\x07" not in doc.text


def test_check_outcome():
    check_outcome(1, [])
    with pytest.raises(NothingProcessed, match=r"2 inputs skipped \(a: x; b: y\)"):
        check_outcome(0, [("a", "x"), ("b", "y")])
    with pytest.raises(InputsSkipped):
        check_outcome(3, [("a", "x")], strict=True)
    assert NothingProcessed.exit_code == InputsSkipped.exit_code == 1
