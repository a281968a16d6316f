"""segment's walking lookup of line and time marks must give what ``Block.line_at``/``time_at`` give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summarize.model import _mark_at
from summarize.segment import _MarkCursor

_marks = st.lists(st.tuples(st.integers(0, 200), st.floats(0, 1e4, allow_nan=False)), max_size=30).map(
    lambda ms: tuple(sorted(ms, key=lambda m: m[0]))
)


@given(_marks, st.lists(st.integers(-5, 220), max_size=40), st.booleans())
def test_cursor_agrees_with_the_binary_search(marks, offsets, in_order) -> None:
    cursor = _MarkCursor(marks, "default")
    for offset in sorted(offsets) if in_order else offsets:
        assert cursor(offset) == _mark_at(marks, offset, "default")
