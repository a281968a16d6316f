"""The bulk reader of plain caption files, held to the general one (scan, clean, join) over generated files.

A file the bulk path takes must read exactly as the general path reads it (blocks, text, every line and time
mark, header fields); a file it declines must be declined, never read differently. The generator draws files
of plain cues (what the bulk path is for) and disturbs them with what sends a file to the general path.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import summarize.parse.captions as captions
from summarize.parse.cue_bulk import _clean_lines, _clocks, read_plain_cues
from summarize.parse.cue_scan import clock_seconds

_WORDS = st.lists(st.sampled_from(["mesh", "Envoy", "the", "sidecar", "中文", "网格", "42", "a\tb", "  ", "\u00a0", "É"]),
                  min_size=1, max_size=5).map(" ".join)
# What the general path handles and the bulk path leaves to it: tags, labels, sounds, entities, damaged timings,
# a NOTE block, prose between cues, text after the clocks.
_DISTURBANCE = st.sampled_from(["<i>mesh</i>", "JOE: hi", "[MUSIC]", "&amp;", ">> next", "00:00:0x,000 --> 00:00:01,000",
                                "NOTE a comment", "This paragraph between the cues is long enough to read as prose, "
                                "so the reader keeps it as a paragraph of its own.", "12"])


def _stamp(ms: int, sep: str, short: bool) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, frac = divmod(rest, 1000)
    return f"{m:02d}:{s:02d}{sep}{frac:03d}" if short and not h else f"{h:02d}:{m:02d}:{s:02d}{sep}{frac:03d}"


@st.composite
def plain_captions(draw: st.DrawFn) -> str:
    vtt = draw(st.booleans())
    sep = "." if vtt else ","
    at = 0
    cues = []
    for n in range(draw(st.integers(1, 12))):
        at += draw(st.sampled_from([0, 500, 2000, 3001, 4000, 9000]))
        end = at + draw(st.sampled_from([-100, 0, 10, 900, 1500]))
        timing = f"{_stamp(at, sep, draw(st.booleans()))} --> {_stamp(max(end, 0), sep, False)}"
        timing += draw(st.sampled_from(["", "", " align:start position:0%", "  "]))
        lines = draw(st.lists(_WORDS, min_size=1, max_size=3))
        if draw(st.integers(0, 40)) == 0:
            lines.insert(1, "")  # a blank line inside a cue: what follows is text outside any cue
        if draw(st.integers(0, 40)) == 0:
            lines.append(draw(_DISTURBANCE))
        if n and draw(st.integers(0, 30)) == 0:
            lines = [cues[-1][-1]]  # a line said again (or rolled up): the general path's de-duplication
        ident = draw(st.sampled_from(["", f"{n + 1}\n", "intro\n", "NOTE\n"])) if vtt else f"{n + 1}\n"
        cues.append([ident + timing, *lines])
    blank = draw(st.sampled_from(["\n\n", "\n\n\n"]))
    text = blank.join("\n".join(cue) for cue in cues) + draw(st.sampled_from(["", "\n", "\n\n"]))
    return ("WEBVTT\nKind: captions\nLanguage: en\n\n" if vtt else "") + text


def _general(text: str, fmt: str) -> object:
    saved = captions.read_plain_cues
    captions.read_plain_cues = lambda *_: None
    try:
        return captions.read_captions(text, source="t", fmt=fmt)
    finally:
        captions.read_plain_cues = saved


@pytest.mark.filterwarnings("ignore::summarize.parse.captions.CaptionWarning")
@settings(max_examples=300, deadline=None)
@given(plain_captions())
@example("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nmesh one\n\n00:00:09.000 --> 00:00:10.000\nmesh two\n")
@example("1\n00:00:01,000 --> 00:00:02,000\nmesh\n\n2\n00:00:02,000 --> 00:00:03,000\nMESH\n")
@example("1\n00:00:01,000 --> 00:00:02,000\n网格\n中文\n\n2\n00:00:02,000 --> 00:00:03,000\n网格 two\n")
@example("1\n00:00:01,000 --> 00:00:02,000\n   \n\n2\n00:00:02,000 --> 00:00:03,000\nmesh\n")
def test_bulk_reads_as_the_general_path(text: str) -> None:
    fmt = "vtt" if text.startswith("WEBVTT") else "srt"
    try:
        expected = _general(text, fmt)
    except Exception as error:  # the general path refuses it: the bulk path must not read it either
        assert read_plain_cues(text, fmt) is None, error
        return
    assert captions.read_captions(text, source="t", fmt=fmt) == expected
    bulk = read_plain_cues(text, fmt)
    if bulk is not None:
        meta, blocks = bulk
        assert tuple(blocks) == expected.blocks and meta == expected.meta


def test_plain_files_take_the_bulk_path() -> None:
    """The path is for the common file: without it taken on plain cues the test above would prove nothing."""
    srt = "".join(f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\nmesh {i} and more\n\n" for i in range(50))
    vtt = "WEBVTT\n\n" + "".join(f"00:{i:02d}.000 --> 00:{i:02d}.900 align:start\nmesh {i}\nline two\n\n" for i in range(50))
    for text, fmt in ((srt, "srt"), (vtt, "vtt")):
        bulk = read_plain_cues(text, fmt)
        assert bulk is not None
        assert tuple(bulk[1]) == _general(text, fmt).blocks


@pytest.mark.parametrize("text", [
    "1\n00:00:01,000 --> 00:00:02,000\n<i>mesh</i>\n",  # a tag
    "1\n00:00:01,000 --> 00:00:02,000\nmesh\n\n2\n00:00:02,000 --> 00:00:03,000\nmesh\n",  # a line said again
    "1\n00:00:01,000 --> 00:00:02,000 and words\nmesh\n",  # speech on the timing line
    "1\n00:00:75,000 --> 00:00:02,000\nmesh\n",  # a clock out of range
])
def test_what_the_general_path_must_handle_is_left_to_it(text: str) -> None:
    assert read_plain_cues(text, "srt") is None


@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 10**9 - 1)), st.integers(0, 99), st.integers(0, 99),
                          st.integers(1, 3).flatmap(lambda k: st.integers(0, 10**k - 1).map(lambda n: f"{n:0{k}d}"))),
                min_size=1, max_size=20),
       st.sampled_from([".", ","]), st.booleans())
def test_clocks_in_bulk_are_read_as_one_at_a_time(parts, sep, pad) -> None:
    """Byte-matrix clocks against ``clock_seconds``, with mixed lengths and layouts and out-of-range values."""
    clocks = [(f"{h:02d}:" if pad and h is not None else f"{h}:" if h is not None else "") + f"{m:02d}:{s:02d}{sep}{f}"
              for h, m, s, f in parts]
    one_by_one = [clock_seconds(c) for c in clocks]
    bulk = _clocks(clocks)
    if None in one_by_one:
        assert bulk is None
    else:
        assert bulk is not None and bulk.tolist() == one_by_one


_LINE = st.lists(st.sampled_from(["mesh", "a", " ", "  ", "\t", "\u00a0", "\u3000", "\x1c", "\r", "中", "É"]), min_size=1,
                 max_size=8).map("".join)


@given(st.lists(_LINE, min_size=1, max_size=8), st.booleans())
@example(["mesh 1", "mesh 2"], True)
@example(["mesh ", "mesh"], False)
def test_lines_cleaned_in_one_split_as_one_at_a_time(lines: list[str], last_ends: bool) -> None:
    """A cue's one text line has its whitespace evened out the same whether the lines go through one split of their
    concatenation or ``" ".join(line.split())`` each (the last line may end the file without its newline)."""
    raws = [line + "\n" for line in lines]
    if not last_ends:
        raws[-1] = lines[-1]
    assert _clean_lines("".join(raws), raws) == [" ".join(raw.split()) for raw in raws]
