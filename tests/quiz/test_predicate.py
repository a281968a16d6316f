"""Predicate cards (:mod:`summarize.quiz.predicate`): each shape made from sentences written for these tests,
and the sentences that must make no card (pronoun or demonstrative subjects, people, presupposing words,
answers that point elsewhere, garbled splits)."""

from __future__ import annotations

import pytest

from summarize import load
from summarize.quiz.checks import finish
from summarize.quiz.context import Context
from summarize.quiz.engine import key_sentences, make_cards
from summarize.quiz.packs import load_packs
from summarize.quiz.predicate import predicate_cards


def _drafts(body: str, lang: str, title: str = "Routing with Portcullis") -> dict[str, str]:
    """Every predicate draft of a post made of ``body`` (each sentence a key sentence), question → answer."""
    doc = load(f"---\ntitle: {title}\n---\n# {title}\n\n{body}\n".encode())
    ctx = Context.build(doc, load_packs(())[lang])
    ctx.sentence_scores = {s.id: 1.0 for s in doc.sentences if s.kind != "heading"}
    drafts = list(predicate_cards(doc, ctx, lang, sorted(ctx.sentence_scores)))
    return {d.question: d.answer for d in drafts}


EN_MADE = [
    ("A separate component, the portcullis-agent, helps each sidecar connect to the mesh by passing secrets to the proxies.",
     "How does the portcullis-agent help each sidecar connect to the mesh?", "By passing secrets to the proxies"),
    ("There is a Kube-proxy which is responsible for routing client requests.",
     "What is Kube-proxy responsible for?", "routing client requests"),  # "There is a X which …" says "X …"
    ("The Portcullis Protocol works by adding a header that carries the client address.",
     "How does the Portcullis Protocol work?", "By adding a header that carries the client address"),
    ("Portcullis lets you route traffic between clusters without a gateway.",
     "What does Portcullis let users do?", "route traffic between clusters without a gateway"),
    ("Portcullis allows operators to rotate certificates without restarting workloads.",
     "What does Portcullis allow operators to do?", "rotate certificates without restarting workloads"),
    ("Gatekeeperd replaces Routerd, Certd and Watchd as a single binary.",
     "What does Gatekeeperd replace?", "Routerd, Certd and Watchd as a single binary"),
    ("Portcullis adds experimental support for proxyless gRPC services in the mesh.",
     "What does Portcullis add experimental support for?", "proxyless gRPC services in the mesh"),
    ("RouteGrant is used to allow references across namespaces.",
     "What is RouteGrant used to do?", "allow references across namespaces"),
    ("Portcullis configures its edge proxies through a set of discovery APIs.",
     None, None),  # "its" in the question: the checks reject it, so the generator may or may not draft it
    ("Kubelink supports a multi-cluster architecture through the Bridge construct.",
     "How does Kubelink support a multi-cluster architecture?", "through the Bridge construct"),
    ("A waypoint proxy is an optional proxy that handles layer 7 traffic for a namespace.",
     "What is a waypoint proxy in Portcullis?", "an optional proxy that handles layer 7 traffic for a namespace"),
    ("The default port of the Portcullis tunnel is 15008.", "What is the default port of the Portcullis tunnel?", "15008"),
    ("L4 refers to the four layers of the OSI model, i.e., TCP layer processing.",
     "What does L4 refer to?", "the four layers of the OSI model, i.e., TCP layer processing"),
    ("A formal proposal for adding sidecar support in Kubernetes was raised in 2019.",
     "When was a formal proposal for adding sidecar support in Kubernetes raised?", "In 2019"),
    ("Portcullis uses Envoy as its runtime proxy component and provides a policy layer.",
     "What does Portcullis use as its runtime proxy component?", "Envoy"),
    ("Gateway API resources report rich status conditions for every route.",
     "What do Gateway API resources report for every route?", "rich status conditions"),
    ("Portcullis provides an infrastructure layer for the communication between services.",
     "What does Portcullis provide for the communication between services?", "an infrastructure layer"),
    ("As an open platform, Portcullis lets you connect, secure and observe services.",
     "What does Portcullis let users do?", "connect, secure and observe services"),
    ("The Gateway resource in particular enables implementations to manage the lifecycle of gateways.",
     "What does the Gateway resource enable implementations to do?", "manage the lifecycle of gateways"),
    ("However, all of the Portcullis control plane components are written in Go.",
     "What are all of the Portcullis control plane components written in?", "Go"),
    ("NSM consists of a number of components that can be deployed in one cluster.",
     "What does NSM consist of?", "a number of components that can be deployed in one cluster"),
    ("Multiple network interfaces support will be available in Istio release 1.1.",
     "In which version of Istio will multiple network interfaces support be available?", "Istio 1.1."),
    ("Formal support for sidecars is being released to Alpha in Kubernetes 1.28.",
     "In which version of Kubernetes is formal support for sidecars being released to Alpha?", "Kubernetes 1.28."),
    ("Certd stores the root certificate in a Kubernetes secret for every namespace.",
     "What does Certd store in a Kubernetes secret for every namespace?", "the root certificate"),
    ("Ingress controller provides a unified entrance for the HTTP services in a cluster, but it cannot be reached.",
     "What does Ingress controller provide for the HTTP services in a cluster?", "a unified entrance"),
    # "and other …" ends a list; it presupposes nothing
    ("Routerd replaces Nginx, HAProxy and other legacy proxies.", "What does Routerd replace?",
     "Nginx, HAProxy and other legacy proxies"),
]


