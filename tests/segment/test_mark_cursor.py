"""segment's lookup of line and time marks must give what ``Block.line_at``/``time_at`` give."""

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


@given(_marks, st.lists(st.integers(-5, 220), max_size=40))
def test_cursor_over_compact_marks_agrees_with_the_tuples(marks, offsets) -> None:
    """A caption block's marks come as ``Marks`` (typed arrays): the cursor and ``_mark_at`` read them as the tuples."""
    from array import array

    from summarize.model import Marks

    compact = Marks(array("q", [o for o, _ in marks]), array("d", [t for _, t in marks]))
    cursor = _MarkCursor(compact, "default")
    for offset in offsets:
        assert cursor(offset) == _mark_at(compact, offset, "default") == _mark_at(marks, offset, "default")
