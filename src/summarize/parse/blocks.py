"""From readers' raw lines to Blocks: non-speech tags, speaker turns, and line marks.

Readers (Markdown, plain text) only say which source lines belong to which structural
unit. Everything spoken-language-specific happens here, once, so a ``Name:`` label is a
speaker whether it sat in a Markdown interview or a podcast transcript.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .._text import guess_lang, lazy_pattern
from ..model import Block
from .furniture import heading_furniture, is_bio, is_label_line, is_labelled_link, strip_editorial_label
from .speech import otter_header, split_speaker_label, strip_nonspeech, turn_stamp


@dataclass
class RawBlock:
    """A reader's unit before clean-up: kind, nesting and its (source line, text) pairs."""

    kind: str
    lines: list[tuple[int, str]]
    level: int = 0
    speaker: str | None = None
    time: float | None = None
    labelled: bool = field(default=False)
    anchor: str | None = None
    """A heading's explicit id (``{#setup}``): the link anchor of the section it opens."""
    furniture: str | None = None
    """Furniture the reader saw in the markup (a list item that is only a link title)."""
    attrs: dict[str, str] = field(default_factory=dict)
    new_section: bool = False
    """True where the post changes part without a heading (a gcppodcast transcript after the show notes)."""


def drop_editorial_lines(raws: list[RawBlock]) -> list[RawBlock]:
    """Remove lines that only label what follows ("Transcript:") and the label of an editor's or
    translator's note ("译者按：…" keeps the note): before speaker labels are counted, so a repeated
    "注：" is never taken for a speaker."""
    kept: list[RawBlock] = []
    for raw in raws:
        # A heading "## Transcript" is no label line: it opens the section the show notes' furniture ends at
        # (dropping it ran a podcast page's whole transcript into its "Where can you find us next?" links).
        if raw.kind in ("code", "table", "heading"):
            kept.append(raw)
            continue
        lines = [(n, text) for n, text in raw.lines if not is_label_line(text)]
        if lines:
            lines[0] = (lines[0][0], strip_editorial_label(lines[0][1]))
            raw.lines = lines
            kept.append(raw)
    return kept


def accepted_speakers(raws: list[RawBlock]) -> set[str]:
    """Label names that really are speakers: used at least twice, or among several labels.

    One "Update: …" line is not an interview; two "Varun：" lines are, and so are three
    different labels.
    """
    counts: Counter[str] = Counter()
    for raw in raws:
        # Not list items: "- Fix: …", "- Breaking: …", "- Website: …" are a changelog's and a README's
        # labels; people's turns are paragraphs (or quotes).
        if raw.kind not in ("paragraph", "quote"):
            continue
        for _, text in raw.lines:
            name, _ = speaker_label(text)
            if name:
                counts[name] += 1
    many = sum(counts.values()) >= 3 and len(counts) >= 2
    return {name for name, n in counts.items() if n >= 2 or many}


