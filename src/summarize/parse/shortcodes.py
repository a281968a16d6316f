"""Hugo shortcodes: ``{{< name args >}}`` and ``{{% name args %}}``, paired or not.

Every shortcode tag is removed but for the newlines inside it, so the Markdown parser
that runs next still reports true source lines (blanking with spaces instead would turn
the next text into an indented code block). What each tag meant is returned beside the text:

- embeds (videos, tweets) leave nothing in the prose; their ids are metadata;
- a paired shortcode that holds code (istio.io's ``{{< text bash >}} … {{< /text >}}``,
  ``highlight``, ``code``, and names listed in ``$SUMMARIZE_CODE_SHORTCODES``) becomes a code
  block with its language: its content is blanked from the prose;
- any other paired shortcode (notices, tabs, ``gloss``) keeps its inner Markdown as prose, and
  its name and arguments are recorded for the blocks inside it;
- ``{{< transcript "…" >}}`` (gcppodcast pages) carries the opening of the transcript as its
  argument: that text takes the tag's place, and the line where the transcript starts is recorded.
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import textwrap
from dataclasses import dataclass, field

_TAG_RE = re.compile(
    r"\{\{(?P<open>[<%])-?\s*(?P<close_slash>/)?\s*(?P<name>[\w./-]+)(?P<args>(?:\"(?:[^\"\\]|\\.)*\"|[^\"])*?)\s*-?(?P<end>[>%])\}\}",
    re.DOTALL,
)
_UNCLOSED_RE = re.compile(r"\{\{[<%][^\n]*")
_COMMENT_RE = re.compile(r"\{\{<\s*/\*.*?\*/\s*>\}\}", re.DOTALL)

#: Shortcodes that embed media; what they point at is kept as metadata.
EMBEDS = frozenset(
    "youtube youtube-nocookie bilibili vimeo tweet twitter x gist instagram iframe video audio "
    "figure img image speakerdeck slideshare asciinema codepen jsfiddle".split()
)
#: Paired shortcodes whose inner content is code, not prose. ``text`` is istio.io's code block.
CODE_SHORTCODES = frozenset("text highlight code codeblock mermaid katex math chart".split())
#: Shortcodes whose argument is the opening of a transcript (gcppodcast.com).
TRANSCRIPTS = frozenset({"transcript"})
_LANGUAGE_ARGS = ("lang", "language", "syntax")


@functools.cache
def code_shortcodes() -> frozenset[str]:
    """:data:`CODE_SHORTCODES` plus the names a site adds in ``$SUMMARIZE_CODE_SHORTCODES``
    (comma- or space-separated), read once per process."""
    extra = os.environ.get("SUMMARIZE_CODE_SHORTCODES", "")
    return CODE_SHORTCODES | {name.lower() for name in re.split(r"[\s,]+", extra) if name}


@dataclass(frozen=True, slots=True)
class CodeShortcode:
    """The code inside a paired code shortcode, with where it sits."""

    line: int
    """1-based source line of the first line of code."""
    lines: tuple[str, ...]
    name: str
    args: str
    language: str | None


@dataclass(frozen=True, slots=True)
class Wrapper:
    """A paired shortcode around prose: the source lines it spans (1-based, inclusive)."""

    first_line: int
    last_line: int
    name: str
    args: str


@dataclass
class Shortcodes:
    """The text with every tag blanked, and what the tags said."""

    text: str
    embeds: list[dict[str, str]] = field(default_factory=list)
    code: list[CodeShortcode] = field(default_factory=list)
    wrappers: list[Wrapper] = field(default_factory=list)
    transcript_lines: list[int] = field(default_factory=list)
    """1-based lines where a transcript shortcode opens: the show notes end there."""


def read_shortcodes(text: str) -> Shortcodes:
    """Blank every shortcode of ``text`` (newlines kept) and say what each meant."""
    result = Shortcodes(text)
    if "{{" not in text:
        return result
    out = _COMMENT_RE.sub(_blank, text)
    code_names = code_shortcodes()
    opened: dict[str, list[tuple[re.Match[str], int]]] = {}
    # Code spans as (opening tag, closing tag, start and end of the content in the blanked text).
    code_spans: list[tuple[re.Match[str], re.Match[str], int, int]] = []
    pieces: list[str] = []
    written = 0  # length of the blanked text so far
    cursor = 0
    for m in _TAG_RE.finditer(out):
        name = m.group("name").lower()
        replacement = _blank(m)
        before = out[cursor : m.start()]
        pieces.append(before)
        written += len(before)
        if m.group("close_slash"):
            stack = opened.get(name)
            if stack:
                start, content_at = stack.pop()
                if name in code_names:
                    code_spans.append((start, m, content_at, written))
                elif name not in TRANSCRIPTS:
                    result.wrappers.append(
                        Wrapper(_line_of(out, start.start()), _line_of(out, m.start()), name, start.group("args").strip())
                    )
        else:
            if name in EMBEDS:
                embed = _embed(name, m.group("args"))
                if embed:
                    result.embeds.append(embed)
            elif name in TRANSCRIPTS:
                replacement = _transcript_opening(m)
                result.transcript_lines.append(_line_of(out, m.start()))
            opened.setdefault(name, []).append((m, written + len(replacement)))
        pieces.append(replacement)
        written += len(replacement)
        cursor = m.end()
    pieces.append(out[cursor:])
    blanked = "".join(pieces)
    # Code inside a code shortcode is blanked like the tags (it is not prose) and kept as a code block.
    for start, end, a, b in sorted(code_spans, key=lambda span: span[2], reverse=True):
        result.code.append(_code_block(out, start, out[start.end() : end.start()]))
        blanked = blanked[:a] + _blank_text(blanked[a:b]) + blanked[b:]
    result.code.sort(key=lambda c: c.line)
    # A tag opened but never closed on its line: blank to the end of the line.
    result.text = _UNCLOSED_RE.sub(_blank, blanked)
    return result


def strip_shortcodes(text: str) -> tuple[str, list[dict[str, str]]]:
    """Return (text with shortcodes blanked, embeds found): :func:`read_shortcodes` without the rest."""
    found = read_shortcodes(text)
    return found.text, found.embeds


def _code_block(text: str, start: re.Match[str], content: str) -> CodeShortcode:
    name = start.group("name").lower()
    args = start.group("args").strip()
    positional, named = _arguments(args)
    language = next((named[k] for k in _LANGUAGE_ARGS if named.get(k)), None) or (positional[0] if positional else None)
    first_line = _line_of(text, start.end())
    body = content
    if body.startswith("\n"):  # the usual layout: the tag alone on its line, code from the next
        body = body[1:]
        first_line += 1
    lines = textwrap.dedent(body.rstrip()).split("\n") if body.strip() else []
    return CodeShortcode(first_line, tuple(lines), name, args, language)


def _transcript_opening(m: re.Match[str]) -> str:
    """The transcript's first words, from ``{{< transcript "…" >}}``, with the tag's newline count."""
    quoted = re.match(r'\s*"((?:[^"\\]|\\.)*)"', m.group("args"), re.DOTALL)
    said = re.sub(r'\\(["\\])', r"\1", quoted.group(1)) if quoted else ""
    said = said.replace("\n", " ")
    newlines = m.group(0).count("\n")
    return said + "\n" * newlines


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _blank(m: re.Match[str]) -> str:
    return _blank_text(m.group(0))


def _blank_text(s: str) -> str:
    return "\n" * s.count("\n")


def _arguments(args: str) -> tuple[list[str], dict[str, str]]:
    try:
        parts = shlex.split(args)
    except ValueError:
        parts = args.split()
    named = dict(p.split("=", 1) for p in parts if "=" in p and not p.startswith("="))
    positional = [p for p in parts if "=" not in p]
    return positional, {k.lower(): v.strip("\"'") for k, v in named.items()}


def _embed(name: str, args: str) -> dict[str, str] | None:
    positional, named = _arguments(args)
    ident = named.get("id") or named.get("src") or named.get("user") or (positional[0] if positional else "")
    if not ident:
        return None
    return {"kind": name, "id": ident.strip("\"'")}
