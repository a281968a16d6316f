"""Readers: any supported input to one :class:`~summarize.model.Document`.

``read`` is the only entry point; it decodes bytes, sniffs the format from content (the
file name is only a hint) and dispatches to one reader.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from pathlib import Path

from ..errors import InputError, UnknownChoiceError
from ..model import CAPTION_FORMATS, Document
from .decode import decode

FORMATS = ("auto", "markdown", "text", "transcript", "srt", "vtt", "caption-dump", "timestamps")

#: Files larger than this are refused unless the caller raises the limit: a summary of a
#: 50 MB log is never what anyone wanted, and reading it would take minutes.
DEFAULT_MAX_BYTES = 20_000_000

_MARKDOWN_SIGNS = re.compile(
    r"^(?:---\s*$|\+\+\+\s*$|#{1,6}\s|```|~~~|\s*[-*+]\s+\S|\s*\d+[.)]\s+\S|>\s)|\]\(|\{\{[<%]|!\[|<(?:svg|div|p|img|iframe)\b|\*\*\S",
    re.MULTILINE,
)


def read_bytes(data: bytes, *, source: str = "<input>", fmt: str = "auto") -> Document:
    text, _encoding = decode(data, source=source)
    return read_text(text, source=source, fmt=fmt)


def read_text(text: str, *, source: str = "<text>", fmt: str = "auto") -> Document:
    if fmt not in FORMATS:
        raise UnknownChoiceError("input format", fmt, FORMATS)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        # The library answers "nothing here" with an empty document; the CLI turns it into an error.
        return Document(source=source, format="text" if fmt == "auto" else fmt, blocks=())
    if fmt == "auto":
        fmt = detect_format(text, source=source)
    if fmt in CAPTION_FORMATS:
        from .captions import read_captions

        doc = read_captions(text, source=source, fmt=fmt)
    elif fmt == "markdown":
        from .markdown import read_markdown

        doc = read_markdown(text, source=source)
    else:
        from .plain import read_plain

        doc = read_plain(text, source=source)
    return dataclasses.replace(doc, source_chars=len(text) - sum(text.count(c) for c in " \t\n\u3000\u00a0"))


def detect_format(text: str, *, source: str = "") -> str:
    """Name the reader for ``text``: captions first (their timing lines are unmistakable), then Markdown."""
    from .caption_sniff import detect_captions

    captions = detect_captions(text)
    if captions:
        return captions
    suffix = Path(source).suffix.lower() if source and not source.startswith("<") else ""
    if suffix in (".md", ".markdown", ".mdx", ".mkd"):
        return "markdown"
    signs = len(_MARKDOWN_SIGNS.findall(text[:200_000]))
    lines = max(1, text.count("\n"))
    if signs >= 3 or signs / lines > 0.05 or re.match(r"\s*(?:---|\+\+\+)\s*\n", text):
        return "markdown"
    return "text"


def read_path(path: str | os.PathLike[str], *, fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a file, or standard input for ``-``, refusing anything that is not a readable text file."""
    import sys

    name = os.fspath(path)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        source = "<stdin>"
    else:
        p = Path(name)
        source = name
        try:
            if p.is_dir():
                raise InputError(f"{name} is a directory; give a file (or use `summarize digest {name}` for a folder)")
            data = _read_regular(name, max_bytes + 1)
        except InputError:
            raise
        except FileNotFoundError:
            raise InputError(f"{name}: no such file; check the path (relative paths start from {Path.cwd()})") from None
        except PermissionError:
            raise InputError(f"{name}: permission denied; check the file's permissions (ls -l {name})") from None
        except IsADirectoryError:
            raise InputError(f"{name} is a directory; give a file") from None
        except OSError as e:
            raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    if len(data) > max_bytes:
        raise InputError(
            f"{source} is larger than the {max_bytes:,}-byte limit; pass --max-bytes N (max_bytes=N) to read it anyway, "
            "or split the file"
        )
    return read_bytes(data, source=source, fmt=fmt)


#: What a path that is not a regular file is, in words, for the one-line refusal.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_file_kind(mode: int) -> str | None:
    """``"a FIFO (named pipe)"``, ``"a socket"``, … for an ``st_mode`` that is neither a regular file nor a
    folder, else None. Such files can block forever (a FIFO with no writer) or never end (/dev/zero).
    The one wording of both refusals: ``summarize FILE`` and a digest's skipped or failed files."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((kind for test, kind in _SPECIAL_KINDS if test(mode)), "a special file")


def _refuse_special(name: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(name)
    kind = special_file_kind(mode)
    if kind:
        raise InputError(f"{name} is {kind}, not a regular file; give a file, or standard input as -")


def _read_regular(name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of ``name``, refusing anything but a regular file.

    The file is opened non-blocking and checked on the open descriptor, so a FIFO neither blocks
    the open nor slips in between a check and the read.
    """
    _refuse_special(name, os.stat(name).st_mode)  # a socket cannot even be opened: say what it is first
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        _refuse_special(name, os.fstat(fd).st_mode)  # what was opened, in case the path changed since
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(limit)
    finally:
        os.close(fd)
