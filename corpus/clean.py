"""Turn a raw article into clean text: general rules, no site-specific lists of lines.

What is removed or moved to metadata:

* byline and date lines near the top ("By Jane Doe | July 20, 2017 | 8:12pm EDT") -> metadata;
* lone interface words ("News", "Dismiss", "Share", "Advertisement") on a line of their own;
* "Related article:", "Read more:", "See also:" lines, and bare URLs;
* newsletter, subscription and donation appeals, including "Dear reader" letters at the end;
* photo-credit tails ("... MIKHAIL METZEL / POOL / AFP");
* repeated headline and paragraph lines (the first occurrence stays).

Hard-wrapped text (PDF or e-mail copies, lines broken at ~70-100 characters) is unwrapped so
that sentences are not cut by newlines; words hyphenated across a line break are rejoined.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass

from .safe import strip_controls

__all__ = ["CleanText", "clean_article", "parse_date", "normalize_date", "UI_WORDS"]

# Interface words that, alone on a line, are page furniture rather than text.
UI_WORDS = {
    "news", "dismiss", "share", "tweet", "email", "e-mail", "print", "comments", "comment",
    "advertisement", "advertising", "sponsored", "menu", "close", "search", "login", "log in",
    "sign in", "sign up", "subscribe", "donate", "read more", "more", "related", "related articles",
    "share this", "share this article", "follow us", "facebook", "twitter", "x", "linkedin",
    "whatsapp", "copy link", "listen", "play", "video", "photo", "image", "loading", "skip",
    "next", "previous", "back to top", "top", "home", "cookies", "accept", "ok", "trending",
    "most read", "latest", "opinion", "analysis", "watch", "subscribe now", "register",
}

_RELATED = re.compile(
    r"^\s*(related( articles?| stories| coverage| content)?|read more|read also|also read|see also|"
    r"more on this( story)?|recommended|watch|listen)\s*[:|\-–—]\s*\S",
    re.I,
)
_URL_LINE = re.compile(r"^\s*(<)?(https?://|www\.)\S+(>)?\s*$", re.I)
_APPEAL = re.compile(
    r"\b(donate|donation|newsletter|subscribe|subscription|sign up for|support (our|independent) "
    r"(journalism|reporting|work)|your (help|support|gift)|tax deduction|become a (member|supporter)|"
    r"help us|make a gift|chip in|contribute today)\b",
    re.I,
)
_SALUTATION = re.compile(r"^\s*(dear\s+\w+|[\w.&' -]{2,40}\breaders?)\s*,\s*$", re.I)
_SIGNOFF = re.compile(r"^\s*[—–-]+\s*the\s+[\w.&' -]{2,40}\s+team\s*$", re.I)
_CREDIT_TAIL = re.compile(r"(?:\s+|^)(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*\s*/\s*)+[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*\s*$")
_TERMINAL = tuple(".!?:;\"'”’)]")

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)"),
    re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I),
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(\d{4})\b", re.I),
]
_BYLINE = re.compile(r"^\s*(by|written by|posted by|published( on)?)\b", re.I)
_DATE_ONLY_SHAPE = re.compile(r"^[\w\s,.:|/+-]*$")


@dataclass(slots=True)
class CleanText:
    """Result of :func:`clean_article`."""

    text: str
    title: str | None
    date: str | None
    author: str | None
    removed: int  # number of furniture lines dropped


def parse_date(text: str) -> str | None:
    """Return the first calendar date in ``text`` as ``YYYY-MM-DD``, or None.

    Examples
    --------
    >>> parse_date("By Mark Browne | July 20, 2017 | 8:12pm EDT")
    '2017-07-20'
    >>> parse_date("published 3 Jan 2026")
    '2026-01-03'
    >>> parse_date("no date here") is None
    True
    >>> parse_date("2020-02-30") is None  # not a calendar date
    True
    """
    for found in _date_candidates(text):
        if _valid(*found):
            return "%04d-%02d-%02d" % found
    return None


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        _dt.date(y, mo, d)
    except ValueError:
        return False
    return 1800 <= y <= 2200


def _date_candidates(text: str):
    """``(year, month, day)`` of every date-shaped match in ``text``, valid or not."""
    for i, pattern in enumerate(_DATE_PATTERNS):
        m = pattern.search(text)
        if not m:
            continue
        if i == 0:
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
        elif i == 1:
            mo, d, y = _MONTHS[m[1].lower()[:3]], int(m[2]), int(m[3])
        else:
            d, mo, y = int(m[1]), _MONTHS[m[2].lower()[:3]], int(m[3])
        yield y, mo, d


def normalize_date(value: object) -> tuple[str | None, str | None]:
    """A metadata date (string or Unix timestamp) as ``(YYYY-MM-DD or None, problem or None)``.

    A string must hold a calendar date; a number is read as a Unix time in seconds (milliseconds
    when over 10^11); a bare year, a boolean or any other type is refused with a reason.

    Examples
    --------
    >>> normalize_date("March 4, 2024")
    ('2024-03-04', None)
    >>> normalize_date("2020-02-30")
    (None, "date '2020-02-30' is not a calendar date; ignored")
    >>> normalize_date(1700000000)
    ('2023-11-14', None)
    >>> normalize_date(2024)
    (None, 'date 2024 is a bare year, not a date; ignored')
    >>> normalize_date(None)
    (None, None)
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, str):
        found = parse_date(value)
        if found:
            return found, None
        shown = value if len(value) <= 40 else value[:40] + "..."
        if any(True for _ in _date_candidates(value)):
            return None, f"date {shown!r} is not a calendar date; ignored"
        return None, f"date {shown!r} not understood; ignored"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        if 1800 <= value <= 2200:
            return None, f"date {value!r} is a bare year, not a date; ignored"
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            day = _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            day = None
        if day is not None and 1800 <= day.year <= 2200:
            return day.isoformat(), None
        return None, f"date {value!r} is out of range as a Unix time; ignored"
    return None, f"date of type {type(value).__name__} ignored (expected a string)"


