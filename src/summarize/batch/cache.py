"""A content-addressed cache of per-post results, so rebuilding a digest redoes only what changed.

The key hashes everything the result depends on: the file's bytes, the path as given (it is
printed in the result and names the cards), the options, the package version and a fingerprint
of the package's own files (an editable install changes code without changing the version).
Entries are JSON files, sharded as ``ab/abcdef….json``, written atomically; an unreadable or
foreign entry is treated as a miss and overwritten.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .task import Options, Result

#: Bump when the stored JSON shape or the meaning of a key changes.
CACHE_SCHEMA = 2
#: An entry larger than this is not read (real ones are a few KB).
MAX_ENTRY_BYTES = 4 * 1024 * 1024


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes | None:
    """The bytes of ``path`` when it is a regular file (not a FIFO, device, socket or a symlink to
    one) of at most ``limit`` bytes; None otherwise. Never blocks: opened non-blocking, checked
    with fstat before a single byte is read."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks) if size <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def default_cache_dir() -> Path:
    """``results/`` in :func:`summarize._dirs.cache_dir` (the platform's user cache folder, or
    ``$SUMMARIZE_CACHE_DIR``)."""
    from .._dirs import cache_dir

    return cache_dir() / "results"


@functools.cache
def code_fingerprint() -> str:
    """A hash of the installed package's source and data files, computed once per process."""
    import summarize

    root = Path(summarize.__file__).resolve().parent
    digest = hashlib.sha256(summarize.__version__.encode("utf-8"))
    try:
        files = []
        # followlinks: in a checkout, quizzes/ is a symlink to the repository's template packs
        for folder, dirs, names in os.walk(root, followlinks=True):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            files += [Path(folder, n) for n in names if not n.endswith((".pyc", ".pyo"))]
        for p in sorted(files):
            digest.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(p.read_bytes())
            digest.update(b"\0")
    except OSError:  # a zipped or unusual install: the version alone must do
        pass
    return digest.hexdigest()[:16]


def templates_fingerprint(folders: Sequence[str]) -> str:
    """A hash of the user's quiz template packs, so editing a pack invalidates the cards made with it."""
    digest = hashlib.sha256()
    for folder in folders:
        for p in sorted(Path(folder).glob("*.toml")):
            digest.update(str(p).encode("utf-8") + b"\0" + p.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def options_fingerprint(options: Options) -> str:
    """Canonical JSON of what changes a result (``max_bytes`` only decides whether a file is read at all)."""
    data = options.to_dict()
    del data["max_bytes"]
    if options.quiz and options.templates:
        data["templates_content"] = templates_fingerprint(options.templates)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def cache_key(path: str, data: bytes, options_json: str) -> str:
    """sha256 of a JSON header (schema, version, code, options, path), a NUL byte, then the file's bytes."""
    import summarize

    header = json.dumps(
        {"schema": CACHE_SCHEMA, "version": summarize.__version__, "code": code_fingerprint(),
         "options": options_json, "path": path},
        sort_keys=True, ensure_ascii=False, separators=(",", ":"),
    )
    digest = hashlib.sha256(header.encode("utf-8"))
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class Cache:
    """Results on disk under ``root``; every failure to read or write is a miss, never an error."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        from ..errors import UsageError

        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise UsageError(
                f"--cache-dir {self.root} is a file; give a folder (it is created if missing) or --no-cache"
            )
        self._writable = True

    def _entry(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Result | None:
        """The stored result for ``key``, or None when absent, unreadable, not a regular file, too large,
        corrupt, from another schema or not of the schema's types and sizes (then it is recomputed)."""
        raw = read_regular(self._entry(key), MAX_ENTRY_BYTES)
        if raw is None:
            return None
        try:
            data: Any = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("schema") != CACHE_SCHEMA or data.get("key") != key:
                return None
            return Result.from_payload(data["result"], cached=True)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def put(self, key: str, result: Result) -> None:
        """Store ``result`` atomically; errors of ours (InternalError) are never stored.

        The entry's name is replaced by a rename, never written through: whatever stands there (a
        FIFO, which would block a write with no reader; a symlink, which would carry the write out of
        the cache; a device) becomes a regular file. A folder in its place is left, and stays a miss.
        """
        from .._output import replace_name

        if not self._writable or result.error_type == "InternalError":
            return
        entry = self._entry(key)
        text = json.dumps({"schema": CACHE_SCHEMA, "key": key, "result": result.payload()},
                          sort_keys=True, ensure_ascii=False)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            replace_name(entry, (text + "\n").encode("utf-8"), keep_mode=False)
        except IsADirectoryError:
            return
        except OSError as error:
            self._writable = False  # say it once, carry on without the cache
            from ..errors import SummarizeWarning

            warnings.warn(f"cache folder {self.root} is not writable ({error}); continuing without the cache "
                          "(pick another --cache-dir, or --no-cache)", SummarizeWarning, stacklevel=2)
