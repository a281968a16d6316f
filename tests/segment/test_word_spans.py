"""Word offsets in bulk must be the matches of ``\\S+``, whatever the text (any Unicode space, surrogates)."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given
from hypothesis import strategies as st

from summarize.segment.word_spans import SPACE_LIMIT, word_spans

_TEXT = st.text(st.one_of(st.sampled_from(" \t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u1680\u2000\u200a\u2028\u202f\u3000\u3001ab中"),
                          st.characters()), max_size=80)


@given(_TEXT)
@example("")
@example("   ")
@example("mesh 1 mesh 2")
@example("\ud800 x")  # a lone surrogate, which an undecodable file can carry
def test_spans_are_the_regex_matches(text: str) -> None:
    starts, ends = word_spans(text)
    assert list(zip(starts, ends)) == [m.span() for m in re.finditer(r"\S+", text)]


def test_no_space_past_the_table() -> None:
    """The table of spaces stops at SPACE_LIMIT: no code point past it may be a space, in this Python's Unicode."""
    assert not any(chr(code).isspace() for code in range(SPACE_LIMIT, sys.maxunicode + 1))
