"""Per-sentence terms shared by every scorer: tokens, stop words removed, English stemmed.

Computed once per document: a small cache keyed by the document's identity holds the last
few analyses (and the documents themselves, so an id is never reused while cached).
"""

from __future__ import annotations

import functools
import re
import sys
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..model import Document, Sentence
from ..segment import words, words_of
from .bounded import LazyById, LazySequence, is_long
from .stem_en import stem  # NLTK's English Snowball stems without importing nltk (see stem_en)

T = TypeVar("T")
_CACHE_SIZE = 8
_ANALYSES: OrderedDict[int, tuple[Document, Analysis]] = OrderedDict()
_CONTENT_RE = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Analysis:
    """What scorers need to know about a document's sentences."""

    tokens: Sequence[tuple[str, ...]]
    """Word tokens of each sentence's clean view, in order (lowercased). A tuple; for a long document
    (:func:`~summarize.score.bounded.is_long`) a sequence that tokenises a sentence when it is first asked for."""
    terms: Sequence[tuple[str, ...]]
    """Content terms: stop words, punctuation and numbers removed, English stemmed."""


@functools.cache
def stop_words(lang: str) -> frozenset[str]:
    from .._resources import stop_word_list

    base = set(stop_word_list("english" if lang == "en" else "chinese"))
    if lang == "en":
        base |= {"uh", "um", "yeah", "okay", "ok", "gonna", "wanna", "like", "just", "really", "actually",
                 "kind", "sort", "thing", "things", "lot", "know", "think", "mean", "right", "well", "'s", "n't",
                 "'re", "'ve", "'m", "'ll", "'d", "got", "get", "go", "going", "say", "said"}
    else:
        base |= {"嗯", "啊", "呃", "那个", "这个", "就是", "然后", "所以", "我们", "你们", "他们", "一个", "什么", "没有", "可以"}
    return frozenset(base)


def term_of(token: str, lang: str) -> str | None:
    """The term a lowercased token counts as: stemmed English, Chinese as is; None for a stop word,
    a number or punctuation."""
    if token in stop_words(lang) or not _CONTENT_RE.search(token):
        return None
    if lang == "en" or token.isascii():
        return stem(token) if len(token) >= 2 else None
    return token


def sentence_terms(sentence: Sentence, tokens: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if tokens is None:
        return _text_terms(sentence.lang, sentence.clean)
    found = (term_of(token, sentence.lang) for token in tokens)
    return tuple(t for t in found if t is not None)


@functools.lru_cache(maxsize=4096)
def _text_terms(lang: str, clean: str) -> tuple[str, ...]:
    """The terms of a text on its own (a title, a heading, a tag), memoised: a scorer asks for the terms
    of every heading, and a long post repeats its headings ("Conclusion", "Why it matters")."""
    found = (term_of(w.lower(), lang) for w in words_of(clean, lang))
    return tuple(t for t in found if t is not None)


_MEMOS: OrderedDict[tuple[int, str], tuple[Document, object]] = OrderedDict()


def memo(doc: Document, name: str, compute: Callable[[Document], T]) -> T:
    """``compute(doc)``, computed once per document and ``name``: several stages of one run (scoring,
    selection's reserve, the quiz) ask the same question of the same document."""
    key = (id(doc), name)
    cached = _MEMOS.get(key)
    if cached is not None and cached[0] is doc:
        _MEMOS.move_to_end(key)
        return cached[1]  # type: ignore[return-value]
    value = compute(doc)
    _MEMOS[key] = (doc, value)
    while len(_MEMOS) > 4 * _CACHE_SIZE:
        _MEMOS.popitem(last=False)
    return value


def analyse(doc: Document) -> Analysis:
    cached = _ANALYSES.get(id(doc))
    if cached is not None and cached[0] is doc:
        _ANALYSES.move_to_end(id(doc))
        return cached[1]
    # Tokens and terms depend only on a sentence's language and clean view: a transcript repeats its
    # "Yeah." and "Right.", a caption its lines, so each distinct pair is tokenised once per document.
    seen: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def of(s: Sentence) -> tuple[tuple[str, ...], tuple[str, ...]]:
        key = (s.lang, s.clean)
        if key not in seen:
            # Interned: a document says "the" and "mesh" thousands of times, and each lowercased copy was its
            # own string (about 50 MB of them held for a 1M-cue caption file).
            toks = tuple([sys.intern(w.lower()) for w in words(s)])
            seen[key] = (toks, sentence_terms(s, toks))
        return seen[key]

    if is_long(doc):
        # The bounded path reads a pool of sentences and their neighbours: tokenise those when asked.
        both = LazyById(doc.sentences, of)
        analysis = Analysis(LazySequence(LazyById(doc.sentences, lambda s: both[s.id][0])),
                            LazySequence(LazyById(doc.sentences, lambda s: both[s.id][1])))
    else:
        pairs = [of(s) for s in doc.sentences]
        analysis = Analysis(tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))
    _ANALYSES[id(doc)] = (doc, analysis)
    while len(_ANALYSES) > _CACHE_SIZE:
        _ANALYSES.popitem(last=False)
    return analysis
