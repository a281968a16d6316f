"""Long inputs: which sentences the expensive rules read.

Scoring a sentence the way the default scorer does (an editor's rejection rules, the takeaway edit, the
reserve and pairing rules, the keep model) costs about 0.1 ms a sentence: nothing for a post, but two minutes
for a caption file of a million cues. So a document with more than :data:`BOUNDED_ABOVE` sentences (far above
any real post: the longest input of the judged set, the seeds and corpus-dev has 634 sentences, the longest
evaluation meeting or lecture 1,886 (QMSum; ICSI 1,325, VT-SSum 1,259)) takes the bounded path:

1. A cheap linear first pass (:func:`first_pass`) ranks every sentence on the cheap parts of the scorer's
   own features, with its shipped weights: centrality against the centroid of the document (idf-weighted
   content words), key-phrase coverage (title, headings, the most repeated words), position, length and
   fluency; content words are plain lowercased words (stemmed) and, for Chinese, character pairs, so no
   jieba and no Treebank. A sentence the editor's cheapest rules would reject (a heading, code, a question,
   a fragment) ranks after every one they let through.
2. The best :data:`POOL_SIZE` of them, in document order, are the *scope* (:func:`scope`): the only sentences
   the expensive rules look at. Every document-wide measure the scorer takes (the centroid, repeated terms,
   the reserve) is then taken over the scope, so a long input's scores are those of a post made of its pool.

Below the threshold :func:`scope` is the document's sentences and nothing here runs: outputs are exactly those
of the unbounded scorer. Work and memory are linear in the input either way; per sentence the first pass keeps
a reference to its (shared) content words and nothing else.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar

from ..model import Document, Sentence
from .stem_en import stem

BOUNDED_ABOVE = 20_000
"""Documents with more sentences than this take the bounded path (read at call time: tests lower it)."""
POOL_SIZE = 5_000
"""How many sentences of a long document the expensive rules read: a long post's worth several times over."""

T = TypeVar("T")


def is_long(doc: Document) -> bool:
    """Whether ``doc`` takes the bounded path: more than :data:`BOUNDED_ABOVE` sentences."""
    return len(doc.sentences) > BOUNDED_ABOVE


def scope(doc: Document) -> Sequence[Sentence]:
    """The sentences the expensive rules read: all of them, or for a long document (:func:`is_long`) the
    :data:`POOL_SIZE` best of the first pass, in document order."""
    if not is_long(doc):
        return doc.sentences
    from .analysis import memo

    return memo(doc, "bounded_scope", lambda d: tuple(d.sentences[i] for i in first_pass(d, POOL_SIZE)))


class LazyById(Mapping[int, T], Generic[T]):
    """Sentence id → ``compute(sentence)``, computed on first use and kept: for a long document, a per-sentence
    value (the takeaway edit, the tokens) is asked of the pool and its neighbours, never of every sentence."""

    __slots__ = ("_sentences", "_compute", "_done")

    def __init__(self, sentences: Sequence[Sentence], compute: Callable[[Sentence], T]) -> None:
        self._sentences = sentences
        self._compute = compute
        self._done: dict[int, T] = {}

    def __getitem__(self, i: int) -> T:
        done = self._done
        if i in done:
            return done[i]
        if not 0 <= i < len(self._sentences):
            raise KeyError(i)
        value = done[i] = self._compute(self._sentences[i])
        return value

    def __len__(self) -> int:
        return len(self._sentences)

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self._sentences)))


class LazySequence(Sequence[T], Generic[T]):
    """The same as :class:`LazyById`, indexed like the tuple it stands for (``Analysis.terms[s.id]``)."""

    __slots__ = ("_by_id",)

    def __init__(self, by_id: LazyById[T]) -> None:
        self._by_id = by_id

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        if isinstance(i, slice):
            return [self._by_id[k] for k in range(*i.indices(len(self)))]
        at = i if i >= 0 else i + len(self)
        if not 0 <= at < len(self):
            raise IndexError(f"sentence index {i} out of range")
        return self._by_id[at]

    def __len__(self) -> int:
        return len(self._by_id)


# --------------------------------------------------------------------------- the first pass

_EN_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_QUESTION_END_RE = re.compile(r"[?？]\W*$")
_NOT_PROSE = ("heading", "code", "table")


def cheap_terms(text: str, lang: str, stops: frozenset[str] | None = None) -> tuple[str, ...]:
    """Content words of ``text`` without a tokenizer: lowercased words not in the stop list (``lang``'s, unless
    given), stemmed, and for Chinese the pairs of adjacent characters of each run of hanzi."""
    if stops is None:
        from .analysis import stop_words

        stops = stop_words(lang)
    low = text.lower()
    out = [stem(w) for w in _EN_WORD_RE.findall(low) if len(w) >= 2 and w not in stops and w.isascii()]
    if lang == "zh":
        for run in _CJK_RUN_RE.findall(low):
            out.extend(pair for pair in map(run.__getitem__, _pairs(len(run))) if pair not in stops)
    return tuple(out)


def _pairs(n: int) -> Iterator[slice]:
    return (slice(k, k + 2) for k in range(max(n - 1, 1)))


def _size(s: Sentence) -> int:
    """Words (characters for Chinese), as the length feature counts them."""
    return len(re.sub(r"\s", "", s.clean)) if s.lang == "zh" else len(s.clean.split())


