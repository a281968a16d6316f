"""Chinese point cards (:mod:`summarize.quiz.point_zh`): the question each shape asks of a Chinese takeaway, and the
takeaways each must leave alone."""

from __future__ import annotations

import pytest

from summarize.quiz.point_zh import point_card_zh


def _ask(sentence: str) -> tuple[str, str] | None:
    made = point_card_zh(sentence, (0,))
    return None if made is None else (made.question, made.answer)


@pytest.mark.parametrize(("sentence", "question", "answer"), [
    # a 把/将 construction: the verb is a jieba word boundary, a gloss in brackets and 都 leave the question
    ("Portcullis 会把每次发布的完整清单存在集群里（默认是一个 Secret）。", "Portcullis 会把什么存在集群里？", "每次发布的完整清单"),
    ("默认情况下，routerd 会把网格里所有服务的配置都推给每一个 sidecar。", "默认情况下，routerd 会把什么推给每一个 sidecar？",
     "网格里所有服务的配置"),
    # a named subject, a modal, one verb and what it acts on, its time frame kept
    ("Portcullis 在端口协议不明确的时候会做协议探测。", "Portcullis 在端口协议不明确的时候会做什么？", "协议探测"),
    ("Envoy 会拦截所有入站流量。", "Envoy 会拦截什么？", "所有入站流量"),
    # a tool used for a job; a change to an amount
    ("Portcullis 用 Redis 做计数。", "Portcullis 用什么做计数？", "Redis"),
    ("Portcullis 的冷启动时间降到了 20 秒左右。", "Portcullis 的冷启动时间降到了多少？", "20 秒左右"),
])
def test_each_shape_asks_its_point(sentence: str, question: str, answer: str) -> None:
    assert _ask(sentence) == (question, answer)


@pytest.mark.parametrize("sentence", [
    "我们会把所有配置推给每一个 sidecar。",  # whose "we"?
    "新 Pod 起来之后要先把权重拉下来再加载到显存。",  # the object is a clause, not a thing
    "Portcullis 也会把配置推给每一个 sidecar。",  # 也 presupposes the sentence before
    "用户可以把流量切到新集群。",  # people in general
    "Portcullis 会是一个更好的选择。",  # a light verb
    "Portcullis 从 35% 的成本降到了 19%。",  # a second figure in the question
])
def test_leaves_alone(sentence: str) -> None:
    assert _ask(sentence) is None
