"""The ``newsgraph`` command line: a thin shell over the library.

Library errors (``NewsgraphError``) become one line on stderr and exit code 2 (usage) or 1 (data),
in one place: :class:`_Group`.
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click

import newsgraph
from newsgraph.corpus.errors import NewsgraphError, UsageError
from newsgraph.extractors.models import ENTITY_TYPES
from newsgraph.extractors.pipeline import DEFAULT_MODEL

from .cli_export import EXPORT_COMMANDS
from .cli_output import emit, format_option
from .export import EXPORTERS, optional_exporter_names

__all__ = ["cli", "main"]


class _Group(click.Group):
    """Turns NewsgraphError into a clean one-line message and the right exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NewsgraphError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(newsgraph.__version__, prog_name="newsgraph")
def cli():
    """Build a knowledge graph of who did what to whom from news articles.

    \b
    Example:
        newsgraph build corpus/sample -o out
        newsgraph relations out/graph.json --type OFFERED_ASYLUM_TO
        newsgraph query out/graph.json "MATCH (a)-[r:OFFERED_ASYLUM_TO]->(b) RETURN a.name, b.name"
    """


_FORMATS_HELP = "; ".join(f"{e.name}: {e.filename}" for e in EXPORTERS.values() if e.optional)


def _formats(ctx, param, value):
    if value is None:
        return None
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in optional_exporter_names()]
    if unknown:
        raise click.BadParameter(f"unknown {', '.join(map(repr, unknown))}; choose from "
                                 f"{', '.join(optional_exporter_names())}", ctx=ctx, param=param)
    return names


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Output directory for graph.json, documents.jsonl and the exports.")
@click.option("--update", "update_out", metavar="OUT", type=click.Path(file_okay=False),
              help="Add PATHS to the earlier build in OUT: its documents are not parsed again.")
@click.option("--model", default=None, show_default=DEFAULT_MODEL, help="spaCy model package or path.")
@click.option("--rules", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra relation rules file (TOML, YAML or JSON); repeatable.")
@click.option("--processes", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for spaCy and extraction.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10000),
              help="Documents per spaCy batch.")
@click.option("--fields", default="id,title,date,text", show_default=True,
              help="JSON/JSONL field names for id,title,date,text.")
@click.option("--formats", metavar="LIST", callback=_formats,
              help=f"Exports to write besides graph.json and documents.jsonl, comma-separated "
                   f"[default: all] ({_FORMATS_HELP}).")
@click.option("--scheduler", envvar="NEWSGRAPH_SCHEDULER", metavar="ADDRESS",
              help="Extract on a Dask cluster: tcp://HOST:8786 (a running scheduler) or local:N (N local workers).")
@click.option("--shards", metavar="URL", help="Folder or fsspec URL of the cluster's result shards [default: OUT/shards].")
@click.option("--no-cache", is_flag=True, help="Parse every document; do not read or write OUT/.newsgraph-cache.sqlite.")
@click.option("--no-html", is_flag=True, help="Skip the HTML export.")
@click.option("--strict", is_flag=True, help="Fail (exit 1, nothing written) when any input is skipped.")
@click.option("--corrections", type=click.Path(exists=True, dir_okay=False),
              help="Corrections file (YAML/JSON: merge, never_merge, types, not_entities) applied after resolution.")
@click.option("--wait", is_flag=True,
              help="If another build is writing to OUT, wait for it to finish (default: fail at once).")
@click.pass_context
def build(ctx, paths, out, update_out, model, rules, processes, batch_size, fields, formats, scheduler, shards,
          no_cache, no_html, strict, corrections, wait):
    """Build the graph of PATHS (files or folders of .txt, .md, .html, .json, .jsonl).

    Writes OUT/graph.json, documents.jsonl (every input: processed or skipped, with the
    reason), graph.graphml, graph.gexf, graph.html and the Neo4j exports (see --formats).
    Extraction results are cached in OUT/.newsgraph-cache.sqlite: a rebuild parses only new or
    changed documents.

    \b
    Example:
        newsgraph build corpus/sample -o out
        newsgraph build articles.jsonl --fields uid,headline,published,body -o out --processes 2
        newsgraph build corpus/sample -o out --formats graphml,html
        newsgraph build --update out new_articles/
        newsgraph build corpus/sample -o out --corrections corrections.yml
        newsgraph build s3://bucket/wire/ -o out --scheduler tcp://scheduler:8786 --shards s3://bucket/shards
    """
    from .pipeline import build_corpus

    if update_out is not None:
        if ctx.get_parameter_source("out") is not click.core.ParameterSource.DEFAULT and out != update_out:
            raise UsageError("--update OUT writes to OUT; do not give another -o/--out")
        if no_cache:
            raise UsageError("--update reads the earlier build from the cache; drop --no-cache")
        out = update_out
    with ExitStack() as stack:
        progress = _Progress(stack)
        G, _, report = build_corpus(paths, out, update=update_out is not None, cache=not no_cache, model=model,
                                    rules=rules, fields=fields, batch_size=batch_size, processes=processes,
                                    formats=formats, html=not no_html, scheduler=scheduler, shards=shards,
                                    on_start=progress.start, on_document=progress.tick, strict=strict,
                                    corrections=corrections, wait=wait)
    _print_summary(report.summary(G), out, unchanged=report.unchanged)


