"""Cards on a post's printed takeaways first, acronym cards, and the definition and consequence shapes that
ask about the post's key points (issue 13's coverage floors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize import load
from summarize.quiz import quiz
from summarize.quiz.acronym import acronym_cards, spells
from summarize.quiz.context import Context
from summarize.quiz.engine import key_sentences
from summarize.quiz.packs import load_packs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_key_sentences_put_takeaways_first() -> None:
    scores = {0: 0.9, 1: 0.8, 2: 0.1, 3: 0.05}
    assert key_sentences(scores, 20) == [0, 1, 2, 3]
    assert key_sentences(scores, 20, first={3}) == [3, 0, 1, 2]
    many = {i: 1.0 / (i + 1) for i in range(200)}
    assert 150 in key_sentences(many, 20, first={150})  # a takeaway is tried even below the top 60


def test_a_card_from_a_takeaway_ranks_higher() -> None:
    """The ranker adds TAKEAWAY_BONUS to a card whose source sentence the summary prints, nothing else changes."""
    from summarize.quiz.checks import TAKEAWAY_BONUS, finish
    from summarize.quiz.draft import Draft

    doc = load(b"---\ntitle: Portcullis\n---\n# Portcullis\n\nPortcullis replaces Routerd, Certd and Watchd.\n")
    ctx = Context.build(doc, load_packs(())["en"])
    i = next(s.id for s in doc.sentences if s.kind != "heading")
    ctx.sentence_scores = {i: 1.0}
    draft = Draft("what", "what-object", "What does Portcullis replace?", "Routerd, Certd and Watchd", (i,), 0.55)
    plain = finish(doc, ctx, [draft], "en", 20)
    ctx.takeaways = frozenset({i})
    printed = finish(doc, ctx, [draft], "en", 20)
    assert len(plain) == len(printed) == 1
    assert printed[0].score == pytest.approx(plain[0].score + TAKEAWAY_BONUS)


@pytest.mark.parametrize(("expansion", "acronym", "expected"), [
    ("Network Functions Virtualization", "NFV", True),
    ("HTTP Connection Manager", "HCM", True),
    ("X-Forwarded-For", "XFF", True),
    ("Network Service Mesh", "NSM", True),
    ("WebAssembly", "Wasm", False),  # one word: no initials to spell
    ("Certificate Authority", "CAA", False),
])
def test_spells(expansion: str, acronym: str, expected: bool) -> None:
    assert spells(expansion, acronym) is expected


def _acronyms(body: str, title: str = "Running Portcullis") -> dict[str, str]:
    doc = load(f"---\ntitle: {title}\n---\n# {title}\n\n{body}\n".encode())
    ctx = Context.build(doc, load_packs(())["en"])
    ranked = [s.id for s in doc.sentences if s.kind != "heading"]
    return {d.question: d.answer for d in acronym_cards(doc, ctx, "en", ranked)}


def test_acronym_card_needs_the_post_to_use_it() -> None:
    used = ("Network Functions Virtualization (NFV) moves network functions into software. "
            "NFV runs on commodity servers. Operators adopt NFV for speed.")
    assert _acronyms(used, title="Portcullis for NFV") == {"What does NFV stand for?": "Network Functions Virtualization"}
    assert _acronyms(used) == {}  # an acronym the title and headings never name is a term in passing
    once = "Network Functions Virtualization (NFV) moves network functions into software. It runs on servers."
    assert _acronyms(once) == {}  # spelled out once and never used: no shorthand to learn
    assert _acronyms(used, title="What Network Functions Virtualization (NFV) Means") == {}  # the title spells it out
    api = "Application Programming Interface (API) calls are logged. The API is versioned. Every API has an owner."
    assert _acronyms(api) == {}  # the field's everyday initials


def test_acronym_card_survives_the_checks() -> None:
    """"What does NFV stand for?" ends in a preposition on purpose; the checks must not drop it as unfinished."""
    body = ("Network Functions Virtualization (NFV) is the decoupling of network functions from hardware. "
            "NFV runs on commodity servers. Operators adopt NFV for speed. Portcullis supports NFV workloads.")
    cards = quiz(f"---\ntitle: Running Portcullis for NFV\n---\n# Running Portcullis for NFV\n\n{body}\n".encode())
    asked = {c.question: c.answer for c in cards}
    assert asked.get("What does NFV stand for?") == "Network Functions Virtualization."


@pytest.mark.parametrize(("sentence", "question", "answer"), [
    ("Splunk Cloud 是一项将内部基础架构迁移到云原生架构的计划。", "什么是 Splunk Cloud？", "一项将内部基础架构迁移到云原生架构的计划"),
    ("Envoy是以C++开发的高性能代理，用于调解服务网格中所有服务的入站和出站流量。", "什么是 Envoy？",
     "以C++开发的高性能代理，用于调解服务网格中所有服务的入站和出站流量"),
    ("一个PersistentVolumeClaim(PVC)是来自用户的存储请求。", "什么是 PersistentVolumeClaim？", "来自用户的存储请求"),
    ("特权容器定义为容器 uid 0 映射到主机 uid 0 的任何容器。", "什么是 特权容器？", "容器 uid 0 映射到主机 uid 0 的任何容器"),
    ("Gateway API 是以 Gateway 资源为中心的资源集合，服务网络的健壮性得益于众多供应商实现。", "什么是 Gateway API？",
     "以 Gateway 资源为中心的资源集合"),  # the clause after the comma is another point
])
def test_chinese_definitions(sentence: str, question: str, answer: str) -> None:
    body = f"{sentence}\n\n网格很流行。网格很小。"
    asked = {c.question: c.answer for c in quiz(f"---\ntitle: 网格介绍\n---\n# 网格介绍\n\n{body}\n".encode())}
    assert asked.get(question) == answer


def test_chinese_kind_definition_needs_a_kind_noun() -> None:
    """"X 是 … 的<kind>" only when the phrase ends in a kind of thing: "Envoy 是很受欢迎的" defines nothing."""
    body = "Envoy是社区里很多人都在讨论和使用的。\n\n网格很流行。网格很小。"
    asked = {c.question for c in quiz(f"---\ntitle: 网格介绍\n---\n# 网格介绍\n\n{body}\n".encode())}
    assert "什么是 Envoy？" not in asked


def test_specific_shapes_pass_the_about_the_post_gate() -> None:
    """A means ("How does X …?") or a placed object ("What does X provide between …?") asked of a side term is
    specific, and judges accepted such cards; "What is X used to do?" of a side name stays out (judged ambiguous), and
    so does a placed object of a plain name that is no term."""
    from summarize.quiz.engine import make_cards

    body = ("Portcullis routes traffic between clusters. Portcullis signs every request. Portcullis is small. "
            "Portcullis is fast. Portcullis is open source.\n\n"
            "KubeLink supports a multi-cluster architecture through the Bridge construct.\n\n"
            "Jmeter is used to generate the load for every benchmark run.\n\n"
            "Brown caught four passes for 80 yards in the final game.\n")
    doc = load(f"---\ntitle: Routing with Portcullis\n---\n# Routing with Portcullis\n\n{body}".encode())
    asked = {c.question for c in make_cards(doc, load_packs(())["en"], lang="en")}
    assert "How does KubeLink support a multi-cluster architecture?" in asked
    assert not any(q.startswith("What is Jmeter used") for q in asked)
    assert not any("Brown" in q for q in asked)  # a placed object of a plain name, no term: "What did Brown catch …?"


@pytest.mark.parametrize(("lang", "sentence", "question", "answer"), [
    ("en", "Portcullis is built around three roles: the provider, who owns classes; the operator, who owns gates; "
           "and the developer, who owns routes.", "Which three roles is Portcullis built around?",
     "the provider, who owns classes; the operator, who owns gates; and the developer, who owns routes"),
    ("en", "Envoy offers two ways to extract the client address: through the connection manager and the detection "
           "extension.", "Which two ways to extract the client address does Envoy offer?",
     "through the connection manager and the detection extension"),
    ("zh", "您可以定义两种类型的 Admission Webhook：Validating 和 Mutating。", "Admission Webhook 有哪两种类型？",
     "Validating 和 Mutating"),
    ("zh", "Portcullis 控制面包括三个组件：Routerd、Certd 和 Watchd。", "Portcullis 控制面包括哪三个组件？",
     "Routerd、Certd 和 Watchd"),
])
def test_listing_cards(lang: str, sentence: str, question: str, answer: str) -> None:
    from summarize.quiz.listing import listing_cards

    doc = load(f"---\ntitle: Portcullis\n---\n# Portcullis\n\n{sentence}\n".encode())
    ctx = Context.build(doc, load_packs(())[lang])
    ranked = [s.id for s in doc.sentences if s.kind != "heading"]
    assert {d.question: d.answer for d in listing_cards(doc, ctx, lang, ranked)} == {question: answer}


@pytest.mark.parametrize("sentence", [
    "It is built around three roles: the provider, the operator and the developer.",  # a pronoun subject
    "We offer two ways to run it: as a sidecar and as a node agent.",  # whose ways?
    "There are three roles: the provider, the operator and the developer.",  # nothing named
])
def test_listing_refusals(sentence: str) -> None:
    from summarize.quiz.listing import listing_cards

    doc = load(f"---\ntitle: Portcullis\n---\n# Portcullis\n\n{sentence}\n".encode())
    ctx = Context.build(doc, load_packs(())["en"])
    assert list(listing_cards(doc, ctx, "en", [s.id for s in doc.sentences])) == []


@pytest.mark.parametrize(("question", "expected"), [
    ("How does the istio-agent help each sidecar connect to the mesh?", True),  # a coined hyphenated name
    ("What does CNI provide between pods in a Cluster?", True),  # an acronym
    ("How does Kubernetes support a microservices architecture?", True),  # a pack entity
    ("What did Brown catch for 80 yards?", False),  # a plain name
    ("How does Kubelink support a multi-cluster architecture?", False),  # "multi-cluster" is two English words
])
def test_names_a_term(question: str, expected: bool) -> None:
    from summarize.quiz.predicate import names_a_term

    ctx = Context.build(load(b"Portcullis is small.\n"), load_packs(())["en"])
    assert names_a_term(question, ctx) is expected
