"""Caption files line by line: timing lines, headers, and the cues with their raw text.

Nothing is cleaned here: :mod:`.cue_text` turns each cue's lines into speech afterwards. Text
outside any cue is kept: a short run goes to the cue before it (an identifier, or a cue's line
that lost its place), and a run that reads as a paragraph of prose stays a paragraph, so a post
that quotes captions between its own paragraphs loses neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from .._text import CJK_CHAR, CJK_RE
from .caption_sniff import BARE_TIME_RE, DUMP_CAPTIONS_RE, STAMPED_LINE_RE, TIME, TIMING_RE, WEBVTT_RE

__all__ = ["DUMP_CAPTIONS_RE", "TIME", "TIMING_RE", "WEBVTT_RE", "RawCue", "Scan", "clock_seconds", "scan_cues"]


_TIME_PARTS = r"(?:([0-9]{1,9}):)?([0-9]{1,2}):([0-9]{2})[,.]([0-9]{1,3})"  # TIME, its parts captured
_TIME_PARTS_RE = re.compile(_TIME_PARTS)
# TIMING_RE with each clock's parts captured too (groups 2-5 and 7-10), so a cue's times are read in
# the one match that finds its timing line: a million-cue file spends no second regex per clock.
_TIMING_PARTS_RE = re.compile(
    rf"^[ \t]*(?P<start>{_TIME_PARTS})[ \t]*-->[ \t]*(?P<end>{_TIME_PARTS})(?P<rest>(?:[ \t].*)?)$"
)
# What a damaged timing line still looks like: a clock time and an arrow, or two clock times.
_ARROW_RE = re.compile(r"-+>|→|⟶|–>|—>")
_CLOCK_RE = re.compile(r"[0-9]:[0-9]{2}")
_TWO_CLOCKS_RE = re.compile(r"^[ \t]*[0-9:.,]*[0-9]:[0-9]{2}[0-9:.,]*[ \t]+[0-9:.,]*[0-9]:[0-9]{2}[0-9:.,]*[ \t]*$")
# VTT cue settings (align:start position:0%) and SRT coordinates (X1:40 Y2:300) after the end time.
_SETTING_RE = re.compile(r"^[A-Za-z0-9_-]+[:=]\S*$")


def clock_seconds(clock: str) -> float | None:
    """Seconds for ``HH:MM:SS,mmm``, ``HH:MM:SS.mmm`` or ``MM:SS.mmm``; None when out of range."""
    m = _TIME_PARTS_RE.fullmatch(clock)
    return _seconds(*m.groups()) if m else None


def _seconds(hours: str | None, minutes: str, secs: str, frac: str) -> float | None:
    """The clock's seconds, to the millisecond: whole milliseconds divided once, which is the float
    ``round(h * 3600 + m * 60 + s + frac / 10 ** len(frac), 3)`` gives (both are the double nearest the
    decimal), without ``round`` (a million-cue file reads two million clocks)."""
    s = int(secs)
    if s >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    return ((int(hours or 0) * 3600 + int(minutes) * 60 + s) * 1000 + int(frac) * _MS_PER_DIGIT[len(frac)]) / 1000


_MS_PER_DIGIT = (0, 100, 10, 1)  # a fraction of 1, 2 or 3 digits, in milliseconds per unit


def _looks_like_timing(line: str) -> bool:
    """True for a damaged timing line: it must end a cue, not become spoken text."""
    if not _CLOCK_RE.search(line):
        return False
    return bool(_ARROW_RE.search(line)) or bool(_TWO_CLOCKS_RE.match(line))




@dataclass(slots=True)
class RawCue:
    """A cue as found in the file: its times and raw (line number, text) lines."""

    start: float
    end: float
    text: list[tuple[int, str]] = field(default_factory=list)


@dataclass(slots=True)
class Scan:
    """What a pass over the lines found; cleaning and de-duplication come afterwards."""

    cues: list[RawCue] = field(default_factory=list)
    paragraphs: list[tuple[int, list[tuple[int, str]]]] = field(default_factory=list)
    """Prose found outside the cues: (number of cues before it, its (line number, text) lines)."""
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
    """(start, end, text after the times) of a :data:`_TIMING_PARTS_RE` match; None when out of range."""
    parts = match.groups()
    start, end = _seconds(*parts[1:5]), _seconds(*parts[6:10])
    if start is None or end is None:
        return None
    rest = match["rest"].strip()
    if rest and all(_SETTING_RE.match(token) for token in rest.split()):
        rest = ""  # cue settings, not speech
    return start, max(start, end), rest


def _read_vtt_header(lines: list[str], meta: dict[str, str]) -> int:
    """Store ``Kind:``/``Language:`` header lines in ``meta``; return the index where cues begin."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not WEBVTT_RE.match(lines[first].strip()):
        return 0
    index = first + 1
    while index < len(lines) and lines[index].strip() and not TIMING_RE.match(lines[index]):
        field_match = _HEADER_FIELD_RE.match(lines[index].strip())
        if field_match and field_match["value"]:
            meta[field_match["key"].strip().lower().replace(" ", "_")] = field_match["value"].strip()
        index += 1
    return index


def _read_dump_header(lines: list[str], meta: dict[str, str], leading: list[tuple[int, str]]) -> int:
    """Store the dump's header fields in ``meta``; return the index after the ``Captions:`` line.

    Lines before the first field go to ``leading`` (a writer's text above a pasted dump).
    """
    captions_at = next((i for i, line in enumerate(lines) if DUMP_CAPTIONS_RE.match(line)), None)
    if captions_at is None:
        return 0
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for index, line in enumerate(lines[:captions_at]):
        field_match = _HEADER_FIELD_RE.match(line)
        key = field_match["key"].strip().lower() if field_match else ""
        if field_match and key in _DUMP_FIELDS:
            current = fields.setdefault(_DUMP_FIELDS[key], [])
            current.append(field_match["value"].strip())
        elif current is not None:
            current.append(line.strip())
        elif line.strip():
            leading.append((index + 1, line))
    for name, values in fields.items():
        value = "\n".join(values).strip()
        if value:
            meta[name] = re.sub(r"\n{3,}", "\n\n", value)
    return captions_at + 1


def scan_cues(lines: list[str], fmt: str) -> Scan:
    """Split the lines into cues; remember unreadable timing lines instead of failing on them."""
    if fmt == "timestamps":
        return _scan_timestamps(lines)
    scan = Scan()
    stray: list[tuple[int, str]] = []  # text outside any cue: an identifier, a cue's lost line, prose
    if fmt == "vtt":
        body_start = _read_vtt_header(lines, scan.meta)
    elif fmt == "caption-dump":
        body_start = _read_dump_header(lines, scan.meta, stray)
    else:
        body_start = 0

    current: RawCue | None = None  # the cue whose text is still being read
    skipping = False  # inside a cue with a broken timing line, or a VTT NOTE/STYLE/REGION block
    previous_empty = True
    timing_match = _TIMING_PARTS_RE.match  # bound once: a million-cue file runs this loop three million times
    for lineno, line in enumerate(islice(lines, body_start, None), body_start + 1):
        if not line:
            current, skipping, previous_empty = None, False, True
            continue
        # Every timing line, whole or damaged, holds a ":" (a clock time): most lines are tested no further.
        timing = timing_match(line) if ":" in line else None
        if timing or (":" in line and _looks_like_timing(line)):
            # The line just before a timing line is the cue's identifier (SRT number, VTT id).
            if current is not None and current.text and _is_number_line(current.text[-1], lineno - 1):
                current.text.pop()
            elif stray and stray[-1][0] == lineno - 1:
                stray.pop()
            if stray:
                _attach_stray(stray, scan)
            parsed = _parse_timing(timing) if timing else None
            if parsed is None:
                scan.bad_timing.append((lineno, line))
                current, skipping = None, True
            else:
                start, end, rest = parsed
                current, skipping = RawCue(start, end), False
                if rest:
                    current.text.append((lineno, rest))
                scan.cues.append(current)
            previous_empty = False
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
    _attach_stray(stray, scan)
    return scan


def _scan_timestamps(lines: list[str]) -> Scan:
    """A transcript copied with a bare clock time above each caption line (YouTube's transcript panel), or opening
    each line ("[00:03:11] 好 我们看一下"): each time starts a cue that runs to the next one; blank lines inside a cue
    are only spacing. Text before the first time (a title, a note) is kept as prose when it reads as prose, as for
    the other formats."""
    scan = Scan()
    stray: list[tuple[int, str]] = []
    current: RawCue | None = None
    for index, line in enumerate(lines):
        lineno = index + 1
        stamped = STAMPED_LINE_RE.match(line)
        if BARE_TIME_RE.match(line) or stamped is not None:
            clock = (stamped.group("b") or stamped.group("p") or stamped.group("n")) if stamped else line.strip()
            parts = [int(p) for p in clock.split(":")]
            start = float(parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) == 3 else 0))
            if parts[-1] >= 60 or (len(parts) == 3 and parts[-2] >= 60):
                scan.bad_timing.append((lineno, line))
                current = None
                continue
            if current is not None:
                current.end = max(current.start, start)
            elif stray:
                _attach_stray(stray, scan)
            current = RawCue(start, start)
            scan.cues.append(current)
            if stamped is not None:  # "[00:03:11] 好 我们看一下": the caption follows its time on the same line
                current.text.append((lineno, stamped.group("text")))
        elif not line.strip():
            continue
        elif current is not None:
            current.text.append((lineno, line))
        else:
            stray.append((lineno, line))
    _attach_stray(stray, scan)
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


def _attach_stray(stray: list[tuple[int, str]], scan: Scan) -> None:
    """Keep text found between cues: a paragraph of prose as a paragraph, anything else (an
    identifier, a cue's line after a stray blank line) with the cue before it, so no word is lost."""
    runs: list[list[tuple[int, str]]] = []
    for item in stray:
        if runs and runs[-1][-1][0] == item[0] - 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    for run in runs:
        if _reads_as_prose(" ".join(text.strip() for _, text in run), before_cues=not scan.cues):
            scan.paragraphs.append((len(scan.cues), run))
        elif scan.cues:
            scan.cues[-1].text.extend(item for item in run if not _CUE_NUMBER_RE.match(item[1]))
    stray.clear()


_SENTENCE_END_RE = re.compile(r"[.!?。！？:：][\"'”’)）]*$")
_PROSE_START_RE = re.compile(rf"[\"'“‘(（A-Z0-9{CJK_CHAR}]")


def _reads_as_prose(text: str, *, before_cues: bool) -> bool:
    """Whether a run of lines outside the cues is a writer's paragraph rather than caption text.

    Caption lines hold at most about 42 characters, two to a cue; a run longer than 100
    characters, or a capitalised run of 8+ words (20+ hanzi) ending a sentence, is prose. Before
    the first cue there is no cue to give text to, so any run of 4+ words (8+ hanzi) is kept.
    """
    words = len(text.split()) + len(CJK_RE.findall(text)) / 2.5
    if before_cues:
        return words >= 4
    return len(text) > 100 or (words >= 8 and bool(_PROSE_START_RE.match(text)) and bool(_SENTENCE_END_RE.search(text)))
