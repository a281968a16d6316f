"""Many posts at once: a digest of a folder, in parallel, with a content-addressed cache.

Usage::

    import summarize

    # 1. Every post under posts/, summarized as `summarize FILE -n 3` would, errors as values.
    for result in summarize.summarize_many(["posts/"], n=3, jobs=4, cache_dir=".cache/summarize"):
        print(result.path, result.ok, result.error)

    # 2. The same posts as one digest, ordered by date then path: a dict for templates, or text.
    d = summarize.digest(["posts/"], n=3, quiz=True, cache_dir=".cache/summarize")
    d.to_dict()["posts"]        # [{"path", "title", "date", "link", "author", "tags", "takeaways", ...}]
    d.to_html()                 # or .to_markdown(), .to_json()

Library defaults are side-effect free: ``jobs=1`` (no processes unless asked; a script that
asks needs the ``if __name__ == "__main__":`` guard on macOS and Windows) and no cache unless
``cache_dir`` is given. ``jobs="auto"`` (what ``summarize digest`` uses) picks serial for a few
posts and otherwise one worker per free core; the command also uses the user cache.
"""

from __future__ import annotations

import fnmatch
import os
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..parse import DEFAULT_MAX_BYTES
from .cache import CACHE_SCHEMA, Cache, cache_key, default_cache_dir, options_fingerprint
from .engines import ENGINES, Engine, EngineError, MissingDependencyError, make_engine
from .render import FORMATS, render
from .since import keeps, published
from .task import Options, Result, process_file

#: File name endings a folder is searched for (any file named explicitly is read whatever its name).
SUFFIXES = (".md", ".markdown", ".txt", ".srt", ".vtt")
#: Files a folder search leaves out unless ``include_all``: a repository's own documents (README,
#: SOURCES, CHANGELOG, LICENSE, CONTRIBUTING …, any ending) and Hugo's ``_index.md`` list pages.
#: Compared with the file name's first dot-separated part, ignoring case.
NON_POSTS = frozenset({"readme", "sources", "changelog", "changes", "license", "licence", "contributing",
                       "code_of_conduct", "security", "authors", "notice", "todo", "_index"})
#: Digest orders: oldest first, newest first, by path, by title.
SORTS = ("date", "-date", "path", "title")
#: Default per-post time limit, in seconds (a post normally takes well under one).
DEFAULT_TIMEOUT = 60.0

PathArg = str | os.PathLike[str]


def find_posts(paths: PathArg | Iterable[PathArg], *, exclude: Iterable[str] = (),
               include_all: bool = False) -> list[str]:
    """Files named, and posts found under folders named, once each, in a stable order.

    Folders are searched recursively for :data:`SUFFIXES`, skipping hidden files and folders,
    :data:`NON_POSTS` (unless ``include_all``), anything that is not a regular file (a FIFO, a
    socket, a device: a warning names it) and not following symlinked folders. ``exclude`` globs
    match a path relative to the folder searched, or a file name (``drafts/*``, ``*.zh.md``).
    A missing path is kept, to be reported as an error.
    """
    from ..errors import UsageError

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    patterns = tuple(exclude)
    found: list[str] = []
    seen: set[str] = set()
    for item in paths:
        name = os.fspath(item)
        if name == "-":
            raise UsageError("a digest reads files and folders, not standard input; give a path instead of -")
        if os.path.isdir(name):
            candidates = _walk(name, patterns, include_all)
        else:
            candidates = iter([] if _excluded(name, patterns) else [name])
        for path in candidates:
            key = os.path.normpath(path)
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    rel = rel.replace(os.sep, "/")
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(rel + "/", p)
               for p in patterns)


def _walk(top: str, patterns: tuple[str, ...], include_all: bool) -> Iterator[str]:
    for folder, dirs, files in os.walk(top):
        rel_folder = os.path.relpath(folder, top)
        rel = "" if rel_folder == "." else rel_folder + os.sep
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(rel + d, patterns))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES) or _excluded(rel + name, patterns):
                continue
            if not include_all and name.split(".", 1)[0].lower() in NON_POSTS:
                continue
            path = os.path.join(folder, name)
            kind = special_kind(path)
            if kind:
                from ..errors import SummarizeWarning

                warnings.warn(f"{path}: skipped, {kind}, not a regular file", SummarizeWarning, stacklevel=3)
                continue
            yield path