class _Progress:
    """A progress bar on stderr: documents done, words per second and time remaining over the
    last minute of a build. The bar opens at :meth:`start` and closes with ``stack``."""

    WINDOW = 60.0  # seconds of history for the rate

    def __init__(self, stack: ExitStack):
        self.stack = stack
        self.bar = None
        self.total = self.docs = self.words = 0
        self.samples = [(time.perf_counter(), 0, 0)]

    def start(self, total: int) -> None:
        self.total = total
        self.bar = self.stack.enter_context(
            click.progressbar(length=total, label="Building", file=sys.stderr, show_eta=False, show_pos=True,
                              item_show_func=lambda _: self.text()))

    def tick(self, item) -> None:
        self.done(getattr(item, "words", 0))
        self.bar.update(1, item)

    def done(self, words: int) -> None:
        self.docs += 1
        self.words += words
        now = time.perf_counter()
        if self.docs == 1:  # the rate starts at the first document, after the model has loaded
            self.samples = [(now, self.docs, self.words)]
        elif now - self.samples[-1][0] > 0.5:
            self.samples.append((now, self.docs, self.words))
            while len(self.samples) > 2 and now - self.samples[1][0] > self.WINDOW:
                self.samples.pop(0)

    def text(self) -> str:
        now = time.perf_counter()
        t0, d0, w0 = self.samples[0]
        elapsed = now - t0
        if elapsed < 1.0:  # documents finish in batches: no rate from the first instant
            return ""
        docs_rate, words_rate = (self.docs - d0) / elapsed, (self.words - w0) / elapsed
        left = max(self.total - self.docs, 0)
        eta = f"{_clock(left / docs_rate)} left" if docs_rate > 0 and left else ""
        return f"{words_rate:,.0f} words/s  {eta}".rstrip()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _print_summary(s: dict, out: str, *, unchanged: bool = False) -> None:
    cached = f", {s['documents_cached']} from the cache" if s.get("documents_cached") else ""
    click.echo(f"Documents: {s['documents_processed']} processed{cached}, {s['documents_skipped']} skipped "
               f"({s['words']:,} words in {s['seconds']} s, {s['words_per_second']:,} words/s)")
    for item in s["skipped"]:
        click.echo(f"  skipped {item['id']}: {item['reason']}")
    by_type = ", ".join(f"{k} {v}" for k, v in s["entities_by_type"].items())
    click.echo(f"Entities: {s['entities']} ({by_type})")
    rel = ", ".join(f"{k} {v}" for k, v in sorted(s["relations_by_type"].items(), key=lambda x: -x[1]))
    click.echo(f"Relations: {s['relations']} typed ({rel})")
    if unchanged:
        click.echo(f"Nothing changed: {', '.join(s['files'])} in {out}/ are up to date")
    else:
        click.echo(f"Wrote {', '.join(s['files'])} to {out}/")


@cli.command()
@click.argument("graph", type=click.Path())
@format_option
def stats(graph, fmt):
    """Counts of documents, entities and relations in GRAPH (a graph.json or its folder).

    \b
    Example:
        newsgraph stats out/graph.json
    """
    from .api import KnowledgeGraph

    kg = KnowledgeGraph.load(graph)
    rows = [{"measure": k, "value": v} for k, v in kg.stats().items()]
    emit(rows, fmt, ["measure", "value"])


@cli.command()
@click.argument("graph", type=click.Path())
@click.option("--type", "etype", multiple=True,
              help=f"Only entities of this type ({', '.join(ENTITY_TYPES)}; any case); repeatable.")
@click.option("--explain", "explain", metavar="NAME", help="Show how the entity NAME was resolved.")
@format_option
def entities(graph, etype, explain, fmt):
    """List the entities of GRAPH, most mentioned first.

    \b
    Example:
        newsgraph entities out/graph.json --type Person
        newsgraph entities out/graph.json --explain Maduro
    """
    from .api import KnowledgeGraph

    kg = KnowledgeGraph.load(graph)
    if explain:
        with _entities_hint(graph):
            rows = kg.explain(explain)
        emit(rows, fmt, ["doc", "alias", "count", "how"])
        return
    rows = kg.entity_rows(type=etype or None)
    emit(rows, fmt, ["id", "name", "type", "mentions", "docs", "aliases"])


@contextmanager
def _entities_hint(graph: str):
    """An unknown entity name gets the command that lists the names (not the Python API's)."""
    try:
        yield
    except UsageError as err:
        if str(err).startswith("No entity named") and not str(err).endswith("?"):
            raise UsageError(f"{err}; list the names with: newsgraph entities {graph}") from None
        raise


@cli.command()
@click.argument("graph", type=click.Path())
@click.option("--type", "rtype", multiple=True,
              help="Only relations of this type, e.g. OFFERED_ASYLUM_TO (any case); repeatable.")
