"""Is this text a caption file? Detection alone, apart from the caption reader.

Every input is sniffed, and most are posts or transcripts: importing the whole reader (cue cleaning,
caption blocks, their patterns) only to answer "no" cost a plain transcript about 10 ms of each run.
So the timing-line patterns the reader shares with detection live here, and :mod:`.captions` is
imported only for a caption file.
"""

from __future__ import annotations

import re

__all__ = ["BARE_TIME_RE", "DUMP_CAPTIONS_RE", "STAMPED_LINE_RE", "TIME", "TIMING_RE", "WEBVTT_RE", "detect_captions"]

TIME = r"(?:[0-9]{1,9}:)?[0-9]{1,2}:[0-9]{2}[,.][0-9]{1,3}"
TIMING_RE = re.compile(rf"^[ \t]*(?P<start>{TIME})[ \t]*-->[ \t]*(?P<end>{TIME})(?P<rest>(?:[ \t].*)?)$")
WEBVTT_RE = re.compile(r"^\ufeff?WEBVTT(?:[ \t].*)?$")
DUMP_CAPTIONS_RE = re.compile(r"^Captions:[ \t]*$")
#: A line that is only a clock time ("0:00", "12:34", "1:02:03"): YouTube's "Show transcript" panel, copied, puts one
#: above each caption line; so do podcast apps and Descript's plain export.
BARE_TIME_RE = re.compile(r"^[ \t]*(?:[0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2}[ \t]*$")
#: Share of a text's non-blank lines that must be bare clock times for it to read as such a transcript: every other
#: line in the panel's copy, so a post that lists a few chapter times stays a post.
_BARE_TIME_SHARE = 0.3
_MIN_BARE_TIMES = 5
#: A caption line that starts with its clock time in brackets or bare: "[00:03:11] 好 我们看一下", "(0:42) so a tiny bit
#: of background", "00:03:18 welcome everyone" (a livestream's or podcast app's caption export, Bilibili's copy).
STAMPED_LINE_RE = re.compile(
    r"^[ \t]*(?:\[(?P<b>(?:[0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2})(?:[.,][0-9]{1,3})?\]|\((?P<p>(?:[0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2})\)"
    r"|(?P<n>(?:[0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2}))[ \t]+(?P<text>\S.*)$"
)
#: After the stamp, a speaker's label ("[00:12:03] Maya: …", "**Maya:**"): a labelled transcript, which the transcript
#: reader keeps with its speakers; only unlabelled caption lines make a caption file.
_LABEL_AFTER_STAMP_RE = re.compile(r"^(?:\*\*)?[^\s:：]{1,20}(?: [^\s:：]{1,20}){0,2}(?:\*\*)?[:：]")
#: Share of the non-blank lines that must be stamped caption lines: nearly all of them, apart from a title line.
_STAMPED_SHARE = 0.6

#: How much of the text :func:`detect_captions` looks at, so detection stays cheap on big inputs.
_DETECT_SAMPLE = 65_536

_FENCE_RE = re.compile(r"^[ \t]{0,3}(?:```|~~~)")


def detect_captions(text: str) -> str | None:
    """Say whether ``text`` is a caption file, from its content alone.

    Returns ``"vtt"``, ``"caption-dump"``, ``"srt"``, ``"timestamps"`` (a transcript copied with a bare clock
    time above each caption line, or with one opening each line) or None. Timing lines inside Markdown code
    fences do not count, and SRT needs timing lines to be a real share of the lines, so a post
    that quotes one cue or mentions "10:30" stays a post.
    """
    sample = text[:_DETECT_SAMPLE].replace("\r\n", "\n").replace("\r", "\n")
    lines = sample.split("\n")
    timing_lines = timings_after_header = non_blank = bare_times = stamped = 0
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
        if BARE_TIME_RE.match(line):
            bare_times += 1
        elif (m := STAMPED_LINE_RE.match(line)) is not None:
            stamped += _LABEL_AFTER_STAMP_RE.match(m.group("text")) is None
        elif TIMING_RE.match(line):
            timing_lines += 1
            timings_after_header += has_captions_header
        elif DUMP_CAPTIONS_RE.match(line):
            has_captions_header = True
    if first_line is not None and WEBVTT_RE.match(first_line):
        if timing_lines or first_line.lstrip("\ufeff") == "WEBVTT":
            return "vtt"
    if timings_after_header:
        return "caption-dump"
    if timing_lines and timing_lines / non_blank >= 0.2:
        return "srt"
    if not timing_lines and bare_times >= _MIN_BARE_TIMES and bare_times / non_blank >= _BARE_TIME_SHARE:
        return "timestamps"
    front_matter = first_line in ("---", "+++")
    if not timing_lines and not front_matter and stamped >= _MIN_BARE_TIMES and stamped / non_blank >= _STAMPED_SHARE:
        return "timestamps"
    return None