def _text_passes_cheap_rules(s: Sentence, size: int, n_terms: int) -> bool:
    """The editor's cheapest rejection rules (score/quality.py) that read only the clean text and language: no
    question, no fragment. The rest (prose, not furniture) are told per sentence in :func:`first_pass`."""
    if _QUESTION_END_RE.search(s.clean):
        return False
    return n_terms >= 3 and size >= (10 if s.lang == "zh" else 6)


def first_pass(doc: Document, k: int) -> tuple[int, ...]:
    """The ids of the ``k`` sentences the first pass ranks best, in document order (ties: the earlier first).

    Linear in the sentences: one pass counts in how many sentences each content word occurs, one scores every
    sentence and keeps the best ``k`` in a heap. Per distinct set of content words, its vector norm, centroid
    share and key-phrase value are computed once (a caption file repeats its lines)."""
    from .analysis import stop_words
    from .takeaways import FEATURES, _length_preference, register_of, shipped_weights

    sentences = doc.sentences
    if not sentences:
        return ()
    weights = shipped_weights()[register_of(doc)]
    w = dict(zip(FEATURES, weights.vector()))
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    bags: list[tuple[str, ...]] = []
    copies: dict[tuple[str, ...], int] = {}
    stops = {"en": stop_words("en"), "zh": stop_words("zh")}
    # What depends on a sentence's text and language alone (its words, its length preference, whether its text
    # passes the cheap rules) is worked out once per distinct one: a caption file or a recogniser's loop repeats
    # its lines thousands of times.
    texts: list[tuple[float, bool]] = []
    read: dict[tuple[str, str], tuple[tuple[str, ...], float, bool]] = {}
    for s in sentences:
        known = read.get((s.clean, s.lang))
        if known is None:
            bag = cheap_terms(s.clean, s.lang, stops[s.lang])
            size = _size(s)
            known = read[s.clean, s.lang] = (shared.setdefault(bag, bag), _length_preference(s.lang, size, weights),
                                             _text_passes_cheap_rules(s, size, len(bag)))
        bag = known[0]
        bags.append(bag)
        texts.append(known[1:])
        copies[bag] = copies.get(bag, 0) + 1
    del read
    df: dict[str, int] = {}
    for bag, n in copies.items():
        for t in dict.fromkeys(bag):
            df[t] = df.get(t, 0) + n
    total = len(sentences)
    idf = {t: math.log((total + 1) / (c + 0.5)) for t, c in df.items()}
    # Centrality: cosine of each (binary, idf-weighted) vector with the centroid of all of them. Every sum runs in
    # the bag's own order (dict.fromkeys, not a set), so no score depends on the hash seed.
    norms = {bag: math.sqrt(sum(idf[t] ** 2 for t in dict.fromkeys(bag))) or 1.0 for bag in copies}
    centroid: dict[str, float] = {}
    for bag, n in copies.items():
        for t in dict.fromkeys(bag):
            centroid[t] = centroid.get(t, 0.0) + n * idf[t] / norms[bag]
    cnorm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    central = {bag: sum(idf[t] * centroid[t] for t in dict.fromkeys(bag)) / (norms[bag] * cnorm) for bag in copies}
    # Key phrases: the title's and headings' words, and the 30 most repeated (in 3 sentences or more).
    key: dict[str, float] = {}
    for s in sentences:
        if s.kind == "heading":
            key.update(dict.fromkeys(cheap_terms(s.clean, s.lang), 1.0))
    key.update(dict.fromkeys(cheap_terms(doc.title or "", doc.lang or "en"), 1.0))
    repeated = [t for t, c in sorted(df.items(), key=lambda tc: (-tc[1], tc[0]))[:30] if c >= 3]
    for rank, t in enumerate(repeated):
        key[t] = max(key.get(t, 0.0), 1.0 - rank / (2 * len(repeated)))
    keyed = {bag: sum(key.get(t, 0.0) for t in dict.fromkeys(bag)) / math.sqrt(len(dict.fromkeys(bag)) + 1) for bag in copies}
    c_lo, c_hi = min(central.values()), max(central.values())
    k_lo, k_hi = min(keyed.values()), max(keyed.values())
    c_span, k_span = (c_hi - c_lo) or 1.0, (k_hi - k_lo) or 1.0
    by_bag = {bag: w["centrality"] * (central[bag] - c_lo) / c_span + w["keyphrase"] * (keyed[bag] - k_lo) / k_span
              for bag in copies}
    w_lead, w_early, w_section, w_block = w["lead"], w["early"], w["section_start"], w["block_start"]
    w_length, w_fluency = w["length"], w["fluency"]
    best: list[tuple[int, float, int]] = []
    seen_blocks: set[int] = set()
    in_section: dict[int, int] = {}
    for rank, (s, bag, (length_preference, text_passes)) in enumerate(zip(sentences, bags, texts)):
        first_in_block = s.block not in seen_blocks
        seen_blocks.add(s.block)
        in_section[s.section] = nth = in_section.get(s.section, 0) + 1
        value = (
            by_bag[bag]
            + w_lead * math.exp(-rank / 3)
            + w_early * (1.0 - s.id / total)
            + w_section / nth
            + w_block * first_in_block
            + w_length * length_preference
            + w_fluency * (1.0 if s.clean == s.text else len(s.clean) / max(len(s.text), 1))
        )
        passes = text_passes and s.kind not in _NOT_PROSE and s.furniture is None  # prose, not furniture
        item = (1 if passes else 0, value, -s.id)
        if len(best) < k:
            heapq.heappush(best, item)
        elif item > best[0]:
            heapq.heapreplace(best, item)
    return tuple(sorted(-item[2] for item in best))
