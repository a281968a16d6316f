"""The context line a card carries (quiz/topic.py): the post's subject, its furniture gone, never the answer."""

from __future__ import annotations

import dataclasses

import pytest

from summarize.pipeline import load
from summarize.quiz import quiz
from summarize.quiz.context import Context
from summarize.quiz.packs import load_packs
from summarize.quiz.topic import MAX_EN, MAX_ZH, clean_title, context_for, post_subject, with_context


@pytest.mark.parametrize(("title", "subject"), [
    ("Episode 87: The Certificate That Renewed Itself (Almost)", "The Certificate That Renewed Itself"),
    ("The Pager Hour, Episode 88: Fewer pages, same reliability (with Anand Rao)", "Fewer pages, same reliability"),
    ("Canary Control Planes with Priyanka Oduya", "Canary Control Planes"),
    ("Ep. 42 — Feature flags without the lock-in, with Tomás Varga", "Feature flags without the lock-in"),
    ("Tutorial: PodDisruptionBudgets that let you drain nodes", "PodDisruptionBudgets that let you drain nodes"),
    ("Postmortem: image pull failures after registry garbage collection (INC-2026-0419)",
     "image pull failures after registry garbage collection"),
    ("Fireside chat - Runtime security that people actually read - Cloud Native Leeds",
     "Runtime security that people actually read"),
    ("Announcing Tallyhouse 2.0: cost allocation per team", "Tallyhouse 2.0: cost allocation per team"),
    ("【译】etcd 的数据库为什么只涨不跌？", "etcd 的数据库为什么只涨不跌？"),
    ("实践分享｜星桥银行的 Backstage 插件", "星桥银行的 Backstage 插件"),
    ("第 47 期：Dapr 上生产两年", "Dapr 上生产两年"),
    ("云原生杭州 Meetup 第 21 期 圆桌讨论实录：策略引擎怎么选", "策略引擎怎么选"),
    ("平台工程怎么证明自己有用？专访木棉金融科技平台负责人欧阳清", "平台工程怎么证明自己有用"),
    ('Crossplane in the real world: "We stopped writing tickets for databases"',
     'Crossplane in the real world: "We stopped writing tickets for databases"'),
    ('Fireside Chat — "Thirteen months of metrics without losing your mind" — Platform Guild Meetup #31',
     "Thirteen months of metrics without losing your mind"),
    ("Mesh & Metal Weekly — Issue #212", ""),
    ("The Control Loop — Issue #137", ""),
])
def test_title_furniture_is_removed(title: str, subject: str) -> None:
    """Labels, episode numbers, guests, bylines and sites go; a series' issue title leaves nothing."""
    assert clean_title(title).rstrip("？?") == subject.rstrip("？?")


def _ctx(text: str) -> Context:
    doc = load(text)
    return Context.build(doc, load_packs(())[doc.lang or "en"])


def test_a_long_title_keeps_its_part_that_names_the_product() -> None:
    """Over the length limit, the title keeps one part: the one naming what the post is about."""
    body = "".join(f"Pending pods in batch {i} got nodes from Karpenter quickly. " for i in range(6))
    ctx = _ctx("---\ntitle: 'Thirty-Eight Node Groups to Four and Eleven Other Things We Learned The Hard Way: "
               "Our Move from Cluster Autoscaler to Karpenter'\n---\n\n" + body)
    subject = post_subject(ctx)
    assert subject == "Our Move from Cluster Autoscaler to Karpenter"
    assert len(subject) <= MAX_EN and MAX_ZH < MAX_EN


def test_the_context_line_never_gives_the_answer_away() -> None:
    """An answer the title states (a number, a name) moves the line to the product name, else to none."""
    body = "".join(f"Istio sidecars used {n} cores in cluster {n}. " for n in range(3, 9))
    ctx = _ctx("---\ntitle: 'Right-Sizing the Sidecar: How We Gave Back 700 Cores'\n---\n\n" + body)
    subject = post_subject(ctx)
    assert subject == "Right-Sizing the Sidecar: How We Gave Back 700 Cores"
    assert context_for("about 700 cores", subject, ctx) in (None, "Istio")
    assert context_for("the Sidecar resource", subject, ctx) in (None, "Istio")
    assert context_for("35 milliseconds", subject, ctx) == subject


def test_quiz_cards_carry_the_context_line_in_their_json() -> None:
    """Every card of a titled post says which post it is from, and no line contains its card's answer."""
    text = ("---\ntitle: 'Tutorial: Envoy Gateway basics'\n---\n\n"
            "Envoy Gateway is an API gateway built on Envoy. It uses the Kubernetes Gateway API as its configuration. "
            "The project reached version 1.0 in 2024. Users no longer write xDS configuration by hand. "
            "Envoy Gateway translates Gateway API resources into xDS for the Envoy proxies it manages.\n")
    cards = quiz(text)
    assert cards
    for card in cards:
        assert card.to_dict()["context"] in ("Envoy Gateway basics", "Gateway", "Envoy", None)
        if card.context:
            assert card.answer.strip(" .").casefold() not in card.context.casefold()


