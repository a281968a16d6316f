"""A post's metadata for builders: authors, description, tags, categories, link, videos and dates.

Front matter spells the same fact many ways (Hugo's ``publishDate``, Jekyll's ``author: {name:}``,
a ``url`` relative to the site, a YouTube link inside a ``metadata:`` block). :func:`post_meta`
reads them all into one :class:`PostMeta`; :meth:`PostMeta.to_meta` writes the canonical
spelling back, so reading that again gives the same PostMeta (a cached summary keeps its facts).

Links are only ever http(s) or site-relative: :func:`safe_url` is the one rule every renderer
applies to every link, whatever its origin (front matter, a cache entry, a caption file);
:func:`http_url` is the same rule for where only an absolute link will do (quiz cards). Both
live in :mod:`summarize._urls`, which every stage imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote, urljoin

from .._urls import MAX_URL as _MAX_URL
from .._urls import SCHEME_RE as _SCHEME_RE
from .._urls import http_url, safe_url  # noqa: F401 (http_url re-exported: the one link rule lives in _urls)

#: Front-matter keys (lower-cased) a link is read from, best first: where the post itself lives.
LINK_KEYS = ("canonical_url", "canonicalurl", "canonical", "permalink", "url", "link")
#: Keys whose values are searched for video links (besides ``doc.meta["embeds"]``).
VIDEO_KEYS = ("metadata", "video", "videos", "youtube", "bilibili", "vimeo", "embed", "embeds")
DATE_KEYS = {"date": ("date",), "publishDate": ("publishdate", "publish_date", "pubdate", "published"),
             "lastmod": ("lastmod", "updated", "modified", "last_modified")}

_YOUTUBE_RE = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/(?:watch\?(?:[^\s\"'<>]*&)?v=|embed/|shorts/|live/|v/)|youtu\.be/)([\w-]{11})"
)
_BILIBILI_RE = re.compile(r"bilibili\.com/video/((?:BV[0-9A-Za-z]{10})|(?:av\d{1,12}))|b23\.tv/(BV[0-9A-Za-z]{10})")
_VIMEO_RE = re.compile(r"vimeo\.com/(?:video/)?(\d{4,12})")


def absolute(link: str | None, base_url: str | None) -> str | None:
    """``link`` made absolute against ``base_url`` (a relative link stays relative without one)."""
    if not link:
        return None
    if base_url and not _SCHEME_RE.match(link):
        base = base_url if base_url.endswith("/") else base_url + "/"
        link = urljoin(base, link.lstrip("/") if not link.startswith("//") else link)
    return safe_url(link)


def video_url(kind: str, ident: str) -> str | None:
    """The watch page of a YouTube, Bilibili or Vimeo id."""
    ident = ident.strip()
    if kind == "youtube" and re.fullmatch(r"[\w-]{11}", ident):
        return f"https://www.youtube.com/watch?v={ident}"
    if kind == "bilibili" and re.fullmatch(r"BV[0-9A-Za-z]{10}|av\d{1,12}", ident):
        return f"https://www.bilibili.com/video/{ident}"
    if kind == "vimeo" and re.fullmatch(r"\d{4,12}", ident):
        return f"https://vimeo.com/{ident}"
    return None


def video_at(url: str, seconds: float | None) -> str:
    """``url`` opened at ``seconds`` (YouTube, Bilibili and Vimeo spell it differently)."""
    if seconds is None:
        return url
    t = int(seconds)
    if "youtube.com" in url:
        return f"{url}&t={t}s"
    if "bilibili.com" in url:
        return f"{url}?t={t}"
    if "vimeo.com" in url:
        return f"{url}#t={t}s"
    return url


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%d %B %Y", "%d %b %Y", "%B %d, %Y",
                 "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%Y-%m", "%Y")


def parse_date(raw: str | None) -> datetime | None:
    """A written date as a ``datetime`` (aware when the text has a zone), or None when unreadable.

    ISO 8601 with or without time and zone, ``2023/11/16``, ``2023年11月16日``, ``Nov 16, 2023`` …
    """
    if not raw or len(raw) > 100:
        return None
    text = raw.strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(.*))?$", text)
    if m:
        day = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if m.group(4):
            clock = re.sub(r"\s+(?=[+-]\d{2}:?\d{2}$)", "", m.group(4).strip()).replace("Z", "+00:00")
            try:
                return datetime.fromisoformat(f"{day}T{clock}")
            except ValueError:
                pass
        text = day
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    return None


@dataclass(frozen=True, slots=True)
class PostMeta:
    """What a newsletter template shows about a post, in one spelling; dates as written."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    description: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    link: str | None = None
    videos: tuple[str, ...] = ()
    date: str | None = None
    """Front matter ``date`` as written (``2024-03-01T23:30:00-08:00``)."""
    publish_date: str | None = None
    """``publishDate`` as written."""
    lastmod: str | None = None
    """``lastmod`` as written."""

    @property
    def author(self) -> str | None:
        """The authors joined with ", " (None when there are none)."""
        return ", ".join(self.authors) or None

    @property
    def published(self) -> datetime | None:
        """When the post was published: ``date``, else ``publishDate``; None for an undated post."""
        return parse_date(self.date) or parse_date(self.publish_date)

    @property
    def updated(self) -> datetime | None:
        return parse_date(self.lastmod)

    @property
    def dated(self) -> bool:
        return self.published is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values: lists for tuples, dates as written."""
        return {
            "title": self.title,
            "author": self.author,
            "authors": list(self.authors),
            "description": self.description,
            "tags": list(self.tags),
            "categories": list(self.categories),
            "link": self.link,
            "videos": list(self.videos),
            "date": self.date,
            "publishDate": self.publish_date,
            "lastmod": self.lastmod,
            "dated": self.dated,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PostMeta:
        """The inverse of :meth:`to_dict`, checking every type (a cache entry may be forged)."""
        from .. import _schema as s

        data = s.mapping(data, "metadata")
        link = s.text(data, "link", optional=True, limit=_MAX_URL)
        if link is not None and safe_url(link) != link:
            raise s.SchemaError(f"'link' {link[:80]!r} is not an http(s) or relative URL")
        videos = s.texts(data, "videos", limit=_MAX_URL)
        if any(safe_url(v) != v for v in videos):
            raise s.SchemaError("'videos' holds a link that is not http(s)")
        return cls(
            title=s.text(data, "title", optional=True, limit=2_000),
            authors=s.texts(data, "authors"),
            description=s.text(data, "description", optional=True, limit=20_000),
            tags=s.texts(data, "tags"),
            categories=s.texts(data, "categories"),
            link=link,
            videos=videos,
            date=s.text(data, "date", optional=True, limit=100),
            publish_date=s.text(data, "publishDate", optional=True, limit=100),
            lastmod=s.text(data, "lastmod", optional=True, limit=100),
        )

    def to_meta(self) -> dict[str, Any]:
        """Front matter in the canonical spelling: ``post_meta(m.to_meta()) == m``."""
        meta: dict[str, Any] = {"title": self.title, "authors": list(self.authors),
                                "description": self.description, "tags": list(self.tags),
                                "categories": list(self.categories), "link": self.link,
                                "videos": list(self.videos), "date": self.date,
                                "publishDate": self.publish_date, "lastmod": self.lastmod}
        return {k: v for k, v in meta.items() if v not in (None, [])}


def post_meta(meta: Mapping[str, Any], *, base_url: str | None = None) -> PostMeta:
    """Read front matter (plus ``embeds`` and ``source_url`` from the reader) into a :class:`PostMeta`."""
    lowered: dict[str, Any] = {}
    for key, value in meta.items():
        lowered.setdefault(str(key).lower(), value)
    return PostMeta(
        title=_text(lowered.get("title")),
        authors=_names(lowered.get("authors")) or _names(lowered.get("author")),
        description=_text(lowered.get("description")) or _text(lowered.get("summary")),
        tags=_names(lowered.get("tags")),
        categories=_names(lowered.get("categories")),
        link=post_link(meta, base_url=base_url),
        videos=tuple(dict.fromkeys(_videos(lowered))),
        date=_date_text(lowered, "date"),
        publish_date=_date_text(lowered, "publishDate"),
        lastmod=_date_text(lowered, "lastmod"),
    )


def post_link(meta: Mapping[str, Any], *, base_url: str | None = None) -> str | None:
    """Where the post lives: an absolute link key first, then a relative one (made absolute with
    ``base_url``), then the reader's source line (``source_url``: "原文：<url>"), then ``slug``
    under ``base_url``."""
    lowered = {str(k).lower(): v for k, v in meta.items()}
    relative: list[str] = []
    for key in LINK_KEYS:
        url = safe_url(_text(lowered.get(key)))
        if url and _SCHEME_RE.match(url):
            return url
        if url:
            relative.append(url)
    for url in relative:
        made = absolute(url, base_url)
        if made and (base_url or url.startswith("/")):
            return made
    source = safe_url(_text(lowered.get("source_url")))
    if source and _SCHEME_RE.match(source):
        return source
    slug = _text(lowered.get("slug"))
    if slug and base_url and re.fullmatch(r"[\w.~%-]+(?:/[\w.~%-]+)*/?", slug):
        return absolute(quote(slug.strip("/"), safe="/%") + "/", base_url)
    return relative[0] if relative else None


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _names(value: Any) -> tuple[str, ...]:
    """A string, a comma-free list of strings, or ``{name: …}`` entries, as names in order, once each."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, Mapping):
            item = item.get("name")
        text = _text(item)
        if text:
            names.append(text)
    return tuple(dict.fromkeys(names))


