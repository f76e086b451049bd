"""Analyst corrections of entity resolution, applied after resolution on every build.

A corrections file (YAML or JSON) has up to four sections; every name is matched
accent- and case-insensitively against the names and surface forms of the graph's entities::

    # corrections.yml
    merge:                 # each list names one actor: every node with one of these names joins the first
      - [Volodymyr Zelenskyy, Zelensky]
    never_merge:           # each pair names two actors that must stay apart
      - [Sheikh Mohammed, Tamim bin Hamad Al Thani]
    types:                 # this name is of this type (Person, State, Institution, Location)
      Sinn Féin: Institution
    not_entities:          # these strings are not entities
      - Café

:func:`apply_corrections` runs last in :func:`newsgraph.extractors.resolution.resolve_corpus`,
so the corrections hold after every rebuild and ``--update``; each mention a correction moved
records it in ``how`` (``correction:merge``, ``correction:never_merge``, ``correction:type``),
which ``newsgraph entities --explain`` shows.

Examples
--------
>>> c = Corrections.from_data({"types": {"Sinn Féin": "Institution"}, "not_entities": ["Café"]})
>>> r = DocResult("d", None, 0, [Mention(0, 9, "Sinn Féin", PERSON, "person:sinn-fein", "exact", 0),
...                              Mention(10, 14, "Café", PERSON, "person:cafe", "exact", 0)],
...               {"person:sinn-fein": Entity("person:sinn-fein", PERSON, "Sinn Féin"),
...                "person:cafe": Entity("person:cafe", PERSON, "Café")}, [], {}, [(0, ["person:cafe", "person:sinn-fein"])])
>>> [out] = apply_corrections([r], c)
>>> [(m.key, m.type, m.how) for m in out.mentions]
[('institution:sinn-fein', 'Institution', 'correction:type')]
>>> out.cooccurrences, sorted(out.entities)
([], ['person:sinn-fein'])
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsgraph.corpus.errors import DataError

from .models import ENTITY_TYPES, PERSON, DocResult, Entity, Mention, entity_key, fold  # noqa: F401  (Mention: the examples)

__all__ = ["CORRECTION_HOWS", "Corrections", "CorrectionsError", "apply_corrections", "correction_steps",
           "decide_corrections", "load_corrections"]

#: ``how`` values recorded on mentions a correction moved.
CORRECTION_HOWS = {
    "correction:merge": "joined by a 'merge' entry of the corrections file",
    "correction:never_merge": "kept apart by a 'never_merge' entry of the corrections file",
    "correction:type": "typed by a 'types' entry of the corrections file",
}
_SECTIONS = ("merge", "never_merge", "types", "not_entities")
_PREFIX = {t: t.lower() + ":" for t in ENTITY_TYPES}


class CorrectionsError(DataError):
    """An unreadable or invalid corrections file."""


@dataclass(frozen=True)
class Corrections:
    """Parsed corrections; ``digest`` identifies the content (part of the build's key)."""

    merge: tuple[tuple[str, ...], ...] = ()
    never_merge: tuple[tuple[str, str], ...] = ()
    types: dict[str, str] = field(default_factory=dict)
    not_entities: frozenset[str] = frozenset()
    source: str = "corrections"
    digest: str = ""

    @classmethod
    def from_data(cls, data, *, source: str = "corrections") -> "Corrections":
        """Validate the parsed file content; errors name ``source`` and the entry."""
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise CorrectionsError(f"{source}: expected a mapping with sections {', '.join(_SECTIONS)}")
        unknown = sorted(set(data) - set(_SECTIONS))
        if unknown:
            raise CorrectionsError(f"{source}: unknown section {unknown[0]!r}; sections are {', '.join(_SECTIONS)}")

        def names(entry, section: str, size: int | None) -> tuple[str, ...]:
            ok = isinstance(entry, list) and all(isinstance(x, str) and x.strip() for x in entry)
            if not ok or (size is not None and len(entry) != size) or len(entry) < 2:
                want = "a pair of names" if size == 2 else "a list of two or more names"
                raise CorrectionsError(f"{source}: {section}: {entry!r} is not {want}")
            return tuple(x.strip() for x in entry)

        merge = tuple(names(e, "merge", None) for e in _list(data.get("merge"), "merge", source))
        never = tuple(names(e, "never_merge", 2) for e in _list(data.get("never_merge"), "never_merge", source))
        types = data.get("types") or {}
        if not isinstance(types, dict):
            raise CorrectionsError(f"{source}: types: expected 'name: type' entries")
        for name, etype in types.items():
            if etype not in ENTITY_TYPES:
                raise CorrectionsError(f"{source}: types: {name!r} has type {etype!r}; choose from {', '.join(ENTITY_TYPES)}")
        junk = _list(data.get("not_entities"), "not_entities", source)
        if not all(isinstance(x, str) and x.strip() for x in junk):
            raise CorrectionsError(f"{source}: not_entities: every entry must be a name")
        digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
        return cls(merge, never, {str(k).strip(): v for k, v in types.items()},
                   frozenset(fold(x.strip()) for x in junk), source, digest)


def _list(value, section: str, source: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CorrectionsError(f"{source}: {section}: expected a list")
    return value


def load_corrections(path) -> Corrections:
    """Read a corrections file (``.yml``/``.yaml`` or ``.json``).

    Raises :class:`CorrectionsError` naming the file and the bad entry.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot read the corrections file ({exc.__class__.__name__})") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw)
        else:
            import yaml

            data = yaml.safe_load(raw)
    except Exception as exc:  # yaml.YAMLError, json.JSONDecodeError
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise CorrectionsError(f"{path}: not valid YAML/JSON: {first}") from None
    return Corrections.from_data(data, source=str(path))


# ---------------------------------------------------------------------- applying


def apply_corrections(results: Iterable[DocResult], corrections: Corrections | None) -> list[DocResult]:
    """New DocResults with the corrections applied (in the order: not_entities, types, merge, never_merge)."""
    results = list(results)
    if corrections is None:
        return results
    return correction_steps(results, corrections)[0]


Step = Callable[[DocResult], DocResult]


def correction_steps(results: list[DocResult], corrections: Corrections) -> tuple[list[DocResult], list[Step]]:
    """``results`` corrected, and the per-document steps that did it, in order.

    Each correction is decided on the whole corpus (which keys carry a name, the type of a
    merge's target), from mentions and entities only, then applied document by document: the
    steps replayed on a document give what :func:`apply_corrections` gives for it, so the
    decisions can be taken on documents reduced to their names and the steps applied to the full
    documents one at a time (:class:`newsgraph.extractors.resolution.CorpusResolver`, with
    :func:`decide_corrections`).
    """
    store = _Store(results, spill=False)
    steps = _decide(store, corrections)
    return store.flush(), steps


def decide_corrections(results: Iterable[DocResult], corrections: Corrections) -> list[Step]:
    """The steps of :func:`correction_steps`, decided without holding the documents.

    ``results`` (documents reduced to their mentions and entities, in corpus order) are read
    once into a temporary file; each decision reads it again, one document at a time, with the
    steps decided before it applied. Memory: the table of names per key, never the documents.

    >>> c = Corrections.from_data({"merge": [["Zelensky", "Volodymyr Zelenskyy"]]})
    >>> docs = [DocResult(d, None, 0, [Mention(0, len(n), n, PERSON, k, "exact", 0)], {k: Entity(k, PERSON, n)}, [], {}, [])
    ...         for d, n, k in [("a", "Volodymyr Zelenskyy", "person:volodymyr-zelenskyy"), ("b", "Zelensky", "person:zelensky")]]
    >>> steps = decide_corrections(iter(docs), c)
    >>> [m.key for r in docs for step in steps for m in step(r).mentions]
    ['person:zelensky', 'person:zelensky']
    """
    store = _Store(results, spill=True)
    try:
        return _decide(store, corrections)
    finally:
        store.close()


def _decide(store: "_Store", corrections: Corrections) -> list[Step]:
    """The steps, in order; each one decided on the corpus as the steps before it left it."""
    steps: list[Step] = []

    def run(step: Step | None) -> None:
        if step is not None:
            steps.append(step)
            store.map(step)

    if corrections.not_entities:
        run(functools.partial(_drop, junk=corrections.not_entities))
    for name, etype in corrections.types.items():
        run(_retype(store.table(), name, etype))
    for group in corrections.merge:
        run(_merge(store.table(), group))
    for a, b in corrections.never_merge:
        for step in list(_separate(store.table(), a, b)):
            run(step)
    return steps


@dataclass
class _Names:
    """What the corrections are decided on: corpus key -> folded names (mention texts and
    entity names, with mention counts), and the type of each key's first mention."""

    names: dict[str, Counter] = field(default_factory=dict)
    first_type: dict[str, str] = field(default_factory=dict)

    def add(self, r: DocResult) -> None:
        for m in r.mentions:
            self.names.setdefault(m.key, Counter())[fold(m.text)] += 1
            self.first_type.setdefault(m.key, m.type)
        for e in r.entities.values():
            self.names.setdefault(e.key, Counter())[fold(e.name)] += 0


class _Store:
    """The documents the corrections are decided on, in corpus order, with the steps decided
    so far applied when next read: held in a list, or (``spill``) in a temporary file of
    pickled documents, rewritten by each read that has steps to apply."""

    def __init__(self, results: Iterable[DocResult], *, spill: bool):
        self._file = None
        self._docs: list[DocResult] = []
        self._pending: list[Step] = []
        self._table: _Names | None = None
        if spill:
            self._file = self._write(results)
        else:
            self._docs = list(results)

    @staticmethod
    def _write(results: Iterable[DocResult]):
        f = tempfile.TemporaryFile()
        for r in results:  # one pickle per document (a shared pickler's memo would hold them all)
            pickle.dump(r, f, protocol=pickle.HIGHEST_PROTOCOL)
        return f

    def _read(self) -> Iterator[DocResult]:
        if self._file is None:
            yield from self._docs
            return
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return

    def map(self, step: Step) -> None:
        self._pending.append(step)
        self._table = None

    def _updated(self, table: _Names) -> Iterator[DocResult]:
        steps, self._pending = self._pending, []
        for r in self._read():
            for step in steps:
                r = step(r)
            table.add(r)
            yield r

    def table(self) -> _Names:
        """The names table of the documents as the steps so far leave them (one read)."""
        if self._table is None:
            table = _Names()
            if self._file is None:
                self._docs = list(self._updated(table))
            elif self._pending:  # read the file, apply the steps, write the result to a new file
                new = self._write(self._updated(table))
                self._file.close()
                self._file = new
            else:
                for r in self._read():
                    table.add(r)
            self._table = table
        return self._table

    def flush(self) -> list[DocResult]:
        """The documents with every step applied (list mode)."""
        if self._pending:
            self._docs = list(self._updated(_Names()))
        return self._docs

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _rename(r: DocResult, remap: dict[str, str], *, how: str, etype: str | None = None,
            only: set[int] | None = None) -> DocResult:
    """``r`` with keys renamed; ``only`` limits the change to those mention indexes (then
    links, relations and co-occurrences keep their keys)."""
    if not remap:
        return r
    mentions = []
    for i, m in enumerate(r.mentions):
        if m.key in remap and (only is None or i in only):
            m = replace(m, key=remap[m.key], how=how, type=etype or m.type)
        mentions.append(m)
    if only is not None:
        entities = dict(r.entities)
        for i in only:
            m = mentions[i]
            entities.setdefault(m.key, Entity(m.key, m.type, r.mentions[i].text))
        return replace(r, mentions=mentions, entities=entities)
    entities = {k: (replace(e, key=remap[e.key], type=etype or e.type) if e.key in remap else e)
                for k, e in r.entities.items()}
    return replace(
        r, mentions=mentions, entities=entities,
        links=[(s, e, remap.get(k, k), h) for s, e, k, h in r.links],
        cooccurrences=[(i, sorted({remap.get(k, k) for k in keys})) for i, keys in r.cooccurrences],
        relations=[replace(x, subject=remap.get(x.subject, x.subject), object=remap.get(x.object, x.object))
                   for x in r.relations],
    )


def _drop(r: DocResult, junk: frozenset[str]) -> DocResult:
    kept = [m for m in r.mentions if fold(m.text) not in junk]
    if len(kept) == len(r.mentions):
        return r
    gone = {m.key for m in r.mentions} - {m.key for m in kept}
    return replace(
        r, mentions=kept,
        entities={k: e for k, e in r.entities.items() if e.key not in gone},
        links=[x for x in r.links if x[2] not in gone],
        cooccurrences=[(i, ks) for i, ks in ((i, [k for k in keys if k not in gone]) for i, keys in r.cooccurrences)
                       if len(ks) >= 2],
        relations=[x for x in r.relations if x.subject not in gone and x.object not in gone],
    )


def _keys_named(table: _Names, name: str) -> list[str]:
    """Corpus keys one of whose names folds to ``name``, most mentioned first."""
    want = fold(name)
    found = [(sum(c.values()), k) for k, c in table.names.items() if want in c]
    return [k for _, k in sorted(found, key=lambda x: (-x[0], x[1]))]


def _retype(table: _Names, name: str, etype: str) -> Step | None:
    from .gazetteer import Gazetteer

    keys = [k for k in _keys_named(table, name) if not k.startswith(_PREFIX[etype])]
    if not keys:
        return None
    match = Gazetteer.load().lookup(name) if etype != PERSON else None
    target = match.key if match is not None and match.key.startswith(_PREFIX[etype]) else entity_key(_PREFIX[etype], name)
    remap = {k: target for k in keys}

    def step(r: DocResult) -> DocResult:
        r = _rename(r, remap, how="correction:type", etype=etype)
        if match is not None and match.codes:
            r = replace(r, entities={k: (replace(e, codes=dict(match.codes), name=match.name) if e.key == target else e)
                                     for k, e in r.entities.items()})
        return r
    return step


def _merge(table: _Names, group: tuple[str, ...]) -> Step | None:
    found = [_keys_named(table, n) for n in group]
    target = next((keys[0] for keys in found if keys), None)
    if target is None:
        return None
    etype = table.first_type.get(target)
    remap = {k: target for keys in found for k in keys if k != target}
    return functools.partial(_rename, remap=remap, how="correction:merge", etype=etype)


def _separate(table: _Names, a: str, b: str) -> Iterator[Step]:
    """One step per key that carries both names (all decided on the corpus as the steps before this pair left it)."""
    fa, fb = fold(a), fold(b)
    for key, names in table.names.items():
        if fa not in names or fb not in names:
            continue
        # the name the key was made from stays; the other moves to a node of its own
        moved, name = (fa, a) if key.split(":", 1)[1] == entity_key("", b) else (fb, b)
        new = entity_key(key.split(":", 1)[0] + ":", name)
        if new == key:
            new = key + "-2"
        yield functools.partial(_move, key=key, new=new, moved=moved)


def _move(r: DocResult, *, key: str, new: str, moved: str) -> DocResult:
    own = [e for e in r.entities.values() if e.key == key]
    if own and all(fold(e.name) == moved for e in own):  # every name of the node in this document is the moved one
        return _rename(r, {key: new}, how="correction:never_merge")
    only = {i for i, m in enumerate(r.mentions) if m.key == key and fold(m.text) == moved}
    return _rename(r, {key: new}, how="correction:never_merge", only=only)