@pytest.mark.parametrize(("sentence", "question", "answer"), [c for c in EN_MADE if c[1]], ids=lambda v: str(v)[:30])
def test_english_shapes(sentence: str, question: str, answer: str) -> None:
    body = sentence + "\n\nPortcullis routes requests for every team. Portcullis is written in Go. Portcullis runs anywhere."
    assert _drafts(body, "en").get(question) == answer


EN_REFUSED = [
    # "What does Envoy Gateway enable?": a product enables many things (judged ambiguous); enabling whom to do what is asked
    "Additionally, Envoy Gateway enables advanced use cases such as access control and rate limiting.",
    "It lets you route traffic between clusters without a gateway.",  # a pronoun subject
    "This release replaces Routerd, Certd and Watchd as a single binary.",  # a demonstrative subject
    "Dana Reyes replaces the old certificates every Monday morning.",  # a person
    "Portcullis also replaces Routerd, Certd and Watchd as a single binary.",  # presupposes another sentence
    "Portcullis provides the following ways to expose services to external networks.",  # the answer is elsewhere
    "Portcullis replaces them with a single binary for every cluster.",  # the object points outside
    "Portcullis 2.1 replaces Routerd, Certd and Watchd as a single binary.",  # a release: the version card asks it
    "Gateway API splits the problem into separate resources owned by separate personas.",  # an agent, not a means
    "The reason for the delay is the missing Portcullis certificate.",  # "the reason" names nothing
    "The way Portcullis handles retries is the main problem.",  # a clause in the subject
    "Fewer components refers to less debugging across the Portcullis fleet.",  # no name is defined
    "The proposal was raised in 2019.",  # nothing named
    "Portcullis provides an infrastructure layer to every team in the company, and more.",  # the title's product
    "Routerd provides dynamic network services for pods while Certd provides certificates.",  # two points
    "Kubernetes network lack support for cross-cluster connectivity.",  # a verb read as a noun starts no object
    "Certd has a root certificate in every namespace of the cluster.",  # "What does Certd have in …?": too light
    "Certd stores it in a Kubernetes secret for every namespace.",  # a pronoun object
    "Certd replaces other certificate tools in every namespace.",  # "other" than which?
    # the tagger read a plural noun as the verb: "How does Sidecar memory request fell?", "How does Gravelpit network
    # runs …?" (judged ungrammatical on fresh pages)
    "Sidecar memory requests fell by roughly 60%, mostly thanks to the Sidecar resource.",
    "Gravelpit Networks runs 23 Kubernetes clusters on its own hardware using Cluster API with a bare-metal provider.",
]


