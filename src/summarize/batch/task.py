"""The per-file work every engine runs: one top-level, picklable function and its value types.

Serial, process-pool and Dask runs all call :func:`process_file` on the same bytes with the
same :class:`Options`, so a digest cannot depend on the engine that built it.
"""

from __future__ import annotations

import os
import re
import time
import warnings
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from ..parse import DEFAULT_MAX_BYTES
from ..parse.metadata import parse_date

if TYPE_CHECKING:
    from ..model import Card, Document
    from ..parse.metadata import PostMeta
    from ..takeaways import Summary

# Options and Result are pickled between processes; they are frozen but not slotted, because
# Python 3.10's pickling of frozen slotted dataclasses is unreliable.


@dataclass(frozen=True)
class Options:
    """What to compute for each post: every ``summarize`` and ``summarize quiz`` knob a digest uses."""

    n: int = 3
    lang: str = "auto"
    algorithm: str = "takeaways"
    max_words: int | None = None
    min_confidence: float | None = None
    """Past a post's best takeaway, the least confidence one needs to be printed (None: the algorithm's own)."""
    quiz: bool = False
    max_cards: int = 3
    templates: tuple[str, ...] = ()
    fmt: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    base_url: str | None = None
    """Makes a post's relative link (``url: /posts/x/``, a ``slug``) absolute."""

    def __post_init__(self) -> None:
        from ..errors import UnknownChoiceError, UsageError
        from ..parse import FORMATS
        from ..pipeline import LANGS
        from ..score import algorithms

        object.__setattr__(self, "templates", tuple(os.fspath(t) for t in self.templates))
        if self.lang not in LANGS:
            raise UnknownChoiceError("--lang", self.lang, LANGS)
        if self.algorithm not in algorithms():
            raise UnknownChoiceError("--algorithm", self.algorithm, algorithms())
        if self.fmt not in FORMATS:
            raise UnknownChoiceError("--input-format", self.fmt, FORMATS)
        if self.n < 0:
            raise UsageError(f"-n must be 0 or more, not {self.n}")
        if self.max_words is not None and self.max_words <= 0:
            raise UsageError(f"--max-words must be a positive number, not {self.max_words}")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise UsageError(f"--min-confidence must be between 0 and 1, not {self.min_confidence}")
        if self.max_cards < 0:
            raise UsageError(f"--max-cards must be 0 or more, not {self.max_cards}")
        if self.max_bytes <= 0:
            raise UsageError(f"--max-bytes must be a positive number of bytes, not {self.max_bytes}")
        if self.base_url is not None and not re.match(r"https?://[^\s/]+", self.base_url):
            raise UsageError(f"--base-url must be an http(s) URL such as https://example.com/, not {self.base_url!r}")

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON values (shown in JSON digests, hashed into cache keys)."""
        data = asdict(self)
        data["templates"] = list(self.templates)
        return data


@dataclass(frozen=True)
class Result:
    """One post's outcome: its :class:`~summarize.takeaways.Summary` (and cards), or the error that stopped it.

    ``error`` and ``error_type`` are named the same in a JSON digest's ``errors`` entries.
    ``cached`` and ``seconds`` describe this run, not the post; they never reach rendered output.
    """

    path: str
    summary: Summary | None = None
    """What ``summarize FILE`` computes (``summary.to_dict()`` is what ``--format json`` prints)."""
    cards: tuple[Card, ...] = ()
    """The post's top cards (only with ``quiz=True``)."""
    link: str | None = None
    """The post's own URL (``summary.metadata.link``, made absolute with ``base_url``)."""
    error: str | None = None
    error_type: str | None = None
    warnings: tuple[str, ...] = ()
    anchors: tuple[str | None, ...] = ()
    """Per takeaway, the ``#anchor`` of the heading of its section (None before the first heading)."""
    cached: bool = field(default=False, compare=False)
    seconds: float = field(default=0.0, compare=False)
    detail: str | None = field(default=None, compare=False, repr=False)
    """The traceback of an internal error (a bug of ours), for ``--debug``; never cached or rendered."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Summary holds read-only mappings, which do not pickle; its plain form does, exactly.
        return (_rebuild, (self.payload(), self.cached, self.seconds, self.detail))

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def metadata(self) -> PostMeta:
        """The post's authors, tags, dates … (empty for a failed post)."""
        from ..parse.metadata import PostMeta

        return self.summary.metadata if self.summary is not None else PostMeta()

    @property
    def title(self) -> str:
        """The post's title, else its file name."""
        title = self.summary.title if self.summary else None
        return str(title) if title else PurePath(self.path).name

    @property
    def published(self) -> datetime | None:
        """When the post was published (front matter ``date``, else ``publishDate``); None when undated."""
        return self.metadata.published

    @property
    def date(self) -> str | None:
        """The publication date as ``YYYY-MM-DD`` (None when undated; ``published`` has the time and zone)."""
        when = self.published
        return when.date().isoformat() if when else None

    def sort_key(self, order: str = "date") -> tuple[Any, ...]:
        """Digest order: ``date`` (oldest first), ``-date`` (newest first), ``path`` or ``title``.

        Undated posts come after dated ones either way; ties go by path.
        """
        from ..parse.metadata import sort_instant

        if order == "path":
            return (self.path,)
        if order == "title":
            return (self.title.casefold(), self.path)
        when = sort_instant(self.published)
        stamp = (when - datetime(1970, 1, 1)).total_seconds() if when else 0.0
        return (when is None, -stamp if order == "-date" else stamp, self.path)

    def to_dict(self) -> dict[str, Any]:
        """A post as plain values for templates (Jinja2 and friends); nothing run-dependent."""
        from ..parse.metadata import video_at

        summary = self.summary.to_dict() if self.summary else {}
        meta = self.metadata
        videos = list(meta.videos)
        takeaways = []
        for i, t in enumerate(summary.get("takeaways", ())):
            anchor = self.anchors[i] if i < len(self.anchors) else None
            if t["time"] is not None and videos:
                target: str | None = video_at(videos[0], t["time"])
            elif self.link:
                target = f"{self.link}#{anchor}" if anchor else self.link
            else:
                target = None
            takeaways.append({**t, "link": target})
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "link": self.link,
            "lang": summary.get("lang"),
            "algorithm": summary.get("algorithm"),
            "takeaways": takeaways,
            "cards": [c.to_dict() for c in self.cards],
            "error": None if self.ok else {"type": self.error_type, "message": self.error},
            "author": meta.author,
            "authors": list(meta.authors),
            "description": meta.description,
            "tags": list(meta.tags),
            "categories": list(meta.categories),
            "videos": videos,
            "datetime": meta.date if parse_date(meta.date) else meta.publish_date,
            "publishDate": meta.publish_date,
            "lastmod": meta.lastmod,
            "dated": meta.dated,
        }

    def payload(self) -> dict[str, Any]:
        """What the cache stores: everything but the run-dependent fields."""
        return {
            "path": self.path,
            "summary": self.summary.to_dict() if self.summary is not None else None,
            "cards": [c.to_dict() for c in self.cards],
            "link": self.link,
            "error": self.error,
            "error_type": self.error_type,
            "warnings": list(self.warnings),
            "anchors": list(self.anchors),
        }

    @classmethod
    def from_payload(cls, data: Mapping[str, Any], *, cached: bool = True) -> Result:
        """The inverse of :meth:`payload`, checking every type and size; raises ``ValueError`` otherwise."""
        from .. import _schema as s
        from ..model import Card
        from .._urls import safe_url
        from ..takeaways import Summary

        data = s.mapping(data, "result")
        summary = None if data.get("summary") is None else Summary.from_dict(data["summary"])
        error = s.text(data, "error", optional=True)
        if (summary is None) == (error is None):
            raise s.SchemaError("a result has either a summary or an error")
        link = s.text(data, "link", optional=True, limit=2_000)
        if link is not None and safe_url(link) != link:
            raise s.SchemaError("'link' is not an http(s) or relative URL")
        anchors = s.items(data, "anchors", optional=True)
        if not all(a is None or (isinstance(a, str) and _ANCHOR_RE.fullmatch(a)) for a in anchors):
            raise s.SchemaError("'anchors' holds something that is not a heading anchor")
        return cls(
            path=s.text(data, "path", limit=4_096),
            summary=summary,
            cards=tuple(Card.from_dict(c) for c in s.items(data, "cards")),
            link=link,
            error=error,
            error_type=s.text(data, "error_type", optional=True, limit=100),
            warnings=s.texts(data, "warnings", limit=s.MAX_STR),
            anchors=tuple(anchors),
            cached=cached,
        )


