"""Selection: an ordered, deterministic subset, without near-duplicates, one per section first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.model import Block, Document
from summarize.segment import segment
from summarize.select import length_of, select

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


@given(st.lists(sentence_st, min_size=1, max_size=12), st.integers(0, 15), st.randoms(use_true_random=False))
@settings(max_examples=80, deadline=None)
def test_selection_is_an_ordered_deterministic_subset(sentences, n, rnd) -> None:
    """At most n ids, all real, in document order, and the same on every call."""
    doc = doc_of([" ".join(sentences)])
    scores = {s.id: rnd.random() for s in doc.sentences}
    chosen = select(doc, scores, n=n)
    assert chosen == sorted(set(chosen)) and len(chosen) <= n
    assert set(chosen) <= set(scores)
    assert chosen == select(doc, dict(reversed(list(scores.items()))), n=n)


@given(st.lists(sentence_st, min_size=1, max_size=12), st.integers(1, 60))
@settings(max_examples=60, deadline=None)
def test_budget_is_respected(sentences, budget) -> None:
    """The chosen sentences fit in max_words, unless a single first sentence is longer than the budget."""
    doc = doc_of([" ".join(sentences)])
    scores = {s.id: float(len(doc.sentences) - s.id) for s in doc.sentences}
    chosen = select(doc, scores, n=None, max_words=budget)
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
