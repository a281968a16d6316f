"""split_unpunctuated builds its spans and margins in arrays; they must be what a step per unit gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import any_text

from summarize.segment import asr

_SPEECH = st.lists(st.sampled_from(["so", "we", "moved", "the", "mesh", "12", "and", "then", "it", "works.", "uh",
                                    "okay", "right", "x" * 30, "您好"]), max_size=220).map(" ".join)
_MARKS = st.lists(st.tuples(st.integers(0, 2000), st.floats(0, 500, allow_nan=False)), max_size=40).map(
    lambda ms: tuple(sorted(ms, key=lambda m: m[0])))


@settings(max_examples=60, deadline=None)
@given(st.one_of(any_text, _SPEECH), _MARKS)
def test_spans_and_margins_are_the_unit_by_unit_ones(text: str, marks: tuple[tuple[int, float], ...]) -> None:
    """Given the cuts the model chose, spans run from the word after one cut to the word of the next, and each
    margin is the less certain of its two ends (an edge of the text counts as EDGE_MARGIN)."""
    seen: dict[str, object] = {}
    real = asr.choose_boundaries

    def spy(scores, **kwargs):  # type: ignore[no-untyped-def]
        seen["scores"], seen["cuts"] = scores, real(scores, **kwargs)
        return seen["cuts"]

    asr.choose_boundaries = spy  # type: ignore[assignment]
    try:
        margins: list[float] = []
        spans = asr.split_unpunctuated(text, marks, margins)
    finally:
        asr.choose_boundaries = real  # type: ignore[assignment]
    tokens = [m.span() for m in re.finditer(r"\S+", text)]
    if not tokens:
        assert spans == [] and margins == []
        return
    cuts, scores = seen["cuts"], seen["scores"]
    expected, start = [], 0
    for cut in cuts:  # type: ignore[attr-defined]
        expected.append((tokens[start][0], tokens[cut][1]))
        start = cut + 1
    expected.append((tokens[start][0], tokens[-1][1]))
    edges = [asr.EDGE_MARGIN, *(float(scores[c]) for c in cuts), asr.EDGE_MARGIN]  # type: ignore[index,attr-defined]
    assert spans == expected
    assert margins == [min(a, b) for a, b in zip(edges, edges[1:])]
    assert all(type(a) is int and type(b) is int for a, b in spans) and all(type(m) is float for m in margins)
