"""Posts written in the styles users have (Hugo, Hexo, Jekyll interviews, Otter exports): the
sentence contract of `summarize sentences` holds on each."""

from __future__ import annotations

import re
import warnings

import pytest
from conftest import FIXTURES

from summarize.pipeline import load

POSTS = sorted((FIXTURES / "posts").iterdir())
MARKUP_RE = re.compile(r"\{\{[<%]|\]\(|!\[|<svg|<details|<summary|<!--|\*\*|```|\[\^|^\s*(?:title|date|tags|layout|draft):", re.IGNORECASE)
LABEL_RE = re.compile(r"^(?:Host|Matt|Lin Sun|Craig Box)\s*:")
NONSPEECH_RE = re.compile(r"\[(?:laughs|applause)\]", re.IGNORECASE)


@pytest.fixture(scope="module")
def docs():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {p.name: load(p) for p in POSTS}


@pytest.mark.parametrize("name", [p.name for p in POSTS])
def test_no_markup_labels_or_tags_in_sentences(docs, name: str) -> None:
    """No sentence carries markup, front matter, a speaker label or a non-speech tag."""
    for s in docs[name].sentences:
        assert not MARKUP_RE.search(s.text), s
        assert not LABEL_RE.match(s.text), s
        assert not NONSPEECH_RE.search(s.text), s


def texts(docs, name: str) -> list[str]:
    return [s.text for s in docs[name].sentences]


def test_hugo_post(docs) -> None:
    """Shortcode-wrapped prose, details, footnotes and lists are read; code and tables are not sentences."""
    doc, got = docs["hugo-blog.md"], texts(docs, "hugo-blog.md")
    assert doc.title == "Why we moved our mesh to Ambient" and doc.meta["tags"] == ["istio", "ambient mesh"]
    assert "This post reflects Istio 1.22; details may change in later versions." in got
    assert "We run 40 clusters with about 12,000 pods in total." in got
    assert "Waypoints are Envoy-based proxies deployed per namespace or service account." in got
    assert "Restart the pods once." in got
    assert any(t.startswith("See the official docs for the full picture") for t in got)
    assert not any("apiVersion" in t or "Proxies per node" in t for t in got)
    assert {s.lang for s in doc.sentences} == {"en"}


def test_hexo_chinese_post(docs) -> None:
    """Hexo front matter without an opening fence, a line with no final punctuation, and a list."""
    got = texts(docs, "hexo-zh.md")
    assert "这一段没有句号结尾" in got
    assert "整个过程持续了半年！" in got
    assert "流量管理能力统一到了控制平面；" in got
    assert all(s.lang == "zh" for s in docs["hexo-zh.md"].sentences)


def test_jekyll_interview(docs) -> None:
    """Bold labels become speakers; [laughs] and [applause] are gone; years stay."""
    doc = docs["interview-jekyll.md"]
    speakers = {s.speaker for s in doc.sentences}
    assert speakers == {"Host", "Matt"}
    assert "It graduated from the CNCF in 2018." in texts(docs, "interview-jekyll.md")


def test_otter_transcript(docs) -> None:
    """Otter headers give speaker and time; the clean view drops fillers and stutters."""
    doc = docs["otter.txt"]
    first = next(s for s in doc.sentences if s.speaker == "Lin Sun")
    assert first.time == 3.0 and first.text.startswith("So the main item today")
    stutter = next(s for s in doc.sentences if "finish the auto" in s.text)
    assert stutter.clean == "we need to finish the auto mTLS docs." and stutter.text.startswith("Um, we, we")
    assert next(s for s in doc.sentences if s.text.startswith("Code freeze")).time == 30.0