@click.option("--entity", help="Only relations with this entity (any alias) at either end.")
@click.option("--status", multiple=True,
              help="Only relations with this status (asserted, reported, considered, ...); repeatable.")
@click.option("--all", "include_cooccurrence", is_flag=True, help="Include MENTIONED_WITH co-occurrence.")
@format_option
def relations(graph, rtype, entity, status, include_cooccurrence, fmt):
    """List relations with their status and evidence sentences.

    \b
    Example:
        newsgraph relations out/graph.json --type OFFERED_ASYLUM_TO
        newsgraph relations out/graph.json --entity Maduro --format json
    """
    from .api import KnowledgeGraph

    kg = KnowledgeGraph.load(graph)
    with _entities_hint(graph):
        rows = kg.relation_rows(type=rtype or None, entity=entity, status=status or None,
                                cooccurrence=include_cooccurrence)
    if fmt == "table":
        rows = [dict(r, evidence=[f"[{e['doc']}] {e['sentence']}" for e in r["evidence"]]) for r in rows]
    emit(rows, fmt, ["subject", "type", "object", "status", "weight", "evidence"])


@cli.command()
@click.argument("graph", type=click.Path())
@click.option("-o", "--out", default="graph.html", show_default=True, type=click.Path(dir_okay=False))
@click.option("--max-nodes", default=400, show_default=True, type=click.IntRange(1),
              help="Open on the most connected part above this many nodes.")
@click.option("--focus", metavar="NAME", help="Only this entity and what is within --depth relations of it.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0), help="Hops from --focus.")
@click.option("--title", help="Page title (default: the corpus name, or the --focus entity).")
def html(graph, out, max_nodes, focus, depth, title):
    """Write a self-contained interactive HTML view of GRAPH.

    \b
    Example:
        newsgraph html out/graph.json -o graph.html
        newsgraph html out/graph.json --focus Maduro --depth 2 --title "Maduro's options" -o maduro.html
    """
    from .api import KnowledgeGraph
    from .export.html import write_html

    write_html(KnowledgeGraph.load(graph).nx, out, max_nodes=max_nodes, focus=focus, depth=depth, title=title)
    click.echo(f"Wrote {out}")


@cli.group()
def export():
    """Export a graph to Neo4j (Bolt, Cypher script, neo4j-admin CSVs).

    \b
    Example:
        newsgraph export cypher out/graph.json -o graph.cypher
        NEO4J_PASSWORD=... newsgraph export neo4j out/graph.json --uri bolt://localhost:7687
    """


for _command in EXPORT_COMMANDS:
    export.add_command(_command)


def _parse_param(text: str) -> tuple[str, object]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise UsageError(f"--param takes NAME=VALUE, got {text!r}")
    try:
        return name, json.loads(value)
    except ValueError:
        return name, value


@cli.command()
@click.argument("graph", type=click.Path(exists=True))
@click.argument("cypher", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False),
              help="Run every statement of a .cypher file (e.g. docs/queries.cypher).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter ($NAME); VALUE is JSON if it parses, else a string. Repeatable.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.001), metavar="SECONDS",
              help="Stop a query that runs longer (one line, exit 1).")
@click.option("--max-memory", default=1024, show_default=True, type=click.IntRange(1), metavar="MB",
              help="Stop a query that needs more memory.")
@format_option
def query(graph, cypher, file, params, timeout, max_memory, fmt):
    """Run read-only Cypher on GRAPH with no server (embedded FalkorDB, cached).

    \b
    Example:
        newsgraph query out/graph.json "MATCH (a)-[:OFFERED_ASYLUM_TO]->(b) RETURN a.name, b.name"
        newsgraph query out/graph.json --file docs/queries.cypher
        newsgraph query out/graph.json "MATCH (n:Entity {name: \\$name}) RETURN n.type" -p name='"Russia"'
    """
    from .query import run_query, split_statements

    if bool(cypher) == bool(file):
        raise UsageError("Give either a CYPHER query or --file FILE")
    parameters = dict(_parse_param(p) for p in params) or None
    if file:
        statements = split_statements(Path(file).read_text(encoding="utf-8"))
        if not statements:
            raise UsageError(f"No Cypher statement in {file!r}")
    else:
        statements = [("", cypher)]
    results = []
    for question, statement in statements:
        columns, rows = run_query(graph, statement, params=parameters, timeout=timeout, max_memory_mb=max_memory)
        results.append((question, statement, columns, [dict(zip(columns, row)) for row in rows]))
    if file and fmt == "json":
        click.echo(json.dumps([{"question": q, "query": s, "columns": c, "rows": r} for q, s, c, r in results],
                              ensure_ascii=False, indent=2))
        return
    for i, (question, _, columns, rows) in enumerate(results):
        if file:
            if i:
                click.echo()
            click.echo(("# " if fmt == "csv" else "// ") + (question or f"statement {i + 1}"))
        emit(rows, fmt, columns)


def main():  # pragma: no cover - console script entry point
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
