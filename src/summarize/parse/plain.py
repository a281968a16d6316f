"""Plain text and speaker-labelled transcripts (``NAME:``, ``>>``, Otter's ``Name  0:13`` lines).

Paragraphs are runs of non-blank lines. A short first line standing alone (a show or
talk name) becomes the title.
"""

from __future__ import annotations

import re

from ..model import Document
from .blocks import RawBlock, accepted_speakers, build_blocks, drop_editorial_lines
from .furniture import without_source_lines
from .speech import otter_header, otter_preamble

_TERMINAL = tuple(".!?。！？…:：;；")


def read_plain(text: str, *, source: str) -> Document:
    text, link = without_source_lines(text)
    lines = text.split("\n")
    # An Otter export's preamble (name, date, SUMMARY KEYWORDS, SPEAKERS) is the page's metadata, not speech.
    body_start, preamble = otter_preamble(lines)
    raws: list[RawBlock] = []
    title: str | None = preamble.get("title")
    current: RawBlock | None = None
    pending_speaker: tuple[str, float] | None = None
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        if not line.strip():
            current = None
            continue
        header = otter_header(line)
        if header:
            pending_speaker, current = header, None
            continue
        if current is None:
            current = RawBlock("paragraph", [])
            if pending_speaker:
                current.speaker, current.time = pending_speaker
                current.labelled = True
            raws.append(current)
        current.lines.append((number, _html_labels(line)))

    if title is None and raws and _is_title(raws[0], raws[1:]):
        title = raws[0].lines[0][1].strip()
        raws[0].kind, raws[0].level = "heading", 1
    raws = drop_editorial_lines(raws)
    speakers = accepted_speakers(raws)
    otter = any(raw.labelled for raw in raws)
    blocks = build_blocks(raws, speakers)
    spoken = bool(speakers) or otter
    meta: dict[str, str] = {**preamble, "title": title} if title else dict(preamble)
    if link:
        meta["source_url"] = link
    return Document(
        source=source,
        format="transcript" if spoken else "text",
        blocks=tuple(blocks),
        title=title,
        meta=meta,
        spoken=spoken,
    )


def _is_title(first: RawBlock, rest: list[RawBlock]) -> bool:
    if len(first.lines) != 1 or not rest:
        return False
    text = first.lines[0][1].strip()
    if not 0 < len(text) <= 120 or text.endswith(_TERMINAL):
        return False
    # A colon early on is usually a speaker label ("HOST: Hi", "张三："), unless what precedes it is too
    # long to be a name ("Cloud Native Coffee — Episode 112: WebAssembly…", "服务网格的未来：…").
    label = re.match(r"([^:：]{1,40})[:：]", text)
    if label is None:
        return True
    before = label.group(1).strip()
    hanzi = len(re.findall(r"[\u3400-\u9fff]", before))
    return len(before.split()) >= 4 or hanzi > 5


def _html_labels(line: str) -> str:
    """``<b>NAME:</b> text`` and ``**Name:** text`` to ``NAME: text``, so the label rules see one form."""
    line = re.sub(r"</?(?:b|strong|i|em)>", "", line, flags=re.IGNORECASE)
    return re.sub(r"^(\s*)(\*\*|__)([^*_\n]{1,40}?[:：])\2", r"\1\3", line)
