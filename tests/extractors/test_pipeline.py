from newsgraph.corpus import Document
from newsgraph.corpus.readers import read_documents


def test_line_breaks_end_sentences(extractor):
    nlp = extractor.nlp
    doc = nlp("US offers Maduro exit to Russia as Trump confirms talks\n\nReports emerged that Trump "
              "held a call with Maduro.\nWhy Moscow wants Maduro gone\nRussia has been his lifeline.")
    starts = [s.text.split()[0] for s in doc.sents]
    assert starts == ["US", "Reports", "Why", "Russia"]


def test_evidence_sentences_never_span_paragraphs(extractor):
    [r] = extractor.pipe([Document(id="d", text="Russia offered Maduro asylum via the Vatican\n\n"
                                             "Venezuela served Russia for two decades.")])
    assert all("\n\n" not in text.strip() for _s, _e, text in r.sentences.values())


def test_read_documents_continues_an_earlier_read(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    text = "Title\n\nRussia offered Maduro asylum through the Vatican, sources said."
    (tmp_path / "a" / "x.txt").write_text(text)
    (tmp_path / "b" / "x.txt").write_text(text + " More.")
    (tmp_path / "b" / "y.txt").write_text(text)
    ids, texts = set(), {}
    first = list(read_documents([tmp_path / "a"], seen_ids=ids, seen_texts=texts))
    later = list(read_documents([tmp_path / "b"], seen_ids=ids, seen_texts=texts))
    assert [d.id for d in first] == ["x"]
    assert later[0].id == "x~2" and later[1].reason == "duplicate of x"
