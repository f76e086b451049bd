"""Output helpers shared by every ``newsgraph`` listing command: one ``--format`` option, one printer.

The listing formats are defined here once (:data:`LISTING_FORMATS`); commands take them with
:func:`format_option` and print rows with :func:`emit`.

Examples
--------
>>> from click.testing import CliRunner
>>> @click.command()
... @format_option
... def demo(fmt):
...     emit([{"name": "Russia", "aliases": ["RU", "Russian Federation"]}], fmt)
>>> print(CliRunner().invoke(demo, ["--format", "csv"]).output)
name,aliases
Russia,RU; Russian Federation
<BLANKLINE>
"""

from __future__ import annotations

import csv
import io
import json

import click

__all__ = ["LISTING_FORMATS", "format_option", "emit"]

#: Output formats of the listing commands (``stats``, ``entities``, ``relations``, ``query``).
LISTING_FORMATS = ("table", "json", "jsonl", "csv")
# Widest table column, in characters; longer cells are clipped with an ellipsis.
_MAX_WIDTH = 60


def format_option(f):
    """The ``--format`` option of a listing command (passed to it as ``fmt``)."""
    return click.option("--format", "fmt", type=click.Choice(LISTING_FORMATS), default="table",
                        show_default=True, help="Output format.")(f)


def emit(rows: list[dict], fmt: str, columns: list[str] | None = None) -> None:
    """Print rows as a table, JSON, JSON lines or CSV.

    Parameters
    ----------
    rows : list of dict
        The rows; JSON formats print every key, table and CSV only ``columns``.
    fmt : str
        One of :data:`LISTING_FORMATS`.
    columns : list of str, optional
        Column order for the table and CSV (default: the keys of the first row).
    """
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
        widths = [min(_MAX_WIDTH, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
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
