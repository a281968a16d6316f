"""Selection: an ordered, deterministic subset, without near-duplicates, one per section first."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.model import Block, Document
from summarize.segment import segment
from summarize.score.analysis import analyse
from summarize.select import _concepts, _max_overlap, length_of, select

WORDS = "istio envoy proxy mesh control plane data traffic routing lyft nginx kubernetes cluster policy".split()


def doc_of(paragraphs: list[str], headings: list[str] | None = None) -> Document:
    blocks = []
    line = 1
    for i, text in enumerate(paragraphs):
        if headings:
            blocks.append(Block("heading", headings[i], line, line, level=2, section=i + 1))
            line += 2
        blocks.append(Block("paragraph", text, line, line, section=i + 1 if headings else 0))
        line += 2
    return segment(Document("<t>", "markdown", tuple(blocks)))


sentence_st = st.lists(st.sampled_from(WORDS), min_size=3, max_size=10).map(lambda ws: " ".join(ws).capitalize() + ".")


@given(st.lists(sentence_st, min_size=1, max_size=12), st.integers(0, 15), st.randoms(use_true_random=False),
       st.sampled_from([0.0, 2.0]))
@settings(max_examples=80, deadline=None)
def test_selection_is_an_ordered_deterministic_subset(sentences, n, rnd, coverage) -> None:
    """At most n ids, all real, in document order, and the same on every call."""
    doc = doc_of([" ".join(sentences)])
    scores = {s.id: rnd.random() for s in doc.sentences}
    chosen = select(doc, scores, n=n, coverage=coverage)
    assert chosen == sorted(set(chosen)) and len(chosen) <= n
    assert set(chosen) <= set(scores)
    assert chosen == select(doc, dict(reversed(list(scores.items()))), n=n, coverage=coverage)


@given(st.lists(sentence_st, min_size=1, max_size=12), st.integers(1, 60), st.sampled_from([0.0, 2.0]))
@settings(max_examples=60, deadline=None)
def test_budget_is_respected(sentences, budget, coverage) -> None:
    """The chosen sentences fit in max_words, unless a single first sentence is longer than the budget."""
    doc = doc_of([" ".join(sentences)])
    scores = {s.id: float(len(doc.sentences) - s.id) for s in doc.sentences}
    chosen = select(doc, scores, n=None, max_words=budget, coverage=coverage)
    total = sum(length_of(doc.sentences[i]) for i in chosen)
    assert total <= budget or len(chosen) == 1


def test_near_duplicates_are_skipped() -> None:
    """A sentence that repeats a chosen one is skipped, even with the higher score."""
    doc = doc_of(["Istio picked Envoy as its data plane proxy. Istio picked Envoy as the data plane proxy! Lyft built Envoy in C++ for speed."])
    chosen = select(doc, {0: 1.0, 1: 0.99, 2: 0.5}, n=2)
    assert chosen == [0, 2]


def test_one_per_section_before_seconds() -> None:
    """Every section gets its best sentence before any section gets a second."""
    doc = doc_of(
        ["Envoy is a fast proxy from Lyft. Envoy handles traffic routing well.", "Kubernetes runs the cluster policy."],
        headings=["1. Proxy", "2. Cluster"],
    )
    ids = {s.text: s.id for s in doc.sentences}
    first, second, other = ids["Envoy is a fast proxy from Lyft."], ids["Envoy handles traffic routing well."], ids["Kubernetes runs the cluster policy."]
    scores = {first: 1.0, second: 0.9, other: 0.1}
    assert select(doc, scores, n=2) == [first, other]
    assert select(doc, scores, n=2, by_section=False) == [first, second]


def test_language_filter() -> None:
    """Only sentences in the requested language are chosen."""
    doc = doc_of(["Istio 是一个开源的服务网格项目。Istio is an open source service mesh project."])
    scores = {s.id: 1.0 for s in doc.sentences}
    assert [doc.sentences[i].lang for i in select(doc, scores, lang="en")] == ["en"]
    assert [doc.sentences[i].lang for i in select(doc, scores, lang="zh")] == ["zh"]


def _plain_greedy(doc, scores, n, coverage, redundancy):
    """Coverage selection the slow, obvious way: re-score every sentence at every step."""
    terms = analyse(doc).terms
    ids = sorted(scores)
    lo, hi = min(scores.values()), max(scores.values())
    norm = {i: (scores[i] - lo) / ((hi - lo) or 1.0) for i in ids}
    concepts = {i: _concepts(terms[i]) for i in ids}
    bags = {i: frozenset(terms[i]) for i in ids}
    carriers: dict[object, list[int]] = {}
    for i in sorted(ids, key=lambda i: (-norm[i], i)):
        for c in concepts[i]:
            carriers.setdefault(c, []).append(i)
    weight = {c: math.fsum(norm[i] for i in carriers[c]) for c in carriers if len(carriers[c]) >= 2}
    total = math.fsum(weight.values()) or 1.0
    cost = {i: max(length_of(doc.sentences[i]), 1) for i in ids}
    slot = sorted(cost.values())[len(cost) // 2]
    chosen: list[int] = []
    covered: set[object] = set()
    left = set(ids)
    while left and len(chosen) < n:
        def value(i):
            added = math.fsum(weight.get(c, 0.0) for c in concepts[i] if c not in covered)
            return norm[i] + coverage * (added / total) * n / max(1.0, cost[i] / slot) - redundancy * _max_overlap(bags[i], chosen, bags)
        best = max(left, key=lambda i: (value(i), -i))
        left.discard(best)
        if bags[best] in {bags[c] for c in chosen} or _max_overlap(bags[best], chosen, bags) >= 0.6:
            continue
        chosen.append(best)
        covered |= concepts[best]
    return sorted(chosen)


@given(st.lists(sentence_st, min_size=1, max_size=14), st.integers(1, 6), st.randoms(use_true_random=False),
       st.sampled_from([0.5, 2.0, 8.0]), st.sampled_from([0.0, 0.3]))
@settings(max_examples=80, deadline=None)
def test_lazy_coverage_greedy_matches_the_plain_greedy(sentences, n, rnd, coverage, redundancy) -> None:
    """Re-scoring only the heap's top is exact because a sentence's value never grows as the summary does."""
    doc = doc_of([" ".join(sentences)])
    scores = {s.id: rnd.random() for s in doc.sentences}
    lazy = select(doc, scores, n=n, by_section=False, coverage=coverage, redundancy=redundancy)
    assert lazy == _plain_greedy(doc, scores, n, coverage, redundancy)


def test_coverage_prefers_new_information_over_a_reworded_point() -> None:
    """The second takeaway says something new, even if a restatement of the first scores higher."""
    doc = doc_of([
        "Istio moved its control plane into one binary called istiod. "
        "Istio merged Pilot, Citadel and Galley into istiod, a single control plane. "
        "Ambient mode removes the sidecar proxy from every pod. "
        "Ambient mode runs a ztunnel proxy per node instead of a sidecar proxy per pod. "
        "Istiod is now a single control plane binary."
    ])
    scores = {0: 1.0, 1: 0.95, 2: 0.8, 3: 0.3, 4: 0.2}
    assert select(doc, scores, n=2, coverage=0.0) == [0, 1]
    assert select(doc, scores, n=2, coverage=2.0) == [0, 2]


def test_reserve_is_used_only_when_the_others_cannot_fill_the_summary() -> None:
    """Reserved sentences come after every other one, but still fill what the others cannot."""
    doc = doc_of([" ".join(f"Istio routes traffic {w} through the Envoy proxy mesh." for w in
                           "alpha beta gamma delta epsilon zeta eta theta".split())])
    scores = {s.id: float(len(doc.sentences) - s.id) for s in doc.sentences}
    reserve = {0, 1, 2}
    for coverage in (0.0, 2.0):
        assert not set(select(doc, scores, n=5, reserve=reserve, coverage=coverage, duplicate_threshold=1.1)) & reserve
        assert len(select(doc, scores, n=8, reserve=reserve, coverage=coverage, duplicate_threshold=1.1)) == 8


def test_reserve_fills_only_up_to_reserve_upto() -> None:
    """With ``reserve_upto`` a short post gets fewer sentences rather than reserve ones past that many."""
    doc = doc_of([" ".join(f"Istio routes traffic {w} through the Envoy proxy mesh." for w in
                           "alpha beta gamma delta epsilon zeta eta theta".split())])
    scores = {s.id: float(len(doc.sentences) - s.id) for s in doc.sentences}
    for coverage in (0.0, 2.0):
        few = set(range(2, 8))  # only 0 and 1 may be used freely
        assert select(doc, scores, n=5, reserve=few, reserve_upto=3, coverage=coverage, duplicate_threshold=1.1) == [0, 1, 2]
        enough = {6, 7}
        picked = select(doc, scores, n=5, reserve=enough, reserve_upto=3, coverage=coverage, duplicate_threshold=1.1)
        assert len(picked) == 5 and not set(picked) & enough


def test_reserve_upto_counts_the_whole_pick_under_the_section_quota() -> None:
    """The one-per-section quota can pick a reserve sentence of an open section early; once the others reach
    ``reserve_upto`` by themselves it is dropped, whatever the order it was picked in."""
    doc = doc_of(
        ["Istio routes traffic alpha through Envoy. Istio routes traffic beta through the mesh. "
         "Istio routes traffic gamma through proxies.",
         "Kubernetes schedules delta pods on nodes."],
        headings=["Routing", "Scheduling"],
    )
    scores = {s.id: 1.0 - s.id / 10 for s in doc.sentences if s.kind != "heading"}
    reserved = {max(scores)}  # the only sentence of the second section
    for coverage in (0.0, 2.0):
        picked = select(doc, scores, n=5, reserve=reserved, reserve_upto=3, coverage=coverage, duplicate_threshold=1.1)
        assert len(picked) == 3 and not set(picked) & reserved
        # Without the cap the reserve sentence is taken (it fills what the others cannot).
        assert set(select(doc, scores, n=5, reserve=reserved, coverage=coverage, duplicate_threshold=1.1)) & reserved


def test_first_sentences_come_before_better_scored_ones_and_reserve_still_wins() -> None:
    """The post's own numbered points are taken first, best first; one that is also reserved stays a reserve."""
    doc = doc_of([" ".join(f"Istio routes traffic {w} through the Envoy proxy mesh." for w in
                           "alpha beta gamma delta epsilon zeta eta theta".split())])
    scores = {s.id: float(len(doc.sentences) - s.id) for s in doc.sentences}
    for coverage in (0.0, 2.0):
        assert select(doc, scores, n=3, first={5, 6, 7}, coverage=coverage, duplicate_threshold=1.1) == [5, 6, 7]
        assert select(doc, scores, n=2, first={5, 6, 7}, coverage=coverage, duplicate_threshold=1.1) == [5, 6]
        assert select(doc, scores, n=3, first={5, 6, 7}, reserve={7}, coverage=coverage, duplicate_threshold=1.1) == [0, 5, 6]


