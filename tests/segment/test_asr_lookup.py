"""The English gap scorer's merged tables: the same floats as the per-gap statement, whichever way a list is read."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.segment import asr_model

#: Words that normalise alike ("The", "the", "THE,"), numbers, marks only, the pads' own spelling, hanzi.
TOKENS = st.sampled_from(
    "so and the The THE, we i yeah okay istio mesh is it's a of to 2018 42 right thanks 你好 café -- <s> </s> "
    "<num> s mr. u.s. don’t".split()
)


def _per_gap(words: list[str], name: str) -> np.ndarray:
    """The scores as the model defines them: one feature_keys tuple per gap, its weights summed in TEMPLATES order."""
    model = asr_model._model(name)
    normed = [asr_model.norm_word(w) for w in words]
    return np.array([model.bias + sum(t.get(k, 0.0) for t, k in zip(model.weights, asr_model.feature_keys(normed, i)))
                     for i in range(len(normed) - 1)])


@settings(max_examples=60, deadline=None)
@given(st.lists(TOKENS, min_size=2, max_size=60))
def test_distinct_and_positional_reads_find_the_same_rows(words: list[str]) -> None:
    """Reading each distinct n-gram once gives every position the row that reading it in place gives."""
    lookup = asr_model._lookup((asr_model._model(asr_model.DATA_FILE), asr_model._model(asr_model.PAUSE_FILE)))
    by_position = asr_model._rows_by_position(words, lookup)
    by_distinct = asr_model._rows_by_distinct(words, lookup)
    assert by_position.keys() == by_distinct.keys()
    for order in by_position:
        assert np.array_equal(by_position[order], by_distinct[order])


@settings(max_examples=30, deadline=None)
@given(st.lists(TOKENS, min_size=0, max_size=40))
def test_both_models_at_once_score_as_each_alone_and_as_the_definition(words: list[str]) -> None:
    """gap_scores_of with the boundary and comma models gives each model's own per-gap scores, bit for bit."""
    both = asr_model.gap_scores_of(words, (asr_model.DATA_FILE, asr_model.PAUSE_FILE))
    for name, got in zip((asr_model.DATA_FILE, asr_model.PAUSE_FILE), both):
        assert np.array_equal(got, asr_model.gap_scores(words, name))
        if len(words) >= 2:
            assert np.array_equal(got, _per_gap(words, name))


def test_a_long_looping_list_is_read_by_distinct_ngrams_and_scores_as_the_definition() -> None:
    """Past _DISTINCT_FROM words (a recogniser in a loop, a caption window), the same floats as gap by gap."""
    words = ("so we moved the control plane into its own cluster and The mesh talks 2018 to it over mtls " * 80).split()
    assert len(words) >= asr_model._DISTINCT_FROM
    for name in (asr_model.DATA_FILE, asr_model.PAUSE_FILE):
        assert np.array_equal(asr_model.gap_scores(words, name), _per_gap(words, name))
