"""Our copy of NLTK's English Snowball stemmer must stem every word as NLTK's does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.score.snowball import stem

from conftest import CORPORA, FIXTURES

snowball = pytest.importorskip("nltk.stem.snowball")
NLTK = snowball.SnowballStemmer("english")

# Letters and the suffix pieces the algorithm branches on, so generated words reach every step.
_PIECES = st.sampled_from(
    list("abcdeghiklmnorstuvwxyY'’‘‛") + ["ational", "tional", "ization", "fulness", "ousli", "iviti", "biliti",
    "lessli", "entli", "ogi", "li", "eedly", "ingly", "edly", "eed", "ing", "ed", "sses", "ied", "ies", "us", "ss",
    "ement", "ance", "ence", "able", "ible", "ment", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic",
    "gener", "commun", "arsen", "'s'", "'s", "sky", "news", "proceed", "ll", "enci", "anci", "abli", "alli", "ator",
    "izer", "alism", "aliti", "icate", "iciti", "ical", "ness", "ful", "alize", "ative"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_same_stem_as_nltk_on_generated_words(word: str) -> None:
    assert stem(word) == NLTK.stem(word)


def test_same_stem_as_nltk_on_every_shipped_word() -> None:
    words: set[str] = set()
    for folder in (CORPORA, FIXTURES / "posts", FIXTURES / "captions"):
        for path in folder.iterdir():
            words.update(re.findall(r"[\w'’-]+", path.read_text(encoding="utf-8", errors="replace").lower()))
    assert len(words) > 3000
    assert {w: stem(w) for w in words} == {w: NLTK.stem(w) for w in words}


@pytest.mark.parametrize(
    ("word", "expected"),
    [("organization's", "organ"), ("geologists", "geologist"), ("running", "run"), ("generously", "generous"),
     ("skies", "sky"), ("Kubernetes", "kubernet"), ("a", "a")],
)
def test_known_stems(word: str, expected: str) -> None:
    """NLTK's stems, which the official Snowball algorithm (and the snowballstemmer package) give differently
    for the first two."""
    assert stem(word) == expected
