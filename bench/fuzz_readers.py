"""Coverage-guided fuzzing of the input readers with atheris (not run by CI).

Each input's first byte picks a target: a file of one of the registered formats (decoded and read
by the format's reader directly, without the isolation of ``read_documents``, so that any
exception is a finding), ``clean_article``, ``normalize_date`` on a JSON value, or the manifest
parser. A finding is an exception, a record that is not a Document or Skipped, a string that
cannot be encoded or holds a control character, or a reader that yields nothing.

Usage::

    pip install atheris
    python bench/fuzz_readers.py -max_total_time=180          # a few minutes
    python bench/fuzz_readers.py crash-<hash>                  # replay a finding
"""

import json
import re
import sys
from pathlib import Path

import atheris

from newsgraph.corpus.clean import clean_article, normalize_date
from newsgraph.corpus.document import Document, Skipped
from newsgraph.corpus.manifest import parse_manifest
from newsgraph.corpus.readers import _is_binary, decode_bytes
from newsgraph.corpus.registry import Fields, Source, readers

READERS = sorted(readers().items())
import trafilatura  # noqa: E402,F401 - loaded now so that instrument_all covers it too

atheris.instrument_all()  # the editable install's import finder hides newsgraph from instrument_imports
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def check(item):
    assert isinstance(item, (Document, Skipped)), item
    values = [item.id, item.path] + ([item.text, item.title, item.date, item.outlet, item.url, item.author,
                                       *item.notes] if isinstance(item, Document) else [item.reason])
    for value in values:
        if value is not None:
            assert isinstance(value, str) and not CONTROL.search(value), repr(value)
            value.encode("utf-8")
    if isinstance(item, Skipped):
        assert not item.reason.startswith("reader failed"), item.reason
    else:
        item.text_hash


def one_input(data: bytes) -> None:
    if not data:
        return
    target, body = data[0], data[1:]
    if target < 160:  # a file of one of the formats
        suffix, reader = READERS[target % len(READERS)]
        text, _ = decode_bytes(body)
        if _is_binary(text):
            return
        source = Source(Path("f" + suffix), "f" + suffix, "f", text, Fields())
        items = list(reader.read(source))
        assert items, "a reader yielded nothing"
        for item in items:
            check(item)
    elif target < 200:
        text, _ = decode_bytes(body)
        cleaned = clean_article(text, title_line=bool(target % 2))
        assert not CONTROL.search(cleaned.text)
    elif target < 230:
        try:
            value = json.loads(body)
        except (ValueError, RecursionError):
            return
        normalize_date(value)
    else:
        parse_manifest(body.decode("utf-8", "replace"))


def main():
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
