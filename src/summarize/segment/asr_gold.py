"""Sentence ends in punctuated text: which token ends a sentence, and the gold boundaries of a punctuated
transcript turned into what a recogniser prints.

Why one module: the training scripts, the benchmarks and the tests share one definition of a boundary, and the
splitter (:mod:`summarize.segment.asr`) reads a stray full stop in speech with the same marks
(:func:`ends_sentence`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ..parse.speech import split_speaker_label, strip_nonspeech
from .asr_model import _EDGE_RE

__all__ = ["HESITATIONS", "boundary_prf", "ends_sentence", "spans_to_gaps", "unpunctuate"]

_TOKEN_RE = re.compile(r"\S+")
_END_PUNCT = ".?!…。？！"
_CLOSERS = "\"'”’)]}»」』）】"
_ENDS_SENTENCE_RE = re.compile(rf"[{re.escape(_END_PUNCT)}][{re.escape(_CLOSERS)}]*$")


def ends_sentence(token: str) -> bool:
    """Whether a whitespace-free token ends with ., ? or ! (closing quotes and brackets after it allowed).

    What ``_ENDS_SENTENCE_RE.search(token)`` says, without a regex: it runs once per word of a
    caption, and the marks and closers are disjoint, so the mark is the last character before the
    closers at the end (tests/segment/test_asr.py checks the two agree)."""
    bare = token.rstrip(_CLOSERS)
    return bool(bare) and bare[-1] in _END_PUNCT


#: The last character of any token that ends a sentence: callers test it first, most words fail it.
_LAST_OF_END = frozenset(_END_PUNCT + _CLOSERS)
_LAST_OF_END_RE = re.compile("[" + re.escape(_END_PUNCT + _CLOSERS) + "]")
# Titles and Latin abbreviations whose period never ends a sentence in the gold standard.
_ABBREVIATIONS = frozenset("mr mrs ms dr prof hon st jr sr vs e.g i.e cf approx".split())

_CURLY_TAG_RE = re.compile(r"\{[a-z]+\}")
_SPACED_HYPHEN_RE = re.compile(r"(?<=\w) - (?=\w)")
_PTB_CLITIC_RE = re.compile(r"(?<=\w) ('(?:s|re|m|ll|ve|d)|n't)(?=\s|$)", re.IGNORECASE)
_PTB_SPLIT_RE = re.compile(r"\b(gon|wan|got) (na|ta)\b", re.IGNORECASE)
_ACRONYM_RE = re.compile(r"\b(?:[A-Za-z]_){2,}")
_LABELLED_LINE_RE = re.compile(r"^[^:\n]{1,160}?:[ \t]+")
_DASH_RE = re.compile(r"--+|[—–]")
#: Hesitations that captioners and most recognisers leave out; transcripts keep them, often
#: as sentences of their own ("Um."), which would teach the model cuts that ASR never sees.
HESITATIONS = frozenset("um umm uh uhm er erm".split())


def _clean_line(line: str, labelled_lines: bool) -> str:
    if labelled_lines:
        line = _LABELLED_LINE_RE.sub("", line, count=1)
    else:
        _speaker, start = split_speaker_label(line)
        line = line[start:]
    line = _DASH_RE.sub(" ", line)  # "mesh--" and "this—mindful": a recogniser prints two words
    line = _CURLY_TAG_RE.sub(" ", line)  # QMSum {disfmarker}, {vocalsound}: not words
    line = _ACRONYM_RE.sub(lambda m: m.group(0).replace("_", ""), line)  # AMI L_C_D_ -> LCD
    line = _SPACED_HYPHEN_RE.sub("-", line)  # "Mm - hmm" -> "Mm-hmm", as a recogniser prints it
    line = _PTB_CLITIC_RE.sub(r"\1", line)  # "we 're" -> "we're"
    return _PTB_SPLIT_RE.sub(r"\1\2", line)  # "gon na" -> "gonna"


def _ends_sentence(token: str, next_token: str | None) -> bool:
    stripped = token.rstrip(_CLOSERS)
    if not stripped or stripped[-1] not in _END_PUNCT:
        return False
    if stripped.endswith("."):
        core = _EDGE_RE.sub("", stripped[:-1].casefold())
        if core in _ABBREVIATIONS:
            return False
        if core == "etc" and next_token is not None and not next_token[:1].isupper():
            return False
    return True


def unpunctuate(text: str, *, labelled_lines: bool = False, pauses: set[int] | None = None) -> tuple[str, frozenset[int]]:
    """Turn a punctuated transcript into ASR-like text plus its gold sentence boundaries.

    Returns ``(words joined by single spaces, {i: a sentence ends after word i})``. Words are
    lowercased and stripped of edge punctuation; speaker labels, non-speech tags
    (``[MUSIC]``, QMSum's ``{disfmarker}``) and punctuation-only tokens disappear. A
    sentence ends at ``.``, ``?``, ``!`` (not after titles such as "Mr.") and at the end of
    every line, since a line is a speaker turn or a paragraph. Commas, colons and dashes
    are not boundaries. Hesitations (``HESITATIONS``) are dropped, as captions drop them.
    The gap after the last word is not counted. With ``labelled_lines`` every line starts
    with ``Speaker:`` (QMSum, AMI, ICSI exports); otherwise labels are recognised as the
    transcript reader does. ``pauses``, when given, receives the gaps after a word that ended
    with ``,``, ``;`` or ``:`` and is no boundary: the gold of the comma model.
    """
    words: list[str] = []
    gold: set[int] = set()
    marks: set[int] = set()  # after a comma, semicolon or colon
    for raw in strip_nonspeech(text).splitlines():
        tokens = _clean_line(raw, labelled_lines).split()
        for k, token in enumerate(tokens):
            word = _EDGE_RE.sub("", token.casefold().replace("’", "'").replace("‘", "'"))
            if word and word not in HESITATIONS:
                words.append(word)
            if words and _ends_sentence(token, tokens[k + 1] if k + 1 < len(tokens) else None):
                gold.add(len(words) - 1)
            elif words and token.rstrip(_CLOSERS)[-1:] in (",", ";", ":"):
                marks.add(len(words) - 1)
        if words:
            gold.add(len(words) - 1)
    gold.discard(len(words) - 1)
    if pauses is not None:
        pauses.update(g for g in marks if g < len(words) - 1 and g not in gold)
    return " ".join(words), frozenset(gold)


def spans_to_gaps(text: str, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Word-gap indices where ``spans`` cut ``text``: i means "after the i-th word".

    Words are whitespace-separated tokens, numbered from 0; the end of the last span is
    not a gap.
    """
    starts = [m.start() for m in _TOKEN_RE.finditer(text)]
    cuts = set()
    for _start, end in spans[:-1]:
        cuts.add(bisect_left(starts, end) - 1)
    return frozenset(c for c in cuts if 0 <= c < len(starts) - 1)


def boundary_prf(gold: frozenset[int] | set[int], predicted: frozenset[int] | set[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted boundary gaps against gold ones (exact gap match).

    An empty prediction has precision 1 by convention; F1 is 0 when either side is empty
    and the other is not, and 1 when both are.
    """
    hits = len(set(gold) & set(predicted))
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold) if gold else 1.0
    if not gold and not predicted:
        return 1.0, 1.0, 1.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1
