"""Launch Debian's Chromium through Playwright with newsgraph's standard flags.

Playwright's own browser download does not work in our environments, so this
drives ``/usr/bin/chromium`` (``apt-get install chromium``) via
``executable_path``. A missing browser is an error, never a skip.

Usage (see tests/graph/test_html.py)::

    with chromium() as browser:
        page = offline_page(browser)
        page.goto(file_url("graph.html"))
        assert page.blocked == [] and page.console_errors == []
"""

import contextlib
import os
import shutil
from pathlib import Path

__all__ = [
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "chromium",
    "file_url",
    "offline_page",
    "require_chromium",
]

#: The browser binary; override with NEWSGRAPH_CHROMIUM.
CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")

#: Flags from DEVELOPERS.md (Playwright adds a fresh ``--user-data-dir``).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

_LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def require_chromium():
    """Return the Chromium path or raise with the fix.

    Raises
    ------
    RuntimeError
        If the binary is missing (install it: ``apt-get install -y chromium``).
    """
    path = CHROMIUM if os.path.isabs(CHROMIUM) else shutil.which(CHROMIUM)
    if not path or not os.access(path, os.X_OK):
        raise RuntimeError(
            f"Chromium not found at {CHROMIUM!r}. Install it with "
            "`apt-get update && apt-get install -y chromium` (or `make test`), "
            "or point NEWSGRAPH_CHROMIUM at a Chromium binary."
        )
    return path


@contextlib.contextmanager
def chromium(*, extra_args=()):
    """Yield a Playwright ``Browser`` running Debian's Chromium headless.

    Playwright refuses ``--user-data-dir`` in ``launch()``: it always starts
    Chromium with a fresh temporary profile of its own (passed as
    ``--user-data-dir``) and deletes it on close, which is what DEVELOPERS.md
    asks for.
    """
    from playwright.sync_api import sync_playwright

    path = require_chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=path,
            headless=True,
            args=[*CHROMIUM_FLAGS, *extra_args],
        )
        try:
            yield browser
        finally:
            browser.close()


def offline_page(browser, *, width=1400, height=900):
    """Open a page whose network is cut off; every attempt is recorded.

    Returns a Playwright ``Page`` with three extra list attributes:
    ``blocked`` (URLs of aborted non-local requests), ``console_errors``
    (console messages of type error) and ``page_errors`` (uncaught exceptions).
    """
    context = browser.new_context(viewport={"width": width, "height": height},
                                  service_workers="block")
    page = context.new_page()
    page.blocked, page.console_errors, page.page_errors = [], [], []

    def route(r):
        if r.request.url.startswith(_LOCAL_SCHEMES):
            r.continue_()
        else:
            r.abort()

    def record(request):
        if not request.url.startswith(_LOCAL_SCHEMES):
            page.blocked.append(request.url)

    context.route("**/*", route)
    context.on("request", record)
    context.on("websocket", lambda ws: page.blocked.append(ws.url))
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.page_errors.append(str(e)))
    return page


def file_url(path):
    """``file://`` URL of a local path."""
    return Path(path).resolve().as_uri()
