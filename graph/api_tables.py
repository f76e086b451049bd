"""The pandas tables of :class:`~newsgraph.graph.api.KnowledgeGraph` (the ``notebook`` extra).

``entities()``, ``relations()``, ``timeline()`` and ``evidence()`` turn the plain rows of the
API into DataFrames, with dates as pandas datetimes. A mixin: the methods live on
``KnowledgeGraph``; this module only keeps them in their own room.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.corpus.errors import UsageError

from .filters import check_statuses

__all__ = ["TablesMixin", "EVIDENCE_COLUMNS"]


class TablesMixin:
    """DataFrame views of a KnowledgeGraph (``self.nx``, ``self.relation_rows``, ``self.entity_rows``)."""

    def evidence(self, subject: str, type: str, object: str, *, as_dicts: bool = False):
        """The evidence of the edge (subject, type, object) as a DataFrame, one row per sentence.

        Names by any alias; ``type`` in any case, checked as in :meth:`relation_rows`.
        Columns: doc, date (a pandas datetime, NaT when undated), title, sentence, start, end and,
        for typed relations, trigger, trigger_start, trigger_end, rule, confidence, status,
        according_to, role. Symmetric types are found in either direction; no rows when there
        is no such edge. ``as_dicts=True`` returns the raw evidence dicts of the graph instead.

        Examples
        --------
        >>> kg = KnowledgeGraph.sample()
        >>> offer = kg.evidence("Russia", "offered_asylum_to", "Nicolás Maduro")
        >>> offer[["doc", "trigger", "status"]].values.tolist()
        [['000_53bb900a20402a61', 'offered', 'reported']]
        >>> offer["date"].iloc[0]
        Timestamp('2026-01-22 00:00:00')
        >>> [ev] = kg.evidence("Russia", "OFFERED_ASYLUM_TO", "Maduro", as_dicts=True)
        >>> ev["date"]
        '2026-01-22'
        """
        if not isinstance(type, str):
            raise UsageError(f"evidence() takes one relation type, got {type!r}")
        [rtype] = self._relation_types(type)
        items = self._evidence_items(subject, rtype, object)
        if as_dicts:
            return items
        pd = _pandas()
        index = self.nx.graph.get("document_index") or {}
        rows = [{**ev, "title": (index.get(ev.get("doc")) or {}).get("title")} for ev in items]
        extra = sorted({k for row in rows for k in row} - set(EVIDENCE_COLUMNS))
        df = pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS) + extra)
        df["date"] = _datetimes(pd, df["date"])
        return df

    def entities(self, type: str | Iterable[str] | None = None):
        """Entities as a pandas DataFrame indexed by id, most mentioned first.

        Columns: name, type, mentions, docs (number of documents), aliases, titles, codes.
        ``type`` as in :meth:`entity_rows` (one or several, any case, checked).

        Examples
        --------
        >>> people = KnowledgeGraph.sample().entities(type="person")
        >>> people.loc["person:nicolas-maduro", ["name", "type"]].tolist()
        ['Nicolás Maduro', 'Person']
        """
        pd = _pandas()
        columns = ["id", "name", "type", "mentions", "docs", "aliases", "titles", "codes"]
        return pd.DataFrame(self.entity_rows(type=type), columns=columns).set_index("id")

    def relations(self, type: str | Iterable[str] | None = None, status: str | Iterable[str] | None = None, *,
                  entity: str | None = None, cooccurrence: bool = False):
        """Relations as a pandas DataFrame, heaviest first (filters as :meth:`relation_rows`).

        Columns: subject, type, object, label, family, status, weight, first_seen, last_seen
        (pandas datetimes, NaT when undated), subject_id, object_id, evidence (the list of
        evidence dicts).

        Examples
        --------
        >>> kg = KnowledgeGraph.sample()
        >>> unsure = kg.relations(status=["alleged", "considered", "negated"])
        >>> set(unsure["status"]) <= {"alleged", "considered", "negated"}, len(unsure) > 0
        (True, True)
        >>> kg.relations(type=["OFFERED_ASYLUM_TO", "mediated_via"])[["subject", "type", "object"]]
          subject               type          object
        0  Russia       MEDIATED_VIA         Vatican
        1  Russia  OFFERED_ASYLUM_TO  Nicolás Maduro
        >>> kg.relations(status="assertd")
        Traceback (most recent call last):
        ...
        newsgraph.corpus.errors.UsageError: Unknown status 'assertd'. Did you mean asserted?
        """
        pd = _pandas()
        rows = self.relation_rows(type=type, entity=entity, status=status, cooccurrence=cooccurrence)
        for row in rows:
            data = self.nx.get_edge_data(row["subject_id"], row["object_id"], key=row["type"]) or {}
            row["label"], row["family"] = data.get("label"), data.get("family")
        columns = ["subject", "type", "object", "label", "family", "status", "weight", "first_seen",
                   "last_seen", "subject_id", "object_id", "evidence"]
        df = pd.DataFrame(rows, columns=columns)
        for column in ("first_seen", "last_seen"):
            df[column] = _datetimes(pd, df[column])
        return df

    def timeline(self, type: str | Iterable[str] | None = None, status: str | Iterable[str] | None = None, *,
                 entity: str | None = None, cooccurrence: bool = False):
        """One row per evidence sentence, in date order (undated documents last).

        Columns: date (a pandas datetime, NaT when undated), doc, title, subject, type, object,
        status (the sentence's own), sentence, trigger, subject_id, object_id. ``type``,
        ``entity`` and ``cooccurrence`` filter as in :meth:`relations`; ``status`` keeps the
        sentences with that status (one or several, checked).

        Examples
        --------
        >>> t = KnowledgeGraph.sample().timeline(entity="Maduro")
        >>> t["date"].dropna().is_monotonic_increasing, str(t["date"].iloc[0].date())
        (True, '2017-07-20')
        >>> set(KnowledgeGraph.sample().timeline(type="sought_asylum_in")["status"])
        {'considered'}
        """
        pd = _pandas()
        statuses = check_statuses(status)
        index = self.nx.graph.get("document_index") or {}
        rows = []
        for rel in self.relation_rows(type=type, entity=entity, cooccurrence=cooccurrence):
            for ev in rel["evidence"]:
                ev_status = ev.get("status", rel["status"])
                if statuses is not None and ev_status not in statuses:
                    continue
                rows.append({"date": ev.get("date"), "doc": ev["doc"],
                             "title": (index.get(ev["doc"]) or {}).get("title"),
                             "subject": rel["subject"], "type": rel["type"], "object": rel["object"],
                             "status": ev_status, "sentence": ev["sentence"],
                             "trigger": ev.get("trigger"), "subject_id": rel["subject_id"],
                             "object_id": rel["object_id"], "_start": ev.get("start", 0)})
        rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["doc"], r["_start"], r["type"]))
        columns = ["date", "doc", "title", "subject", "type", "object", "status", "sentence", "trigger",
                   "subject_id", "object_id"]
        df = pd.DataFrame(rows, columns=columns + ["_start"])[columns]
        df["date"] = _datetimes(pd, df["date"])
        return df


#: Columns of :meth:`KnowledgeGraph.evidence`, in order (the evidence item of the graph.json contract).
EVIDENCE_COLUMNS = ("doc", "date", "title", "sentence", "start", "end", "trigger", "trigger_start", "trigger_end",
                    "rule", "confidence", "status", "according_to", "role")


def _datetimes(pd, column):
    """ISO date strings (or None) as a datetime64 column, NaT where undated."""
    return pd.to_datetime(column, format="ISO8601", errors="coerce")


def _pandas():
    try:
        import pandas as pd
    except ImportError:
        raise UsageError("Tables need pandas: pip install 'newsgraph[notebook]'") from None
    return pd