def test_coverage_selection_does_not_depend_on_the_hash_seed() -> None:
    """Sums over concept sets are exact (math.fsum), so a tie is broken the same way under every hash seed."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from test_select import doc_of; from summarize.select import select; "
        "doc = doc_of(['Routing mesh proxy istio plane kubernetes mesh istio. Lyft envoy routing data envoy proxy plane "
        "nginx cluster. Routing routing routing mesh control data envoy policy data plane. Kubernetes cluster proxy istio "
        "data policy cluster. Data kubernetes mesh control control policy istio. Routing control policy mesh plane. Lyft "
        "data routing traffic proxy cluster plane lyft policy nginx. Cluster plane traffic cluster traffic traffic "
        "kubernetes. Mesh mesh traffic nginx lyft kubernetes cluster. Mesh mesh traffic proxy.']); "
        "scores = {0: 0.3, 1: 0.7, 2: 0.7, 3: 0.2, 4: 0.7, 5: 0.3, 6: 0.3, 7: 0.7, 8: 0.7, 9: 0.3}; "
        "print(select(doc, scores, n=2, by_section=False, coverage=2.0, redundancy=0.3))"
    )
    here = str(Path(__file__).resolve().parent)
    outputs = {
        subprocess.run([sys.executable, "-c", code, here], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(Path(here).parents[0])}).stdout
        for seed in range(1, 7)
    }
    assert len(outputs) == 1, outputs


def test_a_word_budget_is_filled_even_from_the_reserve() -> None:
    """``reserve_upto`` caps a count of takeaways; a word budget asks for that much text and gets it."""
    doc = doc_of([" ".join(f"Istio routes traffic {w} through the Envoy proxy mesh." for w in
                           "alpha beta gamma delta epsilon zeta eta theta".split())])
    scores = {s.id: float(len(doc.sentences) - s.id) for s in doc.sentences}
    few = set(range(2, 8))
    for coverage in (0.0, 2.0):
        picked = select(doc, scores, n=None, max_words=40, reserve=few, reserve_upto=3, coverage=coverage,
                        duplicate_threshold=1.1)
        assert len(picked) == 4 and set(picked) & few  # 4 × 9 words: past the cap of 3, within the budget


def test_drop_unsure_keeps_the_best_two_the_sure_and_the_posts_own_points() -> None:
    """Past the best two by score, a takeaway under the bound goes; a pair goes or stays whole, by the confidence
    of the sentence that leans; protected ids and ids with no confidence stay; 0 keeps everything."""
    from summarize.select import drop_unsure

    scores = {1: 0.9, 3: 0.8, 5: 0.7, 7: 0.6, 8: 0.5, 9: 0.4}
    confidence = {1: 0.1, 3: 0.1, 5: 0.9, 7: 0.2, 8: 0.2, 9: 0.2}
    ids = [9, 1, 3, 5, 7, 8]
    assert drop_unsure(ids, scores, confidence, min_confidence=0.45) == [1, 3, 5]
    assert drop_unsure(ids, scores, confidence, min_confidence=0.0) == sorted(ids)
    assert drop_unsure(ids, scores, confidence, min_confidence=0.45, protected={9}) == [1, 3, 5, 9]
    # 8 leans on 7 and both were chosen: one takeaway, judged by 8; with 8 sure, both stay.
    assert drop_unsure(ids, scores, {**confidence, 8: 0.9}, min_confidence=0.45, anchors={8: 7}) == [1, 3, 5, 7, 8]
    assert drop_unsure(ids, scores, confidence, min_confidence=0.45, anchors={8: 7}) == [1, 3, 5]
    assert drop_unsure(ids, scores, {}, min_confidence=0.45) == sorted(ids)


def test_a_summary_prints_one_unsure_takeaway_at_most() -> None:
    """Only the best-scored takeaway is printed however unsure, from captions as from a post (``sure_takeaways``);
    every other one the summary keeps is one the keep model is sure of."""
    import summarize
    from summarize.score.keep import MIN_KEEP_PROBABILITY
    from summarize.score.takeaways import _kept_scoring, sure_takeaways

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "posts"
    caption = summarize.load(fixtures / "platform-slo.vtt")
    assert sure_takeaways(caption) == 1
    assert sure_takeaways(summarize.load(fixtures / "kafka-seven-lessons.md")) == 1
    ranks, confidence = _kept_scoring(caption)
    everything = summarize.summarize(caption, n=5, min_confidence=0)
    # The default bound, and one the file's own lines straddle (so that the gate must drop something whatever the
    # keep model's calibration): past the best-scored line, only lines at or above the bound are printed.
    sure = sorted(confidence[t.sentence_ids[-1]] for t in everything.takeaways)
    straddled = (sure[-1] + sure[-2]) / 2
    for bound in (MIN_KEEP_PROBABILITY, straddled):
        gated = summarize.summarize(caption, n=5, min_confidence=bound)
        by_score = sorted(gated.takeaways, key=lambda t: -max(ranks.get(i, 0.0) for i in t.sentence_ids))
        assert all(confidence[t.sentence_ids[-1]] >= bound for t in by_score[1:])
    assert len(gated.takeaways) < len(everything.takeaways)


_SECTION_WORDS = [w.split() for w in ("istio envoy proxy mesh sidecar", "kubernetes cluster node pod scheduler",
                                      "policy rbac token audit secret", "latency budget error slo alert",
                                      "wasm filter plugin module runtime", "gateway route listener tls cert")]


@given(st.integers(2, 6), st.randoms(use_true_random=False), st.sampled_from([0.5, 2.0]))
@settings(max_examples=60, deadline=None)
def test_coverage_gives_every_section_one_before_any_a_second(sections, rnd, coverage) -> None:
    """The one-per-section quota under coverage selection (its open sections are kept as it goes, not recounted):
    sections with words of their own, two unlike sentences each, as many takeaways as sections: one from each."""
    paragraphs = [" ".join(w[:3]).capitalize() + ". " + " ".join(w[2:]).capitalize() + "." for w in _SECTION_WORDS[:sections]]
    doc = doc_of(paragraphs, headings=[f"Part {k}" for k in range(sections)])
    scores = {s.id: rnd.random() for s in doc.sentences if s.kind != "heading"}
    chosen = select(doc, scores, n=sections, coverage=coverage)
    assert sorted(doc.sentences[i].section for i in chosen) == list(range(1, sections + 1))
    assert len(select(doc, scores, n=2 * sections, coverage=coverage)) == 2 * sections  # the seconds are choosable
