"""Commas inside English ASR units: only punctuation is added, where the pause model is sure, never at a cut."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import any_text

from summarize.parse import read_text
from summarize.segment import segment
from summarize.segment.asr import PAUSE_FILE, gap_scores, split_unpunctuated, unpunctuate

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT / "tools"))

#: The English raw-caption fixtures (no punctuation, no capitals) the commas are for.
CAPTIONS = (
    "unseen2/meetup-gateway-asr.en.vtt",
    "unseen3/meetup-ebpf-asr.en.vtt",
    "unseen4/meetup-node-patching-asr.en.vtt",
    "unseen5/meetup-bare-metal-asr.en.vtt",
    "unseen8/meetup-dns-caching-asr.en.srt",
    "posts/argocd-caption-dump.txt",
)

WORDY = st.lists(
    st.sampled_from("so and the we i yeah okay istio mesh is it's a of to 2018 right thanks replace don't patch "
                    "budgets, (slowly) 你好 café".split()),
    max_size=80,
).map(" ".join)


@settings(deadline=None)
@given(st.one_of(any_text, WORDY))
def test_commas_stand_inside_their_span_after_a_bare_word(text: str) -> None:
    """One tuple per span; each comma goes at the end of a word inside its span (never at the span's end, where the
    text is cut), after a letter or digit (a word that ends with a mark keeps its own), and the spans are the same
    as without commas."""
    commas: list[tuple[int, ...]] = []
    spans = split_unpunctuated(text, commas=commas)
    assert spans == split_unpunctuated(text)
    assert len(commas) == len(spans)
    word_ends = {m.end() for m in re.finditer(r"\S+", text)}
    for (start, end), offsets in zip(spans, commas):
        assert list(offsets) == sorted(set(offsets))
        for offset in offsets:
            assert start < offset < end and offset in word_ends
            assert text[offset - 1].isalnum()


def test_a_comma_goes_where_the_pause_model_passes_its_threshold() -> None:
    """The commas of a unit are exactly its inner gaps whose pause score is positive (the threshold is folded in)."""
    text = ("we got back around twenty percent of cpu across the production clusters which for us was about two "
            "hundred and forty nodes")
    commas: list[tuple[int, ...]] = []
    spans = split_unpunctuated(text, commas=commas)
    words = text.split()
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    expected = [ends[i] for i, z in enumerate(gap_scores(words, PAUSE_FILE)) if z > 0]
    cuts = {end for _start, end in spans}
    assert [o for offsets in commas for o in offsets] == [o for o in expected if o not in cuts]
    assert ends[words.index("clusters")] in commas[0]  # "... production clusters, which for us was ..."


def test_unpunctuate_reports_inner_marks_apart_from_boundaries() -> None:
    marks: set[int] = set()
    text, gold = unpunctuate("Replace, don't patch; roll out slowly: with surge. And watch, the age,\nNext turn.",
                             pauses=marks)
    assert text.split()[:3] == ["replace", "don't", "patch"]
    assert gold == {7, 11}  # after "surge." and at the end of the first line
    assert marks == {0, 2, 5, 9}  # after "Replace," "patch;" "slowly:" "watch," (not "age,": a turn ends there)
    assert unpunctuate("Replace, don't patch.") == ("replace don't patch", frozenset())


def _caption_sentences(name: str):
    path = FIXTURES / name
    return segment(read_text(path.read_text(encoding="utf-8"), source=str(path))).sentences


@pytest.mark.parametrize("name", CAPTIONS)
def test_caption_clean_views_add_only_commas(name: str) -> None:
    """The printed (clean) view of a raw caption may delete fillers but adds nothing except commas: its words,
    commas taken out, are the sentence's words in order, each unchanged."""
    for sentence in _caption_sentences(name):
        clean_words = sentence.clean.replace(",", " ").split()
        text_words = iter(sentence.text.split())
        assert all(word in text_words for word in clean_words), (sentence.text, sentence.clean)


def test_a_spoken_list_in_a_caption_reads_with_its_commas() -> None:
    """The caption fixtures get commas (a pause model that placed none would pass the test above)."""
    cleans = [s.clean for name in CAPTIONS for s in _caption_sentences(name)]
    assert sum(c.count(",") for c in cleans) >= 10
    assert any("budgets, and watch the age of your oldest node" in c for c in cleans)