def _strip_credit(line: str) -> str:
    """The line without a photo-credit tail; only its last ~200 characters are searched (linear time)."""
    if len(line) <= 200:
        return _CREDIT_TAIL.sub("", line)
    cut = line.find(" ", len(line) - 200)
    if cut < 0:
        return line
    return line[:cut] + _CREDIT_TAIL.sub("", line[cut:])


def _is_ui_line(line: str) -> bool:
    s = line.strip().strip("|•·»«›‹>").strip().lower()
    return bool(s) and len(s.split()) <= 3 and s.rstrip(".:!") in UI_WORDS


def _byline(line: str) -> tuple[str | None, str | None] | None:
    """(author, date) when the line is a byline or a bare dateline, else None."""
    s = line.strip()
    if not s or len(s.split()) > 20:
        return None
    date = parse_date(s)
    if _BYLINE.match(s):
        author = re.split(r"\s*[|•·]\s*|\s+(?=" + _MONTH_RE + r"\s+\d)|\s+(?=\d{1,2}\s+" + _MONTH_RE + r")|\s+(?=\d{4}-)", s, flags=re.I)[0]
        author = re.sub(r"^(by|written by|posted by|published( on)?)\s+", "", author, flags=re.I).strip(" ,") or None
        return author, date
    if date and _DATE_ONLY_SHAPE.match(s) and len(s) < 60 and not s.endswith("."):
        return None, date
    return None


