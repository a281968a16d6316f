"""The caption reader's shortcuts for a plain cue line and a clock time, held to the whole path."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from summarize.parse.cue_scan import _seconds
from summarize.parse.cue_text import _clean_line, _clean_marked_line

# Words, spaces, and every character that sends a line down the whole path (tags, entities, turns, labels,
# sounds, sentinels), so both sides of the shortcut are drawn.
_CUE_LINE = st.lists(st.sampled_from([*"ab Zé中 \t\u00a0><&{}:：[](（【♪\ue000", "&amp;", "<i>", "</i>", "<00:00:01.500>",
                                       "<v Ann>", "[MUSIC]", "JOE:", "mesh", "12"]), max_size=12).map("".join)


@given(_CUE_LINE, st.integers(1, 10_000), st.floats(0, 1e6, allow_nan=False))
@example("JOE: mesh 12", 3, 1.5)
@example("  mesh   12 ", 3, 1.5)
@example("a &amp; b", 3, 1.5)
@example("[MUSIC] mesh", 3, 1.5)
@example(">> mesh", 3, 1.5)
def test_plain_line_shortcut_is_the_whole_path(raw: str, lineno: int, time: float) -> None:
    """A cue line with no tag, entity, turn marker, label or sound is cleaned as the whole path cleans it."""
    assert _clean_line(raw, lineno, time) == _clean_marked_line(raw, lineno, time)


def _rounded(hours: str | None, minutes: str, secs: str, frac: str) -> float | None:
    if int(secs) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    return round(int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(frac) / 10 ** len(frac), 3)


_DIGITS = st.integers(0, 99).map(lambda n: f"{n:02d}")


@given(st.one_of(st.none(), _DIGITS, st.integers(0, 10**9 - 1).map(str)), _DIGITS, _DIGITS,
       st.integers(1, 3).flatmap(lambda k: st.integers(0, 10**k - 1).map(lambda n: f"{n:0{k}d}")))
def test_clock_in_milliseconds_is_the_rounded_sum(hours: str | None, minutes: str, secs: str, frac: str) -> None:
    """Seconds from whole milliseconds are the float ``round(…, 3)`` of the summed parts gave."""
    assert _seconds(hours, minutes, secs, frac) == _rounded(hours, minutes, secs, frac)
