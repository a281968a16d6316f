"""The post-level signals a takeaway is scored on: how central a sentence is (its TF-IDF vector against the
centroid of all candidates: Radev et al. 2004, centroid-based summarization, linear in the sentences), how
many of the post's key terms it carries (title, headings, tags, description, what the post repeats), and
where it sits (lead, section start, paragraph start). Pure functions of the candidates and their terms.
"""

from __future__ import annotations

import functools
import math
from collections import Counter

from ..model import Document, Sentence
from .analysis import sentence_terms


def doc_freq(candidates: list[Sentence], terms: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    """In how many candidates each term occurs. A repeated sentence shares its terms' tuple (``analyse``), so
    each distinct tuple is counted once, times its copies."""
    copies: dict[tuple[str, ...], int] = {}
    for s in candidates:
        bag = terms[s.id]
        copies[bag] = copies.get(bag, 0) + 1
    df: dict[str, int] = {}
    for bag, k in copies.items():
        for t in dict.fromkeys(bag):
            df[t] = df.get(t, 0) + k
    return df


def idf(candidates: list[Sentence], terms: tuple[tuple[str, ...], ...]) -> dict[str, float]:
    n = len(candidates)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in doc_freq(candidates, terms).items()}


def centrality(candidates: list[Sentence], terms: tuple[tuple[str, ...], ...]) -> dict[int, float]:
    """Cosine of each sentence's TF-IDF vector with the centroid of all of them, scaled to [0, 1].

    Every candidate adds its vector to the centroid in document order (so the sums are the same to the
    last bit however the vectors are found); a vector and its cosine are computed once per distinct terms."""
    weight = idf(candidates, terms)
    made: dict[tuple[str, ...], dict[str, float]] = {}
    vectors: dict[int, dict[str, float]] = {}
    centroid: dict[str, float] = {}
    at = centroid.get
    for s in candidates:
        bag = terms[s.id]
        vec = made.get(bag)
        if vec is None:
            tf = Counter(bag)
            vec = {t: (1 + math.log(c)) * weight[t] for t, c in tf.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            vec = made[bag] = {t: v / norm for t, v in vec.items()}
        vectors[s.id] = vec
        for t, v in vec.items():
            centroid[t] = v + at(t, 0)
    cnorm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    cosine: dict[int, float] = {}  # by the vector's identity: one per distinct terms
    raw = {}
    for i, vec in vectors.items():
        value = cosine.get(id(vec))
        if value is None:
            value = cosine[id(vec)] = sum(w * centroid[t] for t, w in vec.items()) / cnorm
        raw[i] = value
    return scaled(raw)


def keyphrase_coverage(doc: Document, candidates: list[Sentence], terms: tuple[tuple[str, ...], ...]) -> dict[int, float]:
    """How many of the post's key terms a sentence carries: title, headings, tags, and what it repeats."""
    key: dict[str, float] = {}
    for text in heading_texts(doc):
        for term in terms_of(text, doc):
            key[term] = max(key.get(term, 0.0), 1.0)
    counts = doc_freq(candidates, terms)
    # Terms in at least 3 sentences and among the post's 30 most repeated, weighted by rank
    # (ties by the term itself: never by hash order, so scores do not depend on PYTHONHASHSEED).
    repeated = [t for t, c in sorted(counts.items(), key=lambda tc: (-tc[1], tc[0]))[:30] if c >= 3]
    for rank, term in enumerate(repeated):
        key[term] = max(key.get(term, 0.0), 1.0 - rank / (2 * len(repeated)))
    found: dict[tuple[str, ...], float] = {}  # once per distinct terms
    raw = {}
    for s in candidates:
        value = found.get(terms[s.id])
        if value is None:
            bag = sorted(set(terms[s.id]))
            value = found[terms[s.id]] = sum(key.get(t, 0.0) for t in bag) / math.sqrt(len(bag) + 1)
        raw[s.id] = value
    return scaled(raw)


def heading_texts(doc: Document) -> list[str]:
    texts = [doc.title or ""]
    meta = doc.meta
    for field in ("tags", "keywords", "categories"):
        value = meta.get(field)
        if isinstance(value, list):
            texts.extend(str(v) for v in value)
        elif isinstance(value, str):
            texts.append(value)
    if isinstance(meta.get("description"), str):
        texts.append(meta["description"])
    texts.extend(s.text for s in doc.sentences if s.kind == "heading")
    return [t for t in texts if t]


def terms_of(text: str, doc: Document) -> tuple[str, ...]:
    return probe_terms(text)


@functools.lru_cache(maxsize=4096)
def probe_terms(text: str) -> tuple[str, ...]:
    """:func:`terms_of`, memoised: the leaning rule asks for the terms of every opening "the X" of a post."""
    from .._text import guess_lang
    from ..model import Sentence as _S

    probe = _S(id=0, text=text, lang=guess_lang(text), block=0, start=0, end=len(text), line=1)
    return sentence_terms(probe)


def position(doc: Document, candidates: list[Sentence]) -> dict[int, tuple[float, float, float, float]]:
    """(lead, early, section_start, block_start): the first few sentences of the post, how early in
    it, how early in its section, and whether it opens its paragraph or turn."""
    total = max(len(doc.sentences), 1)
    seen_blocks: set[int] = set()
    rank_in_section: Counter[int] = Counter()
    out = {}
    for rank, s in enumerate(candidates):
        first = s.block not in seen_blocks
        seen_blocks.add(s.block)
        rank_in_section[s.section] += 1
        out[s.id] = (
            math.exp(-rank / 3),
            1.0 - s.id / total,
            1.0 / rank_in_section[s.section],
            1.0 if first else 0.0,
        )
    return out


def scaled(raw: dict[int, float]) -> dict[int, float]:
    if not raw:
        return raw
    hi = max(raw.values())
    lo = min(raw.values())
    span = (hi - lo) or 1.0
    return {i: (v - lo) / span for i, v in raw.items()}
