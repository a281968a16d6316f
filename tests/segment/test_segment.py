"""Sentence segmentation: fixture cases, and the properties every later stage relies on."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES
from fixture_file import read_cases
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import any_text, en_sentence, prose

from summarize.model import Block, Document
from summarize.segment import block_spans, segment


def sentences_of(text: str) -> list[str]:
    doc = Document("<t>", "text", (Block("paragraph", text, 1, 1 + text.count("\n")),))
    return [s.text for s in segment(doc).sentences]


@pytest.mark.parametrize(("source", "expected"), read_cases(FIXTURES / "segment_en.txt"))
def test_english_cases(source: str, expected: list[str]) -> None:
    """English fixture cases split exactly as written."""
    assert sentences_of(source) == expected


@pytest.mark.parametrize(("source", "expected"), read_cases(FIXTURES / "segment_zh.txt"))
def test_chinese_cases(source: str, expected: list[str]) -> None:
    """Chinese fixture cases split exactly as written."""
    assert sentences_of(source) == expected


def test_languages_are_tagged_per_sentence() -> None:
    """A bilingual paragraph tags each sentence with its own language."""
    doc = Document("<t>", "text", (Block("paragraph", "Istio 是一个服务网格。We picked Envoy over Nginx.", 1, 1),))
    assert [s.lang for s in segment(doc).sentences] == ["zh", "en"]


def test_hard_wrapped_chinese_paragraph_is_joined() -> None:
    """A Chinese paragraph broken every ~25 characters is not cut at every line end."""
    text = "Istio 是一个开源的服务网格项目，它为微服务提供流量\n管理、安全和可观测性等能力，并且使用 Envoy 作为\n数据平面的代理。这是第二句话，它也被折行了但是\n最终以句号结束。"
    assert sentences_of(text) == [
        "Istio 是一个开源的服务网格项目，它为微服务提供流量管理、安全和可观测性等能力，并且使用 Envoy 作为数据平面的代理。",
        "这是第二句话，它也被折行了但是最终以句号结束。",
    ]


def test_two_line_chinese_paragraph_with_a_version_number_is_joined() -> None:
    """"Istio 1.9" has a dot but ends no sentence: a long first line with no real sentence end runs on."""
    text = "在 Istio 1.9 中，授权策略中的 CUSTOM 操作允许您轻松地将\nIstio 与任何外部授权系统集成，并具备以下优势："
    assert sentences_of(text) == [
        "在 Istio 1.9 中，授权策略中的 CUSTOM 操作允许您轻松地将 Istio 与任何外部授权系统集成，并具备以下优势：",
    ]


def _covers(text: str, spans: list[tuple[int, int]]) -> None:
    covered = [False] * len(text)
    last_end = 0
    for a, b in spans:
        assert last_end <= a < b <= len(text), f"span {(a, b)} overlaps or is out of order"
        assert text[a:b].strip(), "empty sentence"
        for i in range(a, b):
            covered[i] = True
        last_end = b
    lost = [ch for ch, c in zip(text, covered) if not c and not ch.isspace()]
    assert not lost, f"characters outside every sentence: {lost!r}"


@given(prose())
@settings(max_examples=150, deadline=None)
def test_spans_cover_every_character_of_prose(text: str) -> None:
    """Every non-space character lands in exactly one sentence, in order, with none empty."""
    _covers(text, block_spans(text))


@given(any_text)
@settings(max_examples=150, deadline=None)
def test_arbitrary_unicode_never_raises_and_loses_nothing(text: str) -> None:
    """Any Unicode at all segments without raising, and still loses no character."""
    _covers(text, block_spans(text))


@given(prose())
@settings(max_examples=50, deadline=None)
def test_segmentation_is_deterministic(text: str) -> None:
    """The same text always gives the same spans."""
    assert block_spans(text) == block_spans(text)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t ", "\u3000\u00a0"])
def test_empty_and_whitespace_give_no_sentences(text: str) -> None:
    """Nothing to cut gives no sentence and no error."""
    from summarize.pipeline import load

    assert block_spans(text) == []
    assert load(text.encode()).sentences == ()


ABBREVIATIONS = ["Dr.", "e.g.", "i.e.", "vs.", "U.S.", "Mr.", "etc.", "p.m.", "a.m."]


@given(
    st.lists(en_sentence(), min_size=1, max_size=4),
    st.sampled_from(ABBREVIATIONS),
    st.sampled_from(["3.5", "1.4.2", "0.1", "2.0"]),
)
@settings(max_examples=150, deadline=None)
def test_abbreviations_and_decimals_never_end_a_sentence(sentences: list[str], abbreviation: str, number: str) -> None:
    """A sentence boundary never falls right after an abbreviation or inside a number."""
    middle = f"We compared {abbreviation} Istio with {number} of them here."
    text = " ".join([*sentences, middle, *sentences])
    spans = block_spans(text)
    start = text.index(middle)
    inside = range(start + 1, start + len(middle))
    assert not [b for _, b in spans if b in inside], f"split inside {middle!r}: {[text[a:b] for a, b in spans]}"


def test_segmentation_needs_no_nltk_data(tmp_path, monkeypatch) -> None:
    """Punkt runs on the shipped parameters even when NLTK can find no data at all."""
    import nltk

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    assert sentences_of("It works, e.g. offline. Really.") == ["It works, e.g. offline.", "Really."]
    assert not re.search("nltk_data", str(nltk.data.path))


def test_an_overlong_sentence_of_a_timed_caption_is_cut_by_the_boundary_model() -> None:
    """A caption a recogniser punctuated only here and there: its 60-word "sentence" is speech run together, while
    the same words as untimed prose are left as their author wrote them."""
    lines = ("We moved every cluster to the new runtime.", "It took four months.", "Nobody noticed the switch.",
             "each cluster took about two days including a one-day soak", "and we kept the old node pool template for a week",
             "so rollback was one command", "we did roll back once that was the registry mirror problem",
             "the results forty clusters moved in about four months", "one runtime one config one runbook",
             "node related incidents went down by a third", "and the thing I want you to take home is this.")
    text = "\n".join(lines)
    marks, offset = [], 0
    for k, line in enumerate(lines):
        marks.append((offset, 3.0 * k))
        offset += len(line) + 1
    margins: dict[tuple[int, int], float] = {}
    long_start = text.index("each cluster")
    timed = block_spans(text, marks, margins)
    cut = [span for span in timed if span[0] >= long_start]
    assert len(text[long_start:].split()) > 50 and len(cut) > 1
    assert all(span in margins for span in cut)  # cut by the model: its confidence is on record
    assert cut[0][0] == long_start and cut[-1][1] == len(text)
    untimed = block_spans(text)
    assert [span for span in untimed if span[0] >= long_start] == [(long_start, len(text))]
