"""Read SRT, WebVTT and YouTube caption dumps into caption blocks of clean spoken text.

Captions arrive as many short cues. Sentence segmentation (a later stage) needs runs of
speech, not cues, so consecutive cues are joined into one block per speaker turn and per
stretch without a long silence. Each block keeps, per cue (or per word when the VTT carries
word timings), the text offset, source line and start time, so a sentence cut later from the
middle of a block can still say where and when it was spoken.

YouTube's rolling auto-captions show every line twice (once as the new bottom line, once
scrolled up) plus ~10 ms "transition" cues that only repeat; :func:`read_captions` drops the
repeated lines by comparing whole lines at the end of one cue with the start of the next, so
a speaker's own repetitions ("no no no") inside a line are never touched.

Usage::

    fmt = detect_captions(text)            # "vtt", "srt", "caption-dump" or None
    doc = read_captions(text, source="talk.vtt", fmt=fmt)
    doc.blocks[0].time_at(0)               # seconds where the first block starts
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

from .._text import CJK_RE
from ..errors import ParseError, SummarizeWarning, UnknownChoiceError
from ..model import Block, Document
from .speech import split_speaker_label, strip_nonspeech

__all__ = ["CAPTION_FORMATS", "CaptionWarning", "detect_captions", "read_captions"]

CAPTION_FORMATS = ("vtt", "srt", "caption-dump")

#: A pause longer than this (seconds, from one cue's end to the next cue's start) ends a block.
LONG_SILENCE = 3.0
#: YouTube's rolling captions insert cues this short that only repeat the line on screen.
_TRANSITION_CUE = 0.05
#: Rolling captions repeat one or two lines; longer overlaps are not looked for.
_MAX_OVERLAP = 8
#: Share of adjacent cue pairs that must overlap line-wise before a file counts as rolling.
_ROLLING_SHARE = 0.25
#: Individual warnings per file; the rest are counted in one summary warning.
_MAX_WARNINGS = 10
#: How much of the text :func:`detect_captions` looks at, so detection stays cheap on big inputs.
_DETECT_SAMPLE = 65_536

_VALID_TIMING_EXAMPLE = "00:01:02,500 --> 00:01:04,000"


class CaptionWarning(SummarizeWarning):
    """A caption cue was skipped because its timing line cannot be read."""


# ------------------------------------------------------------------------------- timing lines

_TIME = r"(?:[0-9]{1,9}:)?[0-9]{1,2}:[0-9]{2}[,.][0-9]{1,3}"
_TIME_PARTS_RE = re.compile(r"(?:([0-9]{1,9}):)?([0-9]{1,2}):([0-9]{2})[,.]([0-9]{1,3})")
_TIMING_RE = re.compile(rf"^[ \t]*(?P<start>{_TIME})[ \t]*-->[ \t]*(?P<end>{_TIME})(?P<rest>(?:[ \t].*)?)$")
# What a damaged timing line still looks like: a clock time and an arrow, or two clock times.
_ARROW_RE = re.compile(r"-+>|→|⟶|–>|—>")
_CLOCK_RE = re.compile(r"[0-9]:[0-9]{2}")
_TWO_CLOCKS_RE = re.compile(r"^[ \t]*[0-9:.,]*[0-9]:[0-9]{2}[0-9:.,]*[ \t]+[0-9:.,]*[0-9]:[0-9]{2}[0-9:.,]*[ \t]*$")
# VTT cue settings (align:start position:0%) and SRT coordinates (X1:40 Y2:300) after the end time.
_SETTING_RE = re.compile(r"^[A-Za-z0-9_-]+[:=]\S*$")


def _seconds(clock: str) -> float | None:
    """Seconds for ``HH:MM:SS,mmm``, ``HH:MM:SS.mmm`` or ``MM:SS.mmm``; None when out of range."""
    m = _TIME_PARTS_RE.fullmatch(clock)
    if not m:
        return None
    hours, minutes, secs, frac = m.groups()
    if int(secs) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    return round(int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(frac) / 10 ** len(frac), 3)


def _looks_like_timing(line: str) -> bool:
    """True for a damaged timing line: it must end a cue, not become spoken text."""
    if not _CLOCK_RE.search(line):
        return False
    return bool(_ARROW_RE.search(line)) or bool(_TWO_CLOCKS_RE.match(line))


# ------------------------------------------------------------------------------- detection

_WEBVTT_RE = re.compile(r"^\ufeff?WEBVTT(?:[ \t].*)?$")
_DUMP_CAPTIONS_RE = re.compile(r"^Captions:[ \t]*$")
_FENCE_RE = re.compile(r"^[ \t]{0,3}(?:```|~~~)")


def detect_captions(text: str) -> str | None:
    """Say whether ``text`` is a caption file, from its content alone.

    Returns ``"vtt"``, ``"caption-dump"``, ``"srt"`` or None. Timing lines inside Markdown code
    fences do not count, and SRT needs timing lines to be a real share of the lines, so a post
    that quotes one cue or mentions "10:30" stays a post.
    """
    sample = text[:_DETECT_SAMPLE].replace("\r\n", "\n").replace("\r", "\n")
    lines = sample.split("\n")
    timing_lines = timings_after_header = non_blank = 0
    has_captions_header = in_fence = False
    first_line: str | None = None
    for line in lines:
        if not line.strip():
            continue
        non_blank += 1
        if first_line is None:
            first_line = line.strip()
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if _TIMING_RE.match(line):
            timing_lines += 1
            timings_after_header += has_captions_header
        elif _DUMP_CAPTIONS_RE.match(line):
            has_captions_header = True
    if first_line is not None and _WEBVTT_RE.match(first_line):
        if timing_lines or first_line.lstrip("\ufeff") == "WEBVTT":
            return "vtt"
    if timings_after_header:
        return "caption-dump"
    if timing_lines and timing_lines / non_blank >= 0.2:
        return "srt"
    return None


# ------------------------------------------------------------------------------- scanning

@dataclass(slots=True)
class _RawCue:
    """A cue as found in the file: its times and raw (line number, text) lines."""

    start: float
    end: float
    text: list[tuple[int, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Scan:
    """What a pass over the lines found; cleaning and de-duplication come afterwards."""

    cues: list[_RawCue] = field(default_factory=list)
    bad_timing: list[tuple[int, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


_CUE_NUMBER_RE = re.compile(r"^[ \t]*[0-9]+[ \t]*$")
_VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")
_HEADER_FIELD_RE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9 _-]{0,40}?)[ \t]*:[ \t]*(?P<value>.*)$")
# Header fields of the "Title: / Publication date: / … / Captions:" dump, and their meta names.
_DUMP_FIELDS = {
    "title": "title",
    "publication date": "date",
    "date": "date",
    "playlist": "playlist",
    "description": "description",
    "channel": "channel",
    "author": "author",
    "uploader": "author",
    "duration": "duration",
    "tags": "tags",
    "language": "language",
    "url": "url",
    "youtube url": "url",
    "video url": "url",
}


def _parse_timing(match: re.Match[str]) -> tuple[float, float, str] | None:
    start, end = _seconds(match["start"]), _seconds(match["end"])
    if start is None or end is None:
        return None
    rest = match["rest"].strip()
    if rest and all(_SETTING_RE.match(token) for token in rest.split()):
        rest = ""  # cue settings, not speech
    return start, max(start, end), rest


def _read_vtt_header(lines: list[str], meta: dict[str, str]) -> int:
    """Store ``Kind:``/``Language:`` header lines in ``meta``; return the index where cues begin."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not _WEBVTT_RE.match(lines[first].strip()):
        return 0
    index = first + 1
    while index < len(lines) and lines[index].strip() and not _TIMING_RE.match(lines[index]):
        field_match = _HEADER_FIELD_RE.match(lines[index].strip())
        if field_match and field_match["value"]:
            meta[field_match["key"].strip().lower().replace(" ", "_")] = field_match["value"].strip()
        index += 1
    return index


