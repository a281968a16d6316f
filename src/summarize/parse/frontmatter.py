"""YAML (``---``) and TOML (``+++``) front matter, tolerant of a BOM or blank lines before it.

A malformed block is not fatal: the user gets a warning naming the file and line, and the
text is read as it is (the fences stay out of the prose either way).

Front matter comes from whoever can write to the posts folder, so it is bounded: a block over
:data:`MAX_FRONT_MATTER_BYTES` is not parsed, a value that expands past :data:`MAX_NODES`
values (a YAML "billion laughs": aliases of aliases) is dropped before it is copied, and the
fields other stages print (title, dates, authors, tags …) must be short strings or lists of
them; anything else is refused with a warning. Dates are kept as written (YAML timestamps are
not resolved), so ``2024-03-01T23:30:00-08:00`` keeps its time and zone.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import sys
import warnings
from collections.abc import Mapping
from typing import Any

from ..errors import SummarizeWarning

_FENCES = {"---": "yaml", "+++": "toml"}

#: Front matter larger than this is not parsed (real posts use well under 4 KB).
MAX_FRONT_MATTER_BYTES = 64 * 1024
#: Values (scalars and containers) one field may expand to; YAML aliases can make a 2 KB block mean 10**10.
MAX_NODES = 10_000
#: Longest string a printed field may hold (a title, an author, a tag, a date, a URL).
MAX_FIELD_CHARS = 2_000
#: Longest description or summary.
MAX_DESCRIPTION_CHARS = 20_000
#: Most items in a list field (tags, categories, authors).
MAX_LIST_ITEMS = 200

# Fields other stages read and print, by lower-cased name: one short string each ...
_TEXT_FIELDS = frozenset({
    "title", "subtitle", "date", "publishdate", "publish_date", "pubdate", "published", "lastmod", "updated",
    "modified", "expirydate", "url", "slug", "permalink", "link", "canonical_url", "canonicalurl", "canonical",
    "original", "source_url", "description", "summary", "excerpt", "lang", "language",
})
# ... or a string or a list of short strings.
_LIST_FIELDS = frozenset({"author", "authors", "tags", "categories", "keywords", "series", "contributors"})
_LONG_FIELDS = frozenset({"description", "summary", "excerpt"})


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
            if len(body.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
                warnings.warn(
                    f"{source}:{first + 1}: front matter of {len(body):,} characters is over the "
                    f"{MAX_FRONT_MATTER_BYTES // 1024} KB limit; its fields are ignored and the rest of the file is read",
                    FrontMatterWarning,
                    stacklevel=3,
                )
                return {}, close + 1
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
            data = _yaml_load(body)
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
    meta: dict[str, Any] = {}
    left = 4 * MAX_NODES  # for the whole block: many keys aliasing one big value add up too
    for key, value in data.items():
        name = str(key)
        allowance = max(100, min(MAX_NODES, left))  # a scalar always fits
        budget = [allowance]
        try:
            plain = _plain(value, budget)
        except (_TooBig, RecursionError):
            _refuse(source, line, name, f"expands to more than {MAX_NODES:,} values (YAML aliases?)")
            left -= allowance
            continue
        left -= allowance - budget[0]
        problem = _field_problem(name.lower(), plain)
        if problem:
            _refuse(source, line, name, problem)
            continue
        meta[name] = plain
    from .metadata import post_link

    link = post_link(meta)
    if link and link.startswith(("http://", "https://")):
        meta["link"] = link  # the normalised link, where the exporters look first (canonical_url, url …)
    return meta


@functools.cache
def _loader() -> type:
    """PyYAML's safe loader without the timestamp rule: a date stays the string that was written."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def _yaml_load(body: str) -> Any:
    import yaml

    return yaml.load(body, Loader=_loader())  # noqa: S506 - a SafeLoader subclass


class _TooBig(Exception):
    pass


def _plain(value: Any, budget: list[int]) -> Any:
    """Dates to ISO strings and containers to lists/dicts, so metadata serialises to JSON.

    ``budget`` counts the values still allowed: shared (aliased) nodes are copied once per use,
    so the count is what the copy would cost, and it stops long before memory does.
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v, budget) for v in value]
    return value


def _field_problem(key: str, value: Any) -> str | None:
    """Why a printed field cannot be used as it is, or None; numbers count as their digits."""
    if key not in _TEXT_FIELDS and key not in _LIST_FIELDS:
        return None
    limit = MAX_DESCRIPTION_CHARS if key in _LONG_FIELDS else MAX_FIELD_CHARS
    if _short_text(value, limit):
        return None
    if key in _LIST_FIELDS and isinstance(value, list):
        if len(value) > MAX_LIST_ITEMS:
            return f"is a list of {len(value):,} items (at most {MAX_LIST_ITEMS})"
        if all(_short_text(v, MAX_FIELD_CHARS) or _named(v) for v in value):
            return None
        return "is not a list of short strings"
    if key in _LIST_FIELDS and _named(value):
        return None
    if isinstance(value, str):
        return f"is {len(value):,} characters long (at most {limit:,})"
    kind = {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
    wanted = "a string or a list of strings" if key in _LIST_FIELDS else "a string"
    return f"is {kind}, not {wanted}"


def _short_text(value: Any, limit: int) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and len(value) <= limit


def _named(value: Any) -> bool:
    """An author given as ``{name: …, …}`` (Hugo and Jekyll themes do this)."""
    return isinstance(value, Mapping) and _short_text(value.get("name"), MAX_FIELD_CHARS)


def _refuse(source: str, line: int, key: str, problem: str) -> None:
    warnings.warn(
        f"{source}:{line}: front matter field {key!r} {problem}; it is ignored",
        FrontMatterWarning,
        stacklevel=5,
    )


def first_line_title(text: str) -> str | None:
    """A title from a leading line such as ``Title: …`` (caption dumps, podcast pages)."""
    m = re.match(r"\s*(?:Title|标题)\s*[:：]\s*(.+)", text)
    return m.group(1).strip() if m else None
