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
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any

from ..parse import DEFAULT_MAX_BYTES

# Options and Result are pickled between processes; they are frozen but not slotted, because
# Python 3.10's pickling of frozen slotted dataclasses is unreliable.


@dataclass(frozen=True)
class Options:
    """What to compute for each post: every ``summarize`` and ``summarize quiz`` knob a digest uses."""

    n: int = 3
    lang: str = "auto"
    algorithm: str = "takeaways"
    max_words: int | None = None
    quiz: bool = False
    max_cards: int = 3
    templates: tuple[str, ...] = ()
    fmt: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES

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
        if self.max_cards < 0:
            raise UsageError(f"--max-cards must be 0 or more, not {self.max_cards}")
        if self.max_bytes <= 0:
            raise UsageError(f"--max-bytes must be a positive number of bytes, not {self.max_bytes}")

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON values (shown in JSON digests, hashed into cache keys)."""
        data = asdict(self)
        data["templates"] = list(self.templates)
        return data


@dataclass(frozen=True)
class Result:
    """One post's outcome: its summary (and cards), or the error that stopped it.

    ``cached`` and ``seconds`` describe this run, not the post; they never reach rendered output.
    """

    path: str
    summary: Mapping[str, Any] | None = None
    """``Summary.to_dict()``: exactly what ``summarize FILE --format json`` prints."""
    cards: tuple[Mapping[str, Any], ...] = ()
    """``Card.to_dict()`` of the post's top cards (only with ``quiz=True``)."""
    link: str | None = None
    """The post's own URL from its metadata (``link``, ``url``, ``permalink``, ``canonical``…)."""
    error: str | None = None
    error_type: str | None = None
    warnings: tuple[str, ...] = ()
    cached: bool = field(default=False, compare=False)
    seconds: float = field(default=0.0, compare=False)
    detail: str | None = field(default=None, compare=False, repr=False)
    """The traceback of an internal error (a bug of ours), for ``--debug``; never cached or rendered."""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def title(self) -> str:
        """The post's title, else its file name."""
        title = self.summary.get("title") if self.summary else None
        return str(title) if title else PurePath(self.path).name

    @property
    def date(self) -> str | None:
        """The post's date as ``YYYY-MM-DD`` when it can be read, else as written (None when absent)."""
        raw = self.summary.get("date") if self.summary else None
        if not raw:
            return None
        return normalise_date(str(raw)) or str(raw)

    def sort_key(self) -> tuple[bool, str, str]:
        """Digest order: dated posts by date, then undated ones; ties by path."""
        date = self.date
        return (date is None, date or "", self.path)

    def to_dict(self) -> dict[str, Any]:
        """A post as plain values for templates (Jinja2 and friends); nothing run-dependent."""
        summary = self.summary or {}
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "link": self.link,
            "lang": summary.get("lang"),
            "algorithm": summary.get("algorithm"),
            "takeaways": [dict(t) for t in summary.get("takeaways", ())],
            "cards": [dict(c) for c in self.cards],
            "error": None if self.ok else {"type": self.error_type, "message": self.error},
        }

    def payload(self) -> dict[str, Any]:
        """What the cache stores: everything but the run-dependent fields."""
        return {
            "path": self.path,
            "summary": dict(self.summary) if self.summary is not None else None,
            "cards": [dict(c) for c in self.cards],
            "link": self.link,
            "error": self.error,
            "error_type": self.error_type,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_payload(cls, data: Mapping[str, Any], *, cached: bool = True) -> Result:
        summary = data["summary"]
        if summary is not None and not isinstance(summary, Mapping):
            raise TypeError("summary is not an object")
        return cls(
            path=str(data["path"]),
            summary=summary,
            cards=tuple(dict(c) for c in data["cards"]),
            link=data["link"],
            error=data["error"],
            error_type=data["error_type"],
            warnings=tuple(str(w) for w in data["warnings"]),
            cached=cached,
        )


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%d %B %Y", "%d %b %Y", "%B %d, %Y",
                 "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%Y-%m", "%Y")


def normalise_date(raw: str) -> str | None:
    """``YYYY-MM-DD`` for the date forms posts use (ISO with or without time, 2023/11/16, Nov 16, 2023…)."""
    from datetime import datetime

    text = raw.strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]|$)", text)
    if m:
        text = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    return None


_LINK_KEYS = ("link", "url", "permalink", "canonical", "canonical_url", "canonicalurl", "original", "source_url")
_URL_RE = re.compile(r"https?://[^\s<>\"'`]+\Z")


def _link(meta: Mapping[str, Any]) -> str | None:
    """The first absolute http(s) URL among the usual front-matter keys; relative URLs are site-specific."""
    lowered = {str(k).lower(): v for k, v in meta.items()}
    for key in _LINK_KEYS:
        value = lowered.get(key)
        if isinstance(value, str) and _URL_RE.match(value.strip()):
            return value.strip()
    return None


def process_file(path: str, options: Options, data: bytes | None = None) -> Result:
    """Summarize one post (and make its cards) exactly as ``summarize FILE`` would; never raises for bad input.

    ``data`` is the file's bytes when the caller has read them already (the cache key was computed
    from them, and a remote worker may not see the file); otherwise the file is read here.
    Errors become values: a broken post must not stop the other thousand.
    """
    from ..errors import EmptyInputError, SummarizeError
    from ..parse import read_bytes
    from ..pipeline import load, require_prose, summarize
    from ..segment import segment

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
                                max_words=options.max_words)
            if not summary.takeaways and options.n > 0:
                other = "zh" if summary.lang == "en" else "en"
                raise EmptyInputError(
                    f"{doc.source}: no sentence in {summary.lang!r} worth a takeaway; try --lang {other} or --lang auto"
                )
            cards: tuple[dict[str, Any], ...] = ()
            if options.quiz and options.max_cards > 0:
                from ..quiz import quiz

                made = quiz(doc, lang=options.lang, max_cards=options.max_cards, templates=options.templates)
                cards = tuple(c.to_dict() for c in made)
            result = Result(path, summary.to_dict(), cards, _link(summary.meta))
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
    return Result(path, result.summary, result.cards, result.link, result.error, result.error_type, messages,
                  cached=False, seconds=time.perf_counter() - start, detail=result.detail)


def process_chunk(chunk: list[tuple[str, bytes | None]], options: Options) -> list[Result]:
    """:func:`process_file` over a few posts: one round trip to a worker for several small posts."""
    return [process_file(path, options, data) for path, data in chunk]