def special_kind(path: str) -> str | None:
    """What ``path`` is when it is not a regular file (in :func:`~summarize.parse.special_file_kind`'s
    words: "a FIFO (named pipe)", "a character device" …; or "a broken symlink"), else None."""
    from ..parse import special_file_kind

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "a broken symlink" if os.path.islink(path) else None  # missing: reported when read
    return special_file_kind(mode)


def _read(path: str, max_bytes: int) -> bytes | Result | None:
    """The file's bytes; a Result for a file that must not be opened (a FIFO would block); None when it
    cannot be read or is too large (process_file then says why, in the words of ``summarize FILE``)."""
    from .cache import read_regular

    kind = special_kind(path)
    if kind:
        return Result(path, error=f"{path} is {kind}, not a regular file; a digest reads only regular files",
                      error_type="InputError")
    return read_regular(path, max_bytes)


def summarize_many(
    paths: PathArg | Iterable[PathArg],
    *,
    n: int = 3,
    lang: str = "auto",
    algorithm: str = "takeaways",
    max_words: int | None = None,
    min_confidence: float | None = None,
    quiz: bool = False,
    max_cards: int = 3,
    templates: Iterable[PathArg] = (),
    fmt: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    base_url: str | None = None,
    exclude: Iterable[str] = (),
    include_all: bool = False,
    since: str | date | None = None,
    jobs: int | str = 1,
    engine: str | None = None,
    client: Any = None,
    scheduler: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    cache_dir: PathArg | None = None,
    progress: bool = False,
) -> Iterator[Result]:
    """A :class:`Result` per post, yielded as each finishes (cache hits first).

    1. Expand ``paths`` (files and folders, see :func:`find_posts`; ``exclude``, ``include_all``).
       With ``since`` (``"2024-01-01"`` or a ``date``), keep only posts dated that day or later,
       judged by the date in each file before any post is summarized (see :mod:`.since`).
    2. With ``cache_dir``, look each post up by its bytes, path, options and the package version.
    3. Run the rest through ``engine``: ``serial``, ``process`` (``jobs`` worker processes, at most
       one per core; ``"auto"``: serial for a few posts, else one per free core) or ``dask`` (a
       ``distributed.Client`` as ``client``, a ``scheduler`` address, or neither: a local cluster).
    4. A post still running after ``timeout`` seconds is stopped and reported (None: no limit).
    5. Store new results in the cache; show a progress bar when ``progress`` and stderr is a terminal.

    ``base_url`` makes relative post links absolute. Options are checked, and the engine set up,
    before this returns; a post that cannot be summarized becomes a Result with ``error`` set,
    never an exception.
    """
    options = Options(n=n, lang=lang, algorithm=algorithm, max_words=max_words, min_confidence=min_confidence,
                      quiz=quiz, max_cards=max_cards,
                      templates=tuple(os.fspath(t) for t in templates), fmt=fmt, max_bytes=max_bytes,
                      base_url=base_url)
    return _start(paths, options, exclude=exclude, include_all=include_all, since=_since(since), jobs=jobs,
                  engine=engine, client=client, scheduler=scheduler, timeout=timeout, cache_dir=cache_dir,
                  progress=progress)


def digest(
    paths: PathArg | Iterable[PathArg],
    *,
    n: int = 3,
    lang: str = "auto",
    algorithm: str = "takeaways",
    max_words: int | None = None,
    min_confidence: float | None = None,
    quiz: bool = False,
    max_cards: int = 3,
    templates: Iterable[PathArg] = (),
    fmt: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    base_url: str | None = None,
    exclude: Iterable[str] = (),
    include_all: bool = False,
    sort: str = "date",
    since: str | date | None = None,
    jobs: int | str = 1,
    engine: str | None = None,
    client: Any = None,
    scheduler: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    cache_dir: PathArg | None = None,
    progress: bool = False,
) -> Digest:
    """Every post under ``paths`` summarized (the keywords are :func:`summarize_many`'s), as one digest.

    ``sort``: ``date`` (oldest first, the default), ``-date`` (newest first), ``path`` or ``title``;
    undated posts come last. ``since`` (``"2024-01-01"`` or a ``date``) keeps posts published on or
    after that day, read from each file's front matter before any post is summarized: earlier and
    undated posts are never summarized. A file whose date cannot be read (unreadable, not text) is
    still processed, so its error is listed.
    """
    from ..errors import UnknownChoiceError

    if sort not in SORTS:
        raise UnknownChoiceError("--sort", sort, SORTS)
    results = summarize_many(paths, n=n, lang=lang, algorithm=algorithm, max_words=max_words,
                             min_confidence=min_confidence, quiz=quiz,
                             max_cards=max_cards, templates=templates, fmt=fmt, max_bytes=max_bytes,
                             base_url=base_url, exclude=exclude, include_all=include_all, since=since, jobs=jobs,
                             engine=engine, client=client, scheduler=scheduler, timeout=timeout, cache_dir=cache_dir,
                             progress=progress)
    options = Options(n=n, lang=lang, algorithm=algorithm, max_words=max_words, min_confidence=min_confidence,
                      quiz=quiz, max_cards=max_cards,
                      templates=tuple(os.fspath(t) for t in templates), fmt=fmt, max_bytes=max_bytes,
                      base_url=base_url)
    return Digest(tuple(sorted(results, key=lambda r: r.sort_key(sort))), options)


