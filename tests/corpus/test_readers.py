import json

import pytest

from newsgraph.corpus import Document, Skipped, read_documents
from newsgraph.corpus.clean import clean_article, parse_date
from newsgraph.corpus.errors import EmptyInput, PathNotFound, UsageError
from newsgraph.corpus.readers import SAMPLE_DIR, Fields, decode_bytes

ARTICLE = """Big headline about talks

Big headline about talks
By Jane Roe | March 3, 2024 | 9:00am EDT

Russia and Venezuela held talks in Caracas on Monday, officials said.
News
Dismiss
Related article: Something else entirely happened elsewhere today
https://example.com/some/other/story
Sign up for our Daily Newsletter to receive the latest news.
The talks continued on Tuesday with new proposals from both sides.
"""


def test_clean_article_moves_byline_to_metadata_and_drops_furniture():
    c = clean_article(ARTICLE)
    assert c.title == "Big headline about talks"
    assert c.date == "2024-03-03"
    assert c.author == "Jane Roe"
    assert "By Jane Roe" not in c.text
    for furniture in ("News\n", "Dismiss", "Related article", "https://", "Newsletter"):
        assert furniture not in c.text
    assert c.text.count("Big headline about talks") == 1
    assert "held talks in Caracas" in c.text and "continued on Tuesday" in c.text


@pytest.mark.parametrize("line,expected", [
    ("By bnl editorial staff January 22, 2026", "2026-01-22"),
    ("By Mark Browne | July 20, 2017 | 8:12pm EDT", "2017-07-20"),
    ("Published 2025-12-01T10:00", "2025-12-01"),
    ("3 Sept. 2021", "2021-09-03"),
])
def test_parse_date(line, expected):
    assert parse_date(line) == expected


def test_hard_wrapped_lines_are_unwrapped():
    para = ("The first 72 hours of the year seem like the prelude to a year to remember. Venezuela's\n"
            "President has been ousted in a mission straight out of a movie, ending a corruption-\n"
            "marked leadership in less than thirty minutes, while the rest of the region looked on\n")
    text = "Title\n\n" + "\n\n".join([para] * 4).replace(para, para, 1)
    # make the paragraphs distinct so duplicate-line removal does not interfere
    text = "Title\n\n" + "\n\n".join(para.replace("first", f"n{i}") for i in range(4))
    c = clean_article(text)
    assert "Venezuela's President" in c.text
    assert "corruption-marked" in c.text


def test_reader_letter_at_the_end_is_removed():
    body = "\n\n".join(f"Paragraph {i} says that Russia and Cuba talked about many things." for i in range(8))
    letter = ("\n\nAcme Reader,\n\nThe media are hard at work.\n\nWe need your help to fuel this fight.\n\n"
              "Donate today to help us.\n\n— The Acme Team\n")
    c = clean_article("Title\n\n" + body + letter)
    assert "Acme Reader" not in c.text and "hard at work" not in c.text and "Acme Team" not in c.text
    assert "Paragraph 7" in c.text


def test_sample_corpus_reads_with_manifest_metadata():
    docs = list(read_documents([SAMPLE_DIR]))
    assert [d.id for d in docs] == ["000_53bb900a20402a61", "001_b5732ac235b8c54a", "002_427e35c869ece715",
                                    "003_ae0bb21b123004d3", "004_ec6b5c2151a68899"]
    assert all(isinstance(d, Document) for d in docs)
    by_id = {d.id: d for d in docs}
    assert by_id["003_ae0bb21b123004d3"].date == "2017-07-20"
    assert by_id["000_53bb900a20402a61"].outlet == "bnl"
    for d in docs:
        lines = {line.strip() for line in d.text.splitlines()}
        assert not lines & {"News", "Dismiss", "Donate"}
        assert "Sign up for our" not in d.text and "Donate today" not in d.text
        assert "Related article" not in d.text and "https://" not in d.text


def test_encodings_bom_and_fallback(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffTitle one\n\nNicolás Maduro spoke to Russia about asylum.".encode("utf-8"))
    (tmp_path / "latin.txt").write_bytes("Title two\n\nNicolás Maduro met Vladimir Putin in Moscow again.".encode("cp1252"))
    docs = {d.id: d for d in read_documents([tmp_path])}
    assert docs["bom"].title == "Title one" and docs["bom"].notes == []
    assert "Nicolás" in docs["latin"].text
    assert docs["latin"].notes == ["not valid UTF-8; decoded as Windows-1252"]
    assert decode_bytes(b"\xff\xfe\x00") [1] is not None


def test_binary_and_unsupported_files_are_skipped_with_reason(tmp_path):
    (tmp_path / "good.txt").write_text("Title\n\nRussia offered Maduro asylum through the Vatican.")
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "empty.md").write_text("")
    items = list(read_documents([tmp_path]))
    skipped = {s.id: s.reason for s in items if isinstance(s, Skipped)}
    assert skipped == {"empty": "no article text found", "img": "binary file, not text"}
    assert [d.id for d in items if isinstance(d, Document)] == ["good"]


def test_jsonl_malformed_line_is_reported_and_others_read(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"uid": "x1", "headline": "H1", "published": "2024-01-02", "body": "Russia sanctioned Venezuela's oil company today."}),
        "{not json",
        json.dumps({"uid": "x2", "headline": "H2", "published": "March 4, 2024", "body": "Cuba and Spain held talks about the prisoners."}),
    ]
    path.write_text("\n".join(lines))
    items = list(read_documents([path], fields=Fields.parse("uid,headline,published,body")))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    assert items[1].reason.startswith("malformed JSON on line 2")
    assert items[2].date == "2024-03-04" and items[0].title == "H1"


def test_exact_duplicates_are_skipped(tmp_path):
    text = "Title\n\nRussia offered Maduro asylum through the Vatican, sources said."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text)
    items = list(read_documents([tmp_path]))
    assert isinstance(items[1], Skipped) and items[1].reason == "duplicate of a"


def test_html_main_text(tmp_path):
    html = """<html><head><title>Talks in Caracas</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Talks in Caracas</h1>
    <p>Russian President Vladimir Putin met Venezuelan President Nicolás Maduro in Moscow on Tuesday to discuss energy cooperation and arms sales.</p>
    <p>The two leaders signed several agreements, officials in both countries said after the meeting ended late in the evening.</p>
    </article><footer>Subscribe to our newsletter. Copyright 2024</footer></body></html>"""
    (tmp_path / "page.html").write_text(html)
    [doc] = list(read_documents([tmp_path]))
    assert doc.title == "Talks in Caracas"
    assert "Vladimir Putin met" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text


def test_missing_path_and_empty_dir(tmp_path):
    with pytest.raises(PathNotFound):
        list(read_documents([tmp_path / "nope"]))
    with pytest.raises(EmptyInput):
        list(read_documents([tmp_path]))
    with pytest.raises(UsageError):
        Fields.parse("a,b")


def test_a_wrapped_body_whose_first_line_lost_its_dateline_is_joined():
    # a wire story: the dateline was taken off the first line, which is now short
    lines = ["Finance Minister Ana", "Ruiz is in Lima to discuss the budget with the central bank, aides"]
    lines += ["accompanying her said on Tuesday, and will return to the capital on"] * 4
    lines += ["Thursday after meetings with the bankers and the trade unions of"] * 4
    body = "\n".join(lines)
    assert clean_article(body, title_line=False).text.startswith("Finance Minister Ana Ruiz is in Lima")
    # a headline of a plain-text article stays its own line
    assert clean_article(body).title == "Finance Minister Ana"
