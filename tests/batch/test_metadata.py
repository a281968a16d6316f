"""A post's metadata for builders (parse/metadata.py) and the bounds on front matter (parse/frontmatter.py)."""

from __future__ import annotations

import dataclasses
import json
import time
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from strategies import front_matter, url_like

import summarize
from summarize.model import Block, Card, Document
from summarize.parse import read_text
from summarize.parse.frontmatter import FrontMatterWarning
from summarize.parse.metadata import PostMeta, http_url, parse_date, post_link, post_meta, safe_url
from summarize.takeaways import Summary, Takeaway

HUGO = """---
title: Ambient mode
authors: [Lin Sun, {name: John Howard}]
summary: Why ambient mode drops the sidecar.
tags: [istio, ambient]
categories: Service Mesh
publishDate: 2024-03-01T23:30:00-08:00
lastmod: 2024-03-05
url: /blog/ambient/
metadata:
  video: https://www.youtube.com/watch?v=O-bHqDpStoE&list=x
---

{{< bilibili BV1Zj411E7wH >}}

## Why it matters

Ambient mode removes the sidecar proxy. Teams adopt it because memory use drops sharply.
"""


def test_hugo_front_matter_becomes_typed_metadata() -> None:
    """Every spelling a Hugo post uses ends up in one PostMeta; the date keeps its time and zone."""
    doc = read_text(HUGO, source="ambient.md", fmt="markdown")
    meta = post_meta(doc.meta, base_url="https://istio.io")
    assert meta.authors == ("Lin Sun", "John Howard") and meta.author == "Lin Sun, John Howard"
    assert meta.description == "Why ambient mode drops the sidecar."
    assert meta.tags == ("istio", "ambient") and meta.categories == ("Service Mesh",)
    assert meta.link == "https://istio.io/blog/ambient/"
    assert meta.videos == ("https://www.bilibili.com/video/BV1Zj411E7wH", "https://www.youtube.com/watch?v=O-bHqDpStoE")
    assert meta.date is None and meta.publish_date == "2024-03-01T23:30:00-08:00"
    assert meta.published == datetime(2024, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-8)))
    assert meta.updated == datetime(2024, 3, 5) and meta.dated


def test_takeaway_fields_all_round_trip() -> None:
    """Every Takeaway field survives Summary.from_dict (a new field needs from_dict too)."""
    full = Takeaway("Envoy is fast.", (1, 2), 3, 4.5, "Ann", "So, Envoy is, um, fast.")
    assert {f.name for f in dataclasses.fields(Takeaway)} == set(full.to_dict())
    summary = Summary("p.md", "T", "en", "takeaways", (full,), {})
    assert Summary.from_dict(summary.to_dict()).takeaways == (full,)


def test_summary_exposes_metadata_and_round_trips() -> None:
    """Summary.metadata reads the front matter; from_dict(to_dict()) gives the same JSON back."""
    summary = summarize.summarize(HUGO, n=2)
    assert summary.date == "2024-03-01T23:30:00-08:00"  # publishDate counts: the post is dated
    data = summary.to_dict()
    assert data["metadata"]["authors"] == ["Lin Sun", "John Howard"] and data["metadata"]["dated"] is True
    again = Summary.from_dict(json.loads(json.dumps(data)))
    assert again.to_dict() == data and again.metadata.published == summary.metadata.published


def test_undated_post_says_so() -> None:
    """No date, publishDate or lastmod: dated is False and published is None."""
    meta = summarize.summarize("Kubernetes schedules pods onto nodes. The scheduler scores nodes.", n=1).metadata
    assert meta.published is None and not meta.dated and meta.to_dict()["dated"] is False