@pytest.mark.parametrize("sentence", EN_REFUSED, ids=lambda v: v[:30])
def test_english_refusals(sentence: str) -> None:
    assert _drafts(sentence, "en") == {}


def test_a_name_the_post_capitalises_is_a_subject() -> None:
    """"Ambient" at a sentence's start is read as an adjective; the title names it, so "Ambient mode" is a subject.
    The second predicate ("and keeps L7 …") stays out of the question."""
    body = "Ambient mode moves the L4 work into a per-node ztunnel and keeps L7 in optional waypoint proxies."
    drafts = _drafts(body, "en", title="Moving to Ambient")
    assert drafts.get("What does Ambient mode move into a per-node ztunnel?") == "the L4 work"
    assert _drafts(body.replace("Ambient", "Quiet"), "en", title="Moving to Ambient") == {}  # a word the post never names


ZH_MADE = [
    ("Ambient 模式有望在 Portcullis 1.18 中达到 Alpha 质量。", "Ambient 模式有望在 Portcullis 的哪个版本中达到 Alpha 质量？",
     "Portcullis 1.18"),
    ("IPVS 使用哈希表查找，规则规模带来的问题小很多。", "IPVS 使用什么查找？", "哈希表"),
    ("L7 策略始终使用 targetRefs 绑定到 Service，避免 ztunnel 拒绝请求。", "L7 策略始终使用什么绑定到 Service？", "targetRefs"),
    # a modal before 通过 stays in the question; the means runs up to 来
    ("Portcullis 需要通过端口名前缀（如 grpc-、http2-）或者 appProtocol 字段来识别协议。", "Portcullis 需要通过什么来识别协议？",
     "端口名前缀（如 grpc-、http2-）或者 appProtocol 字段"),
    ("第三，Portcullis 自带的 Hubble 可以提供基于身份的流量可观测性。", "Portcullis 自带的 Hubble 可以提供什么？",
     "基于身份的流量可观测性"),  # the ordinal goes, the named subject stays
    ("授权策略中的 CUSTOM 操作表示在运行时中启用外部授权，可以配置为有条件地触发。", "授权策略中的 CUSTOM 操作表示什么？",
     "在运行时中启用外部授权"),
    ("2017 年，Portcullis 增加了存储类对象。", "Portcullis 什么时候增加了存储类对象？", "2017 年"),
    ("Gateway API 最初被认为是知名 Ingress API 的继任者，Gateway API 的好处包括对许多常用网络协议的显式支持以及对传输层安全的紧密集成支持。",
     "Gateway API 最初被认为是什么？", "知名 Ingress API 的继任者"),  # a long sentence: the answer ends at its comma
    ("在 Portcullis 的 Ambient 模式中，每个节点上的 ztunnel 负责 Layer 4 的工作。",
     "在 Portcullis 的 Ambient 模式中，每个节点上的 ztunnel 负责什么？", "Layer 4 的工作"),
    ("Portcullis 服务网格在逻辑上分为数据平面和控制平面。", "Portcullis 服务网格在逻辑上分为哪几部分？", "数据平面和控制平面"),
    ("Kyverno 是为 Kubernetes 设计的，因此对 Kubernetes 的工作方式有着深刻的了解。",
     "为什么 Kyverno 对 Kubernetes 的工作方式有着深刻的了解？", "Kyverno 是为 Kubernetes 设计的"),
    ("Portcullis 的 Ambient 模式引入了共享的节点代理，从而消除了数据平面对 Sidecar 代理的需求。",
     "Portcullis 的 Ambient 模式如何消除数据平面对 Sidecar 代理的需求？", "引入了共享的节点代理"),
    ("Envoy 官方文档建议的更新顺序是 CDS → EDS → LDS → RDS，即先下发被引用的资源。",
     "Envoy 官方文档建议的更新顺序是什么？", "CDS → EDS → LDS → RDS"),  # the gloss after 即 is not the value
    ("Ambient 模式允许用户在没有 Sidecar 代理的情况下运行服务网格。",
     "Ambient 模式允许用户做什么？", "在没有 Sidecar 代理的情况下运行服务网格"),
    ("Gatekeeperd 取代了 Routerd、Certd 和 Watchd 三个组件。", "Gatekeeperd 取代了什么？", "Routerd、Certd 和 Watchd 三个组件"),
    ("Portcullis 的授权策略为网格中的服务提供访问控制。", "Portcullis 的授权策略为网格中的服务提供什么？", "访问控制"),
    ("Envoy sidecar 通过 xDS 连接 Routerd。", "Envoy sidecar 通过什么连接 Routerd？", "xDS"),
    ("Portcullis 模式旨在简化操作并降低基础设施成本。", "Portcullis 模式旨在做什么？", "简化操作并降低基础设施成本"),
    ("L7 指 OSI 标准网络模型的七层，即应用层的处理。", "L7 指什么？", "OSI 标准网络模型的七层，即应用层的处理"),
    ("Envoy 官方文档建议的更新顺序是 CDS、EDS、LDS 和 RDS。", "Envoy 官方文档建议的更新顺序是什么？", "CDS、EDS、LDS 和 RDS"),
    ("Nirmata 提供了简单的方法来管理多个集群的策略，管理违规。", "Nirmata 提供了什么？", "简单的方法来管理多个集群的策略"),
    ("Portcullis 的数据平面由一组智能代理组成。", "Portcullis 的数据平面由什么组成？", "一组智能代理"),
    ("控制面负责管理和配置代理来路由流量。", "Portcullis 的控制面负责什么？", "管理和配置代理来路由流量"),
    ("Routerd 基于 Envoy 代理实现数据面。", "Routerd 基于什么实现数据面？", "Envoy 代理"),
    ("Gateway API 最初被认为是知名 Ingress API 的继任者。", "Gateway API 最初被认为是什么？", "知名 Ingress API 的继任者"),
    ("init 容器用于设置 iptables 规则。", "Portcullis 的 init 容器用于什么？", "设置 iptables 规则"),
]


