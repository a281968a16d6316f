"""segment's fast Sentence maker and bulk mark lookup must give what the constructor and the cursor give."""

from __future__ import annotations

import dataclasses
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.model import Marks, Sentence, _mark_at
from summarize.segment import _marks_at, _new_sentence

_FIELDS = st.tuples(
    st.integers(0, 10**6), st.sampled_from(["mesh", " x ", "网格。", "", "  "]), st.sampled_from(["en", "zh", "fr"]),
    st.integers(0, 9), st.integers(0, 99), st.integers(0, 99), st.integers(1, 99), st.sampled_from(["caption", "paragraph"]),
    st.integers(0, 3), st.sampled_from([None, "Ann"]), st.one_of(st.none(), st.floats(0, 1e4, allow_nan=False)),
    st.sampled_from(["", "clean view", "mesh"]), st.one_of(st.none(), st.floats(-5, 5, allow_nan=False)),
    st.sampled_from([None, "intro"]), st.sampled_from([None, "bio"]),
)


@given(_FIELDS)
def test_maker_is_the_constructor(fields) -> None:
    try:
        expected = Sentence(*fields)
    except ValueError as error:
        with pytest.raises(ValueError, match=str(error).split("'")[0]):
            _new_sentence(*fields)
        return
    made = _new_sentence(*fields)
    assert type(made) is Sentence and made == expected
    assert dataclasses.asdict(made) == dataclasses.asdict(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "x"  # type: ignore[misc]


def test_maker_is_not_the_constructor_itself() -> None:
    """Else the test above compares the constructor with itself (the maker falls back to it when fields move)."""
    assert _new_sentence is not Sentence


_marks = st.lists(st.tuples(st.integers(0, 2000), st.integers(1, 10**6)), max_size=40).map(lambda ms: sorted(ms))


@settings(deadline=None)  # the first example imports NumPy
@given(_marks, st.lists(st.integers(-5, 2100), min_size=256, max_size=300), st.booleans())
def test_bulk_lookup_agrees_with_the_cursor(marks, offsets, floats) -> None:
    values = array("d", [float(v) / 7 for _, v in marks]) if floats else array("q", [v for _, v in marks])
    compact = Marks(array("q", [o for o, _ in marks]), values)
    got = list(_marks_at(compact, "default", offsets))
    assert got == [_mark_at(compact, offset, "default") for offset in offsets]
    assert all(type(value) is type(expected) for value, expected in zip(got, (_mark_at(compact, o, "default") for o in offsets)))
