"""Readers: any supported input to one :class:`~summarize.model.Document`.

``read`` is the only entry point; it decodes bytes, sniffs the format from content (the
file name is only a hint) and dispatches to one reader.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from ..errors import InputError, UnknownChoiceError
from ..model import Document
from .decode import decode

FORMATS = ("auto", "markdown", "text", "transcript", "srt", "vtt", "caption-dump")

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
    if fmt in ("srt", "vtt", "caption-dump"):
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
    from .captions import detect_captions

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
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
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