def _since(value: str | date | None) -> date | None:
    from ..errors import UsageError
    from ..parse.metadata import parse_date

    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    when = parse_date(str(value))
    if when is None:
        raise UsageError(f"--since {value!r} is not a date; write it as YYYY-MM-DD, e.g. --since 2024-01-01")
    return when.date()


def _start(paths: PathArg | Iterable[PathArg], options: Options, *, exclude: Iterable[str], include_all: bool,
           since: date | None, jobs: int | str, engine: str | None, client: Any, scheduler: str | None,
           timeout: float | None, cache_dir: PathArg | None, progress: bool) -> Iterator[Result]:
    """Check everything and set up the engine now; the returned iterator does the work."""
    from ..errors import UsageError

    if timeout is not None and not timeout > 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {timeout} (0 on the command "
                         "line turns the limit off)")
    if options.quiz:
        from ..quiz.packs import load_packs

        load_packs(options.templates)  # a broken pack is reported before any post is read
    files = find_posts(paths, exclude=exclude, include_all=include_all)
    if since is not None:  # before the engine is chosen: it sizes itself by the posts left
        files = [path for path in files if keeps(_published(path, options), since)]
    cache = Cache(cache_dir) if cache_dir is not None else None
    runner = make_engine(engine, jobs=jobs, client=client, scheduler=scheduler, count=len(files), timeout=timeout)
    return _run(files, options, runner, cache, progress)


def _published(path: str, options: Options) -> datetime | None | str:
    """The date in the file at ``path``, read without summarizing it (see :mod:`.since`)."""
    data = _read(path, options.max_bytes)
    return published(None if isinstance(data, Result) else data, source=path, fmt=options.fmt)


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
                if isinstance(data, Result):  # it became a FIFO since _lookup looked: never open it
                    data = b""
                elif data is not None and cache is not None:  # keyed by the bytes actually processed
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
        data = _read(path, options.max_bytes) if special_kind(path) else None
        return data if isinstance(data, Result) else None
    data = _read(path, options.max_bytes)
    if isinstance(data, Result):
        return data
    if data is None:  # unreadable or too large: the error needs no worker
        return process_file(path, options)
    hit = cache.get(cache_key(path, data, options_json))
    return hit if hit is not None and hit.path == path else None


def _progress_bar(total: int) -> Any:
    """tqdm on a terminal; nothing at all when stderr is a file or a pipe."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="post", desc="summarize", file=sys.stderr, leave=False, dynamic_ncols=True)


@dataclass(frozen=True)
class Digest:
    """Results in digest order (see ``sort``), and the options that made them."""

    results: tuple[Result, ...]
    options: Options

    @property
    def posts(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.ok)

    @property
    def errors(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if not r.ok)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for a template: ``{"posts": [...], "errors": [...], "options"}``.

        An error is ``{"path", "error", "error_type"}`` (the names of :class:`Result`), also
        spelled ``message`` and ``type`` as in earlier releases.
        """
        return {
            "posts": [r.to_dict() for r in self.posts],
            "errors": [{"path": r.path, "error": r.error, "error_type": r.error_type,
                        "type": r.error_type, "message": r.error} for r in self.errors],
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


__all__ = [
    "CACHE_SCHEMA", "ENGINES", "FORMATS", "SUFFIXES", "Cache", "Digest", "EngineError", "MissingDependencyError",
    "DEFAULT_TIMEOUT", "NON_POSTS", "Options", "Result", "SORTS", "default_cache_dir", "digest", "find_posts",
    "make_engine", "process_file", "summarize_many",
]
