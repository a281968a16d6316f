"""The keypoint shapes (:mod:`summarize.quiz.keypoint`): the card each asks of a key sentence, the sentences each
must leave alone, and the invariants every such card keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize import load
from summarize.quiz import quiz
from summarize.quiz.context import Context
from summarize.quiz.keypoint import TEMPLATES, chinese_shapes, english_variants, first_predicate, frames, without_manner
from summarize.quiz.packs import load_packs
from summarize.quiz.predicate_en import english_card

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_FILLER_EN = "Portcullis is small. Portcullis is fast. Portcullis is open source. Portcullis runs on Istio."
_FILLER_ZH = "Portcullis 很小。Portcullis 很快。Portcullis 是开源的。"


def _context(title: str, lang: str, sentence: str = "") -> tuple[object, Context]:
    """A post with the sentence in it (its names count as the post's names) and filler about its product."""
    body = _FILLER_EN if lang == "en" else _FILLER_ZH
    doc = load(f"---\ntitle: {title}\n---\n# {title}\n\n{sentence}\n\n{body}\n".encode())
    return doc, Context.build(doc, load_packs(())[lang])


def _ask(sentence: str, lang: str, title: str = "Running Portcullis") -> tuple[str, str] | None:
    doc, ctx = _context(title, lang, sentence)
    if lang == "en":
        made = english_variants(sentence, 0, doc, ctx, lambda reading: english_card(reading, 0, doc, ctx))
    else:
        made = chinese_shapes(sentence, 0, ctx)
    return None if made is None else (made.question, made.answer)


@pytest.mark.parametrize(("sentence", "question", "answer"), [
    # a passive's agent, asked in the active voice; its means, asked with "how"
    ("The control plane of Portcullis is dominated by a single feature: serving routes.",
     "What dominates the control plane of Portcullis?", "A single feature: serving routes"),
    ("The two interfaces on the NSC and NSE pods are connected through a virtual wire.",
     "How are the two interfaces on the NSC and NSE pods connected?", "Through a virtual wire"),
    # an action noun after "by" is a means; a sentence's capital on a plain noun goes
    ("High-purity liquid O2 is obtained by the fractional distillation of liquefied air.",
     "How is High-purity liquid O2 obtained?", "By the fractional distillation of liquefied air"),
    ("Classes like IP and AM are defined using Interactive proof systems.", "How are classes like IP and AM defined?",
     "Using Interactive proof systems"),
    # a frame kept in the question, and a frame naming what a generic subject belongs to
    ("In Portcullis mode, the mesh functions are provided through routerd and a waypoint proxy, which run outside the pod.",
     "In Portcullis mode, how are the mesh functions provided?", "Through routerd and a waypoint proxy"),
    # what a named tool shows
    ("Portcullis status shows the health of the controller and every route.", "What does Portcullis status show?",
     "The health of the controller and every route"),
    ("In Portcullis 2.1, the Routerd proxy is replaced by a single binary called gated.",
     "In Portcullis 2.1, what replaces the Routerd proxy?", "A single binary called gated"),
    # the first of two joined predicates, when it asks about a place
    ("Kubeflare doctor runs a set of checks against the cluster and prints a report.",
     "What does Kubeflare doctor run against the cluster?", "a set of checks"),
    # a purpose makes a vague verb specific
    ("Routerd provides an infrastructure layer to facilitate the communication between services.",
     "What does Routerd provide to facilitate the communication between services?", "An infrastructure layer"),
    # a manner adverb the shapes do not expect is dropped
    ("The WebAssembly Hub fully automates the steps required for deploying Wasm extensions.",
     "What does the WebAssembly Hub automate?", "the steps required for deploying Wasm extensions"),
    # a plural definition of a common noun, asked with the post's product
    ("Waypoints are Envoy-based proxies deployed per namespace or service account.",
     "What are waypoints in Portcullis?", "Envoy-based proxies deployed per namespace or service account"),
])
def test_english_shapes(sentence: str, question: str, answer: str) -> None:
    assert _ask(sentence, "en") == (question, answer)


@pytest.mark.parametrize("sentence", [
    "For a fair comparison, CPU used by Istio was normalized by the throughput obtained for a given run.",  # participle subject
    "Istio team realized the problem and introduced gateway resource in the v1alpha3 routing API.",  # "What did … realize?"
    "Various Network Services can be implemented by 3-rd parties and introduced into the Kubernetes world.",  # generic subject
    "Envoy provides several methods to obtain the client address.",  # "several methods" answers nothing
    "In this case, the Routerd proxy is replaced by a single binary.",  # a frame that points elsewhere
    "The routes are cached by default.",  # "by default" is no agent
    "Routerd is replaced by Portcullis.",  # the answer is the post's own product: guessed, not learnt
    "In the United States, the game was televised by CBS.",  # a frame naming a place does not name "the game"
    # the post's own product and a vague verb: a purpose does not narrow it enough (judged trivial)
    "Portcullis provides an infrastructure layer to facilitate the communication between services.",
    "The Routerd turbine was described by Taqi al-Din in 1551 and by Giovanni Branca in 1629.",  # who said what, when
    "The Routerd rollout was approved by Dana Reyes.",  # a person's deed
    "Woodward Park was founded by the late Ralph Woodward, a long-time Fresno resident.",  # a person, after "the late"
])
def test_english_shapes_leave_alone(sentence: str) -> None:
    assert _ask(sentence, "en") is None


@pytest.mark.parametrize(("sentence", "question", "answer"), [
    ("特权容器中的进程可以获得不受限制的主机访问权限。", "特权容器中的进程可以获得什么？", "不受限制的主机访问权限"),
    ("Sidecar 注入会将额外容器的配置添加到 Pod 模板中。", "Sidecar 注入会将什么添加到 Pod 模板中？", "额外容器的配置"),
    ("简单来说，Sidecar 注入会将额外容器的配置添加到 Pod 模板中。", "Sidecar 注入会将什么添加到 Pod 模板中？", "额外容器的配置"),
    ("在Istio服务网格中，错误的端口命名导致了协议识别失败。",
     "在Istio服务网格中，错误的端口命名导致了什么？", "协议识别失败"),
    ("在 ambient 模式下，服务网格的能力是通过 ztunnel 和 waypoint proxy 提供的。",
     "在 ambient 模式下，服务网格的能力是通过什么提供的？", "ztunnel 和 waypoint proxy"),
    ("默认情况下，单个 Kubernetes 集群中的所有应用程序都可以访问集群中的所有内容。",
     "默认情况下，单个 Kubernetes 集群中的所有应用程序都可以访问什么？", "集群中的所有内容"),
    # a verb of checking takes its 是否 clause whole; "会" of a named component says what it does
    ("Routerd 会检查路由中引用的集群是否都存在。", "Routerd 会检查什么？", "路由中引用的集群是否都存在"),
    # the object is a clause ("审核什么？" would cut it): what one kind of a thing can do is asked instead
    ("Mutating 类型的 Webhook 可以根据自定义配置来对请求进行编辑。", "Mutating 类型的 Webhook 可以做什么？",
     "根据自定义配置来对请求进行编辑"),
])
def test_chinese_shapes(sentence: str, question: str, answer: str) -> None:
    assert _ask(sentence, "zh", title="Portcullis 介绍") == (question, answer)


@pytest.mark.parametrize("sentence", [
    "怀疑是 Istio 环境中网络不稳定导致了服务重启。",  # a guess, not a cause the post states
    "用户可以使用 Portcullis 管理路由。",  # "用户": whoever
    "容器可以在运行时修改内核参数。",  # "可以做什么" of a subject that names nothing
    "TLS 证书由 Portcullis 自动生成。",  # the answer is the post's own product
    "这个组件会将配置下发到 Envoy。",  # a demonstrative subject
    "Quake Lake 原本是指美国蒙大拿州于1959年严重地震所造成的一个湖。",  # the cause sits in a relative clause
    "特权容器中的进程会获得不受限制的主机访问权限。",  # "会" of a plain noun phrase: a habit or a guess
    "Routerd 可以获得路由是否都存在。",  # 是否 after a verb that checks nothing: a clause, not an object
    # judged on the benchmark: a product "can do" many things (ambiguous), an effect that only weighs restates the
    # post's premise (trivial), what a project "has been adopting" has many answers (ambiguous)
    "Kyverno 可以轻松审核工作负载是否符合最佳实践并实施策略。",
    "在Istio服务网格中，伴随应用部署的Envoy sidecar导致了较大的内存占用。",
    "Istio 一直在采用 Kubernetes 服务 API。",
])
def test_chinese_shapes_leave_alone(sentence: str) -> None:
    assert _ask(sentence, "zh", title="Portcullis 介绍") is None


def test_frames_and_first_predicate() -> None:
    assert frames("In Istio 1.5, the agent starts first.", "en", lambda frame: True)[1] == ("In Istio 1.5", "The agent starts first.")
    assert frames("In this release, the agent starts first.", "en", lambda frame: True) == [("", "In this release, the agent starts first.")]
    assert first_predicate("Ambient mode moves the L4 work into a ztunnel and keeps L7 in waypoints.") == \
        "Ambient mode moves the L4 work into a ztunnel."
    assert first_predicate("Routerd and Certd run on every node.") is None  # no second predicate
    # the first "and" joins two nouns; the one that starts a second predicate is further on
    assert first_predicate("API Gateway offloads the discovery and routing features to the sidecar and focuses on APIs.") == \
        "API Gateway offloads the discovery and routing features to the sidecar."
    assert without_manner("Routerd fully automates the rollout.") == "Routerd automates the rollout."
    assert without_manner("Routerd only supports HTTP.") is None  # "only" changes what is said
    assert without_manner("Routerd quickly and safely automates the rollout.") is None
    assert first_predicate("Routerd moves routes into the cache and is restarted.") is None  # "is": another subject's passive


def test_a_takeaway_is_asked_by_a_keypoint_card() -> None:
    """End to end: a post whose printed takeaway only a keypoint shape can ask gets that card, checked and kept."""
    body = ("Waypoints are Envoy-based proxies deployed per namespace or service account.\n\n"
            "Istio runs a ztunnel on every node. Istio keeps the data plane small. Istio is an open source mesh.\n")
    cards = quiz(f"---\ntitle: Istio waypoints\n---\n# Istio waypoints\n\n{body}".encode())
    asked = {c.question: c for c in cards}
    card = asked.get("What are waypoints in Istio?")
    assert card is not None and card.answer == "Envoy-based proxies deployed per namespace or service account."


@pytest.mark.parametrize("path", sorted(p for p in (FIXTURES / "posts").iterdir() if p.suffix in (".md", ".txt")) +
                         sorted(p for p in (FIXTURES / "sites").iterdir() if p.suffix in (".md",)))
def test_every_keypoint_card_is_grounded_and_asks(path: Path) -> None:
    """Invariant on every fixture: a keypoint card's answer is text of its own sentence, the question ends in a
    question mark and does not contain the answer."""
    from summarize.quiz.draft import normalise

    doc = load(str(path))
    for card in quiz(doc):
        if card.template not in TEMPLATES:
            continue
        source = normalise(" ".join(doc.sentences[i].text for i in card.sentence_ids))
        assert normalise(card.answer) in source
        assert card.question.endswith(("?", "？"))
        assert normalise(card.answer) not in normalise(card.question)