def _read_dump_header(lines: list[str], meta: dict[str, str]) -> int:
    """Store the dump's header fields in ``meta``; return the index after the ``Captions:`` line."""
    captions_at = next((i for i, line in enumerate(lines) if _DUMP_CAPTIONS_RE.match(line)), None)
    if captions_at is None:
        return 0
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[:captions_at]:
        field_match = _HEADER_FIELD_RE.match(line)
        key = field_match["key"].strip().lower() if field_match else ""
        if field_match and key in _DUMP_FIELDS:
            current = fields.setdefault(_DUMP_FIELDS[key], [])
            current.append(field_match["value"].strip())
        elif current is not None:
            current.append(line.strip())
    for name, values in fields.items():
        value = "\n".join(values).strip()
        if value:
            meta[name] = re.sub(r"\n{3,}", "\n\n", value)
    return captions_at + 1


def _scan(lines: list[str], fmt: str) -> _Scan:
    """Split the lines into cues; remember unreadable timing lines instead of failing on them."""
    scan = _Scan()
    if fmt == "vtt":
        body_start = _read_vtt_header(lines, scan.meta)
    elif fmt == "caption-dump":
        body_start = _read_dump_header(lines, scan.meta)
    else:
        body_start = 0

    current: _RawCue | None = None  # the cue whose text is still being read
    stray: list[tuple[int, str]] = []  # text outside any cue: an identifier, or a cue's lost paragraph
    skipping = False  # inside a cue with a broken timing line, or a VTT NOTE/STYLE/REGION block
    previous_empty = True
    for index in range(body_start, len(lines)):
        line, lineno = lines[index], index + 1
        timing = _TIMING_RE.match(line)
        if timing or _looks_like_timing(line):
            # The line just before a timing line is the cue's identifier (SRT number, VTT id).
            if current is not None and current.text and _is_number_line(current.text[-1], lineno - 1):
                current.text.pop()
            elif stray and stray[-1][0] == lineno - 1:
                stray.pop()
            _attach_stray(stray, scan.cues)
            parsed = _parse_timing(timing) if timing else None
            if parsed is None:
                scan.bad_timing.append((lineno, line))
                current, skipping = None, True
            else:
                start, end, rest = parsed
                current, skipping = _RawCue(start, end), False
                if rest:
                    current.text.append((lineno, rest))
                scan.cues.append(current)
            previous_empty = False
            continue
        if line == "":
            current, skipping, previous_empty = None, False, True
            continue
        starts_block, previous_empty = previous_empty, False
        if skipping:
            continue
        if current is not None:
            current.text.append((lineno, line))
        elif not line.strip():
            continue
        elif fmt == "vtt" and starts_block and line.split()[0] in _VTT_SKIPPED_BLOCKS:
            skipping = True
        else:
            stray.append((lineno, line))

    if fmt == "caption-dump":
        stray = _read_dump_trailer(stray, scan.meta)
    _attach_stray(stray, scan.cues)
    return scan