@pytest.mark.parametrize(("meta", "base", "link"), [
    ({"canonical_url": "https://a.example/x", "url": "/y/"}, None, "https://a.example/x"),
    ({"permalink": "https://a.example/p/"}, None, "https://a.example/p/"),
    ({"url": "/posts/x/"}, None, "/posts/x/"),
    ({"url": "/posts/x/"}, "https://site.example/", "https://site.example/posts/x/"),
    ({"slug": "hello-world"}, "https://site.example/blog", "https://site.example/blog/hello-world/"),
    ({"slug": "hello-world"}, None, None),
    ({"link": "javascript:alert(1)"}, None, None),
    ({"source_url": "https://thenewstack.io/x/"}, None, "https://thenewstack.io/x/"),
    ({"url": "/mine/", "source_url": "https://thenewstack.io/x/"}, "https://me.example", "https://me.example/mine/"),
])
def test_link_chain(meta: dict[str, str], base: str | None, link: str | None) -> None:
    """Absolute link keys first, then relative ones (absolute with a base), the source line, then slug."""
    assert post_link(meta, base_url=base) == link


def test_source_line_link_from_a_hand_built_document(tmp_path: Path) -> None:
    """A reader that records "原文：<url>" as meta['source_url'] gives the digest its link."""
    doc = Document("post.md", "markdown", (Block("paragraph", "服务网格把重试移出应用代码。它很有用。", 1, 1),),
                   meta={"source_url": "https://thenewstack.io/mesh/"})
    assert post_meta(doc.meta).link == "https://thenewstack.io/mesh/"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:x", " javascript:x",
                                 "data:text/html,<b>", "vbscript:x", "file:///etc/passwd", "foo:bar", "http:",
                                 "https://a.example/\x00", "https://a.example/\"onmouseover=x"])
def test_unsafe_urls_are_refused(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["https://a.example/x?a=1&b=2", "http://a.example", "/posts/x/", "x/y.html", "#top"])
def test_safe_urls_pass(url: str) -> None:
    assert safe_url(url) == url


@given(url_like)
def test_one_url_rule(value: str) -> None:
    """http_url (quiz cards, Anki) is safe_url (renderers) restricted to absolute links with a host."""
    absolute = http_url(value)
    assert absolute is None or (absolute == safe_url(value) and absolute.lower().startswith(("http://", "https://")))


@pytest.mark.parametrize(("url", "expected"), [
    (" https://a.example/x?a=1&b=2 ", "https://a.example/x?a=1&b=2"), ("HTTP://A.example", "HTTP://A.example"),
    ("/posts/x/", None), ("http:/x", None), ("https://", None), ("javascript:alert(1)", None),
    ("https://evil.example\\@good.example/", None), ("https://a.example/\"onmouseover=x", None),
    ("https://a.example/ x", None), (None, None), ("https://" + "a" * 2_000, None),
])
def test_http_url(url: object, expected: str | None) -> None:
    assert http_url(url) == expected


def test_backslashes_are_refused_everywhere() -> None:
    """A backslash reads as "/" to browsers, so it is refused in any position (it once was only at the start)."""
    assert safe_url("https://evil.example\\@good.example/") is None and safe_url("\\\\host/x") is None
    assert safe_url("posts\\x") is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-03-01T23:30:00-08:00", datetime(2024, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-8)))),
    ("2024-03-01 23:30:00 +0800", datetime(2024, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=8)))),
    ("2024-03-01T10:00:00Z", datetime(2024, 3, 1, 10, tzinfo=timezone.utc)),
    ("2024/3/1", None), ("March 1, 2024", datetime(2024, 3, 1)), ("2024年3月1日", datetime(2024, 3, 1)),
    ("someday", None),
])
def test_parse_date(raw: str, expected: datetime | None) -> None:
    if raw == "2024/3/1":
        expected = datetime(2024, 3, 1)
    assert parse_date(raw) == expected


@given(front_matter())
@settings(max_examples=150, deadline=None)
def test_canonical_metadata_reads_back_the_same(meta: dict[str, object]) -> None:
    """post_meta(m.to_meta()) == m, and from_dict(to_dict()) == m: a cached summary keeps its facts."""
    first = post_meta(meta)
    assert post_meta(first.to_meta()) == first
    assert PostMeta.from_dict(json.loads(json.dumps(first.to_dict()))) == first
    assert first.link is None or safe_url(first.link) == first.link


