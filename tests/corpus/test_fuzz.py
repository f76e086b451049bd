"""Property-based fuzzing of the readers, cleaning and the JSON lines / manifest parsers.

Invariant: every input yields exactly one record (Document or Skipped) and no exception escapes;
every string in a record can be encoded and holds no control character.
"""

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.corpus import Document, Skipped, read_documents
from newsgraph.corpus.clean import clean_article, normalize_date, parse_date
from newsgraph.corpus.manifest import parse_manifest
from newsgraph.corpus.readers import count_inputs, decode_bytes

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
field_values = st.one_of(json_values, st.text(st.characters(codec=None), max_size=120))
records = st.fixed_dictionaries({}, optional={"id": field_values, "title": field_values, "date": field_values,
                                              "text": field_values, "source": field_values, "url": field_values})
article_text = st.text(st.characters(), max_size=400) | st.lists(
    st.sampled_from(["Russia", "Cuba", "held", "talks", "in", "Havana", ".", "\n", "\n\n", "By", "News",
                     "2020-02-30", "March 4, 2024", "\u2028", "\x00", "\ud800", "AFP /", "Dear reader,"]),
    max_size=80).map(" ".join)


def _check(items):
    for item in items:
        assert isinstance(item, (Document, Skipped))
        values = [item.id, item.path] + ([item.text, item.title, item.date, item.outlet, item.url, item.author,
                                           *item.notes] if isinstance(item, Document) else [item.reason])
        for value in values:
            if value is not None:
                assert isinstance(value, str) and not CONTROL.search(value), value
                value.encode("utf-8")
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason
        else:
            item.text_hash


def _read_one(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(read_documents([path], dedupe=False))
        _check(items)
        assert count_inputs([path]) >= 1
        return items


@FAST
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".pdf", ""]))
def test_any_bytes_in_a_text_file_give_one_record(data, suffix):
    assert len(_read_one("a" + suffix, data)) == 1


@FAST
@given(text=article_text, codec=st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252", "utf-8-sig"]))
def test_any_text_in_any_encoding_gives_one_record(text, codec):
    data = text.encode(codec, "surrogatepass" if codec.startswith("utf") else "replace")
    assert len(_read_one("a.txt", data)) == 1


@SLOW
@given(body=st.text(max_size=300), tags=st.lists(st.sampled_from(
    ["<svg>", "</svg>", "<script>", "</script>", "<style>", "@import url(x)", "<p>", "</p>", "<html>", "<meta",
     "<title>", "</title>", "<![CDATA[", "<!--", "&#0;", "<math>", "<table>", "<br/>"]), max_size=12))
def test_any_html_gives_one_record(body, tags):
    assert len(_read_one("a.html", ("".join(tags) + body).encode("utf-8", "surrogatepass"))) == 1


@FAST
@given(lines=st.lists(records | json_values | st.text(max_size=50), max_size=8))
def test_jsonl_gives_one_record_per_nonempty_line(lines):
    raw = []
    for line in lines:
        raw.append(line if isinstance(line, str) else json.dumps(line))
    text = "\n".join(raw)
    items = _read_one("a.jsonl", text.encode("utf-8", "surrogatepass"))
    if len(items) == 1 and getattr(items[0], "reason", "") == "binary file, not text":
        return  # raw control characters: the whole file is one record
    assert len(items) == max(1, sum(1 for line in text.split("\n") if line.strip()))  # an empty file: one


@FAST
@given(value=st.lists(records | json_values, max_size=6) | json_values)
def test_json_gives_one_record_per_list_item(value):
    items = _read_one("a.json", json.dumps(value).encode("utf-8", "surrogatepass"))
    assert len(items) == (len(value) if isinstance(value, list) and value else 1)


@FAST
@given(raw=article_text, title_line=st.booleans())
def test_cleaning_never_raises_and_drops_control_characters(raw, title_line):
    cleaned = clean_article(raw, title_line=title_line)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", cleaned.text)
    assert cleaned.date is None or parse_date(cleaned.date) == cleaned.date


@FAST
@given(value=field_values)
def test_dates_are_normalized_or_refused_with_a_reason(value):
    date, problem = normalize_date(value)
    assert date is None or parse_date(date) == date
    assert date is None or problem is None


@FAST
@given(entries=st.lists(st.fixed_dictionaries({}, optional={"file": field_values, "date": field_values,
                                                             "title": field_values, "outlet": field_values})
                        | json_values, max_size=6), name=field_values)
def test_manifest_accounts_for_every_entry(entries, name):
    manifest = parse_manifest(json.dumps({"name": name, "documents": entries}))
    named = [e["file"] for e in entries if isinstance(e, dict) and isinstance(e.get("file"), str) and e["file"]]
    assert set(manifest.entries) == set(named)
    assert len(manifest.problems) == len(entries) - len(named)


@FAST
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_manifest_of_any_text_never_raises(text):
    parse_manifest(text)


@FAST
@given(data=st.binary(max_size=600))
def test_decode_bytes_never_raises(data):
    text, note = decode_bytes(data)
    assert isinstance(text, str) and (note is None or isinstance(note, str))