@pytest.mark.parametrize(("sentence", "question", "answer"), ZH_MADE, ids=lambda v: str(v)[:20])
def test_chinese_shapes(sentence: str, question: str, answer: str) -> None:
    body = sentence + "\n\nPortcullis 很流行。Portcullis 很小。Portcullis 很快。"
    assert _drafts(body, "zh", title="Portcullis 介绍").get(question) == answer


ZH_REFUSED = [
    "Splunk 使用 Portcullis 根据每个请求的详细信息在应用层执行相关策略。",  # the "tool" is no plain noun phrase
    "2017 年，它增加了存储类对象。",  # a pronoun subject after the date
    "在这个模式中，每个节点上的 ztunnel 负责 Layer 4 的工作。",  # 这 in the context kept in the question
    "Portcullis 的控制面和数据面以标准接口进行交互，因此数据可以有多种实现。",  # the effect has a subject of its own
    "Portcullis 引入了共享的节点代理，从而使它消除了对 Sidecar 代理的需求。",  # 它 in the effect
    "该组件取代了 Routerd、Certd 和 Watchd 三个组件。",  # 该: a demonstrative subject
    "这个模式允许用户在没有 Sidecar 代理的情况下运行服务网格。",  # 这
    "Portcullis 也提供了访问控制和流量加密两种能力。",  # 也 presupposes another sentence
    "Splunk 使用 Istio 在应用层执行相关策略。",  # 使用 is not 使 ("makes")
    "所以 Portcullis 提供了访问控制和流量加密两种能力。",  # a consequence of the sentence before
    "Portcullis 提供了它的访问控制能力。",  # 它 in the answer
    "更简单的操作 Portcullis 的方法是使用 Nirmata。",  # a property whose subject opens with no name
    "Portcullis 提供了简单的方法来管理多个集群的策略。",  # the post's own product provides many things
    "Linux 允许使用功能定义细粒度的权限。",  # allows whom? many answers fit
    "数据平面的核心组件负责管理和配置代理来路由流量。",  # a long common-noun subject: whose?
]


