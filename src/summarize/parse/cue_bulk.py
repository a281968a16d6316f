"""Plain SRT and WebVTT files read in bulk: one regex pass over the text, clocks and blocks built as arrays.

Most caption files are nothing but cues of plain words (what a recogniser writes): an optional identifier,
a timing line, a line or two of text, a blank line. :func:`~.cue_scan.scan_cues`, :func:`~.cue_text.clean_cue`
and :func:`~.caption_blocks.build_caption_blocks` handle every file, one line and one cue at a time, which
costs a 1M-cue file (44 MB) over ten seconds in Python objects it never needs. Here such a file is matched
cue by cue in C, its clocks parsed as NumPy arrays, and its blocks joined in one ``" ".join`` each.

:func:`read_plain_cues` takes only files whose result it can vouch for, and returns None for any other (the
caller then takes the general path, so nothing is lost): every line of the body belongs to a cue of this
shape, no text line holds anything the general cleaner would act on (a tag, an entity, a turn marker, a
label's colon, a sound's bracket), every clock is in range, and no cue repeats a line of the cue before it
(rolling captions, or a cue written twice, need the general de-duplication). The two paths are held to each
other by ``tests/parse/test_cue_bulk.py`` over generated files.
"""

from __future__ import annotations

import re
from array import array
from operator import eq, itemgetter
from typing import Any

from .._text import CJK_RE
from ..model import Block, Marks
from .caption_blocks import _MAX_OVERLAP, LONG_SILENCE
from .cue_scan import _MS_PER_DIGIT, _SETTING_RE, _read_vtt_header, clock_seconds

__all__ = ["read_plain_cues"]

_CLOCK = r"(?:[0-9]{1,9}:)?[0-9]{1,2}:[0-9]{2}[,.][0-9]{1,3}"  # cue_scan's TIME, which these clocks must be
# One cue and the blank lines before it. A text line holds none of what cue_text's cleaner acts on (the
# characters of its _NOT_PLAIN_RE) and no colon, so it can never be a timing line, whole or damaged; an
# identifier line has no colon either, so the scan would have dropped it as the cue's identifier.
# Groups: the whole cue, its blank lines, its identifier, start, end, what follows the clocks, its text lines.
_PLAIN_CUE_RE = re.compile(
    r"((\n*)([^\n:]+\n)?"
    rf"[ \t]*({_CLOCK})[ \t]*-->[ \t]*({_CLOCK})((?:[ \t][^\n]*)?)\n"
    "((?:[^\n<>{&\ue000\ue001:：\\[(（【♪]+(?:\n|\\Z))+))"
)
_CUE, _BLANK, _ID, _START, _END, _REST, _TEXT = range(7)
_CUE_OF, _START_OF, _END_OF, _REST_OF, _TEXT_OF, _BLANK_OF, _ID_OF = map(itemgetter, (_CUE, _START, _END, _REST, _TEXT,
                                                                          _BLANK, _ID))
#: Whitespace other than a newline or a space (``\s`` and ``str.split`` mean the same whitespace), and the
#: ASCII ones of them, looked for one by one with ``in`` (each a C scan several times faster than the class).
_ODD_SPACE_RE = re.compile(r"[^\S\n ]")
_ODD_ASCII_SPACES = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"


#: The body is matched a slice of about this many characters at a time (cut where a blank line begins, which
#: is where a match ends), so the groups of a million cues are never all held at once.
_SLICE = 1 << 20


#: Lines a VTT header may take before the bulk path leaves the file to the general one.
_HEADER_LINES = 256


def read_plain_cues(text: str, fmt: str) -> tuple[dict[str, str], list[Block]] | None:
    """The header fields and caption blocks :func:`~.captions.read_captions` would make of ``text`` (normalised
    newlines, no BOM), or None when the file is not plain cues through and through."""
    if fmt not in ("vtt", "srt"):
        return None
    meta: dict[str, str] = {}
    body_start = 0
    if fmt == "vtt":
        head = text.split("\n", _HEADER_LINES)[:_HEADER_LINES]  # the file's lines are never all split at once
        body_start = _read_vtt_header(head, meta)
        if body_start >= _HEADER_LINES - 1:
            return None
    body = text[sum(len(line) + 1 for line in head[:body_start]):] if body_start else text
    cues = _Cues(body_start)
    at = 0
    while at < len(body):
        cut = body.find("\n\n", at + _SLICE)
        cut = len(body) if cut == -1 else cut + 1  # after a text line's newline: the next match starts there
        if not cues.add(body[at:cut], last=cut == len(body)):
            return None
        at = cut
    if not cues.texts or cues.repeats_a_line():
        return None
    return meta, cues.blocks(hanzi=not body.isascii() and CJK_RE.search(body) is not None)


