"""What a card knows about its post: an identity that survives a rebuild, and a link to read it.

Identity. Anki matches an imported note to the one it already has by GUID, and a card's GUID
hashes its post's identity (plus template and question). So the identity must be the same on
every machine, checkout and working directory, and different for every post. In order:

1. front-matter ``url``, then ``slug`` (with the Hugo section path when the file sits under a
   ``content/`` folder), then ``permalink``: the site's own name for the post;
2. else the file's path relative to a *base* folder: the common parent of the posts given
   together (``summarize quiz posts/*/index.md`` → ``a/index.md``); for one post, its folder;
3. else (standard input, text) the title.

The base never cuts into a page bundle: a post whose file is ``index.*``/``_index.*``/
``README.*`` is named by its folder, so ``posts/a/index.md`` is ``a/index.md`` even when built
alone, and two separate builds of two bundles never share ids. A flat post keeps its bare file
name, which is what ids were built from before, so those decks still update in place.

Link. A card's Source field links to the post (metadata ``link``, ``url``, ``permalink``,
``canonical``, else a translation's ``source_url``: absolute http(s) URLs only), or, for a card from a timed caption when the post
names its video, to the video at the caption's second (YouTube ``&t=123s``, Bilibili ``?t=123``,
Vimeo ``#t=123s``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..model import Card, Document
from .._urls import http_url  # the one URL rule; absolute only: nothing else is ever linked
from .draft import normalise

#: File stems (before the first dot) of a post that is named by its folder: Hugo leaf and branch
#: bundles (``index.md``, ``index.zh.md``, ``_index.md``) and folder READMEs.
BUNDLE_STEMS = frozenset({"index", "_index", "readme"})

#: Metadata keys that may hold the post's absolute URL, best first; ``source_url`` (a translation's
#: "原文：<url>" line) is where the text came from, the best link left when the post names none.
_LINK_KEYS = ("link", "url", "permalink", "canonical", "canonical_url", "canonicalurl", "source_url")
_YOUTUBE_HOSTS = frozenset({"youtube.com", "m.youtube.com", "youtube-nocookie.com", "youtu.be"})
_BILIBILI_HOSTS = frozenset({"bilibili.com", "m.bilibili.com", "b23.tv"})
_VIMEO_HOSTS = frozenset({"vimeo.com", "player.vimeo.com"})
_EMBED_URLS = {
    "youtube": "https://www.youtube.com/watch?v={}",
    "youtube-nocookie": "https://www.youtube.com/watch?v={}",
    "bilibili": "https://www.bilibili.com/video/{}",
    "vimeo": "https://vimeo.com/{}",
}


# ----------------------------------------------------------------------------- front matter


def meta_text(meta: Mapping[str, Any], key: str) -> str | None:
    """A front-matter field as one clean line of text, or None when absent, empty or not a string.

    Keys are matched without regard to case (``URL:`` in a caption dump, ``url`` in YAML).
    """
    value = meta.get(key)
    if value is None:
        value = next((v for k, v in meta.items() if isinstance(k, str) and k.lower() == key), None)
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFC", " ".join(value.split()))
    return text or None


# ----------------------------------------------------------------------------- identity


def _is_file_source(source: str) -> bool:
    return bool(source) and source != "-" and not source.startswith("<")


def anchor(path: str | os.PathLike[str]) -> str:
    """The folder a post's file is named from: its own folder, or the one above a page bundle."""
    folder, name = os.path.split(os.path.abspath(path))
    if name.split(".", 1)[0].lower() in BUNDLE_STEMS:
        folder = os.path.dirname(folder)
    return folder


def common_base(paths: Iterable[str | os.PathLike[str]]) -> str | None:
    """The base folder for posts given together: the common parent of their :func:`anchor` folders.

    Standard input (``-``) is skipped; None when no path is a file path.
    """
    anchors = [anchor(p) for p in paths if _is_file_source(os.fspath(p))]
    if not anchors:
        return None
    try:
        return os.path.commonpath(anchors)
    except ValueError:  # different Windows drives: no common parent, each post keeps its own
        return None


def _portable(path: str) -> str:
    """Forward slashes, no ``./``, NFC: macOS hands out NFD file names, Windows backslashes."""
    text = os.path.normpath(path).replace(os.sep, "/").replace("\\", "/")
    while text.startswith("./"):
        text = text[2:]
    return unicodedata.normalize("NFC", text)


def relative_path(source: str, base: str | os.PathLike[str] | None = None) -> str:
    """``source`` relative to ``base`` (default: the post's :func:`anchor`), portably spelled.

    A file outside ``base`` keeps its path as given.
    """
    folder = os.path.abspath(base) if base is not None else anchor(source)
    target = os.path.abspath(source)
    try:
        inside = os.path.commonpath([folder, target]) == folder
    except ValueError:
        inside = False
    return _portable(os.path.relpath(target, folder) if inside else source)