@pytest.mark.parametrize("sentence", ZH_REFUSED, ids=lambda v: v[:20])
def test_chinese_refusals(sentence: str) -> None:
    body = sentence + "\n\nPortcullis 很流行。Portcullis 很小。Portcullis 很快。"
    assert _drafts(body, "zh", title="Portcullis 介绍") == {}


def test_its_after_a_name_is_no_dangling_pronoun() -> None:
    """"its" after the name a question asks about points to that name; before any name, or with another pronoun,
    it points outside the card."""
    from summarize.quiz.english import dangling

    assert not dangling("Why did Istio move several of its extensions into its build of Envoy?")
    assert dangling("Why did it move its extensions?")
    assert dangling("Why does its Envoy crash?")
    assert dangling("Why did the team move its extensions?")


def test_predicate_cards_pass_the_card_checks() -> None:
    """End to end: the shapes survive every check of :mod:`summarize.quiz.checks` and end in a question mark;
    a "How … by?" split of a participle never comes out."""
    text = ("---\ntitle: Routing with Portcullis and Gatekeeperd\n---\n# Routing with Portcullis and Gatekeeperd\n\n"
            "Portcullis lets you route traffic between clusters without a gateway. "
            "Gatekeeperd replaces Routerd, Certd and Watchd as a single binary. "
            "Portcullis routes requests for every team in the company.\n")
    cards = make_cards(load(text.encode()), load_packs(())["en"], lang="en")
    asked = {c.question: c.answer for c in cards}
    assert asked.get("What does Portcullis let users do?") == "Route traffic between clusters without a gateway."
    assert asked.get("What does Gatekeeperd replace?") == "Routerd, Certd and Watchd as a single binary."
    assert all(c.question.endswith("?") for c in cards)
    # Under a title that does not name it, Gatekeeperd is a side name: no predicate card asks what it does.
    side = make_cards(load(text.replace("Portcullis and Gatekeeperd", "Portcullis").encode()), load_packs(())["en"], lang="en")
    assert "What does Gatekeeperd replace?" not in {c.question for c in side}


def test_key_sentences_bound_the_work() -> None:
    """Cards come from at most max(3 x max_cards, 30) key sentences, best first, whatever the post's size."""
    scores = {i: 1.0 / (1 + i) for i in range(5000)}
    assert key_sentences(scores, 20) == list(range(60))
    assert key_sentences(scores, 2) == list(range(30))
    assert key_sentences({3: 0.5, 1: 0.5, 2: 0.9}, 20) == [2, 1, 3]


def test_a_chinese_cloze_deletes_only_a_name() -> None:
    """Chinese deletions of the field's own words (控制平面, 可观测性) and two-character words were judged
    guessable; a product name or a longer proper name is kept, and a sentence in the authors' voice (我们) is no
    cloze."""
    from summarize.quiz.cloze import _guessable_zh

    assert _guessable_zh("控制平面") and _guessable_zh("可观测性") and _guessable_zh("日志")
    assert not _guessable_zh("Istiod") and not _guessable_zh("OTLP 协议") and not _guessable_zh("山东鲁能")
    doc = load("# 网格\n\n在 Solo.io，我们也相信抽象有助于用户采用 Istio 服务网格。\n\n"
               "Istio 将所有控制平面组件整合到 Istiod 中，安装和升级都更简单了。\n".encode())
    cards = make_cards(doc, load_packs(())["zh"], lang="zh")
    assert all("Solo.io" not in c.answer for c in cards if c.type == "cloze")
    assert all(not _guessable_zh(c.answer) for c in cards if c.type == "cloze")