def build_blocks(raws: list[RawBlock], speakers: set[str]) -> list[Block]:
    """Split raw blocks at speaker labels, drop non-speech tags, and attach line marks."""
    blocks: list[Block] = []
    section = 0
    current_speaker: str | None = None
    current_lang: str | None = None
    anchor: str | None = None
    # Furniture of the current section, and the level of the heading that opened it: a heading at that
    # level or above ends it ("##### Where can you find us next?" until the next "#####").
    section_furniture: tuple[str, int] | None = None
    for raw in raws:
        if raw.kind == "heading":
            section += 1 if blocks or raw.level else 0
            current_speaker = None
            anchor = raw.anchor
            if section_furniture and raw.level <= section_furniture[1]:
                section_furniture = None
            found = heading_furniture(" ".join(t for _, t in raw.lines))
            if found and section_furniture is None:
                section_furniture = (found, raw.level or 1)
        elif raw.new_section:
            section += 1
            current_speaker, anchor, section_furniture = None, None, None
        furniture = section_furniture[0] if section_furniture else raw.furniture
        if raw.kind in ("code", "table"):
            text = "\n".join(t for _, t in raw.lines)
            if text.strip():
                blocks.append(
                    Block(
                        raw.kind, text, raw.lines[0][0], raw.lines[-1][0], level=raw.level, section=section,
                        anchor=anchor, attrs=raw.attrs,
                    )
                )
            continue
        for speaker, labelled, lines, said_at in _turns(raw, speakers):
            if labelled and speaker and section_furniture is not None:
                # A speaker's turn is the transcript, never furniture: it ends a bio or links section that no
                # heading closed ("## 嘉宾介绍" then "---" then "**老周**：欢迎收听…", or show notes running into a
                # `<details>` transcript), which had made a podcast page's whole dialogue furniture.
                section_furniture, furniture = None, raw.furniture
            text, marks = _join(lines)
            if not text:
                if labelled and speaker:  # a header alone ("宋佳 00:00:05"): its turn is the paragraphs after it
                    current_speaker, current_lang = speaker, None
                continue
            lang = guess_lang(text)
            if labelled:
                current_speaker, current_lang = speaker, lang
            elif speaker is None and speakers and raw.kind == "paragraph":
                # An unlabelled paragraph continues the last turn when it is in the same language:
                # podcast transcripts label only a turn's first paragraph.
                if current_speaker is not None and current_lang in (None, lang):
                    speaker, current_lang = current_speaker, lang
                else:
                    current_speaker = None
            block_furniture = furniture
            if block_furniture is None and not speaker and raw.kind in ("paragraph", "quote") and _bio_sized(text):
                block_furniture = "bio" if is_bio(text) else "links" if is_labelled_link(text) else None
            blocks.append(
                Block(
                    raw.kind,
                    text,
                    lines[0][0],
                    lines[-1][0],
                    level=raw.level,
                    section=section,
                    speaker=speaker or None,
                    line_marks=marks,
                    time_marks=((0, raw.time),) if raw.time is not None else ((0, said_at),) if said_at is not None else (),
                    anchor=anchor,
                    furniture=block_furniture,
                    attrs=raw.attrs,
                )
            )
    return blocks


def _bio_sized(text: str) -> bool:
    """Biographies are short: a paragraph of a few lines (a long one is the post's own prose)."""
    return len(text.split()) <= 110 and (text.isascii() or len(_hanzi_re().findall(text)) <= 300)


_hanzi_re = lazy_pattern("[\u4e00-\u9fff]")


def speaker_label(text: str) -> tuple[str | None, int]:
    """(name, where the turn's text starts) for a line that opens a turn: "NAME: …", "**Name:** …", or a line that
    is only an Otter-style "Name  0:13" / "宋佳 00:00:05" header (the text follows on the next lines)."""
    name, offset = split_speaker_label(text)
    if name is not None:
        return name, offset
    header = otter_header(text)
    return (header[0], len(text)) if header else (None, 0)


_Turn = tuple[str | None, bool, list[tuple[int, str]], float | None]
"""(speaker, whether a label opened it, its lines, the clock time its label gave: "[00:12:03] Maya: …")."""


def _turns(raw: RawBlock, speakers: set[str]) -> list[_Turn]:
    """Cut a raw block where a line opens with an accepted speaker label. A block that is only a header line
    yields that speaker with no lines, so the paragraphs after it are read as the turn."""
    turns: list[_Turn] = []
    speaker, labelled, lines, said_at = raw.speaker, raw.labelled, [], None
    for lineno, text in raw.lines:
        text = strip_nonspeech(text)
        name, offset = speaker_label(text) if raw.kind != "heading" else (None, 0)
        if name is not None and (name in speakers or name == ""):
            if lines:
                turns.append((speaker, labelled, lines, said_at))
            stamp = turn_stamp(text)
            speaker, labelled, lines, said_at = name, True, [], stamp[0] if stamp else None
            text = text[offset:]
            if not text.strip():
                continue  # a header line: the turn's words are on the lines after it
        lines.append((lineno, text))
    if lines or (labelled and speaker and not turns):
        turns.append((speaker, labelled, lines, said_at))
    return turns


_SPACES_RE = re.compile(r"[ \t\u00a0\u3000]+")


def _join(lines: list[tuple[int, str]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join lines with newlines (segmenters decide what a newline means) and record line marks."""
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    offset = 0
    for lineno, text in lines:
        if "  " in text or "\t" in text or "\u00a0" in text or "\u3000" in text:  # else the regex leaves it as it is
            text = _SPACES_RE.sub(" ", text)
        text = text.strip()
        if not text:
            continue
        if parts:
            offset += 1  # the joining newline
        marks.append((offset, lineno))
        parts.append(text)
        offset += len(text)
    return "\n".join(parts), tuple(marks)