def _rebuild(payload: dict[str, Any], cached: bool, seconds: float, detail: str | None) -> Result:
    return replace(Result.from_payload(payload, cached=cached), seconds=seconds, detail=detail)


def normalise_date(raw: str) -> str | None:
    """``YYYY-MM-DD`` for the date forms posts use (ISO with or without time, 2023/11/16, Nov 16, 2023…)."""
    when = parse_date(raw)
    return when.date().isoformat() if when else None


_ANCHOR_RE = re.compile(r"[\w\-.~%]{1,200}")


def heading_anchor(text: str) -> str | None:
    """The ``id`` Hugo and GitHub give a heading: lower case, punctuation dropped, spaces as hyphens."""
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
    return slug if slug and _ANCHOR_RE.fullmatch(slug) else None


def _anchors(doc: Document, summary: Summary) -> tuple[str | None, ...]:
    headings = {b.section: b.text for b in doc.blocks if b.kind == "heading" and b.level > 1}  # h1: the title
    by_id = {s.id: s for s in doc.sentences}
    out = []
    for t in summary.takeaways:
        sentence = by_id.get(t.sentence_ids[0]) if t.sentence_ids else None
        if sentence is None or not sentence.section:
            out.append(None)
            continue
        explicit = getattr(sentence, "anchor", None)  # `## Setup {#setup}`: the post's own id wins
        if explicit and _ANCHOR_RE.fullmatch(explicit):
            out.append(explicit)
        else:
            heading = headings.get(sentence.section)
            out.append(heading_anchor(heading) if heading else None)
    return tuple(out)


