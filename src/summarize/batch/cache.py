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
CACHE_SCHEMA = 1


def default_cache_dir() -> Path:
    """``<user cache dir>/summarize/results`` (``$SUMMARIZE_CACHE_DIR`` or ``$XDG_CACHE_HOME`` move it)."""
    from .._resources import cache_dir

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
        """The stored result for ``key``, or None when absent, unreadable, corrupt or from another schema."""
        try:
            data: Any = json.loads(self._entry(key).read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("schema") != CACHE_SCHEMA or data.get("key") != key:
                return None
            return Result.from_payload(data["result"], cached=True)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, result: Result) -> None:
        """Store ``result`` atomically; errors of ours (InternalError) are never stored."""
        from .._output import write_atomic
        from ..errors import SummarizeError

        if not self._writable or result.error_type == "InternalError":
            return
        entry = self._entry(key)
        text = json.dumps({"schema": CACHE_SCHEMA, "key": key, "result": result.payload()},
                          sort_keys=True, ensure_ascii=False)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(entry, text + "\n")
        except (OSError, SummarizeError) as error:
            self._writable = False  # say it once, carry on without the cache
            from ..errors import SummarizeWarning

            warnings.warn(f"cache folder {self.root} is not writable ({error}); continuing without the cache "
                          "(pick another --cache-dir, or --no-cache)", SummarizeWarning, stacklevel=2)