def _is_number_line(numbered_line: tuple[int, str], lineno: int) -> bool:
    return numbered_line[0] == lineno and bool(_CUE_NUMBER_RE.match(numbered_line[1]))


def _read_dump_trailer(stray: list[tuple[int, str]], meta: dict[str, str]) -> list[tuple[int, str]]:
    """Move ``YouTube URL: …`` style lines after the last cue into ``meta``; return the rest."""
    kept = []
    for lineno, line in stray:
        field_match = _HEADER_FIELD_RE.match(line.strip())
        key = field_match["key"].strip().lower() if field_match else ""
        if field_match and key in _DUMP_FIELDS and field_match["value"].strip():
            meta.setdefault(_DUMP_FIELDS[key], field_match["value"].strip())
        else:
            kept.append((lineno, line))
    return kept


def _attach_stray(stray: list[tuple[int, str]], cues: list[_RawCue]) -> None:
    """Give text found between cues to the cue before it, so no spoken word is lost."""
    if cues:
        cues[-1].text.extend(item for item in stray if not _CUE_NUMBER_RE.match(item[1]))
    stray.clear()


# ------------------------------------------------------------------------------- cleaning

_TIME_MARK = "\ue000"  # an inline word timing <00:00:01.000> stood here
_TURN_MARK = "\ue001"  # a <v Name> voice tag or a >> turn marker stood here
_SENTINELS_RE = re.compile(f"[{_TIME_MARK}{_TURN_MARK}]")
_TAG_RE = re.compile(
    rf"<(?P<time>{_TIME})>"
    r"|(?P<voice><v(?:\.[^\s<>]*)?(?:[ \t]+(?P<name>[^<>]*))?>)"
    r"|(?P<br><br[ \t]*/?>)"
    r"|</?(?:c|i|b|u|v|s|lang|ruby|rt|font|span|em|strong)(?=[\s./>])[^<>]*>"
    r"|\{\\[^{}]*\}"
)
_TURN_MARKER_RE = re.compile(r"(?:^|(?<=\s))>>+")


