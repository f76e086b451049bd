"""One document cannot take a build down: extraction errors, very long documents and sentences.

Real model throughout; the failing document is made to fail by a real pipeline component.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from spacy.language import Language

from newsgraph.corpus import Document
from newsgraph.extractors.pipeline import MAX_RELATION_TOKENS, PIECE_CHARS, Extractor, _pieces, load_model
from newsgraph.graph.pipeline import build

BOMB = "zqxbomb"


@Language.component("test_fails_on_marker")
def _fails_on_marker(doc):
    if BOMB in doc.text:
        raise RuntimeError(f"cannot handle {BOMB}\nsecond line of the message")
    return doc


@pytest.fixture(scope="module")
def failing_extractor():
    nlp = load_model()
    nlp.add_pipe("test_fails_on_marker", first=True)
    return Extractor(nlp=nlp, batch_size=4)


def test_one_failing_document_is_skipped_with_its_reason_and_the_rest_goes_on(tmp_path, failing_extractor):
    texts = {"a": "Russia offered Nicolas Maduro asylum.", "b": f"Putin met {BOMB} in Moscow.",
             "c": "Venezuela thanked Russia for its support.", "d": "Maduro flew to Moscow on Monday."}
    story = " The talks went on for several hours, officials said, and more meetings are planned this year."
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text + story * 3, encoding="utf-8")
    G, records, report = build([tmp_path], extractor=failing_extractor)
    by_id = {r["id"]: r for r in records}
    assert [r["status"] for r in records] == ["processed", "skipped", "processed", "processed"], records
    assert by_id["b"]["reason"] == f"extraction failed: RuntimeError: cannot handle {BOMB}"
    assert report.processed == 3 and report.skipped == 1
    assert "person:nicolas-maduro" in G  # the documents of the same batch were extracted
    assert sorted(G.graph["document_index"]) == ["a", "c", "d"]


def test_pipe_raises_one_line_data_error(failing_extractor):
    from newsgraph.corpus.errors import DataError

    with pytest.raises(DataError, match=r"^Extraction failed for document 'x': RuntimeError: cannot handle"):
        list(failing_extractor.pipe([Document(id="x", text=BOMB)]))


@pytest.mark.parametrize("text,size", [("a\nb. c d " * 50, 7), ("x" * 25, 10), ("p. q\n" * 40, 33)])
def test_pieces_cover_the_text_in_order_under_the_size(text, size):
    cuts = _pieces(text, size)
    assert "".join(text[a:b] for a, b in cuts) == text
    assert all(0 < b - a <= size for a, b in cuts)
    assert all(cuts[i][1] == cuts[i + 1][0] for i in range(len(cuts) - 1))


_RUN = textwrap.dedent("""
    import json, resource, sys
    from newsgraph.corpus import Document
    from newsgraph.extractors.pipeline import Extractor
    text = open(sys.argv[1], encoding="utf-8").read()
    ex = Extractor()
    ex._setup()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    [x] = ex.extract([Document(id="long", text=text)])
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024
    r = x.result
    print(json.dumps({"error": x.error, "notes": x.notes, "grown_mb": grown,
                      "mentions": [[m.start, m.end, m.text] for m in r.mentions],
                      "relations": [[q.subject, q.type, q.object, q.sent_start, q.sent_end] for q in r.relations]}))
""")


def _extract_in_subprocess(tmp_path, text: str) -> dict:
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", _RUN, str(path)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


@pytest.mark.parametrize("size", [1_010_000, 5_000_000], ids=["1MB", "5MB"])
def test_document_over_the_model_limit_is_one_document_with_offsets_kept(tmp_path, size):
    # over nlp.max_length (1,000,000): long words keep the parse quick; real sentences at both ends
    head = "Russia offered Nicolas Maduro asylum on Monday.\n"
    tail = "\nPresident Vladimir Putin met Nicolas Maduro in Moscow."
    filler = ("Internationalisation notwithstanding, characteristically unremarkable deliberations "
              "continued uninterrupted.\n")
    text = head + filler * (size // len(filler)) + tail
    assert len(text) > 1_000_000 and len(text) > 10 * PIECE_CHARS
    got = _extract_in_subprocess(tmp_path, text)
    assert got["error"] is None
    for start, end, surface in got["mentions"]:
        assert text[start:end] == surface
    assert {m[2] for m in got["mentions"] if m[0] > len(text) - len(tail)} >= {"Vladimir Putin", "Nicolas Maduro"}
    types = {(s, t, o) for s, t, o, _, _ in got["relations"]}
    assert ("state:RUS", "OFFERED_ASYLUM_TO", "person:nicolas-maduro") in types
    assert any(text[a:b] == tail.strip() for *_, a, b in got["relations"])
    assert got["grown_mb"] < 1500, got["grown_mb"]  # pieces are parsed one at a time: 5x the text, not 5x the memory


def test_over_long_sentence_is_left_out_of_relation_matching_with_a_note(tmp_path):
    # one sentence of ~100,000 characters (no sentence end), then a short one with a relation
    clause = "Russian President Vladimir Putin met Nicolas Maduro in Moscow and thanked Venezuela then "
    text = clause * (100_000 // len(clause)) + "\nRussia offered Nicolas Maduro asylum."
    got = _extract_in_subprocess(tmp_path, text)
    assert got["error"] is None
    assert got["notes"] == [f"1 sentence over {MAX_RELATION_TOKENS} tokens not searched for relations"]
    assert {(s, t, o) for s, t, o, _, _ in got["relations"]} == {
        ("state:RUS", "OFFERED_ASYLUM_TO", "person:nicolas-maduro")}
    assert got["grown_mb"] < 800, got["grown_mb"]


def test_parsed_doc_carries_its_text_for_the_extractors(extractor):
    # syntax.doc_text reads the text the extractor parsed instead of joining the tokens again:
    # it must be the Doc's own text, including odd whitespace the tokenizer keeps
    from newsgraph.extractors.syntax import DOC_TEXT_KEY, doc_text

    docs = [Document(id="a", text="Putin met  Maduro.\n\n Talks\tcontinued. "), Document(id="b", text="  x")]
    for doc, parsed in zip(docs, extractor._parse(docs)):
        assert parsed.user_data[DOC_TEXT_KEY] == parsed.text == doc.text
        assert doc_text(parsed) is parsed.user_data[DOC_TEXT_KEY]
