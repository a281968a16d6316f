"""Every registered scorer: rates real sentences, handles empty input, and is deterministic."""

from __future__ import annotations

import pytest

from summarize.errors import UnknownChoiceError
from summarize.model import Document
from summarize.pipeline import load
from summarize.score import algorithms, get_scorer
from summarize.score.quality import rejection

TEXT = (
    "# Why Istio picked Envoy\n\n"
    "Istio picked Envoy over Nginx because Envoy was lightweight and written in C++. "
    "Envoy handled two million requests per second at Lyft before Istio adopted it. "
    "Nginx did not support HTTP/2 upstreams at the time, which gRPC needed. "
    "Thanks for listening! Do you use Envoy? "
    "The control plane configures every Envoy sidecar through the xDS APIs.\n"
)
FAST = [name for name in algorithms() if name != "kl"]


@pytest.mark.parametrize("name", FAST)
def test_scorer_rates_sentences_and_is_deterministic(name: str) -> None:
    """Scores are plain floats keyed by real sentence ids, identical on a second run."""
    doc = load(TEXT)
    scores = get_scorer(name)(doc)
    assert scores and set(scores) <= {s.id for s in doc.sentences}
    assert all(type(v) is float for v in scores.values())
    assert scores == get_scorer(name)(load(TEXT))


@pytest.mark.parametrize("name", list(algorithms()))
def test_scorer_on_empty_document(name: str) -> None:
    """No sentences, no scores, no error."""
    assert get_scorer(name)(Document("<t>", "text", ())) == {}


def test_unknown_algorithm_lists_the_choices() -> None:
    """An unknown name raises a usage error naming every valid algorithm."""
    with pytest.raises(UnknownChoiceError, match="unknown --algorithm 'bert'; choose one of: .*lexrank.*takeaways"):
        get_scorer("bert")


def test_default_scorer_rules_out_what_an_editor_would_not_pick() -> None:
    """Questions and thanks get no score from the default; the causal sentence ranks first."""
    doc = load(TEXT)
    scores = get_scorer("takeaways")(doc)
    texts = {doc.sentences[i].text for i in scores}
    assert "Thanks for listening!" not in texts and "Do you use Envoy?" not in texts
    best = max(scores, key=scores.get)
    assert "Envoy" in doc.sentences[best].text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Do you think that's the right way to solve this problem?", "question"),
        ("Thank you so much for having me on the show today.", "greeting or thanks"),
        ("If you need help, contact me on Twitter or visit our site.", "promotional"),
        ("Yeah, that's a good point.", "fragment"),
        ("See https://istio.io/latest/docs/concepts/what-is-istio/ now.", "fragment"),
        ("如果你需要帮助，请随时通过 Twitter 联系我。", "promotional"),
        ("Here is the full list of the Istio enhancements and highlights:", "introduces something else"),
        ("My name is Craig Box and I work on the Istio team at Google Cloud.", "self-introduction"),
        ("So I'm Lin Sun from Solo.io and I work on Istio ambient mode.", "self-introduction"),
        ("我叫张三，在阿里云负责服务网格的研发工作。", "self-introduction"),
        ("I'm excited that the Istio project graduated in the CNCF this year.", None),
        ("This episode is brought to you by StackPilot, the developer portal for platform teams.", "promotional"),
        ("If you enjoyed the episode, leave us a review, it really helps the show.", "promotional"),
        ("好，第二个议题，上周三日志系统的故障，王芳你来说一下。", "meeting procedure"),
        ("OK, let's move on to the second item, the logging incident from last week.", "meeting procedure"),
        ("We replaced hundreds of YAML files with code that validates itself on every commit.", None),
        ("You can use code generation to build typed clients for every API.", None),
        ("The project is sponsored by the CNCF and governed by its steering committee.", None),
        ("我叫他们先把日志系统迁移到 Loki 上，再看存储成本。", None),
        ("Istio picked Envoy because it was lightweight and written in C++.", None),
        ("This post reflects Istio 1.22; details may change in later versions.", "about the post itself"),
        ("I do a lot of videos on Kubernetes and platform engineering.", "promotional"),
        ("In the next video, we'll look at scaling on custom metrics like requests per second.", "about the post itself"),
        ("今天我想跟大家聊的是我们团队这两年在服务网格上踩过的一些坑。", "about the post itself"),
        ("Special thanks to everyone who tested the release candidates on real registries.", "greeting or thanks"),
        ("The next video frame is decoded on the GPU before the scheduler sees it.", None),
        ("If you're new to the channel, make sure the notifications are on.", "promotional"),
        ("If you're new here, start with the CONTRIBUTING guide in the repository.", None),
        ("The video was recorded at 60 fps and encoded with AV1 before upload.", None),
        ("This is all we have to do to enable mTLS across the mesh.", None),
        ("That brings up an important point about pod disruption budgets.", None),
        ("本文介绍的方法在生产环境中把延迟降低了百分之三十。", None),
        ("We do a lot of load tests before every release of the controller.", None),
        ("In this talk I'm going to show you three ways to cut your cluster bill.", "about the post itself"),
        ("So that is my list of GitOps mistakes for platform teams.", "about the post itself"),
        ("That's all I have for today, see you at the next meetup.", "about the post itself"),
        ("本文基于 Istio 1.22 版本，后续版本可能会有变化。", "about the post itself"),
        ("以上就是今天关于服务网格的全部分享内容。", "about the post itself"),
        ("The post-mortem covers the outage and the three fixes we shipped after it.", None),
        ("That is the list of APIs the controller watches on every cluster.", None),
    ],
)
def test_rejection_rules(text: str, reason: str | None) -> None:
    """Each editor's rule names its reason; a plain informative sentence passes."""
    doc = load(text)
    from summarize.score.analysis import analyse

    a = analyse(doc)
    s = doc.sentences[0]
    assert rejection(s, n_tokens=len(a.tokens[0]), n_terms=len(a.terms[0])) == reason
