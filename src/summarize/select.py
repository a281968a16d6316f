"""Scores to chosen sentences: how many, no near-duplicates, one per section first, document order.

This is the only place that decides what a summary contains, whichever scorer rated the
sentences, so every algorithm is compared under the same rules.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Collection, Mapping, Sequence
from itertools import pairwise, repeat

from .model import Document, Sentence
from .score.analysis import analyse
from .score.bounded import is_long
from .score.registry import SURE_TAKEAWAYS

_HEAD = 50
_NUMBERED_HEADING_RE = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.)、．]")


def length_of(sentence: Sentence) -> int:
    """Budget units: words for English, characters for Chinese (as ROUGE budgets are counted)."""
    if sentence.lang == "zh":
        return len(re.sub(r"\s", "", sentence.clean))
    return len(sentence.clean.split())


def select(
    doc: Document,
    scores: Mapping[int, float],
    *,
    n: int | None = 5,
    max_words: int | None = None,
    lang: str | None = None,
    by_section: bool | str = True,
    redundancy: float = 0.0,
    coverage: float = 0.0,
    duplicate_threshold: float = 0.6,
    exclude: Collection[int] = (),
    reserve: Collection[int] = (),
    first: Collection[int] = (),
    reserve_upto: int | None = None,
) -> list[int]:
    """Sentence ids to keep, in document order.

    1. Candidates: scored sentences in ``lang`` (all languages when None), headings excluded.
    2. Greedy by score (ties: earlier sentence first), less ``redundancy`` × the highest term
       overlap with what is already chosen (MMR); a candidate overlapping a chosen sentence by
       ``duplicate_threshold`` or more (Jaccard on content terms) is a near-duplicate and skipped.
    3. With ``by_section`` and a post cut into sections, each section's best sentence comes
       before any section's second (numbered sections such as "1. …" first, when there are any);
       ``by_section="numbered"`` does so only for a post's numbered sections (its own list of points).
    4. Stop at ``n`` sentences or when ``max_words`` (words; characters for Chinese) is used up.

    With ``coverage`` > 0 the greedy step also rewards the post's concepts (content words and
    adjacent content-word pairs that occur in two or more sentences) that a sentence adds to
    the summary, per share of the budget it takes: see :func:`_select_by_coverage`.
    Sentences in ``reserve`` (the scorer would rather not use them) are taken only when the
    others cannot fill ``n`` or ``max_words``, and with ``reserve_upto`` only while fewer than that many are
    chosen (precision first: one takeaway an editor keeps beats three of which two lean on the post); a word
    budget (``max_words``) asks for that much text, so there the reserve fills it as before;
    sentences in ``first`` (the post's own numbered points) before any other, best first.
    """
    if n is not None and n < 0:
        raise ValueError(f"n must be >= 0, not {n}")
    if is_long(doc):  # a million sentences, a few thousand scored (score/bounded.py): look up those only
        by_id = {i: doc.sentences[i] for i in scores if 0 <= i < len(doc.sentences)}
    else:
        by_id = {s.id: s for s in doc.sentences}
    candidates = [
        i for i in scores
        if i in by_id and i not in exclude and by_id[i].kind != "heading" and (lang is None or by_id[i].lang == lang)
    ]
    if not candidates or n == 0:
        return []
    terms = analyse(doc).terms
    shared: dict[tuple[str, ...], frozenset[str]] = {}  # one set per distinct terms: captions repeat their lines
    bags = {i: shared.get(terms[i]) or shared.setdefault(terms[i], frozenset(terms[i])) for i in candidates}
    lo, hi = min(scores[i] for i in candidates), max(scores[i] for i in candidates)
    span = (hi - lo) or 1.0
    norm = {i: (scores[i] - lo) / span for i in candidates}

    quota = _section_quota(doc, candidates, numbered_only=by_section == "numbered") if by_section else []
    # Candidates best first; each step looks only at the head of this list, because a sentence
    # more than ``redundancy`` below the best remaining one can never win (the MMR penalty is at
    # most ``redundancy``). The head is also capped, which keeps a post of 20,000 near-identical
    # sentences linear instead of quadratic.
    tier = {i: 1 if i in reserve else -1 if i in first else 0 for i in candidates}
    cap = reserve_upto if max_words is None else None  # a word budget asks for that much text: no cap
    order = sorted(candidates, key=lambda i: (tier[i], -norm[i], i))
    if max_words is not None:
        # A sentence longer than the whole budget is only a last resort: LCSTS's 18-character
        # headlines must not come back as 45-character sentences when a shorter one exists.
        fitting = [i for i in order if length_of(by_id[i]) <= max_words]
        order = fitting or order
    if coverage > 0:
        picked = _select_by_coverage(
            by_id, order, norm, tier, terms, bags, quota, n=n, max_words=max_words, redundancy=redundancy,
            coverage=coverage, duplicate_threshold=duplicate_threshold,
        )
        return sorted(_cap_reserve(picked, tier, cap))
    chosen: list[int] = []
    chosen_bags: set[frozenset[str]] = set()
    used = 0
    alive = dict.fromkeys(order)
    while alive and (n is None or len(chosen) < n):
        covered = {by_id[c].section for c in chosen}
        open_sections = {sec for sec in quota if sec not in covered}  # a set: membership is tested per candidate
        # The post's own numbered points (tier -1) are not held back by the one-per-section quota.
        pool_iter = (i for i in alive if not open_sections or tier[i] < 0 or by_id[i].section in open_sections)
        head: list[int] = []
        exact_copies: list[int] = []
        for i in pool_iter:
            if bags[i] in chosen_bags:
                exact_copies.append(i)  # the same terms as a chosen sentence: never worth a look again
                continue
            if head and (tier[i] != tier[head[0]] or norm[head[0]] - norm[i] > redundancy or len(head) >= _HEAD):
                break
            head.append(i)
        for i in exact_copies:
            del alive[i]
        if not head:
            quota = []  # every open section is exhausted: fill by score alone
            continue
        best = max(head, key=lambda i: (norm[i] - redundancy * _max_overlap(bags[i], chosen, bags), -i))
        del alive[best]
        if _max_overlap(bags[best], chosen, bags) >= duplicate_threshold:
            continue
        cost = length_of(by_id[best])
        if max_words is not None and chosen and used + cost > max_words:
            continue
        chosen.append(best)
        chosen_bags.add(bags[best])
        used += cost
        if max_words is not None and used >= max_words:
            break
    return sorted(_cap_reserve(chosen, tier, cap))


def takeaway_units(ids: Sequence[int], anchors: Mapping[int, int]) -> list[tuple[int, int | None]]:
    """The takeaways ``ids`` print, as (sentence, its chosen anchor or None): a chosen sentence that another chosen
    sentence leans on (``anchors``) is printed inside that one's takeaway, not as one of its own."""
    chosen = set(ids)
    inside = {anchors[i] for i in ids if anchors.get(i) in chosen}
    return [(i, anchors[i] if anchors.get(i) in chosen else None) for i in ids if i not in inside]


def drop_unsure(
    ids: Sequence[int],
    scores: Mapping[int, float],
    confidence: Mapping[int, float],
    *,
    min_confidence: float,
    anchors: Mapping[int, int] | None = None,
    keep: int = SURE_TAKEAWAYS,
    protected: Collection[int] = (),
) -> list[int]:
    """``ids`` without the takeaways that are not among the ``keep`` best-scored and whose ``confidence`` is under
    ``min_confidence``, in document order: precision first, a summary prints fewer takeaways rather than weak ones.

    A sentence chosen with the one it leans on (``anchors``) is one takeaway with it, judged by the leaning one's
    confidence; a sentence with no confidence, or ``protected`` (the post's own numbered points), is kept.
    """
    if min_confidence <= 0 or not confidence:
        return sorted(ids)
    units = takeaway_units(ids, anchors or {})
    units.sort(key=lambda u: (-max(scores.get(x, 0.0) for x in u if x is not None), u[0]))
    kept: list[int] = []
    for rank, (i, anchor) in enumerate(units):
        if rank < keep or i in protected or confidence.get(i, 1.0) >= min_confidence:
            kept.extend(x for x in (i, anchor) if x is not None)
    return sorted(kept)


def _cap_reserve(picked: list[int], tier: Mapping[int, int], upto: int | None) -> list[int]:
    """``picked`` (in the order chosen) with only as many reserve sentences as it takes to reach ``upto``.

    Counted over the whole pick, not as it goes: with a one-per-section quota a reserve sentence can be picked
    before other sections' better ones, and it must not stay when those reach ``upto`` by themselves."""
    if upto is None:
        return picked
    room = max(0, upto - sum(1 for i in picked if tier[i] <= 0))
    kept: list[int] = []
    for i in picked:
        if tier[i] > 0:
            if room == 0:
                continue
            room -= 1
        kept.append(i)
    return kept


def _select_by_coverage(
    by_id: Mapping[int, Sentence],
    order: list[int],
    norm: Mapping[int, float],
    tier: Mapping[int, int],
    terms: tuple[tuple[str, ...], ...],
    bags: Mapping[int, frozenset[str]],
    quota: list[int],
    *,
    n: int | None,
    max_words: int | None,
    redundancy: float,
    coverage: float,
    duplicate_threshold: float,
) -> list[int]:
    """Greedy budgeted concept coverage, after Gillick & Favre (2009) and Lin & Bilmes (2011).

    A sentence's value is its score plus ``coverage`` × the weight of the concepts it would add,
    as a share of all concept weight, per share of the budget it takes (its words of ``max_words``,
    or its median-length slots of ``n``). A concept's weight is the summed score of the sentences
    that carry it, so the scorer's judgement (position,
    filters, key phrases) decides which repeated words matter. Added weight can only shrink as
    the summary grows, so a value computed earlier is an upper bound: the heap re-scores only
    the sentence on top (lazy greedy, Minoux 1978), which keeps long posts near linear.
    """
    seen: dict[tuple[str, ...], frozenset[object]] = {}  # a repeated sentence shares its terms' tuple
    concepts = {i: seen.get(terms[i]) or seen.setdefault(terms[i], _concepts(terms[i])) for i in order}
    carriers: dict[object, list[float]] = {}
    for i in order:
        for c in concepts[i]:
            carriers.setdefault(c, []).append(norm[i])
    # math.fsum is exact, so no sum here depends on the order of a set's iteration (the hash seed).
    weight = {c: math.fsum(scores) for c, scores in carriers.items() if len(scores) >= 2}
    total = math.fsum(weight.values()) or 1.0
    cost = {i: max(length_of(by_id[i]), 1) for i in order}
    # The share of the budget a sentence takes: its length against max_words; or, for n sentences,
    # one of n slots of the post's median sentence length (a longer sentence takes more than one:
    # a run-on is not five takeaways' worth; a short remark is still a whole slot).
    if max_words is not None:
        scale = {i: max_words / cost[i] for i in order}
    else:
        slot = sorted(cost.values())[len(cost) // 2]
        scale = {i: (n or 5) / max(1.0, cost[i] / slot) for i in order}
    covered: set[object] = set()
    chosen: list[int] = []
    chosen_bags: set[frozenset[str]] = set()

    def value(i: int) -> float:
        # fsum is exact, so summing over the set difference (or the whole set, before anything is covered)
        # gives the same value in any order.
        fresh = concepts[i] - covered if covered else concepts[i]
        added = math.fsum(map(weight.get, fresh, repeat(0.0)))
        v = norm[i] + coverage * (added / total) * scale[i]
        if redundancy:
            v -= redundancy * _max_overlap(bags[i], chosen, bags)
        return v

    # The post's own points (tier -1) come first and reserve sentences (tier 1) after every other one,
    # whatever their value.
    heap = [(tier[i], -value(i), i) for i in order]
    heapq.heapify(heap)
    deferred: list[tuple[int, float, int]] = []
    used = 0
    # The quota's sections without a chosen sentence yet, kept up to date as sentences are chosen (recounting
    # them on every pop was quadratic in the sections of a long post).
    open_sections = set(quota)
    while n is None or len(chosen) < n:
        if deferred and (not open_sections or not heap):
            # Every section has its takeaway, or the open ones have no candidates left: fill by value.
            open_sections = set()
            for item in deferred:
                heapq.heappush(heap, item)
            deferred = []
            continue
        if not heap:
            break
        item = heapq.heappop(heap)
        i = item[2]
        if open_sections and tier[i] >= 0 and by_id[i].section not in open_sections:
            deferred.append(item)
            continue
        if bags[i] in chosen_bags or _max_overlap(bags[i], chosen, bags) >= duplicate_threshold:
            continue  # a near-duplicate now stays one: overlap with the summary only grows
        if max_words is not None and chosen and used + cost[i] > max_words:
            continue  # the budget only shrinks
        fresh = (tier[i], -value(i), i)
        if heap and fresh > heap[0]:
            heapq.heappush(heap, fresh)  # stale bound: someone else may be better now
            continue
        chosen.append(i)
        open_sections.discard(by_id[i].section)
        chosen_bags.add(bags[i])
        covered.update(concepts[i])
        used += cost[i]
        if max_words is not None and used >= max_words:
            break
    return chosen  # in the order chosen: the caller caps the reserve, then sorts


def _concepts(terms: tuple[str, ...]) -> frozenset[object]:
    """Content words and adjacent content-word pairs: the units whose coverage ROUGE-1/2 rewards."""
    return frozenset((*terms, *pairwise(terms)))


def _max_overlap(bag: frozenset[str], chosen: list[int], bags: Mapping[int, frozenset[str]]) -> float:
    best = 0.0
    for c in chosen:
        other = bags[c]
        union = len(bag | other)
        if union:
            best = max(best, len(bag & other) / union)
    return best


def numbered_sections(doc: Document) -> frozenset[int]:
    """The sections whose headings number them ("1. …", "2. …"), when there are two or more: a post's own list of
    its points."""
    numbered = frozenset(s.section for s in doc.sentences if s.kind == "heading" and _NUMBERED_HEADING_RE.match(s.text))
    return numbered if len(numbered) >= 2 else frozenset()


def _section_quota(doc: Document, candidates: list[int], numbered_only: bool = False) -> list[int]:
    """Sections that each deserve a takeaway: numbered ones if the post has two or more, else all (none with
    ``numbered_only``)."""
    with_candidates = {doc.sentences[i].section for i in candidates}
    if len(with_candidates) < 2:
        return []
    numbered = sorted(numbered_sections(doc) & with_candidates)
    if len(numbered) >= 2:
        return numbered
    return [] if numbered_only else sorted(with_candidates)
