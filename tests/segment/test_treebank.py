"""Our Treebank tokenizer must cut exactly as NLTK's (it replaces it on the hot path for speed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from strategies import en_sentence, treebank_text
from summarize.segment.treebank import tokenize

from conftest import FIXTURES

nltk_treebank = pytest.importorskip("nltk.tokenize.treebank")
NLTK = nltk_treebank.TreebankWordTokenizer()


@settings(max_examples=150, deadline=None)
@given(treebank_text)
def test_same_tokens_as_nltk_on_punctuation_soup(text: str) -> None:
    assert tokenize(text) == NLTK.tokenize(text)


@settings(max_examples=40, deadline=None)
@given(en_sentence())
def test_same_tokens_as_nltk_on_sentences(text: str) -> None:
    assert tokenize(text) == NLTK.tokenize(text)


def test_same_tokens_as_nltk_on_every_shipped_sentence(corpus_docs) -> None:
    from summarize.pipeline import load

    docs = list(corpus_docs.values()) + [load(p) for p in sorted((FIXTURES / "posts").iterdir())]
    sentences = [s.clean for doc in docs for s in doc.sentences if s.lang == "en"]
    assert len(sentences) > 500
    assert [tokenize(s) for s in sentences] == [NLTK.tokenize(s) for s in sentences]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("They'll save and invest more.", ["They", "'ll", "save", "and", "invest", "more", "."]),
        ("hi, my name can't hello,", ["hi", ",", "my", "name", "ca", "n't", "hello", ","]),
        ("I cannot wait, gonna ship it", ["I", "can", "not", "wait", ",", "gon", "na", "ship", "it"]),
        ('He said "go" (now).', ["He", "said", "``", "go", "''", "(", "now", ")", "."]),
        # NLTK's `regex` engine does not take \x1f for white space before a final period; neither do we.
        ("b\x1c1.\x1f", ["b", "1."]),
    ],
)
def test_known_cuts(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens
