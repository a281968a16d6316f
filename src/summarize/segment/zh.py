"""Chinese sentence boundaries and words.

Sentences end at 。！？；… (and !?; in Chinese context); closing quotes and brackets stay
with the sentence they close. Unlike sumy's regex splitter, text after the last
terminator is a sentence too: nothing is dropped.
"""

from __future__ import annotations

import re

from .._resources import abbreviations as known_abbreviations, jieba_tokenizer
from .._text import CJK_CHAR, lazy_pattern
from .zh_cut import cut

_CLOSERS = "”’」』）)】》〉\"'"
# A run of terminators, then any closers. Half-width ! ? ; count only next to Chinese text,
# and a half-width period only between a hanzi and a space/hanzi/end (never "0.1" or "Tetrate.io").
_end_re = lazy_pattern(
    rf"(?:[。！？；]|…+|\.{{3,}})[。！？；!?…]*[{_CLOSERS}]*"
    rf"|(?<=[{CJK_CHAR}{_CLOSERS}])[!?;][!?;]*[{_CLOSERS}]*"
    rf"|(?<=[{CJK_CHAR}])\.(?=\s|[{CJK_CHAR}]|$)[{_CLOSERS}]*"
)


# An English sentence end inside Chinese text: ". " / "? " after a Latin word, before a capital or hanzi.
_latin_end_re = lazy_pattern(rf"(?<=[A-Za-z0-9)\]\"'])(?P<word_end>[.?!]+)[{_CLOSERS}]*(?=\s+(?:[A-Z]|[{CJK_CHAR}]))")


def zh_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` (offsets into ``text``), whitespace-trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    ends = {m.end() for m in _end_re().finditer(text, start, end) if not _ends_an_aside(text, m, end)}
    cuts = sorted(ends | set(_latin_ends(text, start, end)))
    for cut in cuts:
        spans.append((cursor, cut))
        cursor = cut
    spans.append((cursor, end))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s]


def _latin_ends(text: str, start: int, end: int) -> list[int]:
    abbreviations = known_abbreviations()
    ends = []
    for m in _latin_end_re().finditer(text, start, end):
        # A bounded window: the word before the period is short when it matters (abbreviations,
        # numbers), and slicing from ``start`` for every match was quadratic.
        word = re.search(r"[\w.]+$", text[max(start, m.start("word_end") - 64) : m.start("word_end")])
        token = (word.group(0) if word else "").lower()
        if m.group("word_end") == "." and (token in abbreviations or token.replace(".", "").isdigit()):
            continue
        ends.append(m.end())
    return ends


_TERMINATORS_RE = re.compile(rf"[。！？；]+[{_CLOSERS}]*|…{{2,}}[{_CLOSERS}]*")
#: Where a match of :data:`_TERMINATORS_RE` can start.
_TERMINATOR_START_RE = re.compile(r"[。！？；]|……")


# What no Chinese sentence opens with: a particle or a conjunction that continues the one before.
_NO_SENTENCE_OPENS_RE = re.compile(r"[的地得之和及或与等了着过，、]")


# A semicolon typed for a colon after a word that announces a list: "…讨论他们对 Istio 的采用，包括；T-Mobile、Airbnb …".
LIST_INTRODUCERS_ZH = "包括|如下|例如|比如|诸如|分别是|像是"
"""Words that announce the list or example after them; a sentence cannot end on one (score.shape reads them too)."""
_INTRODUCES_A_LIST_RE = re.compile(rf"(?:{LIST_INTRODUCERS_ZH})\s*$")


def _ends_an_aside(text: str, m: re.Match[str], end: int) -> bool:
    """A mark that ends no sentence: it closes a bracketed aside inside one ("附带大量（且不断增加！）的用户指南":
    the bracket closes right after it and what follows, "的", opens no sentence), or it is a semicolon typed for
    the colon after "包括" (what follows is the list the sentence announced)."""
    if m.group(0)[0] in "；;" and _INTRODUCES_A_LIST_RE.search(text, max(0, m.start() - 8), m.start()) is not None:
        return True
    return m.group(0)[-1] in "）)" and _NO_SENTENCE_OPENS_RE.match(text, m.end(), end) is not None


def terminator_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut only at full-width terminators: the first pass over mixed Chinese/English text."""
    if _TERMINATOR_START_RE.search(text, start, end) is None:  # none at all (most English prose): the span, trimmed
        span = _trim(text, start, end)
        return [span] if span else []
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _TERMINATORS_RE.finditer(text, start, end):
        if _ends_an_aside(text, m, end):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s]


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


def zh_words(text: str) -> list[str]:
    """Words of Chinese (or mixed) text through our own jieba Tokenizer; spaces dropped (``zh_cut.cut``: jieba's
    ``lcut`` taken in one pass)."""
    return [w for w in cut(jieba_tokenizer(), text) if w.strip()]
