"""Speech that a recogniser punctuated and stripped of fillers still reads as speech (Whisper, lecture captions)."""

from __future__ import annotations

from conftest import FIXTURES

from summarize.score.takeaways import numbered_points

import summarize
from summarize.pipeline import load
from summarize.segment.disfluency import sounds_spoken

LECTURE = FIXTURES / "posts" / "whisper-lecture.txt"

TALK = [
    "So today I want to show you how the scheduler works.",
    "Okay, let's look at the first slide.",
    "And you can see the queue here on the left.",
    "The pods wait in it until a node has room.",
    "Now, what happens when no node has room?",
    "Well, the pod stays pending and you get an event.",
    "I think that is the part people miss.",
    "The autoscaler reads those events and adds a node.",
    "So the queue is the signal.",
    "Right, that is the whole loop.",
]
README = [
    "The scheduler assigns pods to nodes.",
    "It reads the queue of pending pods and filters the nodes that can run each one.",
    "Scoring plugins then rank the remaining nodes.",
    "The highest-ranked node is bound to the pod.",
    "Plugins are configured in the scheduler profile.",
    "Each profile names the plugins it enables at every extension point.",
    "Custom plugins are compiled into the scheduler binary.",
    "See the configuration reference for every field.",
    "The default profile suits most clusters.",
    "Large clusters may lower the share of nodes scored per pod.",
]
# News quoting people opens sentences with "But" and "And", yet nobody in it talks to the reader.
NEWS = [
    "The company reported a loss of $40 million in the third quarter.",
    "But analysts had expected a larger loss.",
    "And the shares rose 4% in early trading.",
    "The chief executive said the results showed progress.",
    "But the board has not approved the new budget.",
    "So far the market has taken the news calmly.",
    "Revenue grew 12% compared with a year earlier.",
    "And the cloud division grew fastest.",
    "The company will report again in February.",
    "Now the focus turns to the holiday season.",
]


def test_a_talk_sounds_spoken_and_prose_does_not() -> None:
    assert sounds_spoken(TALK)
    assert not sounds_spoken(README)
    assert not sounds_spoken(NEWS)  # openers alone are not enough: no "I" or "you"


def test_too_little_text_is_not_judged() -> None:
    assert not sounds_spoken(TALK[:7])


def test_punctuated_transcript_without_fillers_is_read_as_speech() -> None:
    doc = load(LECTURE)
    assert doc.format == "text" and doc.spoken
    stutter = next(s for s in doc.sentences if "you, you need" in s.text)
    assert "you, you" not in stutter.clean  # the clean view is on, though no filler ever switched it on


def test_lecture_takeaways_are_polished_as_speech() -> None:
    s = summarize.summarize(LECTURE, min_confidence=0)
    assert len(s.takeaways) == 5
    for t in s.takeaways:
        assert not t.text.startswith(("So ", "So,", "And ", "Okay", "Yeah", "Right", "Well", "Now,")), t.text
        assert t.text[0].isupper(), t.text
        assert "you, you" not in t.text
        assert "Thank you" not in t.text


ZH_TALK = [
    "好，那我们就开始吧。", "然后今天的话题是服务网格。", "就是我们团队这两年踩过的坑。", "对，不是所有服务都需要上网格。",
    "其实控制面升级风险挺大的。", "所以我们后来用了金丝雀升级。", "我觉得这个是最重要的一点。", "你们如果也在用网格，可以试一下。",
    "那我们看下一个问题。", "延迟在长调用链上会累积。",
]
ZH_BLOG = [
    "服务网格为微服务提供流量治理能力。", "Sidecar 模式为每个 Pod 注入一个代理容器。", "这种方式带来了额外的资源开销。",
    "但是它的隔离性较好。", "eBPF 方案把部分能力下沉到内核。", "因为不需要代理容器，延迟更低。", "我们在生产环境对比了两种方案。",
    "对于七层能力，仍然需要用户态代理。", "迁移过程持续了三个月。", "最终集群的 CPU 占用下降了约百分之九。",
]


def test_chinese_speech_without_labels_sounds_spoken_and_a_blog_does_not() -> None:
    assert sounds_spoken(ZH_TALK, "zh")
    assert not sounds_spoken(ZH_BLOG, "zh")  # 但是, 因为, 对于 open written sentences too
    doc = load("\n".join(ZH_TALK))
    assert doc.spoken and doc.lang == "zh"
    assert not load("\n\n".join(ZH_BLOG)).spoken


LESSONS = [
    "Thanks for having me, it's great to be here at the conference.",
    "We moved three hundred services from virtual machines onto Kubernetes over two years.",
    "The migration team was six people, and they owned every deploy pipeline in the company.",
    "So I've boiled what we learned down to four lessons.",
    "Lesson one: start with the paved road, not the platform.",
    "We built a portal first, and nobody used it for six months because deploying was still hard.",
    "Lesson two: resource requests are a social problem, not a technical one.",
    "Teams asked for four times the memory they used until they saw the bill in dollars every month.",
    "Lesson three: your observability has to be ready before the first migration, not after.",
    "We migrated the payments service blind and spent a week guessing at a latency regression.",
    "Lesson four: plan for the long tail, because it will take half your time.",
    "The first eighty percent of services moved in a year, and the last twenty took another year.",
]


def test_a_talk_s_own_numbered_lessons_are_its_takeaways() -> None:
    """A speaker who numbers four lessons has said what the takeaways are; they come first, without "Lesson N:"."""
    s = summarize.summarize(" ".join(LESSONS))
    texts = [t.text for t in s.takeaways]
    for lesson in ("Start with the paved road", "Resource requests are a social problem",
                   "Your observability has to be ready", "Plan for the long tail"):
        assert any(t.startswith(lesson) for t in texts), (lesson, texts)


def test_one_numbered_sentence_is_not_a_list() -> None:
    doc = load(" ".join(LESSONS[:6]))
    assert numbered_points(doc) == frozenset()
    assert len(numbered_points(load(" ".join(LESSONS)))) == 4



def test_numbered_lessons_under_one_heading_all_come_first() -> None:
    """The one-per-section quota does not hold a post's own numbered points back."""
    body = [s for s in LESSONS if not s.startswith(("Thanks", "So I've"))]
    post = (
        "# Four lessons from a migration\n\n## Where we started\n\n" + " ".join(body[:2])
        + "\n\n## What we learned\n\n" + " ".join(body[2:]) + "\n\n## Costs\n\nThe cloud bill fell by a third over the year."
        + "\n\n## Next\n\nWe are moving the data tier to managed services next year."
    )
    texts = [t.text for t in summarize.summarize(post, n=4).takeaways]
    assert sum(t.startswith(("Start with", "Resource requests", "Your observability", "Plan for")) for t in texts) == 4, texts


def test_descriptive_ordinals_and_tutorial_steps_are_not_numbered_points() -> None:
    from summarize.score.takeaways import _SIGNPOST_EN_RE

    assert not _SIGNPOST_EN_RE.match("The first step is slow because it downloads every image.")
    assert not _SIGNPOST_EN_RE.match("Step 1: Install the Istio CLI on your laptop.")
    assert _SIGNPOST_EN_RE.match("The second lesson I've learned is to measure first.")
    assert _SIGNPOST_EN_RE.match("My first tip: pin your chart versions.")
