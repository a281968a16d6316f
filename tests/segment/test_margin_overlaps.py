"""The margin of a span merged or re-cut after the boundary model: the least confident model span it overlaps.

``_Overlaps`` finds those spans by bisection (a caption block holds a million of them); it must give what a pass
over every model span gives, for any spans the model can produce (disjoint, in order) and any span asked about.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summarize.segment import _Overlaps


def _brute(margins: dict[tuple[int, int], float], start: int, end: int) -> float | None:
    overlapping = [m for (a, b), m in margins.items() if a < end and start < b]
    return min(overlapping) if overlapping else None


@st.composite
def _model_spans(draw: st.DrawFn) -> dict[tuple[int, int], float]:
    """Disjoint spans in text order, with gaps (spaces) or none between them, as the boundary model cuts them."""
    margins: dict[tuple[int, int], float] = {}
    at = 0
    for _ in range(draw(st.integers(1, 25))):
        at += draw(st.integers(0, 3))
        length = draw(st.integers(1, 12))
        margins[(at, at + length)] = draw(st.floats(-5, 5, allow_nan=False))
        at += length
    return margins


@given(_model_spans(), st.lists(st.tuples(st.integers(-3, 400), st.integers(0, 60)), max_size=30))
def test_bisection_agrees_with_a_pass_over_every_span(margins, queries) -> None:
    overlaps = _Overlaps(margins)
    for start, length in queries:
        end = start + length
        assert overlaps(start, end) == _brute(margins, start, end)


@given(st.dictionaries(st.tuples(st.integers(0, 50), st.integers(0, 50)), st.floats(-5, 5, allow_nan=False), max_size=15),
       st.integers(0, 60), st.integers(0, 60))
def test_overlapping_model_spans_still_give_the_least_confident(margins, start, end) -> None:
    """Spans that overlap each other (no model cuts so, but nothing forbids it) take the plain pass."""
    assert _Overlaps(margins)(start, end) == _brute(margins, start, end)


class _CountingDict(dict):
    passes = 0

    def items(self):  # type: ignore[override]
        type(self).passes += 1
        return super().items()


def test_spans_asked_about_do_not_each_pass_over_every_model_span() -> None:
    """A block of a million cut spans, each merged afterwards, made one pass per span over all of them: quadratic.
    The model's spans are read once, whatever the number of questions."""
    margins = _CountingDict({(2 * i, 2 * i + 1): float(i % 7) for i in range(10_000)})
    overlaps = _Overlaps(margins)
    got = [overlaps(2 * i, 2 * i + 3) for i in range(10_000)]
    assert _CountingDict.passes == 1
    assert got[0] == 0.0 and got[5] == 5.0 and got[6] == 0.0 and got[-1] == float(9_999 % 7)
