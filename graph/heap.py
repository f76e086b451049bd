"""Keep the build's long-lived objects out of the cyclic garbage collector's full passes.

A build holds the spaCy model, the rules and the lexicons (some 150,000 Python objects) for its
whole run; each full collection would scan them all again. :func:`long_lived_heap` freezes them
(``gc.freeze``) for the duration of a function and gives them back (``gc.unfreeze``) when it
returns; :func:`mark_long_lived` adds what is alive at that point (call it once the model is
loaded). Nothing is done when the caller has frozen objects itself. Collection is only
deferred, never skipped for objects made during the build, so results are the same.
"""

from __future__ import annotations

import functools
import gc

__all__ = ["long_lived_heap", "mark_long_lived"]

_FROZEN = False  # True while a decorated function runs with the heap frozen by us


def long_lived_heap(func):
    """Decorator: run ``func`` with the objects alive at its start frozen (see the module).

    Examples
    --------
    >>> @long_lived_heap
    ... def frozen_inside():
    ...     return gc.get_freeze_count() > 0
    >>> frozen_inside(), gc.get_freeze_count()
    (True, 0)
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        global _FROZEN
        if _FROZEN or gc.get_freeze_count():
            return func(*args, **kwargs)
        gc.freeze()
        _FROZEN = True
        try:
            return func(*args, **kwargs)
        finally:
            _FROZEN = False
            gc.unfreeze()

    return wrapper


def mark_long_lived() -> None:
    """Inside :func:`long_lived_heap`: freeze every object alive now too (no-op outside it)."""
    if _FROZEN:
        gc.freeze()
