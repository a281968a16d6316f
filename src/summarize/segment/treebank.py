"""Penn Treebank word tokens, exactly as NLTK's ``TreebankWordTokenizer().tokenize`` cuts them.

Why not NLTK's: since 3.9 every one of its ~20 substitutions runs through ``nltk.redos``, a
wrapper around the third-party ``regex`` engine with a per-call timeout, which made word
tokens the largest cost of scoring a transcript (and it needs ``import nltk``, which imports
SciPy). These are the same patterns, in the same order, on the standard ``re`` engine: plain
Treebank patterns mean the same on both (``tests/segment/test_treebank.py`` checks it against
NLTK's tokenizer on every sentence we ship and on generated text). Patterns from NLTK 3.10.4,
``nltk/tokenize/treebank.py`` and ``destructive.py`` (MacIntyre's contractions), Copyright (C)
2001-2026 NLTK Project, Apache License 2.0.
"""

from __future__ import annotations

import re

#: (pattern, replacement, literals): a pattern runs only when one of its literals is in the text
#: (none: always). Each literal is one every match of the pattern contains, so skipping changes nothing.
_Rule = tuple[re.Pattern[str], str, tuple[str, ...]]


def _rules(*table: tuple[str, str, tuple[str, ...]]) -> tuple[_Rule, ...]:
    return tuple((re.compile(pattern), repl, literals) for pattern, repl, literals in table)


_PUNCTUATION = _rules(
    # starting quotes
    (r"^\"", r"``", ('"',)),
    (r"(``)", r" \1 ", ("``",)),
    (r"([ \(\[{<])(\"|\'{2})", r"\1 `` ", ('"', "''")),
    # punctuation
    (r"([:,])([^\d])", r" \1 \2", (":", ",")),
    (r"([:,])$", r" \1 ", (":", ",")),
    (r"\.\.\.", r" ... ", ("...",)),
    (r"[;@#$%&]", r" \g<0> ", ()),
    # the final period; NLTK's ``regex`` engine does not count \x1c-\x1f as white space, ``re`` does
    (r'([^\.])(\.)([\]\)}>"\']*)[^\S\x1c-\x1f]*$', r"\1 \2\3 ", (".",)),
    (r"[?!]", r" \g<0> ", ("?", "!")),
    (r"([^'])' ", r"\1 ' ", ("' ",)),
    # parentheses and brackets, double dashes
    (r"[\]\[\(\)\{\}\<\>]", r" \g<0> ", ()),
    (r"--", r" -- ", ("--",)),
)
_ENDING_QUOTES = _rules(
    (r"''", " '' ", ("''",)),
    (r'"', " '' ", ('"',)),
    (r"([^' ])('[sS]|'[mM]|'[dD]|') ", r"\1 \2 ", ("'",)),
    (r"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", r"\1 \2 ", ("'",)),
)
#: MacIntyre's contractions (NLTK's CONTRACTIONS2, then CONTRACTIONS3). Case-insensitive, so
#: they are skipped by one search for any of their words under the same flag, not by literals.
_CONTRACTIONS = _rules(
    (r"(?i)\b(can)(?#X)(not)\b", r" \1 \2 ", ()),
    (r"(?i)\b(d)(?#X)('ye)\b", r" \1 \2 ", ()),
    (r"(?i)\b(gim)(?#X)(me)\b", r" \1 \2 ", ()),
    (r"(?i)\b(gon)(?#X)(na)\b", r" \1 \2 ", ()),
    (r"(?i)\b(got)(?#X)(ta)\b", r" \1 \2 ", ()),
    (r"(?i)\b(lem)(?#X)(me)\b", r" \1 \2 ", ()),
    (r"(?i)\b(more)(?#X)('n)\b", r" \1 \2 ", ()),
    (r"(?i)\b(wan)(?#X)(na)(?=\s)", r" \1 \2 ", ()),
    (r"(?i) ('t)(?#X)(is)\b", r" \1 \2 ", ()),
    (r"(?i) ('t)(?#X)(was)\b", r" \1 \2 ", ()),
)
_ANY_CONTRACTION_RE = re.compile(r"(?i)cannot|d'ye|gimme|gonna|gotta|lemme|more'n|wanna|'tis|'twas")


def _apply(rules: tuple[_Rule, ...], text: str) -> str:
    for pattern, repl, literals in rules:
        if not literals or any(literal in text for literal in literals):
            text = pattern.sub(repl, text)
    return text


def tokenize(text: str) -> list[str]:
    """Treebank tokens of ``text``: contractions split, punctuation apart, a final period cut off."""
    text = " " + _apply(_PUNCTUATION, text) + " "
    text = _apply(_ENDING_QUOTES, text)
    if _ANY_CONTRACTION_RE.search(text):
        text = _apply(_CONTRACTIONS, text)
    return text.split()
