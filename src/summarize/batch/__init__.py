"""Many posts at once: a digest of a folder, in parallel, with a content-addressed cache.

Usage::

    import summarize

    # 1. Every post under posts/, summarized as `summarize FILE -n 3` would, errors as values.
    for result in summarize.summarize_many(["posts/"], n=3, jobs=4, cache_dir=".cache/summarize"):
        print(result.path, result.ok, result.error)

    # 2. The same posts as one digest, ordered by date then path: a dict for templates, or text.
    d = summarize.digest(["posts/"], n=3, quiz=True, cache_dir=".cache/summarize")
    d.to_dict()["posts"]        # [{"path", "title", "date", "link", "lang", "takeaways", "cards", ...}]
    d.to_html()                 # or .to_markdown(), .to_json()

Library defaults are side-effect free: ``jobs=1`` (no processes unless asked; a script that
asks needs the ``if __name__ == "__main__":`` guard on macOS and Windows) and no cache unless
``cache_dir`` is given. The ``summarize digest`` command uses every core and the user cache.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..parse import DEFAULT_MAX_BYTES
from .cache import CACHE_SCHEMA, Cache, cache_key, default_cache_dir, options_fingerprint
from .engines import ENGINES, Engine, EngineError, MissingDependencyError, make_engine
from .render import FORMATS, render
from .task import Options, Result, process_file

#: File name endings a folder is searched for (any file named explicitly is read whatever its name).
SUFFIXES = (".md", ".markdown", ".txt", ".srt", ".vtt")

PathArg = str | os.PathLike[str]


def find_posts(paths: PathArg | Iterable[PathArg]) -> list[str]:
    """Files named, and posts found under folders named, once each, in a stable order.

    Folders are searched recursively for :data:`SUFFIXES`, skipping hidden files and folders
    and not following symlinked folders; a missing path is kept, to be reported as an error.
    """
    from ..errors import UsageError

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[str] = []
    seen: set[str] = set()
    for item in paths:
        name = os.fspath(item)
        if name == "-":
            raise UsageError("a digest reads files and folders, not standard input; give a path instead of -")
        for path in _walk(name) if os.path.isdir(name) else [name]:
            key = os.path.normpath(path)
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def _walk(top: str) -> Iterator[str]:
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield os.path.join(folder, name)


def _read(path: str, max_bytes: int) -> bytes | None:
    """The file's bytes, or None when it cannot be read or is too large (process_file then says why)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError:
        return None
    return data if len(data) <= max_bytes else None


def summarize_many(
    paths: PathArg | Iterable[PathArg],
    *,
    n: int = 3,
    lang: str = "auto",
    algorithm: str = "takeaways",
    max_words: int | None = None,
    quiz: bool = False,
    max_cards: int = 3,
    templates: Iterable[PathArg] = (),
    fmt: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    engine: str | None = None,
    client: Any = None,
    scheduler: str | None = None,
    cache_dir: PathArg | None = None,
    progress: bool = False,
) -> Iterator[Result]:
    """A :class:`Result` per post, yielded as each finishes (cache hits first).

    1. Expand ``paths`` (files and folders, see :func:`find_posts`).
    2. With ``cache_dir``, look each post up by its bytes, path, options and the package version.
    3. Run the rest through ``engine``: ``serial``, ``process`` (``jobs`` worker processes) or
       ``dask`` (a ``distributed.Client`` as ``client``, or a ``scheduler`` address); by default
       ``process`` when ``jobs > 1``.
    4. Store new results in the cache; show a progress bar when ``progress`` and stderr is a terminal.

    Options are checked, and the engine set up, before this returns; a post that cannot be
    summarized becomes a Result with ``error`` set, never an exception.
    """
    return _start(paths, n=n, lang=lang, algorithm=algorithm, max_words=max_words, quiz=quiz, max_cards=max_cards,
                  templates=templates, fmt=fmt, max_bytes=max_bytes, jobs=jobs, engine=engine, client=client,
                  scheduler=scheduler, cache_dir=cache_dir, progress=progress)[1]