def test_finish_checks_a_bounded_number_of_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A post of hundreds of sentences that all match a template is checked only on its best drafts."""
    from summarize.quiz import engine

    text = "".join(f"Name{i}x Company{i}y built the Widget{i}z service in 2020. " for i in range(400))
    seen: list[int] = []

    def spy(doc, ctx, drafts, lang, max_cards, trace=None):  # noqa: ANN001
        seen.append(len(drafts))
        return finish(doc, ctx, drafts, lang, max_cards, trace)

    monkeypatch.setattr(engine, "finish", spy)
    engine.make_cards(load(text), load_packs(())["en"], lang="en", max_cards=5)
    assert seen and 0 < seen[0] <= engine.MAX_DRAFTS_PER_CARD * 5 + engine.MAX_DRAFTS_BASE


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What does Portcullis let users do?", True),  # the title's name
        ("What does NSM deploy on each Node in the cluster?", True),  # the title's "Network Service Mesh"
        ("Portcullis 的控制面负责什么？", True),
        ("What is Jmeter used to do?", False),  # a side tool: what it did here, not what it is for
        ("Aviatrix 用于什么？", False),
        ("Which parameter needs to be set to one less than the number of addresses?", False),  # names nothing
    ],
)
def test_predicate_cards_ask_about_what_the_post_is_about(question: str, asks: bool) -> None:
    from summarize.quiz.predicate import asks_about_the_post

    doc = load(b"---\ntitle: Routing with Portcullis and Network Service Mesh\n---\n\nPortcullis routes requests.\n")
    ctx = Context.build(doc, load_packs(())["en"])
    assert asks_about_the_post(question, ctx) is asks


def test_we_of_a_guest_post_is_not_the_project() -> None:
    """On a project's blog, "we" of authors from another company is their company: a card must not say "the Istio
    project" did what they did (judged ambiguous and wrong on a fresh page): their byline names it. Without an
    attribution "we" may be the project; with one naming several companies, no one."""
    from summarize.model import Sentence

    body = "Istio is a service mesh.\n\nWe turned injection back on for 40 of the 52 CronJobs.\n"
    guest = load(("---\ntitle: Istio at Pellucid\nattribution: Odalys Ferreira-Banks (Pellucid Insurance)\n---\n" + body).encode())
    own = load(("---\ntitle: Istio jobs\nattribution: the Istio team\n---\n" + body).encode())
    mixed = load(("---\ntitle: Istio at two shops\nattribution: Ines Calloway (Pellucid Insurance), Rafael Dunmore "
                  "(Northwind Rail)\n---\n" + body).encode())
    for doc, expected in ((guest, "Pellucid Insurance"), (own, "the Istio project"), (mixed, None)):
        ctx = Context.build(doc, load_packs(())["en"])
        ctx.topic, ctx.entity_class["Istio"] = "Istio", "mesh"
        s = next(x for x in doc.sentences if x.text.startswith("We turned"))
        assert isinstance(s, Sentence)
        assert ctx.resolve(s, "we") == expected


@pytest.mark.parametrize("text", ["Istio and ISTIO meet envoy at KubeCon.", "The istio-agent talks to Envoy.", "İstio and Envoy.",
                                  "Ambient ISTIO mode", "no names here", "Kubernetes (k8s) and gRPC-Web"])
def test_entities_in_skips_only_names_the_text_cannot_hold(text: str) -> None:
    """The substring prefilter of ``Context.entities_in`` changes no answer: the same names as one regex per name."""
    import re as _re

    doc = load(b"---\ntitle: Istio\n---\nIstio uses Envoy. Kubernetes runs gRPC-Web and ISTIO.\n")
    ctx = Context.build(doc, load_packs(())["en"])
    ctx.entity_class.update({"Istio": "mesh", "Envoy": "proxy", "ISTIO": "mesh", "gRPC": "protocol", "KubeCon": "event"})
    slow = [n for n in ctx.entity_class
            if _re.search(rf"(?<![\w.+-]){_re.escape(n)}(?![\w+-])", text, 0 if n.isupper() else _re.IGNORECASE)]
    assert ctx.entities_in(text) == slow
