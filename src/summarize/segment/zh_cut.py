"""jieba's cut of a sentence, the same words in one pass without its generators.

Why: every distinct Chinese sentence is cut once for scoring (``zh_words``), and on unpunctuated speech that
cut was a sixth of the whole run (issue 16). jieba 0.42.1's ``Tokenizer.cut(HMM=True)`` builds a DAG of lists
per block, then a route of tuples through ``max`` over a generator, then walks it in a generator of generators;
the HMM (``finalseg``) runs again on every run of single characters, though a text says the same few runs
("的一个", "我们就") over and over. :func:`cut` takes the same steps with the same arithmetic:

1. the sentence is split into jieba's blocks (``re_han_default``); a block of anything else yields its spaces
   whole and every other character alone (``re_skip_default``);
2. in a block, the route is jieba's ``get_DAG``/``calc`` fused into one right-to-left pass: the same
   ``log(count) - logtotal + score`` sums in the same order, a tie going to the longer word as jieba's ``max``
   over ``(score, end)`` pairs does, a character no word starts at scoring ``log(FREQ.get(ch) or 1)``;
3. the walk along the route hands each run of two or more single characters that is not itself a word to
   jieba's own ``finalseg.cut`` (remembered per run, :func:`hmm_words`), as ``__cut_DAG`` does.

With another version of jieba, or a tokenizer without our bucketed dictionary, :func:`cut` is ``lcut``.
``tests/segment/test_zh_cut.py`` holds it to ``lcut`` on generated text and on real sentences.
"""

from __future__ import annotations

import functools
import re
from math import log
from typing import Any

__all__ = ["cut", "hmm_words", "route_step"]



def cut(tok: Any, sentence: str) -> list[str]:
    """``tok.lcut(sentence)`` (HMM on, not cut_all): every word, spaces included, in order."""
    if not _mirrors(tok):
        return list(tok.lcut(sentence))
    freq = tok.FREQ
    # The buckets jieba's get_DAG would read in each block (our tokenizer's override fills them block by
    # block), in one go: a pair across two blocks adds entries the full dictionary has anyway.
    tok.prefix_dict.fill(freq, sentence)
    logtotal = log(tok.total)
    out: list[str] = []
    han, skip = _jieba_patterns()
    pieces = han.split(sentence)  # odd positions are jieba's blocks, even ones what lies between
    for i, piece in enumerate(pieces):
        if not piece:
            continue
        if i % 2:
            _cut_block(freq, logtotal, piece, out)
        else:
            for x in skip.split(piece):
                if skip.match(x):
                    out.append(x)
                else:
                    out.extend(x)
    return out


def _cut_block(freq: dict[str, int], logtotal: float, block: str, out: list[str]) -> None:
    """jieba's ``__cut_DAG`` of one block, appended to ``out``."""
    n = len(block)
    ends = [0] * n  # where the route's word starting at each offset ends (exclusive)
    scores = [0.0] * (n + 1)
    for k in range(n - 1, -1, -1):
        scores[k], end = route_step(freq, logtotal, block, k, scores)
        ends[k] = end + 1
    x, singles = 0, -1  # singles: where the current run of single characters starts
    while x < n:
        y = ends[x]
        if y - x == 1:
            if singles < 0:
                singles = x
        else:
            if singles >= 0:
                _singles(freq, block[singles:x], out)
                singles = -1
            out.append(block[x:y])
        x = y
    if singles >= 0:
        _singles(freq, block[singles:], out)


def route_step(freq: dict[str, int], logtotal: float, block: str, k: int, scores: list[float]) -> tuple[float, int]:
    """jieba's get_DAG (the words starting at ``k``) and calc (the best of them) at offset ``k`` of ``block``, the
    route's scores from ``k + 1`` on already in ``scores``: the route's score from ``k`` and where its word ends
    (inclusive). The same sums in the same order, a tie going to the longer word as jieba's max over
    (score, end) pairs does; a character no word starts at stands alone."""
    n = len(block)
    best, end = 0.0, -1
    i, frag = k, block[k]
    while i < n and frag in freq:
        count = freq[frag]
        if count:
            score = log(count) - logtotal + scores[i + 1]
            if end < 0 or score >= best:
                best, end = score, i
        i += 1
        frag = block[k : i + 1]
    if end < 0:  # no word of the dictionary starts here: the character alone
        return log(freq.get(block[k]) or 1) - logtotal + scores[k + 1], k
    return best, end


def _singles(freq: dict[str, int], run: str, out: list[str]) -> None:
    """A run of single characters of the route: alone, a word of the dictionary (its characters one by one),
    or the HMM's words."""
    if len(run) == 1:
        out.append(run)
    elif not freq.get(run):
        out.extend(hmm_words(run))
    else:
        out.extend(run)


def hmm_words(run: str) -> tuple[str, ...]:
    """``tuple(jieba.finalseg.cut(run))``, remembered while jieba has no forced splits (``add_word(w, 0)``
    adds them, and with them the answer depends on more than ``run``)."""
    finalseg = _finalseg()
    if finalseg.Force_Split_Words:
        return tuple(finalseg.cut(run))
    return _hmm_words(run)


@functools.lru_cache(maxsize=1 << 14)
def _hmm_words(run: str) -> tuple[str, ...]:
    return tuple(_finalseg().cut(run))


@functools.cache
def _finalseg() -> Any:
    from .._resources import _import_jieba

    _import_jieba()  # quietly, as everywhere
    from jieba import finalseg

    return finalseg


#: The jieba whose ``cut`` this module follows step by step.
JIEBA_VERSION = "0.42.1"


def _mirrors(tok: Any) -> bool:
    """Whether :func:`cut` may take jieba's steps itself: jieba 0.42.1 and our bucketed tokenizer (whose
    ``get_DAG`` only fills the buckets before jieba's own)."""
    return hasattr(tok, "prefix_dict") and _this_jieba()


@functools.cache
def _jieba_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """jieba's own ``re_han_default`` and ``re_skip_default`` (what its ``cut`` splits with; already compiled)."""
    from .._resources import _import_jieba

    jieba = _import_jieba()
    return jieba.re_han_default, jieba.re_skip_default


@functools.cache
def _this_jieba() -> bool:
    from .._resources import _import_jieba

    return str(getattr(_import_jieba(), "__version__", "")) == JIEBA_VERSION