def _start(paths: PathArg | Iterable[PathArg], *, jobs: int = 1, engine: str | None = None, client: Any = None,
           scheduler: str | None = None, cache_dir: PathArg | None = None, progress: bool = False,
           templates: Iterable[PathArg] = (), **option_values: Any) -> tuple[Options, Iterator[Result]]:
    """Check everything and set up the engine now; the returned iterator does the work."""
    options = Options(templates=tuple(os.fspath(t) for t in templates), **option_values)
    if options.quiz:
        from ..quiz.packs import load_packs

        load_packs(options.templates)  # a broken pack is reported before any post is read
    files = find_posts(paths)
    cache = Cache(cache_dir) if cache_dir is not None else None
    runner = make_engine(engine, jobs=jobs, client=client, scheduler=scheduler)
    return options, _run(files, options, runner, cache, progress)


def _run(files: list[str], options: Options, engine: Engine, cache: Cache | None, progress: bool) -> Iterator[Result]:
    bar = _progress_bar(len(files)) if progress else None
    options_json = options_fingerprint(options) if cache is not None else ""
    keys: dict[str, str] = {}
    try:
        misses: list[str] = []
        for path in files:
            result = _lookup(path, options, cache, options_json)
            if result is None:
                misses.append(path)
                continue
            if bar is not None:
                bar.update()
            yield result

        def tasks() -> Iterator[tuple[str, bytes | None]]:
            for path in misses:
                data = _read(path, options.max_bytes)
                if data is not None and cache is not None:  # keyed by the bytes actually processed
                    keys[path] = cache_key(path, data, options_json)
                yield path, data

        for result in engine.map(tasks(), options, len(misses)):
            key = keys.pop(result.path, None)
            if cache is not None and key is not None:
                cache.put(key, result)
            if bar is not None:
                bar.update()
            yield result
    finally:
        if bar is not None:
            bar.close()
        engine.close()


def _lookup(path: str, options: Options, cache: Cache | None, options_json: str) -> Result | None:
    """A result without running the pipeline: from the cache, or the read error; None means "run it"."""
    if cache is None:
        return None
    data = _read(path, options.max_bytes)
    if data is None:  # unreadable or too large: the error needs no worker
        return process_file(path, options)
    hit = cache.get(cache_key(path, data, options_json))
    return hit if hit is not None and hit.path == path else None


def _progress_bar(total: int) -> Any:
    """tqdm on a terminal when it is installed (the ``progress`` extra); otherwise nothing at all."""
    if not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="post", desc="summarize", file=sys.stderr, leave=False, dynamic_ncols=True)


@dataclass(frozen=True)
class Digest:
    """Results in digest order (date, then path), and the options that made them."""

    results: tuple[Result, ...]
    options: Options

    @property
    def posts(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.ok)

    @property
    def errors(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if not r.ok)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for a template: ``{"posts": [...], "errors": [{"path", "type", "message"}], "options"}``."""
        return {
            "posts": [r.to_dict() for r in self.posts],
            "errors": [{"path": r.path, "type": r.error_type, "message": r.error} for r in self.errors],
            "options": self.options.to_dict(),
        }

    def render(self, fmt: str) -> str:
        """``md``, ``html`` (an embeddable fragment) or ``json``; the same posts always give the same bytes."""
        return render(self.to_dict(), fmt)

    def to_markdown(self) -> str:
        return self.render("md")

    def to_html(self) -> str:
        return self.render("html")

    def to_json(self) -> str:
        return self.render("json")


def digest(paths: PathArg | Iterable[PathArg], **kwargs: Any) -> Digest:
    """Every post under ``paths`` summarized (see :func:`summarize_many` for the keywords), in digest order."""
    options, results = _start(paths, **kwargs)
    return Digest(tuple(sorted(results, key=Result.sort_key)), options)


__all__ = [
    "CACHE_SCHEMA", "ENGINES", "FORMATS", "SUFFIXES", "Cache", "Digest", "EngineError", "MissingDependencyError",
    "Options", "Result", "default_cache_dir", "digest", "find_posts", "make_engine", "process_file",
    "summarize_many",
]
