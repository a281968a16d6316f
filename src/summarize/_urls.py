"""The one rule for links, shared by every stage: what may be linked, and what may be linked absolutely.

A link reaches output from front matter, a source line, a caption file, a cache entry or a card
read back from JSON, and leaves through Markdown, HTML, JSON, an Anki note. Each of those places
used to check links its own way; now parsing, the card reader, the quiz and every exporter import
these two functions, so a link one stage accepts no other stage refuses, and the other way round.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

#: Longest link kept, in characters.
MAX_URL = 2_000
#: A scheme at the start of a link (``https:``, ``javascript:`` …).
SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = frozenset({"http", "https"})


def safe_url(value: Any) -> str | None:
    """``value`` when it is a link a reader may follow: http(s) or relative, no control characters.

    ``javascript:``, ``data:``, ``vbscript:``, ``file:`` and every other scheme are refused, as is
    anything a browser would strip into one (``java\\tscript:``) or an overlong value.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > MAX_URL or any(ord(c) < 0x21 or c in "\x7f<>\"'`" for c in url):
        return None
    if "\\" in url:
        return None  # browsers read it as "/": "https://evil.example\\@good.example", "\\host"
    m = SCHEME_RE.match(url)
    if m:
        return url if m.group(1).lower() in _SAFE_SCHEMES and len(url) > len(m.group(0)) + 2 else None
    if ":" in url.split("/", 1)[0]:
        return None  # "foo:bar" is a scheme to a browser
    return url


def http_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host that :func:`safe_url` passes, else None:
    what a card's Source field or an Anki note may link to (a relative link means nothing there)."""
    url = safe_url(value)
    return url if url and SCHEME_RE.match(url) and urlsplit(url).netloc else None
