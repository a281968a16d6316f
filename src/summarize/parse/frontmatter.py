"""YAML (``---``) and TOML (``+++``) front matter, tolerant of a BOM or blank lines before it.

A malformed block is not fatal: the user gets a warning naming the file and line, and the
text is read as it is (the fences stay out of the prose either way).
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
import warnings
from collections.abc import Mapping
from typing import Any

from ..errors import SummarizeWarning

_FENCES = {"---": "yaml", "+++": "toml"}


class FrontMatterWarning(SummarizeWarning):
    """Front matter that could not be parsed; the document is still read."""


def split_front_matter(text: str, *, source: str = "<input>") -> tuple[dict[str, Any], int]:
    """Return (metadata, number of leading lines the front matter occupies).

    The caller blanks those lines rather than deleting them, so source line numbers stay true.
    """
    lines = text.split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first < len(lines) and lines[first].strip() not in _FENCES:
        return _hexo_front_matter(lines, first, source)
    if first >= len(lines):
        return {}, 0
    fence = lines[first].strip()
    for close in range(first + 1, len(lines)):
        if lines[close].strip() in (fence, "..." if fence == "---" else fence):
            body = "\n".join(lines[first + 1 : close])
            meta = _parse(body, _FENCES[fence], source=source, line=first + 2)
            return meta, close + 1
    warnings.warn(
        f"{source}:{first + 1}: front matter opened with {fence!r} is never closed; reading the file as text",
        FrontMatterWarning,
        stacklevel=3,
    )
    return {}, 0


_YAML_LINE_RE = re.compile(r"^(?:[A-Za-z_][\w-]*:(?:\s.*)?|\s+-\s.*|\s+\S.*|-\s.*)$")


def _hexo_front_matter(lines: list[str], first: int, source: str) -> tuple[dict[str, Any], int]:
    """Hexo's front matter has no opening fence: ``key: value`` lines from the top, then ``---``."""
    if not re.match(r"^[A-Za-z_][\w-]*:\s", lines[first]):
        return {}, 0
    for close in range(first + 1, min(len(lines), first + 60)):
        if lines[close].strip() == "---":
            body = lines[first:close]
            if all(_YAML_LINE_RE.match(line) or not line.strip() for line in body):
                meta = _parse("\n".join(body), "yaml", source=source, line=first + 1)
                return (meta, close + 1) if meta else ({}, 0)
            return {}, 0
        if not lines[close].strip():
            continue
    return {}, 0


def _parse(body: str, kind: str, *, source: str, line: int) -> dict[str, Any]:
    try:
        if kind == "yaml":
            import yaml

            data = yaml.safe_load(body)
        else:
            if sys.version_info >= (3, 11):
                import tomllib
            else:  # pragma: no cover - exercised on 3.10 only
                import tomli as tomllib
            data = tomllib.loads(body)
    except Exception as error:  # both parsers raise their own hierarchies
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        warnings.warn(
            f"{source}:{line}: malformed {kind.upper()} front matter ({detail}); "
            "its fields are ignored and the rest of the file is read as usual",
            FrontMatterWarning,
            stacklevel=4,
        )
        return {}
    if not isinstance(data, Mapping):
        return {}
    return {str(k): _plain(v) for k, v in data.items()}


def _plain(value: Any) -> Any:
    """Dates to ISO strings and containers to lists/dicts, so metadata serialises to JSON."""
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def first_line_title(text: str) -> str | None:
    """A title from a leading line such as ``Title: …`` (caption dumps, podcast pages)."""
    m = re.match(r"\s*(?:Title|标题)\s*[:：]\s*(.+)", text)
    return m.group(1).strip() if m else None
