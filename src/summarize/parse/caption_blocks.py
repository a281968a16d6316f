"""Clean cues to caption blocks: rolling auto-captions de-duplicated, turns and silences respected.

YouTube's rolling auto-captions show every line twice (once as the new bottom line, once
scrolled up) plus ~10 ms "transition" cues that only repeat; :func:`build_caption_blocks` drops
the repeated lines by comparing whole lines at the end of one cue with the start of the next,
so a speaker's own repetitions ("no no no") inside a line are never touched.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from .._text import CJK_RE
from ..model import Block, Marks
from .cue_text import Cue, CueLine, Segment

__all__ = ["LONG_SILENCE", "build_caption_blocks", "is_rolling"]

#: A pause longer than this (seconds, from one cue's end to the next cue's start) ends a block.
LONG_SILENCE = 3.0
#: YouTube's rolling captions insert cues this short that only repeat the line on screen.
_TRANSITION_CUE = 0.05
#: Rolling captions repeat one or two lines; longer overlaps are not looked for.
_MAX_OVERLAP = 8
#: Share of adjacent cue pairs that must overlap line-wise before a file counts as rolling.
_ROLLING_SHARE = 0.25


def _overlap(previous: Cue, current: Cue) -> int:
    """Number of whole lines that end ``previous`` and start ``current``."""
    if not previous.lines or not current.lines:
        return 0
    first = current.lines[0].key
    for line in previous.lines[-_MAX_OVERLAP:]:
        if line.key == first:
            break
    else:
        return 0  # most cue pairs: the next cue's first line was not on screen, so nothing overlaps
    before = [line.key for line in previous.lines]
    after = [line.key for line in current.lines]
    for size in range(min(len(before), len(after), _MAX_OVERLAP), 0, -1):
        if before[-size:] == after[:size]:
            return size
    return 0


def is_rolling(cues: list[Cue]) -> bool:
    """Whether repeated lines between cues are the file's habit (rolling captions), not speech."""
    pairs = overlapping = 0
    for previous, current in zip(cues, cues[1:]):
        pairs += 1
        overlapping += _overlap(previous, current) > 0
    return overlapping > 0 and overlapping >= _ROLLING_SHARE * pairs


def _new_lines(previous: Cue | None, current: Cue, rolling: bool) -> list[CueLine]:
    """The lines of ``current`` that were not already on screen in ``previous``."""
    if previous is None:
        return current.lines
    if previous.start == current.start and previous.end == current.end and (
        [line.key for line in previous.lines] == [line.key for line in current.lines]
    ):
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




@dataclass(slots=True)
class _BlockBuilder:
    """Collects segments of one block, shifting their marks to offsets in the joined text.

    Marks go straight into typed arrays (see :class:`~summarize.model.Marks`): a caption block can hold
    a million of them, and time and line marks share their offsets.
    """

    speaker: str | None
    parts: list[str] = field(default_factory=list)
    length: int = 0
    offsets: array[int] = field(default_factory=lambda: array("q"))
    times: array[float] = field(default_factory=lambda: array("d"))
    linenos: array[int] = field(default_factory=lambda: array("q"))
    first_line: int = 0  # the lowest and highest source line added, 0 before the first
    last_line: int = 0

    def add(self, segment: Segment, lineno: int) -> None:
        if self.parts:
            # Cues join with a space, except between two hanzi: Chinese has no spaces between words.
            joiner = "" if CJK_RE.match(self.parts[-1][-1:]) and CJK_RE.match(segment.text[:1]) else " "
            self.parts.append(joiner)
            self.length += len(joiner)
        for offset, seconds in segment.marks:
            self.offsets.append(self.length + offset)
            self.times.append(seconds)
            self.linenos.append(lineno)
        self.parts.append(segment.text)
        self.length += len(segment.text)
        if not self.first_line or lineno < self.first_line:
            self.first_line = lineno
        if lineno > self.last_line:
            self.last_line = lineno

    def build(self) -> Block:
        return Block(
            kind="caption",
            text="".join(self.parts),
            line=self.first_line,
            end_line=self.last_line,
            speaker=self.speaker or None,
            line_marks=Marks(self.offsets, self.linenos),
            time_marks=Marks(self.offsets, self.times),
        )


def build_caption_blocks(cues: Iterable[Cue], rolling: bool | None = None) -> list[Block]:
    """Join cues into blocks, breaking at speaker turns and long silences.

    ``rolling`` says whether the file is rolling auto-captions (:func:`is_rolling`), when ``cues``
    are only part of it or a stream read once; None works it out from ``cues``.
    """
    if rolling is None:
        cues = list(cues)
        rolling = is_rolling(cues)
    blocks: list[Block] = []
    builder: _BlockBuilder | None = None
    speaker: str | None = None
    pending_turn: str | None = None
    previous: Cue | None = None
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

