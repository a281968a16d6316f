"""Caption cue text to clean speech: styling tags, entities, voice tags, labels and sounds.

Word timings (``<00:00:01.000>``) and turn markers (``<v Name>``, ``>>``) become sentinel
characters while the text is cleaned, so each survives as an offset mark on the clean text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .cue_scan import TIME, RawCue, clock_seconds
from .speech import split_speaker_label, strip_nonspeech

__all__ = ["Cue", "CueLine", "Segment", "clean_cue"]


_TIME_MARK = "\ue000"  # an inline word timing <00:00:01.000> stood here
_TURN_MARK = "\ue001"  # a <v Name> voice tag or a >> turn marker stood here
_SENTINELS_RE = re.compile(f"[{_TIME_MARK}{_TURN_MARK}]")
_TAG_RE = re.compile(
    rf"<(?P<time>{TIME})>"
    r"|(?P<voice><v(?:\.[^\s<>]*)?(?:[ \t]+(?P<name>[^<>]*))?>)"
    r"|(?P<br><br[ \t]*/?>)"
    r"|</?(?:c|i|b|u|v|s|lang|ruby|rt|font|span|em|strong)(?=[\s./>])[^<>]*>"
    r"|\{\\[^{}]*\}"
)
_TURN_MARKER_RE = re.compile(r"(?:^|(?<=\s))>>+")
# A character without which _mark_tags has nothing to do: a tag (<, {), an entity (&), a turn marker
# (>>) or a sentinel already in the text.
_MARKUP_RE = re.compile(f"[<>{{&{_TIME_MARK}{_TURN_MARK}]")
_LABEL_CHARS_RE = re.compile("[:：>&]")  # a speaker label ends with a colon; a turn marker is >> or &gt;&gt;
_SOUND_OPENERS_RE = re.compile(r"[\[(（【♪]")  # what a non-speech tag opens with: [MUSIC], (laughs), ♪
# Any of the above: a cue line with none of them (most lines of a long caption file) is only its words, and
# :func:`_clean_line` gives it the result of the whole path at once (tests/parse/test_cue_fast.py holds the two to
# each other).
_NOT_PLAIN_RE = re.compile(f"[<>{{&{_TIME_MARK}{_TURN_MARK}:：\\[(（【♪]")


@dataclass(slots=True)
class Segment:
    """Clean text of one speaker's part of a cue line, with (offset, seconds) marks."""

    turn: str | None  # None: same speaker; "": new, unnamed speaker; else the speaker's name
    text: str
    marks: list[tuple[int, float]]


@dataclass(slots=True)
class CueLine:
    """One cleaned line of a cue; rolling captions repeat whole lines, so lines are the unit compared."""

    key: str  # case-folded text used to spot lines that rolling captions repeat
    line: int
    segments: list[Segment]


@dataclass(slots=True)
class Cue:
    """A cue after cleaning, holding only lines with words left in them."""

    start: float
    end: float
    lines: list[CueLine]


def _plain(text: str) -> str:
    return " ".join(_SENTINELS_RE.sub(" ", text).split())


def _mark_tags(raw: str, times: list[float], turns: list[str]) -> str:
    """Replace timing and voice tags by sentinels, drop styling tags, decode entities."""
    if not _MARKUP_RE.search(raw):
        return raw  # most cue lines: no tag, entity, turn marker or sentinel to deal with
    pieces: list[str] = []
    position = 0

    def add_text(chunk: str) -> None:
        chunk = _SENTINELS_RE.sub("", html.unescape(chunk))

        def turn(_match: re.Match[str]) -> str:
            turns.append("")
            return _TURN_MARK

        pieces.append(_TURN_MARKER_RE.sub(turn, chunk))

    for tag in _TAG_RE.finditer(raw):
        add_text(raw[position : tag.start()])
        position = tag.end()
        if tag["time"]:
            seconds = clock_seconds(tag["time"])
            if seconds is not None:
                times.append(seconds)
                pieces.append(_TIME_MARK)
        elif tag["voice"]:
            turns.append((tag["name"] or "").strip())
            pieces.append(_TURN_MARK)
        elif tag["br"]:
            pieces.append(" ")
    add_text(raw[position:])
    return "".join(pieces)


