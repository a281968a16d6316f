"""Two facts about every sentence span of a long ASCII block, told for all of them at once.

:func:`~summarize.segment.segment` asks of each sentence its language (:func:`~summarize._text.guess_lang`)
and, in speech, whether its clean view is the sentence itself (:func:`~.disfluency.fluent`). Asked one
sentence at a time, a caption file of a million cues pays a million calls of each, some three seconds of
CPU. In an ASCII block both answers come from the block's bytes and a few passes over the whole text:

- the language of an ASCII span is English when it holds a Latin letter (there are no hanzi to weigh), so
  a running count of letters answers it for every span;
- a span is sure to be fluent when no filler, no marker's words and no word said twice fall inside it. The
  fillers, markers and words are found over the whole block and assigned to spans by offset. What is found
  over-approximates what a span's own text holds (markers are looked for with any whitespace between their
  words, inside words too; a word said twice is told by hash, so a collision flags a span), and a span cut
  inside a word (where looking at the block and at the span alone could differ) is flagged outright. A flagged
  span is only *unsure*: :func:`segment` asks :func:`~.disfluency.fluent` of it as before, so the clean views
  are the same. ``tests/segment/test_span_facts.py`` holds both facts to the per-span functions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from .disfluency import _ASCII_WORD_RE, _FILLER_RE

__all__ = ["ascii_span_facts"]

# "you know", "I mean", "so yeah" with any whitespace between their words (a sentence's text has its line breaks
# made spaces), each occurrence found even where two overlap (a lookahead, so no match consumes another's start).
_MARKER_WORDS_RE = re.compile(r"(?=(you\s+know|i\s+mean|so\s+yeah))")


#: Spans are looked at a window of about this many characters at a time (cut between spans), so that what the
#: passes hold (a byte class per character, the words and their hashes) stays a few megabytes whatever the block.
_WINDOW = 1 << 20


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[Any, Any, Any]:
    """Byte classes: a Latin letter (what ``LATIN_WORD_RE`` starts on), a character of a word (``[\\w']``), and
    one a filler's lookbehind and lookahead refuse next to it (``[\\w'-]``: a span cut beside one is unsure)."""
    import numpy as np

    letter = np.zeros(256, dtype=bool)
    for c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz":
        letter[c] = True
    word = letter.copy()
    for c in b"0123456789_'":
        word[c] = True
    joined = word.copy()
    joined[ord("-")] = True
    return letter, word, joined


def ascii_span_facts(text: str, starts: Sequence[int], ends: Sequence[int], *,
                     window: int = _WINDOW) -> tuple[list[bool], list[bool]]:
    """For each span ``text[starts[i]:ends[i]]`` of an ASCII ``text`` (spans sorted, disjoint): whether it holds a
    Latin letter, and whether it is *unsure*, i.e. might not be :func:`~.disfluency.fluent` (False promises it is,
    for the span's text with its line breaks made spaces). ``window``: characters looked at a time (tests)."""
    import numpy as np

    lo = np.asarray(starts, dtype=np.int64)
    hi = np.asarray(ends, dtype=np.int64)
    has_letter = np.zeros(len(lo), dtype=bool)
    unsure = np.zeros(len(lo), dtype=bool)
    i = 0
    while i < len(lo):
        j = max(i + 1, int(np.searchsorted(lo, lo[i] + window, side="left")))
        # The window's text with one character more each side: what a span's cut is judged by.
        first = max(int(lo[i]) - 1, 0)
        _window_facts(text[first : int(hi[j - 1]) + 1], lo[i:j] - first, hi[i:j] - first, has_letter[i:j], unsure[i:j])
        i = j
    return has_letter.tolist(), unsure.tolist()


def _window_facts(text: str, lo: Any, hi: Any, has_letter: Any, unsure: Any) -> None:
    """:func:`ascii_span_facts` of the spans ``[lo, hi)`` of ``text``, written into ``has_letter`` and ``unsure``.
    ``text`` holds the character before the first span and after the last where the block has them."""
    import numpy as np

    letter, word, joined = _tables()
    codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    count = len(lo)
    letters = np.concatenate(([0], np.cumsum(letter[codes], dtype=np.int64)))
    has_letter[:] = letters[hi] > letters[lo]

    wordish = joined[codes]
    inside = lo > 0
    unsure[inside] |= wordish[lo[inside] - 1]
    inside = hi < len(codes)
    unsure[inside] |= wordish[hi[inside]]

    def flag(found: list[tuple[int, int]]) -> None:
        """Flag every span that overlaps one of the ranges ``found``: a +1 at the first span each overlaps, a -1 after
        the last, summed along the spans."""
        if not found:
            return
        ranges = np.array(found, dtype=np.int64).reshape(-1, 2)
        first = np.searchsorted(hi, ranges[:, 0], side="right")  # the first span ending after the range starts
        after = np.searchsorted(lo, ranges[:, 1], side="left")  # the first span starting at or after its end
        marks = np.zeros(count + 1, dtype=np.int64)
        np.add.at(marks, first, 1)
        np.add.at(marks, after, -1)
        unsure[np.cumsum(marks[:-1]) > 0] = True

    flag([m.span() for m in _FILLER_RE.finditer(text)])
    lowered = text.lower()
    if "know" in lowered or "mean" in lowered or "yeah" in lowered:
        flag([(m.start(), m.end(1)) for m in _MARKER_WORDS_RE.finditer(lowered)])

    # A word said twice within a span: each word's span by its start offset, keyed with its hash (the low 31 bits),
    # sorted, and equal neighbours looked for.
    tokens = _ASCII_WORD_RE.findall(lowered)
    in_word = word[codes]
    word_starts = np.flatnonzero(in_word[1:] & ~in_word[:-1]) + 1
    if len(in_word) and in_word[0]:
        word_starts = np.concatenate(([0], word_starts))
    if len(word_starts) != len(tokens):  # cannot happen ([\w'] in ASCII is these bytes); be sure anyway
        unsure[:] = True
        return
    owner = np.searchsorted(lo, word_starts, side="right") - 1
    keys = (owner << 31) | (np.fromiter(map(hash, tokens), dtype=np.int64, count=len(tokens)) & 0x7FFFFFFF)
    keys.sort()
    repeated = keys[1:][keys[1:] == keys[:-1]] >> 31
    unsure[repeated[repeated >= 0]] = True
