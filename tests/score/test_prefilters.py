"""Rules made cheaper for speed (issue 16) must answer exactly as the plain regex did: the announced-list rule
behind its gate, the cut-short rule searched from the text's end, the filler pattern behind its lookahead."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.score import _gate, point_shapes, shape
from summarize.segment import disfluency

_WORDS = st.sampled_from([
    "We", "did", "two", "three", "a few", "a couple of", "things", "reasons", "ways", "changes", "steps", "There are",
    "and", "but", "or", "which means", "the", "a", "an", "to", "of", "with", "because", "grand", "bandwidth", "_and",
    "有", "做了", "分为", "三个", "两件", "几种", "原因", "事", "。", "：", ":", ".", "!", "?", "…", "’", "\"", ")",
    " ", " ", "\n", "_", "9", "é", "ſ", "K", "İ", "ı", "um", "Uh", "uh-huh", "mm-hmm", "hmm", "er", "ahh", "-", "'",
])
_TEXT = st.lists(st.one_of(_WORDS, st.text(max_size=2)), max_size=24).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_announces_a_list_answers_as_its_regex(text: str) -> None:
    assert point_shapes.announces_a_list(text) == (point_shapes._ANNOUNCES_A_LIST_RE.search(text) is not None)


def test_announces_a_list_has_a_gate_that_rules_sentences_out() -> None:
    """The gate exists (an alternative that only Chinese text can match no longer disables it), lets Chinese
    text through, and rules out an English sentence with none of the list nouns."""
    passes = _gate.gate(point_shapes._ANNOUNCES_A_LIST_RE)
    assert passes is not None
    assert passes(_gate.fold("有三个原因："), "有三个原因：")
    assert not passes(_gate.fold("Envoy is fast."), "Envoy is fast.")
    assert point_shapes.announces_a_list("We did two things.") and point_shapes.announces_a_list("有三个原因：")


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_cut_short_answers_as_its_regex(text: str) -> None:
    assert shape._cut_short_en(text) == (shape._CUT_SHORT_EN_RE.search(text) is not None)


def test_cut_short_examples() -> None:
    assert shape._cut_short_en("The fourth mistake is storing secrets in plain text in git and.")
    assert shape._cut_short_en("Failure mode deny is true which means. ")
    assert not shape._cut_short_en("We cut the bandwidth.")
    assert not shape._cut_short_en("It is grand.")


_FILLER_WITHOUT_LOOKAHEAD = re.compile(rf"(?<![\w'’-]){disfluency._FILLERS_EN}(?![\w'’-])[,.…]*\s*", re.IGNORECASE)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_filler_pattern_finds_what_it_found_without_its_lookahead(text: str) -> None:
    found = [m.span() for m in disfluency._FILLER_RE.finditer(text)]
    assert found == [m.span() for m in _FILLER_WITHOUT_LOOKAHEAD.finditer(text)]