def _strip_sounds(marked: str, times: list[float], turns: list[str]) -> tuple[str, list[float], list[str]]:
    """Remove non-speech tags without losing track of which sentinel is which.

    A sentinel inside a tag (``[MUSIC<00:00:01.000> PLAYING]``) hides the tag from
    :func:`strip_nonspeech`; then word times, and if need be turns, are given up for that line.
    """
    if not _SOUND_OPENERS_RE.search(marked):
        return marked, times, turns
    reference = _plain(strip_nonspeech(_SENTINELS_RE.sub(" ", marked)))
    for candidate, kept_times, kept_turns in (
        (marked, times, turns),
        (marked.replace(_TIME_MARK, ""), [], turns),
    ):
        stripped = strip_nonspeech(candidate)
        if (
            stripped.count(_TIME_MARK) == len(kept_times)
            and stripped.count(_TURN_MARK) == len(kept_turns)
            and _plain(stripped) == reference
        ):
            return stripped, kept_times, kept_turns
    return reference, [], []


def _collapse(text: str, times: Iterator[float], time: float) -> tuple[str, list[tuple[int, float]], float]:
    """Collapse whitespace; mark the first character and each timed word with its start time."""
    if _TIME_MARK not in text:  # no word timings: only the first character is marked
        collapsed = " ".join(text.split())
        return collapsed, [(0, time)] if collapsed else [], time
    out: list[str] = []
    marks: list[tuple[int, float]] = []
    length = 0
    pending: float | None = time
    space = False
    for char in text:
        if char == _TIME_MARK:
            time = next(times, time)
            pending = time
        elif char.isspace():
            space = length > 0
        else:
            if space:
                out.append(" ")
                length += 1
                space = False
            if pending is not None:
                marks.append((length, pending))
                pending = None
            out.append(char)
            length += 1
    return "".join(out), marks, time


def _drop_label(segment: Segment) -> None:
    """Move a ``NAME:`` label at the start of the segment from its text into its turn."""
    if not _LABEL_CHARS_RE.search(segment.text):
        return  # a label ends with a colon; a turn marker is >> (or &gt;&gt;)
    name, offset = split_speaker_label(segment.text)
    if name is None:
        return
    if name or segment.turn is None:
        segment.turn = name
    segment.text = segment.text[offset:]
    # Marks inside the label collapse onto the first spoken character.
    before = [seconds for position, seconds in segment.marks if position <= offset]
    after = [(position - offset, seconds) for position, seconds in segment.marks if position > offset]
    segment.marks = [(0, before[-1]), *after] if before else after


def _clean_line(raw: str, lineno: int, time: float) -> tuple[CueLine, float]:
    """Turn one raw cue line into speaker segments of clean text; return the time reached."""
    if _NOT_PLAIN_RE.search(raw) is None:  # no tag, entity, turn, label or sound: the words, one segment
        text = " ".join(raw.split())
        return CueLine(key=text.casefold(), line=lineno, segments=[Segment(None, text, [(0, time)])] if text else []), time
    return _clean_marked_line(raw, lineno, time)


def _clean_marked_line(raw: str, lineno: int, time: float) -> tuple[CueLine, float]:
    """:func:`_clean_line` the whole way: tags, entities, sounds, turns and labels."""
    times: list[float] = []
    turns: list[str] = []
    marked = _mark_tags(raw, times, turns)
    marked, times, turns = _strip_sounds(marked, times, turns)
    segments: list[Segment] = []
    word_times = iter(times)
    for index, part in enumerate(marked.split(_TURN_MARK)):
        text, marks, time = _collapse(part, word_times, time)
        segment = Segment(turn=None if index == 0 else turns[index - 1], text=text, marks=marks)
        if text:
            _drop_label(segment)
        if segment.text or segment.turn is not None:
            segments.append(segment)
    key_parts = []
    for segment in segments:
        if segment.turn is not None:
            key_parts.append(f"{segment.turn}:" if segment.turn else ">>")
        key_parts.append(segment.text)
    key = " ".join(" ".join(key_parts).split()).casefold()
    return CueLine(key=key, line=lineno, segments=segments), time


def clean_cue(raw: RawCue) -> Cue:
    time = raw.start
    lines = []
    for lineno, text in raw.text:
        cue_line, time = _clean_line(text, lineno, time)
        if cue_line.key:
            lines.append(cue_line)
    return Cue(start=raw.start, end=raw.end, lines=lines)

