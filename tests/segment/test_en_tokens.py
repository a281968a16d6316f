"""Our English word splitter gives NLTK's Treebank tokens: on generated text, and on the cases where
NLTK's rules play out in surprising ways (each written out, so a change on either side shows)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from strategies import english_like_sentence, treebank_text

from summarize._resources import treebank
from summarize.segment import en_tokens
from summarize.segment.en import en_words
from summarize.segment.en_tokens import treebank_tokens
from summarize.segment.pos import tokenize


@settings(max_examples=200, deadline=None)
@given(english_like_sentence())
def test_same_tokens_as_treebank_on_english_like_sentences(text: str) -> None:
    assert treebank_tokens(text) == treebank().tokenize(text)


@settings(max_examples=200, deadline=None)
@given(treebank_text)
def test_same_tokens_as_treebank_on_every_rule_and_white_space(text: str) -> None:
    """Pieces that reach every rule, glued without spaces too, with the white space the engines disagree on."""
    assert treebank_tokens(text) == treebank().tokenize(text)


@settings(max_examples=50, deadline=None)
@given(english_like_sentence())
def test_remembered_chunks_give_the_same_tokens(text: str) -> None:
    """The memo of cut chunks is keyed on their context: a text cut with it full is cut as with it empty."""
    en_tokens.forget()
    first = treebank_tokens(text)
    assert treebank_tokens(text) == first
    assert treebank_tokens(text + " " + text) == treebank().tokenize(text + " " + text)


#: (text, tokens): each a way NLTK's rules play out that the splitter has to reproduce, checked against both.
CASES = [
    ("Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\nThanks.",
     ["Good", "muffins", "cost", "$", "3.88", "in", "New", "York.", "Please", "buy", "me", "two", "of", "them.",
      "Thanks", "."]),
    ("They'll save and invest more.", ["They", "'ll", "save", "and", "invest", "more", "."]),
    ("hi, my name can't hello,", ["hi", ",", "my", "name", "ca", "n't", "hello", ","]),
    ("3,000 a,1 1,a 10:30 a:b", ["3,000", "a,1", "1", ",", "a", "10:30", "a", ":", "b"]),  # a digit keeps , and :
    ("a,,b ,,,1", ["a", ",", ",b", ",", ",,1"]),  # the mark after a cut comma is never cut itself
    ("see https://istio.io/docs.", ["see", "https", ":", "//istio.io/docs", "."]),
    ("a.... b..... c..d", ["a", "...", ".", "b", "...", "..", "c..d"]),  # three periods from the left
    ("a---b ----", ["a", "--", "-b", "--", "--"]),
    ("end..", ["end.."]),  # no final period after another period
    ('"Hi," she said. "Bye."', ["``", "Hi", ",", "''", "she", "said.", "``", "Bye", ".", "''"]),
    ('(""x', ["(", "``", "''", "x"]),  # the second quote follows a quote, not a bracket
    ("\"\"x", ["``", "``", "x"]),  # at the start, the first quote's own space opens the second
    ("''x and ''y", ["''", "x", "and", "``", "y"]),  # two single quotes open only after a space or bracket
    ("it's it's, it's,1 it's\nit's", ["it", "'s", "it", "'s", ",", "it's,1", "it's", "it", "'s"]),
    ("it's'", ["it's", "'"]),  # at the very end the last quote splits first, and the clitic is passed
    ("it's' x", ["it", "'s", "'", "x"]),
    ("they'd've x", ["they'd", "'ve", "x"]),
    ("don't N'T n't 'n't", ["do", "n't", "N'T", "n't", "'n't"]),
    ("cannot x-cannot Gonna wanna-x wanna", ["can", "not", "x-", "can", "not", "Gon", "na", "wanna-x", "wan", "na"]),
    ("'tis 'Twas x'tis 't\u0131\u017f", ["'t", "is", "'T", "was", "x'tis", "'t", "\u0131\u017f"]),  # re's IGNORECASE
    ("'tis'Twas", ["'t", "is", "'T", "was"]),  # the first pass's space lets the second match
    ("x .'\n", ["x", ".", "'"]),  # the final period's rule leaves a space after its closing quote
    ("a.\x1c", ["a."]),  # regex's \s leaves out U+001C: not the end for the final period
    ("a.\u2028", ["a", "."]),
    ("\tit's x", ["it", "'s", "x"]),
    ("x\t'tis", ["x", "'tis"]),  # 'tis splits only after a plain space
    ("\t''x", ["''", "x"]),
    ("``code`` ```x", ["``", "code", "``", "``", "`x"]),
    ("", []),
    (" \n\t ", []),
]


@pytest.mark.parametrize(("text", "tokens"), CASES)
def test_cases_where_the_rules_surprise(text: str, tokens: list[str]) -> None:
    assert treebank().tokenize(text) == tokens
    en_tokens.forget()
    assert treebank_tokens(text) == tokens
    assert treebank_tokens(text) == tokens  # and from the memo


def test_known_difference_digits_newer_than_python() -> None:
    """The one known difference (module docstring): a digit of Unicode 15+ after a comma is not a digit to re."""
    assert treebank_tokens("a,\U00010d40") == ["a", ",", "\U00010d40"]


def test_en_words_and_tokenize_read_our_splitter() -> None:
    assert en_words("We don't route L7 traffic, e.g. HTTP.") == ["We", "do", "n't", "route", "L7", "traffic", "e.g.",
                                                                 "HTTP"]
    assert tokenize("It’s fast.") == ["It", "’s", "fast", "."]


def test_summaries_and_cards_never_load_nltks_word_tokenizer() -> None:
    """Summarizing an English post and making its cards split words with our splitter only (a fresh process:
    other tests here load NLTK's tokenizer as the reference)."""
    code = (
        "import sys, summarize, summarize.quiz\n"
        "from summarize._resources import treebank\n"
        "summarize.summarize(sys.argv[1]); summarize.quiz.quiz(sys.argv[1])\n"
        "print(treebank.cache_info().currsize, any(m.endswith('tokenize.treebank') for m in sys.modules))\n"
    )
    post = str(FIXTURES / "posts" / "kafka-seven-lessons.md")
    done = subprocess.run([sys.executable, "-c", code, post], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False"]