def _clean_lines(joined: str, raws: list[str]) -> list[str]:
    """``" ".join(raw.split())`` of each one-line ``raw`` (``joined`` is them all, one after another): in C by one
    ``split("\\n")`` when no line has whitespace to even out, as a recogniser's lines have none."""
    uneven = (
        "  " in joined or " \n" in joined or "\n " in joined or joined.startswith(" ") or joined.endswith(" ")
        or (any(space in joined for space in _ODD_ASCII_SPACES) if joined.isascii()
            else _ODD_SPACE_RE.search(joined) is not None)
    )
    if not uneven:
        lines = joined.split("\n")
        if joined.endswith("\n"):
            lines.pop()  # the last line's own newline: nothing follows it
        return lines
    return [" ".join(raw.split()) for raw in raws]  # split() takes the line's newline too


def _speech_after_times(rest: str) -> bool:
    """Whether a timing line carries text after its clocks that is not cue settings (the general path keeps it)."""
    stripped = rest.strip()
    return bool(stripped) and not all(_SETTING_RE.match(token) for token in stripped.split())


def _clocks(clocks: list[str]) -> Any:
    """Seconds of each ``[H…H:]M[M]:SS[,.]f[ff]`` clock, exactly as ``cue_scan._seconds`` reads them (whole
    milliseconds divided by 1000 once, in float64 as Python divides two ints below 2**53); None when one is out
    of range (the general path warns about it). Clocks of one length and one layout, as a file's are, are read
    as the digit columns of one byte matrix; any other layout one clock at a time."""
    import numpy as np

    lengths = np.fromiter(map(len, clocks), dtype=np.int64, count=len(clocks))
    seconds = np.empty(len(clocks), dtype=np.float64)
    for length in np.unique(lengths).tolist():
        where = np.flatnonzero(lengths == length)
        group = clocks if len(where) == len(clocks) else [clocks[i] for i in where.tolist()]
        matrix = np.frombuffer("".join(group).encode("ascii"), dtype=np.uint8).reshape(len(group), length)
        layout = matrix[0]
        digit = (layout >= 48) & (layout <= 57)
        if not bool((matrix[:, ~digit] == layout[~digit]).all()):
            read = [clock_seconds(clock) for clock in group]
            if None in read:
                return None
            seconds[where] = read
            continue
        fields = []  # the runs of digit columns between separators, each as a number
        column = 0
        for stop in [*np.flatnonzero(~digit).tolist(), length]:
            values = np.zeros(len(group), dtype=np.int64)
            for c in range(column, stop):
                values = values * 10 + (matrix[:, c].astype(np.int64) - 48)
            fields.append((values, stop - column))
            column = stop + 1
        *clock, (frac, digits) = fields
        hours = clock[0][0] if len(clock) == 3 else None
        minutes, secs = clock[-2][0], clock[-1][0]
        if bool((secs >= 60).any()) or (hours is not None and bool((minutes >= 60).any())):
            return None
        whole = secs + minutes * 60 + (hours * 3600 if hours is not None else 0)
        seconds[where] = (whole * 1000 + frac * _MS_PER_DIGIT[digits]) / 1000
    return seconds


