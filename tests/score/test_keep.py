"""The keep model: fitted on judges' verdicts, shipped as numbers, applied to every default ranking."""

from __future__ import annotations

import json

import pytest

import summarize
from summarize._resources import data_text
from summarize.score.keep import KEEP_INPUTS, KeepModel, shipped_keep_model
from summarize.score.takeaways import features, keep_inputs, score_takeaways, shipped_weights

POST = (
    "# Introducing istiod\n\n"
    "Istio 1.5 consolidates the control plane into a single binary called istiod.\n\n"
    "Istiod cuts installation steps because one binary replaces four deployments.\n\n"
    "This makes it much easier.\n\n"
    "## Background\n\n"
    "Microservices let teams scale components independently. Kubernetes is popular.\n"
)


def test_shipped_model_names_every_input_and_records_its_sources() -> None:
    record = json.loads(data_text("takeaways_keep_model.json"))
    model = shipped_keep_model()
    assert model.inputs == KEEP_INPUTS
    assert record["sources"]["fitted_verdicts"] > 0 and "Apache-2.0" in record["sources"]["pages"]
    assert 0.5 < record["measured"]["auc_held_out"] <= 1.0


def test_round_trip_and_refusals() -> None:
    model = shipped_keep_model()
    assert KeepModel.from_dict(model.to_dict()) == model
    with pytest.raises(ValueError, match="unknown inputs"):
        KeepModel(("made_up",), (1.0,), (0.0,), (1.0,), 0.0)
    with pytest.raises(ValueError, match="differ in length"):
        KeepModel(KEEP_INPUTS, (1.0,), (0.0,), (1.0,), 0.0)
    with pytest.raises(ValueError, match="outside"):
        KeepModel(model.inputs, model.weights, model.means, model.scales, model.bias, (("written", 1.5),))


def test_blend_zero_keeps_the_weighted_ranking_and_one_is_the_probability() -> None:
    """A register whose blend is 0 ranks exactly as the weighted features do; at 1 the keep probability alone."""
    import dataclasses

    doc = summarize.load(POST)
    feats = features(doc)
    base = score_takeaways(doc, shipped_weights()["written"])
    inputs = keep_inputs(doc, feats, base)
    model = shipped_keep_model()
    off = dataclasses.replace(model, blends=(("written", 0.0),))
    full = dataclasses.replace(model, blends=(("written", 1.0),))
    assert sorted(base, key=lambda i: (-base[i], i)) == sorted(base, key=lambda i: (-off.rank_score(inputs[i], "written"), i))
    assert all(full.rank_score(inputs[i], "written") == pytest.approx(model.probability(inputs[i])) for i in base)


def test_probability_moves_with_the_sign_of_each_weight() -> None:
    model = shipped_keep_model()
    neutral = dict(zip(model.inputs, model.means))
    for name, weight in zip(model.inputs, model.weights):
        if weight == 0:
            continue
        higher = {**neutral, name: neutral[name] + 1.0}
        assert (model.probability(higher) > model.probability(neutral)) == (weight > 0), name


def test_default_scores_blend_the_keep_probability_with_the_weighted_score() -> None:
    doc = summarize.load(POST)
    feats = features(doc)
    explicit = score_takeaways(doc, shipped_weights()["written"])
    default = score_takeaways(doc)
    assert set(default) == set(explicit) == set(feats.ids)
    assert all(0.0 < v < 1.0 for v in default.values())
    inputs = keep_inputs(doc, feats, explicit)
    assert all(set(KEEP_INPUTS) <= set(values) for values in inputs.values())
    # The sentence that leans on the one before ("This makes it …") is reserve; its input says so.
    leaning = next(s.id for s in doc.sentences if s.text.startswith("This makes"))
    if leaning in inputs:
        assert inputs[leaning]["reserve"] == 1.0


def test_verbless_items_and_subjectless_chinese_items_are_reserve() -> None:
    """A list's item with no verb of its own (English) or that opens at its verb (Chinese) comes last."""
    from summarize.score.takeaways import reserve_of

    en = summarize.load(
        "# Gateway API\n\n- GAMMA Initiative - Gateway API for Service Mesh.\n"
        "- The Gateway resource manages the lifecycle of network gateways as a Kubernetes API.\n"
    )
    held = {s.text for s in en.sentences if s.id in reserve_of(en) and s.kind != "heading"}
    assert any(t.startswith("GAMMA") for t in held) and not any(t.startswith("The Gateway") for t in held)
    zh = summarize.load(
        "# Envoy Gateway 1.0\n\n- 帮助您部署和升级 Envoy，简化 Envoy 的配置操作和生命周期管理。\n"
        "- Envoy Gateway 帮助您部署和升级 Envoy，简化配置操作。\n"
    )
    held = {s.text for s in zh.sentences if s.id in reserve_of(zh) and s.kind != "heading"}
    assert any(t.startswith("帮助") for t in held) and not any(t.startswith("Envoy Gateway") for t in held)
    agent = summarize.load("Envoy Gateway 是官方的 API 网关项目。由我所在公司以及 Emissary、Contour 等项目共同维护。"
                           "由于配置复杂，用户需要一个更简单的 API。")
    held = {s.text for s in agent.sentences if s.id in reserve_of(agent)}
    assert any(t.startswith("由我") for t in held) and not any(t.startswith("由于") for t in held)


