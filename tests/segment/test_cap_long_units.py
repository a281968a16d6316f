"""The boundary model's length cap, run on the long units alone, must cut where it cut run over every unit."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from summarize.segment import asr_cuts
from summarize.segment.asr_cuts import _cap_lengths, cap_units


@given(st.lists(st.one_of(st.floats(-3, 3, allow_nan=False), st.sampled_from([0.0, 1.0, float("nan")])), min_size=1,
                max_size=120),
       st.integers(1, 12), st.data())
def test_long_units_alone_cut_as_all_units_together(scores, max_words, data) -> None:
    """The long units cut alone, by the tree in Python or by every gap at once, as cap_units cuts them all."""
    n_words = len(scores) + 1
    cuts = sorted(data.draw(st.sets(st.integers(0, len(scores) - 1), max_size=len(scores))))
    array = np.asarray(scores)
    whole = cap_units(array.tolist(), cuts, n_words - 1, lambda a, b: b - a > max_words,
                      lambda a, b: a + 1 + int(np.argmax(array[a + 1 : b])))
    assert _cap_lengths(array, cuts, n_words, max_words) == whole
    saved = asr_cuts._NUMPY_CAP_GAPS
    asr_cuts._NUMPY_CAP_GAPS = 0  # every long unit through long_unit_cuts, as a caption block's is
    try:
        assert _cap_lengths(array, cuts, n_words, max_words) == whole
    finally:
        asr_cuts._NUMPY_CAP_GAPS = saved


@given(st.lists(st.sampled_from([0.0, 1.0, 2.0, -1.0, 0.5]), min_size=0, max_size=300), st.integers(1, 60))
def test_every_gap_at_once_is_the_tree(scores, max_words) -> None:
    """Many ties and long units: the gap-by-gap rule against the Cartesian tree, the unit being all the gaps."""
    from summarize.segment.unit_cap import long_unit_cuts

    tree = cap_units(scores, [], len(scores), lambda a, b: b - a > max_words,
                     lambda a, b: a + 1 + int(np.argmax(np.asarray(scores)[a + 1 : b])))
    assert long_unit_cuts(scores, max_words) == tree
