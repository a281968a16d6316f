"""Whether jieba reads a word across one offset of a short window, without cutting the whole window.

Why: a comma at a pause in Chinese captions (:mod:`summarize.segment.asr_zh`) must never land inside a word,
and the word boundaries are jieba's cut of a dozen characters around the gap. Cutting that window with
``lcut`` at every candidate gap was a third of the time of unpunctuated Chinese speech (issue 16): the
generators and regex splits of ``cut``, a route over the whole window, and jieba's HMM on every run of
single characters, when the question is one yes/no about one offset.

:func:`word_across` answers the same question as ``lcut(window)`` would, step by step as jieba takes it:

1. ``cut`` splits the window into blocks of hanzi, Latin letters, digits and ``+#&._%-``; a gap at the
   edge of a block is between words.
2. Inside the block, jieba's route is the most probable path through the dictionary words (its
   ``get_DAG``/``calc``). When no word of the dictionary crosses the gap, no route does, and the only thing
   that can still join the two sides is the HMM, which jieba runs on a run of two or more single characters
   that is not itself a word. Both characters next to the gap then have to be single characters of the
   route, so when a dictionary word ends right at the gap and another starts there the route decides, and
   when neither does the HMM does. The route is computed here with jieba's own formula, in its order (the
   same floating-point sums, the same ties), from the dictionary entries jieba would read; the HMM is
   jieba's own ``finalseg.cut``, called only on a run of singles that spans the gap.

What is reproduced is jieba 0.42.1's ``Tokenizer.cut(HMM=True)`` (with another version of jieba each window is
cut, as before); ``tests/segment/test_word_gap.py`` holds it to ``lcut`` on generated windows and on every gap of
real captions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from math import log
from typing import Any

from .zh_cut import hmm_words, route_step

__all__ = ["word_across", "words_across"]

#: jieba's ``re_han_default``: what the blocks of ``cut`` are made of (runs of anything else are cut apart).
_BLOCK_RE = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+")


def word_across(window: str, at: int, *, tokenizer: Any = None) -> bool:
    """True when jieba's cut of ``window`` has a word that starts before offset ``at`` and ends after it.

    The same answer as finding each word of ``tokenizer.lcut(window)`` where it stands (``tokenizer``: ours,
    ``_resources.jieba_tokenizer()``, unless given), for any window; made for the few characters around a gap,
    where it is several times cheaper.
    """
    return words_across([(window, at)], tokenizer=tokenizer)[0]


def words_across(windows: Sequence[tuple[str, int]], *, tokenizer: Any = None) -> list[bool]:
    """:func:`word_across` of each ``(window, at)``, the dictionary entries they all need loaded in one go.

    With our own tokenizer (``tokenizer`` not given) each answer is remembered (:data:`_ANSWERS`): a caption
    file says the same few words around its pauses again and again ("然后 | 我们", "就是 | 说"), and a repeated
    window is then one dictionary lookup instead of a route through it."""
    if tokenizer is not None:
        return _words_across(windows, tokenizer)
    from .._resources import jieba_tokenizer

    answers = _ANSWERS
    out: list[bool | None] = [answers.get(w) for w in windows]
    new = [w for w, known in zip(windows, out) if known is None]
    if not new:
        return out  # type: ignore[return-value]
    if len(answers) + len(new) > _MAX_ANSWERS:
        answers.clear()  # bounded: a new batch starts a new memo
    fresh = iter(_words_across(new, jieba_tokenizer()))
    for i, known in enumerate(out):
        if known is None:
            out[i] = answers[windows[i]] = next(fresh)
    return out  # type: ignore[return-value]


#: Remembered answers of :func:`words_across` with our tokenizer, ``(window, at) -> across``; emptied before a
#: batch that would take it past :data:`_MAX_ANSWERS` (so it holds that many or one batch; a window is a dozen
#: characters: a few MB at most).
_ANSWERS: dict[tuple[str, int], bool] = {}
_MAX_ANSWERS = 1 << 16


def _words_across(windows: Sequence[tuple[str, int]], tok: Any) -> list[bool]:
    """:func:`words_across` with ``tok``, nothing remembered."""
    if not _mirrors_this_jieba():
        return [_cut_says_across(tok, window, at) for window, at in windows]
    if hasattr(tok, "prefix_dict"):  # ours: the buckets jieba's get_DAG would read in each window, in one go
        tok.prefix_dict.fill(tok.FREQ, "\n".join(w for w, _at in windows))  # (a line break joins no word)
    else:
        tok.check_initialized()  # jieba's own Tokenizer: its whole dictionary
    out = []
    for window, at in windows:
        across = False
        for m in _BLOCK_RE.finditer(window):
            start, end = m.span()
            if start < at < end:
                across = _across_in_block(tok, m.group(), at - start)
                break
            if end >= at:
                break  # at an edge of the window or of one of cut's blocks: every word ends there
        out.append(across)
    return out


#: The jieba whose ``cut`` this module follows step by step; with any other, windows are cut as they always were.
JIEBA_VERSION = "0.42.1"


@functools.cache
def _mirrors_this_jieba() -> bool:
    from .._resources import _import_jieba

    return str(getattr(_import_jieba(), "__version__", "")) == JIEBA_VERSION


def _cut_says_across(tok: Any, window: str, at: int) -> bool:
    """The plain statement: cut the window, find each word where it stands (the tokenizer drops no character
    but spaces, which no word holds)."""
    position = 0
    for word in tok.lcut(window):
        if not word.strip():
            continue
        position = window.find(word, position)
        if position < at < position + len(word):
            return True
        position += len(word)
    return False


def _across_in_block(tok: Any, block: str, gap: int) -> bool:
    """``word_across`` inside one block of ``cut`` (``0 < gap < len(block)``): jieba's route through the
    dictionary (``__cut_DAG``), then its HMM if a run of single characters spans the gap."""
    freq = tok.FREQ
    n = len(block)
    logtotal = log(tok.total)
    ends = [0] * n  # where the route's word starting at each offset ends (inclusive)
    scores = [0.0] * (n + 1)
    for k in range(n - 1, -1, -1):  # jieba's get_DAG and calc in one pass, right to left (zh_cut.route_step)
        scores[k], end = route_step(freq, logtotal, block, k, scores)
        ends[k] = end
        if k == gap and end > gap and not _dictionary_word_across(freq, block, gap, n):
            # The route has a word starting at the gap and none can cross it: the character before the gap
            # ends a word of the route, so no run of single characters (the HMM's input) spans the gap either.
            return False
    x, singles_from = 0, -1
    while x < n:  # jieba's walk along the route: runs of single characters go to the HMM
        y = ends[x] + 1
        if y - x == 1:
            if singles_from < 0:
                singles_from = x
        else:
            if singles_from >= 0:
                if singles_from < gap < x:
                    return _hmm_across(freq, block[singles_from:x], gap - singles_from)
                singles_from = -1
            if x < gap < y:
                return True
            if x >= gap:
                return False
        x = y
    return 0 <= singles_from < gap and _hmm_across(freq, block[singles_from:], gap - singles_from)


def _dictionary_word_across(freq: dict[str, int], block: str, gap: int, n: int) -> bool:
    """Whether a word of the dictionary (a count above 0) starts before ``gap`` and ends after it."""
    for k in range(gap - 1, -1, -1):
        i, frag = k, block[k]
        while i < n and frag in freq:
            if i >= gap and freq[frag]:
                return True
            i += 1
            frag = block[k : i + 1]
    return False


def _hmm_across(freq: dict[str, int], run: str, gap: int) -> bool:
    """A run of single characters of the route: jieba yields them one by one when the run is a word of the
    dictionary, else it hands the run to its HMM (``finalseg.cut``), which may join some of them."""
    if len(run) == 1 or freq.get(run):
        return False
    position = 0
    for word in hmm_words(run):
        if position < gap < position + len(word):
            return True
        position += len(word)
        if position >= gap:
            return False
    return False