def test_sentences_cut_before_their_end_are_reserve() -> None:
    """"… which means.", "… in git and.", a lone "If the service is down." are fragments; whole sentences are not."""
    from summarize.score.takeaways import reserve_of

    doc = summarize.load("Failure mode deny is true which means. The fourth mistake is storing secrets in git and. "
                         "If the rate limit service is down. If a pod runs out of tokens, Envoy rejects the "
                         "request. Local rate limiting keeps a token bucket in every Envoy pod.")
    held = {s.text for s in doc.sentences if s.id in reserve_of(doc)}
    assert held == {"Failure mode deny is true which means.", "The fourth mistake is storing secrets in git and.",
                    "If the rate limit service is down."}


def test_generic_subjects_in_talk_are_reserve() -> None:
    """In an interview, the guest's "You just need to …", "People can …", "There's …" come last; in a meeting (no
    host) and in a written post, they do not."""
    from summarize.score.takeaways import reserve_of

    lines = ["You just need to say why you want to contribute to the release team.",
             "People can pitch in whenever it is work time for them.",
             "There are always several initiatives we are working on at any time.",
             "The release team moved enhancements freeze one week earlier in the cycle."]
    talk = summarize.load("\n\n".join(f"HOST: How does that work, then?\n\nALEX: {line}" for line in lines))
    held = {s.text for s in talk.sentences if s.id in reserve_of(talk) and s.speaker == "ALEX"}
    assert {t.split()[0] for t in held} == {"You", "People", "There"}
    meeting = summarize.load("\n\n".join(f"ALEX: {line}\n\nSAM: {line}" for line in lines))
    assert not reserve_of(meeting)
    post = summarize.load("# Upgrades\n\nYou should drain each node before you upgrade the kubelet on it.\n")
    assert not reserve_of(post) & {s.id for s in post.sentences if s.text.startswith("You")}


def test_front_matter_hosts_are_askers_even_when_they_do_not_ask() -> None:
    """A podcast page names its hosts in the front matter; their turns ("FRANCESC:") are the host's, questions or not."""
    from summarize.score.roles import askers

    turns = "\n\n".join(
        f"FRANCESC: That is really cool stuff, {n}.\n\nVARUN: gRPC uses HTTP/2 streams, so one connection carries call {n}."
        for n in range(4)
    )
    post = '---\ntitle: "gRPC"\nhosts: ["Francesc Campoy Flores", "Mark Mandel"]\n---\n\n' + turns + "\n"
    doc = summarize.load(post)
    assert askers(doc) == {"FRANCESC"}
    assert askers(summarize.load(turns)) == set()  # without the front matter nothing says who hosts


def test_a_credits_line_names_the_host() -> None:
    """ "主持人：宋佳" at the top of a transcript labels no turn: the host is 宋佳, whose turns ask; with no credits line
    the label "主持人" would be taken for the host and the real one's framing scored as points."""
    from summarize.score.roles import askers

    text = ("# 第 3 期\n\n主持人：宋佳\n\n宋佳：大家好，欢迎收听。今天请到了韩工。\n\n韩立程：谢谢邀请，我们把数据库搬上 K8s 两年了。\n\n"
            "宋佳：为什么要搬？\n\n韩立程：因为交付太慢，一个新库要等一周。\n\n宋佳：现在呢？\n\n韩立程：现在十分钟就能交付。\n")
    assert askers(summarize.load(text.encode())) == {"宋佳"}



def test_streamed_scoring_equals_the_inputs_of_keep_inputs() -> None:
    """The scorer builds the keep inputs one candidate at a time; its scores and probabilities must be what the
    whole table (``keep_inputs``, which the fitting tools read) gives, to the last bit."""
    from summarize.score.takeaways import combine, keep_probabilities, register_of

    doc = summarize.load(POST)
    feats = features(doc)
    base = combine(feats, shipped_weights()[register_of(doc)])
    inputs = keep_inputs(doc, feats, base)
    model = shipped_keep_model()
    assert keep_probabilities(doc) == {i: model.probability(inputs[i]) for i in base}
    assert score_takeaways(doc) == {i: model.rank_score(inputs[i], register_of(doc)) for i in base}
