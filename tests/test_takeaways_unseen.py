"""Takeaways on posts written for the tests in the styles users have (not the seeds the code grew up on):
five clean sentences each, and the specific slips a reviewer found on them stay fixed."""

from __future__ import annotations

import re
import warnings

import pytest
from conftest import FIXTURES

import summarize

POSTS = FIXTURES / "posts"
NEW = [
    "gateway-api-hugo.md", "ebpf-cilium.zh.md", "otel-bilingual-interview.md", "kubecon-cost-talk.srt",
    "platform-slo.vtt", "argocd-caption-dump.txt", "wasm-podcast.txt", "kafka-seven-lessons.md",
    "kubeflare-release-notes.md", "platform-meeting.zh.txt",
]
MARKUP_RE = re.compile(r"\{\{[<%]|\]\(|!\[|<[a-z/]|\*\*|`|\[\^|https?://|-->|\d\d:\d\d:\d\d")
LABEL_RE = re.compile(r"^(?:HOST|GUEST|[A-Z][a-z]+ [A-Z][a-z]+|[\u4e00-\u9fff]{2,3})\s*[:：]")
FILLER_RE = re.compile(r"\b(?:uh|um|you know)\b|嗯|呃", re.IGNORECASE)
PROMO_RE = re.compile(r"brought to you by|sponsor|leave us a review|subscribe", re.IGNORECASE)


def summary_of(name: str, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return summarize.summarize(POSTS / name, **options)


@pytest.mark.parametrize("name", NEW)
def test_five_clean_takeaways(name: str) -> None:
    """One to five distinct sentences in the post's language: no markup, labels, fillers, promotion or doubled
    ends; fewer than three only where every other candidate is a reserve sentence (precision first) or the
    scorer is unsure of them (``min_confidence``)."""
    from summarize.score.takeaways import score_takeaways, selection_reserve

    s = summary_of(name)
    texts = [t.text for t in s.takeaways]
    assert 1 <= len(texts) <= 5 and len(set(texts)) == len(texts)
    unsure_too = summary_of(name, min_confidence=0).takeaways
    if len(texts) < 3 and len(unsure_too) < 3:
        doc = s.document
        shown = {i for t in unsure_too for i in t.sentence_ids}  # what min_confidence left out, it left out as unsure
        rest = set(score_takeaways(doc)) - shown
        assert rest <= selection_reserve(doc), [doc.sentences[i].text for i in sorted(rest - selection_reserve(doc))]
    for text in texts:
        assert not MARKUP_RE.search(text), text
        assert not LABEL_RE.match(text), text
        assert not FILLER_RE.search(text), text
        assert not PROMO_RE.search(text), text
        assert not re.search(r"[；;，,：:][。.]$", text), text
        assert not re.search(r"\w,\w", text) or s.lang == "zh", text  # no words fused by a removed filler
        assert text[-1] in ".!?。！？\"”'’)）", text
    langs = {s.document.sentences[i].lang for t in s.takeaways for i in t.sentence_ids}
    assert langs == {s.lang}


def test_podcast_title_and_host() -> None:
    """The episode line is the title; the host's introduction and sponsor reads are never takeaways."""
    s = summary_of("wasm-podcast.txt")
    assert s.title and s.title.startswith("Cloud Native Coffee")
    assert all(t.speaker == "GUEST" for t in s.takeaways)


def test_meeting_hand_overs_are_not_takeaways() -> None:
    """"王芳你来说一下" hands the floor over; it says nothing about the meeting."""
    s = summary_of("platform-meeting.zh.txt", n=12)
    assert s.lang == "zh" and not any("来说一下" in t.text for t in s.takeaways)
    assert not any(t.text.startswith(("好，", "总结一下")) for t in s.takeaways)


def test_seven_lessons_get_one_takeaway_each() -> None:
    """A post of seven numbered lessons: seven takeaways come from seven different sections."""
    s = summary_of("kafka-seven-lessons.md", n=7)
    sections = [s.document.sentences[t.sentence_ids[0]].section for t in s.takeaways]
    assert len(sections) == 7 and len(set(sections)) == 7


def test_bilingual_interview_in_either_language() -> None:
    """Chinese by default (the title's language); English takeaways from the English paragraphs on request."""
    zh = summary_of("otel-bilingual-interview.md")
    en = summary_of("otel-bilingual-interview.md", lang="en", min_confidence=0)
    assert zh.lang == "zh" and en.lang == "en" and len(en.takeaways) == 5
    assert all(re.search(r"[\u4e00-\u9fff]", t.text) for t in zh.takeaways)
    assert not any(re.search(r"[\u4e00-\u9fff]", t.text) for t in en.takeaways)