def process_file(path: str, options: Options, data: bytes | None = None) -> Result:
    """Summarize one post (and make its cards) exactly as ``summarize FILE`` would; never raises for bad input.

    ``data`` is the file's bytes when the caller has read them already (the cache key was computed
    from them, and a remote worker may not see the file); otherwise the file is read here.
    Errors become values: a broken post must not stop the other thousand.
    """
    from ..errors import EmptyInputError, SummarizeError
    from ..parse import read_bytes
    from ..parse.metadata import post_link
    from ..pipeline import load, require_prose, summarize
    from ..segment import segment
    from ..takeaways import Summary

    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if data is None:
                doc = load(Path(path), fmt=options.fmt, max_bytes=options.max_bytes)
            else:  # the same two steps as pipeline.load on a path, on bytes already in hand
                doc = segment(read_bytes(data, source=path, fmt=options.fmt))
            require_prose(doc)
            summary = summarize(doc, n=options.n, lang=options.lang, algorithm=options.algorithm,
                                max_words=options.max_words, min_confidence=options.min_confidence)
            if not summary.takeaways and options.n > 0:
                other = "zh" if summary.lang == "en" else "en"
                raise EmptyInputError(
                    f"{doc.source}: no sentence in {summary.lang!r} worth a takeaway; try --lang {other} or --lang auto"
                )
            cards: tuple[dict[str, Any], ...] = ()
            if options.quiz and options.max_cards > 0:
                from ..quiz import quiz

                cards = tuple(quiz(doc, lang=options.lang, max_cards=options.max_cards, templates=options.templates))
            link = post_link(summary.meta, base_url=options.base_url)
            if link:  # the Summary carries the resolved link too (``meta["link"]``, as the exporters read it)
                summary = replace(summary, meta={**summary.meta, "link": link})
            plain = Summary.from_dict(summary.to_dict())  # the same value whichever engine or cache made it
            result = Result(path, plain, cards, link, anchors=_anchors(doc, summary))
        except SummarizeError as error:
            result = Result(path, error=str(error), error_type=type(error).__name__)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as error:  # a bug of ours on this post: report it with the others, carry on
            import traceback

            result = Result(path, error=f"internal error: {type(error).__name__}: {error} "
                                                 "(please report it; --debug shows the traceback)",
                            error_type="InternalError", detail=traceback.format_exc())
    messages = tuple(dict.fromkeys(str(w.message) for w in caught))
    return replace(result, warnings=messages, cached=False, seconds=time.perf_counter() - start)


def process_chunk(chunk: list[tuple[str, bytes | None]], options: Options) -> list[Result]:
    """:func:`process_file` over a few posts: one round trip to a worker for several small posts."""
    return [process_file(path, options, data) for path, data in chunk]
