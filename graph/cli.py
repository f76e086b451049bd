"""The ``newsgraph`` command line: a thin shell over the library.

Library errors (``NewsgraphError``) become one line on stderr and exit code 2 (usage) or 1 (data),
in one place: :class:`_Group`.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time

import click

from newsgraph.corpus.errors import NewsgraphError
from newsgraph.corpus.readers import Fields
from newsgraph.extractors.pipeline import DEFAULT_MODEL

__all__ = ["cli"]

FORMATS = ["table", "json", "jsonl", "csv"]


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


def format_option(f):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Output format.")(f)


def emit(rows: list[dict], fmt: str, columns: list[str] | None = None) -> None:
    """Print rows as a table, JSON, JSON lines or CSV."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        click.echo(buf.getvalue(), nl=False)
    else:
        if not rows:
            click.echo("(no rows)")
            return
        cells = [[_cell(row.get(c)) for c in columns] for row in rows]
        widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
        click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
        click.echo("  ".join("-" * w for w in widths))
        for r in cells:
            click.echo("  ".join(_clip(v, w).ljust(w) for v, w in zip(r, widths)).rstrip())


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value).replace("\n", " ")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def cli():
    """Build a knowledge graph of who did what to whom from news articles.

    \b
    Example:
        newsgraph build corpus/sample -o out
        newsgraph relations out/graph.json --type OFFERED_ASYLUM_TO
        newsgraph query out/graph.json "MATCH (a)-[r:OFFERED_ASYLUM_TO]->(b) RETURN a.name, b.name"
    """


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
@click.option("--no-cache", is_flag=True, help="Parse every document; do not read or write OUT/.newsgraph-cache.sqlite.")
@click.option("--no-html", is_flag=True, help="Skip the HTML export.")
@click.pass_context
def build(ctx, paths, out, update_out, model, rules, processes, batch_size, fields, no_cache, no_html):
    """Build the graph of PATHS (files or folders of .txt, .md, .html, .json, .jsonl).

    Writes OUT/graph.json, documents.jsonl (every input: processed or skipped, with the
    reason), graph.graphml, graph.gexf, graph.html and the Neo4j exports. Extraction results
    are cached in OUT/.newsgraph-cache.sqlite: a rebuild parses only new or changed documents.

    \b
    Example:
        newsgraph build corpus/sample -o out
        newsgraph build articles.jsonl --fields uid,headline,published,body -o out --processes 2
        newsgraph build --update out new_articles/
    """
    from newsgraph.extractors.pipeline import Extractor

    from .cache import read_manifest
    from .pipeline import build as run_build, count_inputs, open_cache, outputs_current, write_outputs

    previous = None
    if update_out is not None:
        if ctx.get_parameter_source("out") is not click.core.ParameterSource.DEFAULT and out != update_out:
            raise click.UsageError("--update OUT writes to OUT; do not give another -o/--out")
        if no_cache:
            raise click.UsageError("--update reads the earlier build from the cache; drop --no-cache")
        out = update_out
        previous = read_manifest(out)
        # the earlier build's model and rules unless given again
        model = model or previous.info.get("model")
        rules = rules or tuple(previous.info.get("rules", ()))
    fields_spec = Fields.parse(fields)
    extractor = Extractor(model or DEFAULT_MODEL, rules=rules, batch_size=batch_size, n_process=processes)
    cache = None if no_cache else open_cache(out, extractor)
    total = count_inputs(paths) + (len(previous) if previous is not None else 0)
    progress = _Progress(total)
    try:
        with click.progressbar(length=total, label="Building", file=sys.stderr, show_eta=False, show_pos=True,
                               item_show_func=lambda _: progress.text()) as bar:
            def tick(item):
                progress.done(getattr(item, "words", 0))
                bar.update(1, item)

            G, records, report = run_build(paths, extractor=extractor, fields=fields_spec, on_document=tick,
                                           cache=cache, previous=previous)
        # nothing changed since the build that wrote OUT: its exports are still exact
        unchanged = outputs_current(out, cache, html=not no_html) if cache is not None else None
        report.files = unchanged or write_outputs(G, records, out, html=not no_html, cache=cache)
    finally:
        if cache is not None:
            cache.close()
    summary = report.summary(G)
    _print_summary(summary, out, unchanged=unchanged is not None)


class _Progress:
    """Documents done, words per second and time remaining over the last minute of a build."""

    WINDOW = 60.0  # seconds of history for the rate

    def __init__(self, total: int):
        self.total = total
        self.docs = self.words = 0
        self.samples = [(time.perf_counter(), 0, 0)]

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
@click.option("--type", "etype", type=click.Choice(["Person", "State", "Institution", "Location"]),
              help="Only entities of this type.")
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
        emit(kg.explain(explain), fmt, ["doc", "alias", "count", "how"])
        return
    rows = kg.entity_rows(type=etype)
    emit(rows, fmt, ["id", "name", "type", "mentions", "docs", "aliases"])


@cli.command()
@click.argument("graph", type=click.Path())
@click.option("--type", "rtype", help="Only relations of this type, e.g. OFFERED_ASYLUM_TO.")
@click.option("--entity", help="Only relations with this entity (any alias) at either end.")
@click.option("--status", help="Only relations with this status (asserted, reported, considered, ...).")
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
    rows = kg.relation_rows(type=rtype, entity=entity, status=status, cooccurrence=include_cooccurrence)
    if fmt == "table":
        rows = [dict(r, evidence=[f"[{e['doc']}] {e['sentence']}" for e in r["evidence"]]) for r in rows]
    emit(rows, fmt, ["subject", "type", "object", "status", "weight", "evidence"])


@cli.command()
@click.argument("graph", type=click.Path())
@click.option("-o", "--out", default="graph.html", show_default=True, type=click.Path(dir_okay=False))
@click.option("--max-nodes", default=400, show_default=True, type=click.IntRange(1),
              help="Open on the most connected part above this many nodes.")
def html(graph, out, max_nodes):
    """Write a self-contained interactive HTML view of GRAPH.

    \b
    Example:
        newsgraph html out/graph.json -o graph.html
    """
    from .api import KnowledgeGraph

    KnowledgeGraph.load(graph).to_html(out, max_nodes=max_nodes)
    click.echo(f"Wrote {out}")


@cli.group()
def export():
    """Export a graph to Neo4j (Bolt, Cypher script, neo4j-admin CSVs).

    \b
    Example:
        newsgraph export cypher out/graph.json -o graph.cypher
        NEO4J_PASSWORD=... newsgraph export neo4j out/graph.json --uri bolt://localhost:7687
    """


def _register_optional_commands():
    """Commands from export modules (Neo4j, embedded query) register here when present."""
    import importlib.util

    if importlib.util.find_spec("newsgraph.graph.export.neo4j_cli"):
        from .export import neo4j_cli

        for name in ("export_neo4j", "export_cypher", "export_neo4j_csv"):
            if hasattr(neo4j_cli, name):
                export.add_command(getattr(neo4j_cli, name))
        if hasattr(neo4j_cli, "query"):
            cli.add_command(neo4j_cli.query)


_register_optional_commands()


def main():  # pragma: no cover - console script entry point
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
