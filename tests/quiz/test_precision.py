"""Precision checks and the card floor (summarize.quiz.precision): each rule on cards shaped like the ones blind judges
rejected, the cards beside them that must stay, and the floor as an invariant."""

from __future__ import annotations

from pathlib import Path

import pytest

from hypothesis import given
from hypothesis import strategies as st

from summarize.model import Card
from summarize.quiz import quiz
from summarize.quiz.checks import _dedupe_and_cap
from summarize.quiz.draft import Draft
from summarize.quiz.precision import CARD_FLOOR, SURE_CARDS, precision_fault, unnamed_generic_subject

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _fault(kind: str, question: str, answer: str, lang: str = "en", template: str = "test",
           proper: frozenset[str] = frozenset({"GitLab", "Istio", "Karpenter"})) -> str | None:
    draft = Draft(kind, template, question, answer, (0,), 0.8)
    return precision_fault(draft, question, answer, lang, set(proper))


def _card(n: int, question: str, answer: str, score: float, lang: str = "en") -> Card:
    return Card(id=f"c{n}", type="how-many" if lang == "zh" else "why", question=question, answer=answer,
                sentence_ids=(n,), source_text="", line=n, template="test", lang=lang, source="post.md", score=score)


@pytest.mark.parametrize(("kind", "question", "answer", "lang", "fault"), [
    # a reason asked of a generic subject that names nothing (judged ambiguous)
    ("why", "Why is every node replaced at least monthly with the latest machine image?", "We set expireAfter to 30 days.",
     "en", "reason-names-nothing"),
    ("why", "Why can a module make outbound HTTP calls to allowed hosts and nothing else?",
     "Customer code runs with only the capabilities we grant.", "en", "reason-names-nothing"),
    ("why", "Why can a GitLab runner be perfectly healthy while jobs sit in a queue?", "A quota limit.", "en", None),
    ("why", "Why did Istio pick Envoy over Nginx?", "Envoy was lightweight.", "en", None),
    ("what", "How does the istio-agent help each sidecar connect to the mesh?", "By passing secrets.", "en", None),
    ("how-many", "How many nodes does a Karpenter pool hold?", "About 40.", "en", None),
    # a one-word reason (judged ambiguous: "Afternoon.")
    ("why", "Why does Istio Shadow mode exist?", "Afternoon.", "en", "one-word-reason"),
    ("why", "Why does Istio Shadow mode exist?", "To test limits without blocking.", "en", None),
    # an answer that opens on a conjunction is half a predicate (judged wrong-answer)
    ("what", "What does Karpenter's consolidation replace?", "Or removes nodes when pods fit elsewhere.", "en",
     "conjunction-answer"),
    ("what", "What does Karpenter replace?", "Cluster Autoscaler and its node groups.", "en", None),
    # an answer ending on an auxiliary for a verb it never says (judged wrong-answer)
    ("why", "Why is Istio GraphQL support exciting?", "The possibilities that it does.", "en", "elliptical-answer"),
    ("why", "Why is gRPC exciting?", "The efficiency that it brings in for internal APIs.", "en", None),
    # a bare yes or no replies to the host (judged ambiguous)
    ("interview", "多集群的话，三个集群是一起做吗？", "不是，一个集群一个集群来。", "zh", "zh-yes-no-reply"),
    ("interview", "Istio 为什么要分阶段轮换根证书？", "不停机是第一位的，所以先下发新根。", "zh", None),
    # cloze deletions that are not terms, or sentences about someone outside the card
    ("cloze", "Once a {{c1::VM-hosted}} service had a mesh identity, moving it became a routing change.", "VM-hosted",
     "en", "modifier-deleted"),
    ("cloze", "Between 08:12 and 08:59 {{c1::UTC}}, new pods could not start.", "UTC", "en", "time-zone-deleted"),
    ("cloze", "Add outlier detection to the {{c1::DestinationRule}} of every zonal service.", "DestinationRule", "en", None),
])
def test_precision_rule(kind: str, question: str, answer: str, lang: str, fault: str | None) -> None:
    assert _fault(kind, question, answer, lang) == fault


def test_an_apposition_that_lists_items_defines_nothing() -> None:
    """"… into a StatefulSet, a couple of Secrets, backups, and a DNS record" lists what an operator makes."""
    listed = ("what", "What is StatefulSet?", "A couple of Secrets, backups, and a DNS record.")
    assert _fault(*listed, template="what-is-apposition") == "list-not-apposition"
    assert _fault("what", "What is Envoy?", "A high-performance proxy written in C++.", template="what-is-apposition") is None


@pytest.mark.parametrize(("body", "unnamed"), [
    ("a few well-written rules cheaper than many sloppy ones", True),
    ("an upgrade across two versions two upgrades", True),
    ("a module make outbound HTTP calls", True),  # the tagger reads "make" as a noun: the subject ends at "module"
    ("a GitLab runner be perfectly healthy", False),
    ("an Istio upgrade slow", False),
    ("the sidecar injected", False),  # not generic: the other checks decide
])
def test_unnamed_generic_subject(body: str, unnamed: bool) -> None:
    assert unnamed_generic_subject(body, {"GitLab", "Istio"}) is unnamed


@given(st.lists(st.floats(0.0, 1.0), max_size=30))
def test_the_floor_keeps_the_best_five_and_no_weak_card_past_them(scores: list[float]) -> None:
    """Whatever the scores: the best five cards always print, and past them only cards at or over the floor."""
    cards = [_card(n, f"Why does Gate{n} route Table{n} traffic{n}?", f"Because of reason {n}.", s)
             for n, s in enumerate(scores)]
    kept = {c.id for c in _dedupe_and_cap(cards, 20)}
    ranked = sorted(cards, key=lambda c: (-c.score, c.line, c.id))[:20]
    assert {c.id for c in ranked[:SURE_CARDS]} <= kept
    assert all(c.score >= CARD_FLOOR for c in ranked[SURE_CARDS:] if c.id in kept)
    assert {c.id for c in ranked if c.score >= CARD_FLOOR} <= kept


def test_a_chinese_choice_names_only_the_chooser_its_sentence_gives() -> None:
    """"选择 gVisor 而不是 Kata 的主要原因是…" in a platform team's ADR says nothing of Kubernetes choosing: no card
    credits the post's topic with the choice (judged ungrounded)."""
    cards = quiz(FIXTURES / "unseen9" / "zh-adr-container-runtime.md")
    assert not [c for c in cards if c.type == "choice" and "选择了" in c.question]


def test_one_fact_asked_twice_prints_once() -> None:
    """Two questions of one type with the same answer and mostly the same words ask one fact: the better one stays;
    the same answer to a different question stays too."""
    cards = [_card(1, "Istio 默认会对每一跳做最多多少次重试？", "2 次", 0.7, "zh"),
             _card(2, "Istio 的默认重试策略是最多重试多少次？", "2 次", 0.5, "zh"),
             _card(3, "Envoy 每个集群默认保留多少个空闲连接？", "2 次", 0.4, "zh")]
    assert [c.id for c in _dedupe_and_cap(cards, 20)] == ["c1", "c3"]
