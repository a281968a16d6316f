"""The quiz on a long input (issue 15): past the scorer's threshold (score/bounded.py) it reads the scorer's pool,
not every sentence; below it, it never takes that path.

The real threshold (20,000 sentences) is far too big for a unit test: each test lowers it on the module, which
every caller reads at call time, and builds fresh documents (the memos are per document).
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import caption_doc, markdown_doc, transcript_doc

from summarize.errors import SummarizeError
from summarize.pipeline import load
from summarize.quiz import engine, quiz
from summarize.quiz.cloze import key_terms
from summarize.quiz.context import Context
from summarize.quiz.packs import load_packs
from summarize.score import bounded

_NAMES = ("Envoy", "Istio", "Linkerd", "Cilium", "Kiali", "Jaeger", "Prometheus", "Grafana", "Nginx", "Consul")


def _post(n: int) -> str:
    """A post of ``n`` sentences naming tools and defining a few, so templates, topics and key terms have work."""
    out = []
    for i in range(n):
        name = _NAMES[i % len(_NAMES)]
        if i % 5 == 0:
            out.append(f"{name} is a proxy that routes traffic for team {i}.")
        else:
            out.append(f"The platform team measured {name} latency in cluster {i} and cut it by {i % 40 + 2} percent.")
        if i % 6 == 5:
            out.append("\n\n")
    return "# Mesh notes\n\n" + " ".join(out)


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "BOUNDED_ABOVE", 40)
    monkeypatch.setattr(bounded, "POOL_SIZE", 12)


def _record_template_sentences(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the sentences the quiz tries its templates on, from now on."""
    tried: list[int] = []
    real_apply = engine._apply

    def recording_apply(t, s, ctx):  # type: ignore[no-untyped-def]
        tried.append(s.id)
        return real_apply(t, s, ctx)

    monkeypatch.setattr(engine, "_apply", recording_apply)
    return tried


def test_a_long_post_is_quizzed_from_its_pool(small_threshold: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the threshold the templates, the topic's counts and the key terms read only the pool."""
    doc = load(_post(150))
    assert bounded.is_long(doc)
    pool = {s.id for s in bounded.scope(doc)}
    tried = _record_template_sentences(monkeypatch)
    counted: list[str] = []
    real_entities_in = Context.entities_in

    def recording_entities_in(self, text):  # type: ignore[no-untyped-def]
        counted.append(text)
        return real_entities_in(self, text)

    monkeypatch.setattr(Context, "entities_in", recording_entities_in)
    ctx = Context.build(doc, load_packs(())["en"])
    pool_texts = {doc.sentences[i].text for i in pool}
    assert counted and set(counted) <= pool_texts  # the topic is counted over the pool
    pool_text = "\n".join(doc.sentences[i].text for i in sorted(pool))
    assert all(term in pool_text for term in key_terms(doc, ctx))
    cards = quiz(doc)
    assert tried and set(tried) <= pool
    assert cards
    for card in cards:
        assert all(0 <= i < len(doc.sentences) for i in card.sentence_ids)


def test_below_the_threshold_the_quiz_reads_every_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """An ordinary post: templates are tried on sentences outside any pool the first pass would pick."""
    doc = load(_post(150))
    assert not bounded.is_long(doc)
    would_be_pool = set(bounded.first_pass(doc, 12))
    tried = _record_template_sentences(monkeypatch)
    quiz(doc)
    assert set(tried) - would_be_pool


_SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.one_of(markdown_doc(), caption_doc(), transcript_doc(), st.integers(41, 80).map(_post)))
def test_bounded_cards_come_from_sentences_of_the_input(text: str) -> None:
    """Whatever the input, a bounded quiz's cards point at sentences of it and quote them as they read."""
    with mock.patch.multiple(bounded, BOUNDED_ABOVE=3, POOL_SIZE=4):  # every input past the threshold
        try:
            doc = load(text)
        except SummarizeError:
            return  # a caption file with no readable cue: nothing to ask about
        cards = quiz(doc) if doc.sentences else []
    for card in cards:
        assert card.sentence_ids and all(0 <= i < len(doc.sentences) for i in card.sentence_ids)
        assert card.source_text == " ".join(doc.sentences[i].text for i in card.sentence_ids)


@_SETTINGS
@given(st.one_of(markdown_doc(), caption_doc(), transcript_doc(), st.integers(41, 80).map(_post)))
def test_below_the_threshold_the_quiz_never_takes_the_bounded_path(text: str) -> None:
    """For inputs at or under the threshold the quiz never calls the first pass (nor anything reads a pool)."""
    try:
        doc = load(text)
    except SummarizeError:
        return
    assert len(doc.sentences) <= bounded.BOUNDED_ABOVE
    with mock.patch.object(bounded, "first_pass", side_effect=AssertionError("the first pass ran on an ordinary input")):
        if doc.sentences:
            quiz(doc)
