"""Hugo shortcodes: ``{{< name args >}}`` and ``{{% name args %}}``, paired or not.

Every shortcode tag is removed but for the newlines inside it, so the Markdown parser
that runs next still reports true source lines (blanking with spaces instead would turn
the next text into an indented code block). Embeds (videos, tweets)
leave nothing in the prose; their ids are returned as metadata. Paired shortcodes that wrap
prose (notices, tabs, details) keep their inner text.
"""

from __future__ import annotations

import re
import shlex

_TAG_RE = re.compile(
    r"\{\{(?P<open>[<%])-?\s*(?P<close_slash>/)?\s*(?P<name>[\w./-]+)(?P<args>.*?)\s*-?(?P<end>[>%])\}\}",
    re.DOTALL,
)
_UNCLOSED_RE = re.compile(r"\{\{[<%][^\n]*")
_COMMENT_RE = re.compile(r"\{\{<\s*/\*.*?\*/\s*>\}\}", re.DOTALL)

#: Shortcodes that embed media; what they point at is kept as metadata.
EMBEDS = frozenset(
    "youtube youtube-nocookie bilibili vimeo tweet twitter x gist instagram iframe video audio "
    "figure img image speakerdeck slideshare asciinema codepen jsfiddle".split()
)
#: Shortcodes whose inner content is code, not prose.
CODE_WRAPPERS = frozenset("highlight code mermaid katex math chart".split())


def strip_shortcodes(text: str) -> tuple[str, list[dict[str, str]]]:
    """Return (text with shortcodes blanked, embeds found)."""
    if "{{" not in text:
        return text, []
    embeds: list[dict[str, str]] = []
    out = _COMMENT_RE.sub(_blank, text)

    code_spans: list[tuple[int, int]] = []
    open_code: dict[str, int] = {}

    def replace(m: re.Match[str]) -> str:
        name = m.group("name").lower()
        if m.group("close_slash"):
            if name in open_code:
                code_spans.append((open_code.pop(name), m.start()))
            return _blank(m)
        if name in CODE_WRAPPERS:
            open_code[name] = m.end()
        elif name in EMBEDS:
            embed = _embed(name, m.group("args"))
            if embed:
                embeds.append(embed)
        return _blank(m)

    out = _TAG_RE.sub(replace, out)
    # Code inside {{< highlight >}} … {{< /highlight >}} is blanked like the tags: it is not prose.
    for start, end in sorted(code_spans, reverse=True):
        out = out[:start] + _blank_text(out[start:end]) + out[end:]
    # A tag opened but never closed on its line: blank to the end of the line.
    out = _UNCLOSED_RE.sub(_blank, out)
    return out, embeds


def _blank(m: re.Match[str]) -> str:
    return _blank_text(m.group(0))


def _blank_text(s: str) -> str:
    return "\n" * s.count("\n")


def _embed(name: str, args: str) -> dict[str, str] | None:
    try:
        parts = shlex.split(args)
    except ValueError:
        parts = args.split()
    named = dict(p.split("=", 1) for p in parts if "=" in p)
    positional = [p for p in parts if "=" not in p]
    ident = named.get("id") or named.get("src") or named.get("user") or (positional[0] if positional else "")
    if not ident:
        return None
    return {"kind": name, "id": ident.strip("\"'")}