def _laughs(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + f"\ntitle: *a{levels - 1}\ndate: 2024-01-02\n---\n\nBody text here. More text.\n"


def test_billion_laughs_is_refused_quickly() -> None:
    """Ten levels of YAML aliases (10**10 values) are refused with a warning in well under a second."""
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = read_text(_laughs(10), source="laughs.md", fmt="markdown")
    assert time.perf_counter() - start < 2.0
    assert any(issubclass(w.category, FrontMatterWarning) and "'title' expands to more than 10,000 values"
               in str(w.message) for w in caught)
    assert "title" not in doc.meta and doc.meta["date"] == "2024-01-02"


def test_oversized_front_matter_is_not_parsed() -> None:
    """A block over 64 KB is ignored with a warning; the body is still read and its fences stay out."""
    text = "---\ntitle: Big\nnotes: " + "x" * 70_000 + "\n---\n\nThe body is read. It has two sentences.\n"
    with pytest.warns(FrontMatterWarning, match="over the 64 KB limit"):
        doc = read_text(text, source="big.md", fmt="markdown")
    assert doc.meta == {} and [b.text for b in doc.blocks] == ["The body is read. It has two sentences."]


@pytest.mark.parametrize(("yaml", "field"), [
    ("title: [a, b]", "'title' is a list, not a string"),
    ("title: {x: 1}", "'title' is a mapping, not a string"),
    ("date: [2024]", "'date' is a list"),
    ("author: true", "'author' is bool"),
    ("tags: [a, [b, c]]", "'tags' is not a list of short strings"),
    ("title: " + "t" * 2_100, "'title' is 2,100 characters long"),
])
def test_printed_fields_must_be_short_strings(yaml: str, field: str) -> None:
    """A title, date, author or tag that is not a short string (or list of them) is refused, with a warning."""
    with pytest.warns(FrontMatterWarning, match=field):
        doc = read_text(f"---\n{yaml}\nother: [1, 2]\n---\n\nBody text. More.\n", source="p.md", fmt="markdown")
    assert doc.meta == {"other": [1, 2]}


def test_numbers_and_author_objects_are_accepted() -> None:
    """`title: 1984` and `author: {name: …}` are usable; no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = read_text("---\ntitle: 1984\nauthor: {name: Orwell}\n---\n\nBody text. More.\n", fmt="markdown")
    assert post_meta(doc.meta).title == "1984" and post_meta(doc.meta).authors == ("Orwell",)


def test_card_from_dict_round_trips_and_refuses_bad_types() -> None:
    """Card.from_dict(card.to_dict()) == card; a wrong type is a ValueError naming the key."""
    card = Card("c1", "what", "What is Envoy?", "A proxy.", (3,), "Envoy is a proxy.", 7, "what-is", "en",
                "post.md", title="T", time=1.5, tags=("istio",), score=0.5, link="https://a.example/p#t=3")
    assert {f.name for f in dataclasses.fields(Card)} == set(card.to_dict())  # a new field needs from_dict too
    assert Card.from_dict(json.loads(json.dumps(card.to_dict()))) == card
    with pytest.raises(ValueError, match="'link'"):
        Card.from_dict({**card.to_dict(), "link": "javascript:alert(1)"})
    with pytest.raises(ValueError, match="'line'"):
        Card.from_dict({**card.to_dict(), "line": "7"})
    with pytest.raises(ValueError, match="'sentence_ids'"):
        Card.from_dict({**card.to_dict(), "sentence_ids": 3})


def test_reader_puts_the_normalised_link_in_meta() -> None:
    """meta["link"] holds the absolute link the front matter names (canonical_url first), for the exporters;
    a relative one is left to --base-url."""
    doc = read_text("---\ncanonical_url: https://a.example/x\nlink: https://b.example/\n---\n\nBody. Text.\n",
                    fmt="markdown")
    assert doc.meta["link"] == "https://a.example/x"
    assert "link" not in read_text("---\nurl: /posts/x/\n---\n\nBody. Text.\n", fmt="markdown").meta