def test_a_newsletter_card_takes_its_section_heading() -> None:
    """A series' issue has no one subject: each card is framed by the heading of the section it comes from."""
    ctx = _ctx("---\ntitle: Mesh & Metal Weekly — Issue #212\n---\n\n## Knative cold starts, measured\n\n"
               "Knative Serving spends most of a cold start pulling the image.\n\n## Cilium 1.19 ships\n\n"
               "Cilium 1.19 adds per-namespace egress gateways.\n")
    assert post_subject(ctx) is None
    first = next(s for s in ctx.doc.sentences if s.text.startswith("Knative Serving"))
    second = next(s for s in ctx.doc.sentences if s.text.startswith("Cilium 1.19 adds"))
    from summarize.model import Card

    base = Card(id="x", type="what", question="Q?", answer="the image", sentence_ids=(first.id,), source_text="",
                line=1, template="t", lang="en", source="<stdin>")
    framed = with_context([base, dataclasses.replace(base, sentence_ids=(second.id,), answer="egress gateways")], ctx)
    assert [c.context for c in framed] == ["Knative cold starts, measured", "Cilium 1.19 ships"]


def test_what_the_question_names_and_other_figures_give_nothing_away() -> None:
    """A name the question already says is no leak ("What is Pod Security Admission?" under a title naming it);
    "40" is not shown by "4000"; a person or a sentence-opening word is never the fallback line."""
    body = "".join(f"Saoirse moved pods to Karpenter in step {n}. The Cluster Autoscaler kept node groups. " for n in range(4))
    ctx = _ctx("---\ntitle: 'Forty node groups down to four, with Saoirse Lindqvist'\n---\n\n" + body)
    subject = post_subject(ctx)
    assert subject == "Forty node groups down to four"
    assert context_for("Node groups.", subject, ctx, "What does Cluster Autoscaler work on?") in (None, "Karpenter")
    assert context_for("Node groups.", subject, ctx, "Which node groups went down to four?") == subject
    zh = _ctx("---\ntitle: 告别长期密钥：我们如何用 SPIFFE 给 4000 个工作负载发身份\n---\n\n服务之间的静态密钥减少到 40 把。\n")
    assert context_for("40", post_subject(zh), zh) == post_subject(zh)


def test_a_cloze_of_a_fragment_is_dropped() -> None:
    """A sentence opening on a lower-case question word is half a heading: its cloze fails the checks."""
    from summarize.quiz.checks import _basic_fault
    from summarize.quiz.draft import Draft

    doc = load("why a PDB can block node drains forever, and how to avoid it.\n\nA PDB with zero allowed disruptions blocks "
               "scale-down just like it blocks drains.\n")
    first, second = doc.sentences[0], doc.sentences[-1]
    fragment = Draft("cloze", "cloze-term", first.clean.replace("PDB", "{{c1::PDB}}"), "PDB", (first.id,), 0.5)
    whole = Draft("cloze", "cloze-term", second.clean.replace("PDB", "{{c1::PDB}}"), "PDB", (second.id,), 0.5)
    assert _basic_fault(doc, fragment, fragment.question, "PDB", "en") == "fragment"
    assert _basic_fault(doc, whole, whole.question, "PDB", "en") != "fragment"


def test_a_chinese_change_is_asked_under_its_story_line_only() -> None:
    """"控制器内存在大规模场景下下降多少%？" names no product, but under "Tidegate v2.4 发布" it asks one fact;
    without a title line, or opening on a word that points into the post, it is still dropped."""
    from summarize.quiz.checks import _story_change_zh
    from summarize.quiz.draft import Draft
    from summarize.quiz.topic import titled_subject

    body = "Tidegate 的控制器内存在大规模场景下下降约 30%。Tidegate 支持 Gateway API。Tidegate 运行在 Kubernetes 上。\n"
    titled = _ctx("---\ntitle: Tidegate v2.4 发布：通过 Gateway API v1.3 全部核心一致性测试\n---\n\n" + body)
    titled.story = titled_subject(titled)
    untitled = _ctx(body)
    untitled.story = titled_subject(untitled)
    card = Draft("how-many", "how-many", "控制器内存在大规模场景下下降多少%？", "约 30%", (0,), 0.5)
    assert titled.story == "Tidegate v2.4 发布" and untitled.story is None
    assert _story_change_zh(titled, card, card.question, card.answer)
    assert not _story_change_zh(untitled, card, card.question, card.answer)
    pointing = Draft("how-many", "how-many", "结果一个月只下降了多少个？", "9 个", (0,), 0.5)
    assert not _story_change_zh(titled, pointing, pointing.question, pointing.answer)


@pytest.mark.parametrize(("byline", "team"), [
    ("Maren Okafor, Storage Platform", "the Storage Platform team"),
    ("Yusuf Adeyemi, Build & Release team", "the Build & Release team"),
    ("Observability Guild, Quaymark", "the Observability Guild at Quaymark"),
    ("Ruaridh Penhallow, Tova Lindqvist (ESO maintainers)", "the ESO maintainers"),
    ("The Tallyhouse maintainers", "the Tallyhouse maintainers"),
    ("Odalys Ferreira-Banks (Pellucid Insurance), Tobiah Lindqvist (Pellucid Insurance)", "Pellucid Insurance"),
    ("云栖桥技术团队 · 韩思远", "云栖桥技术团队"),
    ("Ines Calloway (Trellis maintainer), Rafael Dunmore (Northwind Rail)", None),  # two companies: whose "we"?
    ("Dario Fenwick", None),  # a person alone names no group
    ("云原生技术沙龙（杭州站）编辑组", None),  # an event's editors are not the speakers' "we"
])
def test_the_byline_says_who_we_are(byline: str, team: str | None) -> None:
    from summarize.quiz.topic import authors_team

    assert authors_team({"author": byline}) == team
