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

    fmt = detect_captions(text)            # "vtt", "srt", "caption-dump", "timestamps" or None
    doc = read_captions(text, source="talk.vtt", fmt=fmt)
    doc.blocks[0].time_at(0)               # seconds where the first block starts
"""

from __future__ import annotations

import warnings
from itertools import chain, islice

from ..errors import ParseError, SummarizeWarning, UnknownChoiceError
from ..model import CAPTION_FORMATS, Block, Document
from .blocks import RawBlock, build_blocks
from .caption_blocks import LONG_SILENCE, build_caption_blocks, is_rolling
from .caption_sniff import detect_captions
from .cue_bulk import read_plain_cues
from .cue_scan import Scan, scan_cues
from .cue_text import clean_cue

__all__ = ["CAPTION_FORMATS", "LONG_SILENCE", "CaptionWarning", "detect_captions", "read_captions"]


#: Individual warnings per file; the rest are counted in one summary warning.
_MAX_WARNINGS = 10
#: Cues that decide whether a file is rolling auto-captions (about five hours of YouTube's): past them,
#: cues are cleaned and joined one at a time, so memory stays bounded on a file of a million cues.
_ROLLING_SAMPLE = 20_000

_VALID_TIMING_EXAMPLE = "00:01:02,500 --> 00:01:04,000"


class CaptionWarning(SummarizeWarning):
    """A caption cue was skipped because its timing line cannot be read."""


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
    plain = read_plain_cues(normalised, fmt)  # most files: plain cues, read in bulk
    if plain is not None:
        meta, blocks = plain
        return Document(source=source, format=fmt, blocks=tuple(blocks), title=meta.get("title") or None, meta=meta,
                        spoken=True)
    scan = scan_cues(normalised.split("\n"), fmt)
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
    return Document(
        source=source,
        format=fmt,
        blocks=tuple(_blocks(scan)),
        title=scan.meta.get("title") or None,
        meta=scan.meta,
        spoken=True,
    )


def _blocks(scan: Scan) -> list[Block]:
    """Caption blocks, and the paragraphs a post put between its cues, in source order.

    Cues are cleaned as they are joined, so a file of a million cues never holds them all clean at
    once; whether the file is rolling captions is decided on its first ``_ROLLING_SAMPLE`` cues.
    """
    cleaned = map(clean_cue, scan.cues)  # in file order, one clean cue per raw cue
    sample = list(islice(cleaned, _ROLLING_SAMPLE))
    rolling = is_rolling([cue for cue in sample if cue.lines])
    stream = chain(sample, cleaned)
    blocks: list[Block] = []
    done = 0
    for at, lines in [*scan.paragraphs, (len(scan.cues), [])]:
        blocks += build_caption_blocks((cue for cue in islice(stream, at - done) if cue.lines), rolling)
        done = at
        if lines:
            blocks += build_blocks([RawBlock("paragraph", lines)], set())
    return blocks