class _Cues:
    """The cues read so far, flat: each clean line's text and line number, and per cue its times and where its
    lines begin, in typed arrays (a million cues hold about 80 bytes each here)."""

    def __init__(self, body_start: int) -> None:
        self.lineno = body_start  # the number of the last line read
        self.texts: list[str] = []
        self.linenos: array[int] = array("q")
        self.first: array[int] = array("q")  # per cue, the index in ``texts`` of its first line
        self.starts: array[float] = array("d")
        self.ends: array[float] = array("d")

    def add(self, chunk: str, *, last: bool) -> bool:
        """Read the cues of ``chunk``; False when it is not plain cues from start to end."""
        import numpy as np

        found = _PLAIN_CUE_RE.findall(chunk)
        covered = sum(map(len, map(_CUE_OF, found)))
        # Matches never overlap: they add up to the chunk only when they follow one another from its start with no
        # gap. The last chunk may end on blank lines no cue owns.
        if covered != len(chunk) and not (last and not chunk[covered:].strip("\n")):
            return False
        if not found:
            return True
        # A field of every match through ``map(itemgetter)``: C loops, where a comprehension or a generator ran a
        # Python frame per cue (a million cues: a second of the read).
        start, end = _clocks(list(map(_START_OF, found))), _clocks(list(map(_END_OF, found)))
        if start is None or end is None:
            return False
        rests = list(filter(None, map(_REST_OF, found)))
        if rests and any(map(_speech_after_times, rests)):
            return False
        self.starts.frombytes(start.tobytes())
        self.ends.frombytes(np.maximum(start, end).tobytes())
        raws = list(map(_TEXT_OF, found))
        # Lines before each cue's timing line: its blank lines and identifier; then the timing line and its text.
        before = np.fromiter(map(len, map(_BLANK_OF, found)), dtype=np.int64, count=len(found))
        before += np.fromiter(map(bool, map(_ID_OF, found)), dtype=bool, count=len(found))
        joined = "".join(raws)
        if joined.count("\n") + (not raws[-1].endswith("\n")) == len(raws):  # one text line a cue
            cleaned = _clean_lines(joined, raws)
            text_lines = self.lineno + np.cumsum(before + 2)
            self.lineno = int(text_lines[-1])
            first = len(self.texts) + np.cumsum([0, *map(bool, cleaned[:-1])])
            self.first.frombytes(first.astype(np.int64).tobytes())
            if "" in cleaned:
                keep = [i for i, text in enumerate(cleaned) if text]
                cleaned, text_lines = [cleaned[i] for i in keep], text_lines[keep]
            self.texts += cleaned
            self.linenos.frombytes(text_lines.astype(np.int64).tobytes())
            return True
        texts, linenos, first_list = self.texts, self.linenos, self.first
        lineno = self.lineno
        for skipped, raw in zip(before.tolist(), raws):
            first_list.append(len(texts))
            lineno += skipped + 1  # the timing line
            for piece in (raw[:-1] if raw[-1] == "\n" else raw).split("\n"):
                lineno += 1
                clean = " ".join(piece.split())
                if clean:
                    texts.append(clean)
                    linenos.append(lineno)
        self.lineno = lineno
        return True

    def _kept(self) -> Any:
        """Indices of the cues with words left in them, and each cue's number of lines (NumPy arrays)."""
        import numpy as np

        bounds = np.append(np.frombuffer(self.first, dtype=np.int64), len(self.texts))
        counts = np.diff(bounds)
        return np.flatnonzero(counts), counts

    def repeats_a_line(self) -> bool:
        """Whether some cue opens on a line (compared case-folded, as the general path does) that the cue before it
        holds among its last lines, or opens as it does: the general path's de-duplication (rolling captions, a
        cue written twice) would drop or keep it by rules this path does not apply."""
        texts = self.texts
        kept, counts = self._kept()
        if len(kept) == len(texts):  # one line a cue (most files): consecutive lines compared in C
            folded = list(map(str.casefold, texts))
            return any(map(eq, folded[1:], folded[:-1]))
        firsts = [self.first[i] for i in kept.tolist()]
        ends = [*firsts[1:], len(texts)]
        for a, b, c in zip(firsts, ends, firsts[1:]):
            opening = texts[c].casefold()
            if opening == texts[a].casefold() or any(t.casefold() == opening for t in texts[max(a, b - _MAX_OVERLAP) : b]):
                return True
        return False

    def blocks(self, *, hanzi: bool) -> list[Block]:
        """Join the lines into blocks, a new one after each silence longer than ``LONG_SILENCE`` (from the latest
        end so far to a cue's start, as the general path measures it); each line one mark of offset, line number
        and its cue's start."""
        import numpy as np

        kept, counts = self._kept()
        starts = np.frombuffer(self.starts, dtype=np.float64)
        kept_ends = np.frombuffer(self.ends, dtype=np.float64)[kept]
        latest = np.maximum.accumulate(kept_ends)
        silent = np.flatnonzero(starts[kept][1:] - latest[:-1] > LONG_SILENCE) + 1  # kept cues that open a block
        first = np.frombuffer(self.first, dtype=np.int64)
        cuts = [0, *first[kept[silent]].tolist(), len(self.texts)]
        times = np.repeat(starts, counts)  # each line's cue start
        lengths = np.fromiter(map(len, self.texts), dtype=np.int64, count=len(self.texts))
        at = np.concatenate(([0], np.cumsum(lengths + 1)))  # where each line starts, joined by single spaces
        return [self._block(a, b, times, at, hanzi) for a, b in zip(cuts, cuts[1:])]

    def _block(self, a: int, b: int, times: Any, at: Any, hanzi: bool) -> Block:
        texts = self.texts[a:b]
        if hanzi:  # between two hanzi a line joins with nothing: offsets one line at a time
            parts: list[str] = []
            offset_list: list[int] = []
            length = 0
            for text in texts:
                if parts:
                    joiner = "" if CJK_RE.match(parts[-1][-1:]) and CJK_RE.match(text[:1]) else " "
                    parts.append(joiner)
                    length += len(joiner)
                offset_list.append(length)
                parts.append(text)
                length += len(text)
            joined, offsets = "".join(parts), array("q", offset_list)
        else:
            joined, offsets = " ".join(texts), array("q")
            offsets.frombytes((at[a:b] - at[a]).tobytes())
        linenos = self.linenos[a:b]
        line_times: array[float] = array("d")
        line_times.frombytes(times[a:b].tobytes())
        return Block(
            kind="caption",
            text=joined,
            line=min(linenos),
            end_line=max(linenos),
            speaker=None,
            line_marks=Marks(offsets, linenos),
            time_marks=Marks(offsets, line_times),
        )