def _unwrap(lines: list[str], *, lead: bool = False) -> list[str]:
    """Join lines of one paragraph that were broken by a hard wrap.

    ``lead``: the first line is body text, not a headline (JSON and HTML bodies): in a hard-wrapped
    text it continues on the next line unless it ends a sentence, however short it is (a wire
    story whose dateline was taken off its first line: "Oil Minister Gholamreza" + "Aqazadeh is ...").

    Examples
    --------
    >>> body = ["Oil Minister Ali", "Reza is in Dubai to discuss oil"] + ["prices and the general market situation, officials"] * 8
    >>> _unwrap(body, lead=True)[0][:40]
    'Oil Minister Ali Reza is in Dubai to dis'
    >>> _unwrap(body)[0]
    'Oil Minister Ali'
    """
    lengths = sorted(len(line) for line in lines if line.strip())
    if not lengths:
        return lines
    width = lengths[int(0.9 * (len(lengths) - 1))]
    long_lines = [line.rstrip() for line in lines if len(line.rstrip()) >= 0.7 * width]
    open_ended = sum(1 for line in long_lines if not line.endswith(_TERMINAL))
    hard_wrapped = 40 <= width <= 130 and len(lengths) >= 8 and open_ended >= 0.5 * len(long_lines)
    # each output line as its parts and its length: joining once at the end keeps this linear
    out: list[list[str]] = []
    size = 0
    for line in lines:
        line = line.rstrip()
        if out and out[-1][-1].strip() and line.strip():
            prev = out[-1][-1]
            nxt = line.lstrip()
            hyphen = re.search(r"[A-Za-z]-$", prev[-2:]) is not None and nxt[:1].islower()
            long_prev = hard_wrapped and size >= 0.7 * width and not prev.endswith(_TERMINAL)
            lower_next = nxt[:1].islower() and not prev.endswith(_TERMINAL)
            # the first line of a body, shortened by a dateline taken off it
            long_prev = long_prev or lead and hard_wrapped and len(out) == 1 and not prev.endswith(_TERMINAL)
            if hyphen:
                out[-1].append(nxt)  # the hyphen stays: "corruption-" + "marked"
                size += len(nxt)
                continue
            if long_prev or lower_next:
                out[-1].append(" " + nxt)
                size += 1 + len(nxt)
                continue
        out.append([line])
        size = len(line)
    return ["".join(parts) for parts in out]


def clean_article(raw: str, *, title_line: bool = True) -> CleanText:
    """Clean a raw article text.

    Parameters
    ----------
    raw : str
        The article as read from disk (any newline convention).
    title_line : bool
        Whether the first non-empty line is the headline (plain-text articles).

    Examples
    --------
    >>> c = clean_article("Big news\\n\\nBy Jo Doe | May 2, 2024\\nRussia said so.\\nNews\\nDismiss\\n")
    >>> c.title, c.date, c.author, c.text
    ('Big news', '2024-05-02', 'Jo Doe', 'Big news\\n\\nRussia said so.')
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\u00a0", " ")
    text = strip_controls(text.replace("\x0b", "\n").replace("\x0c", "\n"))
    lines = _unwrap(text.split("\n"), lead=not title_line)
    title = next((line.strip() for line in lines if line.strip()), None) if title_line else None
    if title:
        title = _strip_credit(title).strip() or title
    author = date = None
    removed = 0
    kept: list[str] = []
    seen: set[str] = set()
    nonempty_seen = 0
    for line in lines:
        s = line.strip()
        if not s:
            kept.append("")
            continue
        nonempty_seen += 1
        if nonempty_seen <= 8 and (by := _byline(s)) is not None:
            author = author or by[0]
            date = date or by[1]
            removed += 1
            continue
        key = re.sub(r"\s+", " ", s.lower())
        if (
            _is_ui_line(s)
            or _RELATED.match(s)
            or _URL_LINE.match(s)
            or (len(key) > 20 and key in seen)
            or (_APPEAL.search(s) and len(s.split()) <= 80)
        ):
            removed += 1
            continue
        seen.add(key)
        s = _strip_credit(s) or s
        kept.append(s)
    kept, letter = _drop_reader_letter(kept)
    removed += letter
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return CleanText(text=body, title=title, date=date, author=author, removed=removed)


def _drop_reader_letter(lines: list[str]) -> tuple[list[str], int]:
    """Drop a fundraising letter to readers in the second half of an article.

    It starts at a salutation ("Dear reader," / "Acme Readers,") or sign-off and is confirmed
    by an appeal (donate, newsletter, ...) in the lines that follow; everything from the
    salutation to the end of the letter (its sign-off or the end of the text) goes.
    """
    content = [i for i, line in enumerate(lines) if line]
    if len(content) < 4:
        return lines, 0
    half = content[len(content) // 2]
    for i in content:
        if i < half or not _SALUTATION.match(lines[i]):
            continue
        window = " ".join(lines[i : i + 30])
        if not _APPEAL.search(window) and not any(_SIGNOFF.match(x) for x in lines[i : i + 30]):
            continue
        end = len(lines)
        for j in range(i, len(lines)):
            if _SIGNOFF.match(lines[j]):
                end = j + 1
                break
        dropped = sum(1 for x in lines[i:end] if x)
        return lines[:i] + lines[end:], dropped
    return lines, 0