def _date_text(lowered: Mapping[str, Any], which: str) -> str | None:
    for key in DATE_KEYS[which]:
        text = _text(lowered.get(key))
        if text:
            return text
    return None


def _videos(lowered: Mapping[str, Any]) -> Iterator[str]:
    embeds = lowered.get("embeds")
    for embed in embeds if isinstance(embeds, list) else []:
        if isinstance(embed, Mapping) and isinstance(embed.get("id"), str):
            url = video_url(str(embed.get("kind")), embed["id"])
            if url:
                yield url
    for key in VIDEO_KEYS:
        if key == "embeds":
            continue
        for text in _strings(lowered.get(key), budget=[500]):
            yield from _video_links(text)
            if key in ("youtube", "bilibili", "vimeo"):
                url = video_url(key, text)
                if url:
                    yield url


def _video_links(text: str) -> Iterator[str]:
    for m in _YOUTUBE_RE.finditer(text):
        yield f"https://www.youtube.com/watch?v={m.group(1)}"
    for m in _BILIBILI_RE.finditer(text):
        yield f"https://www.bilibili.com/video/{m.group(1) or m.group(2)}"
    for m in _VIMEO_RE.finditer(text):
        yield f"https://vimeo.com/{m.group(1)}"


def _strings(value: Any, budget: list[int]) -> Iterator[str]:
    """Every string inside ``value`` (front matter is bounded already; the budget keeps it so)."""
    budget[0] -= 1
    if budget[0] < 0:
        return
    if isinstance(value, str):
        yield value[:_MAX_URL * 4]
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v, budget)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, budget)


def sort_instant(when: datetime | None) -> datetime | None:
    """A comparable instant: aware datetimes in UTC, naive ones read as UTC."""
    if when is None:
        return None
    return when.astimezone(timezone.utc).replace(tzinfo=None) if when.tzinfo else when