@dataclass(slots=True)
class _Segment:
    """Clean text of one speaker's part of a cue line, with (offset, seconds) marks."""

    turn: str | None  # None: same speaker; "": new, unnamed speaker; else the speaker's name
    text: str
    marks: list[tuple[int, float]]


@dataclass(slots=True)
class _CueLine:
    """One cleaned line of a cue; rolling captions repeat whole lines, so lines are the unit compared."""

    key: str  # case-folded text used to spot lines that rolling captions repeat
    line: int
    segments: list[_Segment]


@dataclass(slots=True)
class _Cue:
    """A cue after cleaning, holding only lines with words left in them."""

    start: float
    end: float
    lines: list[_CueLine]


def _plain(text: str) -> str:
    return " ".join(_SENTINELS_RE.sub(" ", text).split())


def _mark_tags(raw: str, times: list[float], turns: list[str]) -> str:
    """Replace timing and voice tags by sentinels, drop styling tags, decode entities."""
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
            seconds = _seconds(tag["time"])
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
    if not any(c in marked for c in "[(（【♪"):
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


def _drop_label(segment: _Segment) -> None:
    """Move a ``NAME:`` label at the start of the segment from its text into its turn."""
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


def _clean_line(raw: str, lineno: int, time: float) -> tuple[_CueLine, float]:
    """Turn one raw cue line into speaker segments of clean text; return the time reached."""
    times: list[float] = []
    turns: list[str] = []
    marked = _mark_tags(raw, times, turns)
    marked, times, turns = _strip_sounds(marked, times, turns)
    segments: list[_Segment] = []
    word_times = iter(times)
    for index, part in enumerate(marked.split(_TURN_MARK)):
        text, marks, time = _collapse(part, word_times, time)
        segment = _Segment(turn=None if index == 0 else turns[index - 1], text=text, marks=marks)
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
    return _CueLine(key=key, line=lineno, segments=segments), time


def _clean_cue(raw: _RawCue) -> _Cue:
    time = raw.start
    lines = []
    for lineno, text in raw.text:
        cue_line, time = _clean_line(text, lineno, time)
        if cue_line.key:
            lines.append(cue_line)
    return _Cue(start=raw.start, end=raw.end, lines=lines)


# ------------------------------------------------------------------------------- rolling captions

def _overlap(previous: _Cue, current: _Cue) -> int:
    """Number of whole lines that end ``previous`` and start ``current``."""
    before = [line.key for line in previous.lines]
    after = [line.key for line in current.lines]
    for size in range(min(len(before), len(after), _MAX_OVERLAP), 0, -1):
        if before[-size:] == after[:size]:
            return size
    return 0


def _is_rolling(cues: list[_Cue]) -> bool:
    """Whether repeated lines between cues are the file's habit (rolling captions), not speech."""
    pairs = overlapping = 0
    for previous, current in zip(cues, cues[1:]):
        pairs += 1
        overlapping += _overlap(previous, current) > 0
    return overlapping > 0 and overlapping >= _ROLLING_SHARE * pairs


def _new_lines(previous: _Cue | None, current: _Cue, rolling: bool) -> list[_CueLine]:
    """The lines of ``current`` that were not already on screen in ``previous``."""
    if previous is None:
        return current.lines
    same_lines = [line.key for line in previous.lines] == [line.key for line in current.lines]
    if same_lines and (previous.start, previous.end) == (current.start, current.end):
        return []  # the same cue written twice
    overlap = _overlap(previous, current)
    if not overlap:
        return current.lines
    if overlap == len(current.lines):  # nothing new on screen
        transition = current.end - current.start <= _TRANSITION_CUE
        if transition or (rolling and len(previous.lines) > overlap):
            return []
        return current.lines  # the same words said again, e.g. "no" then "no"
    return current.lines[overlap:] if rolling else current.lines


# ------------------------------------------------------------------------------- blocks

