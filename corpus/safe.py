"""Make untrusted strings safe to store: no lone surrogates, no control characters, printable names.

Every string a reader puts in a record goes through these, so that hashing, SQLite, JSON and the
XML-based exports never meet a character they cannot encode.
"""

from __future__ import annotations

import os
import re

__all__ = ["repair_surrogates", "strip_controls", "safe_text", "display_path"]

_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters XML 1.0 forbids (C0 controls but tab/newline/CR), DEL and the non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def repair_surrogates(text: str) -> tuple[str, int]:
    """Join surrogate pairs and replace lone surrogates with U+FFFD; return the text and the count.

    Examples
    --------
    >>> repair_surrogates("a\\ud800b")
    ('a\\ufffdb', 1)
    >>> repair_surrogates("\\ud83d\\ude00")
    ('😀', 0)
    """
    if not _SURROGATE.search(text):
        return text, 0
    fixed = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return fixed, fixed.count("\ufffd") - text.count("\ufffd")


def strip_controls(text: str, *, replacement: str = " ") -> str:
    """Replace control characters that XML and terminals cannot take (tab and newlines stay).

    Examples
    --------
    >>> strip_controls("a\\x00b\\x1bc\\nd")
    'a b c\\nd'
    """
    return _CONTROL.sub(replacement, text)


def safe_text(text: str) -> str:
    """A one-line-safe, encodable form of a metadata string (id, title, path, ...).

    Examples
    --------
    >>> safe_text("id\\x00\\ud800")
    'id \\ufffd'
    """
    return strip_controls(repair_surrogates(text)[0])


def display_path(path: str | os.PathLike) -> str:
    """The path as text; bytes that are not UTF-8 (file names from other systems) shown as ``\\xNN``.

    Examples
    --------
    >>> display_path(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    """
    raw = os.fsencode(path)
    return safe_text(raw.decode("utf-8", "backslashreplace"))