def _url_key(url: str) -> str:
    """A URL as an identity: scheme dropped, host lower-cased, trailing slashes and index.html dropped."""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        url = parts.netloc.lower() + urlunsplit(("", "", parts.path, parts.query, ""))
    url = re.sub(r"/index\.html?\Z", "/", url, flags=re.IGNORECASE)
    return url.rstrip("/") or "/"


def section_path(doc: Document) -> str | None:
    """The Hugo section path of a post: front-matter ``section``, else the folders between the
    last ``content/`` folder and the post (``content/blog/2024/x.md`` → ``blog/2024``)."""
    given = meta_text(doc.meta, "section")
    if given:
        return given.strip("/") or None
    if not _is_file_source(doc.source):
        return None
    parts = _portable(anchor(doc.source)).split("/")
    if "content" not in parts:
        return None
    below = parts[len(parts) - parts[::-1].index("content") :]
    return "/".join(below) or None


def post_identity(doc: Document, *, base: str | os.PathLike[str] | None = None) -> str:
    """The post's identity for card ids (see the module docstring for the order and why)."""
    url = meta_text(doc.meta, "url")
    if url:
        return "url:" + _url_key(url)
    slug = meta_text(doc.meta, "slug")
    if slug:
        section = section_path(doc)
        return "slug:" + (f"{section}/{slug.strip('/')}" if section else slug.strip("/"))
    permalink = meta_text(doc.meta, "permalink")
    if permalink:
        return "url:" + _url_key(permalink)
    if _is_file_source(doc.source):
        return relative_path(doc.source, base)
    return doc.title or doc.source


# ----------------------------------------------------------------------------- links


def _host(url: str) -> str:
    host = urlsplit(url).netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host


def post_link(doc: Document) -> str | None:
    """The post's own absolute URL: metadata ``link`` (normalised upstream) first, then the raw fields."""
    for key in _LINK_KEYS:
        url = http_url(meta_text(doc.meta, key))
        if url:
            return url
    return None


def _is_video(url: str) -> bool:
    return _host(url) in _YOUTUBE_HOSTS | _BILIBILI_HOSTS | _VIMEO_HOSTS


def video_url(doc: Document) -> str | None:
    """The video a caption belongs to: ``videos`` in metadata, a video ``url``/``link``, or an embed."""
    candidates: list[object] = []
    videos = doc.meta.get("videos")
    candidates += videos if isinstance(videos, (list, tuple)) else [videos]
    candidates += [meta_text(doc.meta, key) for key in _LINK_KEYS]
    embeds = doc.meta.get("embeds")
    for embed in embeds if isinstance(embeds, (list, tuple)) else ():
        if isinstance(embed, Mapping) and isinstance(embed.get("id"), str):
            ident, kind = embed["id"].strip(), str(embed.get("kind", "")).lower()
            template = _EMBED_URLS.get(kind)
            is_plain_id = bool(re.fullmatch(r"[\w-]+", ident))
            candidates.append(ident if ident.startswith("http") else template.format(ident) if template and is_plain_id else None)
    for candidate in candidates:
        url = http_url(candidate)
        if url and _is_video(url):
            return url
    return None


def at_second(url: str, seconds: float) -> str:
    """``url`` opened at ``seconds`` on hosts whose players take a start time; other URLs unchanged."""
    second = max(int(seconds), 0)
    parts = urlsplit(url)
    host = _host(url)
    if host in _VIMEO_HOSTS:
        return urlunsplit(parts._replace(fragment=f"t={second}s"))
    if host in _YOUTUBE_HOSTS or host in _BILIBILI_HOSTS:
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("t", "start")]
        query.append(("t", f"{second}s" if host in _YOUTUBE_HOSTS else str(second)))
        return urlunsplit(parts._replace(query=urlencode(query)))
    return url


def card_link(doc: Document, time: float | None) -> str | None:
    """Where a card's reader goes: the video at the card's second for timed captions, else the post."""
    if time is not None:
        video = video_url(doc)
        if video:
            return at_second(video, time)
    return post_link(doc)


def with_post(cards: Sequence[Card], doc: Document, *, base: str | os.PathLike[str] | None = None) -> list[Card]:
    """The cards with their links, and, when ``base`` is given, ids relative to that base folder."""
    result = []
    for card in cards:
        changes: dict[str, Any] = {"link": card_link(doc, card.time)}
        if base is not None:
            changes["id"] = card_id(doc, card.template, card.question, base=base)
        result.append(dataclasses.replace(card, **changes))
    return result


def card_id(doc: Document, template: str, question: str, *, base: str | PurePath | None = None) -> str:
    """Stable across rebuilds: the post's identity, the template and the normalised question, never the answer.

    The identity (:func:`summarize.quiz.post.post_identity`) is the post's front-matter url/slug/
    permalink, else its path relative to ``base`` (default: the post's folder, or the folder above a
    page bundle), else its title; the same post gives the same id on any machine and checkout.
    """
    key = f"{post_identity(doc, base=base)}\x1f{template}\x1f{normalise(question)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