@dataclass(slots=True)
class _BlockBuilder:
    """Collects segments of one block, shifting their marks to offsets in the joined text."""

    speaker: str | None
    parts: list[str] = field(default_factory=list)
    length: int = 0
    time_marks: list[tuple[int, float]] = field(default_factory=list)
    line_marks: list[tuple[int, int]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def add(self, segment: _Segment, lineno: int) -> None:
        if self.parts:
            # Cues join with a space, except between two hanzi: Chinese has no spaces between words.
            joiner = "" if CJK_RE.match(self.parts[-1][-1:]) and CJK_RE.match(segment.text[:1]) else " "
            self.parts.append(joiner)
            self.length += len(joiner)
        for offset, seconds in segment.marks:
            self.time_marks.append((self.length + offset, seconds))
            self.line_marks.append((self.length + offset, lineno))
        self.parts.append(segment.text)
        self.length += len(segment.text)
        self.lines.append(lineno)

    def build(self) -> Block:
        return Block(
            kind="caption",
            text="".join(self.parts),
            line=min(self.lines),
            end_line=max(self.lines),
            speaker=self.speaker or None,
            line_marks=tuple(self.line_marks),
            time_marks=tuple(self.time_marks),
        )


def _build_blocks(cues: list[_Cue]) -> list[Block]:
    """Join cues into blocks, breaking at speaker turns and long silences."""
    rolling = _is_rolling(cues)
    blocks: list[Block] = []
    builder: _BlockBuilder | None = None
    speaker: str | None = None
    pending_turn: str | None = None
    previous: _Cue | None = None
    last_end: float | None = None
    for cue in cues:
        silence = last_end is not None and cue.start - last_end > LONG_SILENCE
        for cue_line in _new_lines(previous, cue, rolling):
            for segment in cue_line.segments:
                if segment.turn is not None:
                    pending_turn = segment.turn if segment.turn or pending_turn is None else pending_turn
                if not segment.text:
                    continue
                # A bare >> always means someone else speaks; a name only when it changes.
                turn = pending_turn is not None and (pending_turn == "" or pending_turn != speaker)
                if pending_turn is not None:
                    speaker, pending_turn = pending_turn or None, None
                if builder is None or turn or silence:
                    if builder is not None:
                        blocks.append(builder.build())
                    builder = _BlockBuilder(speaker=speaker)
                    silence = False
                builder.add(segment, cue_line.line)
        previous = cue
        last_end = cue.end if last_end is None else max(last_end, cue.end)
    if builder is not None:
        blocks.append(builder.build())
    return blocks


# ------------------------------------------------------------------------------- entry point

def read_captions(text: str, *, source: str, fmt: str | None = None) -> Document:
    """Read a caption file into a spoken :class:`Document` of ``caption`` blocks.

    ``fmt`` is one of :data:`CAPTION_FORMATS`, or None to detect it. Cues with unreadable timing
    lines are skipped with a :class:`CaptionWarning`; :class:`ParseError` is raised only when no
    cue at all can be read.
    """
    if fmt is None:
        fmt = detect_captions(text) or "srt"
    elif fmt not in CAPTION_FORMATS:
        raise UnknownChoiceError("caption format", fmt, CAPTION_FORMATS)
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    if normalised.startswith("\ufeff"):
        normalised = normalised[1:]
    scan = _scan(normalised.split("\n"), fmt)
    if not scan.cues:
        first_bad = scan.bad_timing[0][0] if scan.bad_timing else None
        found = "no readable caption cue" if first_bad else "no caption cue"
        raise ParseError(
            f"{found} in this {fmt} input; a cue starts with a timing line such as "
            f"'{_VALID_TIMING_EXAMPLE}' (HH:MM:SS,mmm, HH:MM:SS.mmm or MM:SS.mmm)",
            source=source,
            line=first_bad,
        )
    for lineno, line in scan.bad_timing[:_MAX_WARNINGS]:
        warnings.warn(
            f"{source}:{lineno}: skipped a caption cue whose timing line cannot be read: "
            f"{line.strip()[:80]!r}; expected e.g. '{_VALID_TIMING_EXAMPLE}'",
            CaptionWarning,
            stacklevel=2,
        )
    if len(scan.bad_timing) > _MAX_WARNINGS:
        warnings.warn(
            f"{source}: skipped {len(scan.bad_timing) - _MAX_WARNINGS} more caption cues with unreadable timing lines",
            CaptionWarning,
            stacklevel=2,
        )
    cues = [cue for cue in map(_clean_cue, scan.cues) if cue.lines]
    return Document(
        source=source,
        format=fmt,
        blocks=tuple(_build_blocks(cues)),
        title=scan.meta.get("title") or None,
        meta=scan.meta,
        spoken=True,
    )
