"""A post's identity (card ids that survive rebuilds) and its links (the Source field)."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.model import Document
from summarize.quiz import quiz
from summarize.quiz.draft import normalise
from summarize.quiz.post import card_id
from summarize.quiz.post import at_second, card_link, common_base, post_identity, post_link, video_url
from tests.strategies import path_segment

FIXTURES = Path(__file__).parents[1] / "fixtures"


def doc(source: str = "posts/a.md", title: str | None = "A post", **meta: object) -> Document:
    return Document(source=source, format="markdown", blocks=(), title=title, meta=meta)


# --- identity ---------------------------------------------------------------------------------


def test_page_bundles_get_different_ids_alone_together_and_from_any_folder(tmp_path, monkeypatch) -> None:
    """posts/a/index.md and posts/b/index.md asking the same question never share an id, built
    together or alone, from the site root or from inside the posts folder."""
    a, b = tmp_path / "posts/a/index.md", tmp_path / "posts/b/index.md"
    a.parent.mkdir(parents=True)
    together = common_base([a, b])
    ids = {
        "a together": card_id(doc(str(a)), "what-is", "What is Envoy?", base=together),
        "b together": card_id(doc(str(b)), "what-is", "What is Envoy?", base=together),
        "a alone": card_id(doc(str(a)), "what-is", "What is Envoy?"),
        "b alone": card_id(doc(str(b)), "what-is", "What is Envoy?", base=common_base([b])),
    }
    monkeypatch.chdir(tmp_path / "posts")
    ids["a relative"] = card_id(doc("a/index.md"), "what-is", "What is Envoy?")
    assert ids["a together"] == ids["a alone"] == ids["a relative"] != ids["b together"] == ids["b alone"]
    assert post_identity(doc(str(a)), base=together) == "a/index.md"
    assert post_identity(doc(str(tmp_path / "posts/a/index.zh.md"))) == "a/index.zh.md"


def test_flat_posts_keep_the_ids_they_had_before(tmp_path) -> None:
    """A post named by its file keeps the old id (file name + template + question), so decks
    built before this change still update in place instead of doubling."""
    post = tmp_path / "posts" / "envoy.md"
    old = hashlib.sha1(f"envoy.md\x1fwhy\x1f{normalise('Why C++?')}".encode()).hexdigest()[:16]
    assert card_id(doc(str(post)), "why", "Why C++?") == old
    assert card_id(doc(str(post)), "why", "Why C++?", base=common_base([post, tmp_path / "posts/b.md"])) == old


def test_files_in_different_folders_are_told_apart_by_their_folders(tmp_path) -> None:
    first, second = tmp_path / "talks/kubecon/transcript.srt", tmp_path / "talks/istiocon/transcript.srt"
    base = common_base([first, second, "-"])
    assert base == str(tmp_path / "talks")
    assert post_identity(doc(str(first)), base=base) == "kubecon/transcript.srt"
    assert post_identity(doc(str(second)), base=base) == "istiocon/transcript.srt"
    assert common_base(["-"]) is None


def test_front_matter_names_the_post_before_its_path(tmp_path) -> None:
    """url, then slug (with the Hugo section path), then permalink, then the path, then the title."""
    site = tmp_path / "site/content/blog/2024/bundle/index.md"
    assert post_identity(doc(str(site), url="/blog/hello/", slug="x", permalink="/p/")) == "url:/blog/hello"
    assert post_identity(doc(str(site), slug="hello", permalink="/p/")) == "slug:blog/2024/hello"
    assert post_identity(doc(str(tmp_path / "posts/x.md"), slug="/hello/")) == "slug:hello"
    assert post_identity(doc("x.md", slug="hello", section="news")) == "slug:news/hello"
    assert post_identity(doc(str(site), permalink="https://Example.COM/p/1/index.html")) == "url:example.com/p/1"
    assert post_identity(doc("<stdin>", title="Notes")) == "Notes"
    assert post_identity(doc("<stdin>", title=None)) == "<stdin>"
    # not strings, or empty: ignored
    assert post_identity(doc(str(tmp_path / "x.md"), url=["/a/"], slug="  ")) == "x.md"


def test_same_url_same_id_however_it_is_spelled() -> None:
    spellings = ["https://istio.io/blog/x/", "http://ISTIO.io/blog/x", " https://istio.io/blog/x/index.html "]
    assert len({post_identity(doc("a.md", url=url)) for url in spellings}) == 1
    assert post_identity(doc("a.md", url="https://istio.io/blog/y/")) != post_identity(doc("a.md", url=spellings[0]))


@settings(max_examples=60, deadline=None)
@given(folders=st.lists(path_segment, min_size=1, max_size=4), name=path_segment)
def test_identity_does_not_depend_on_how_or_where_the_path_is_given(folders, name) -> None:
    """Absolute or relative, from any working folder, NFC or NFD: the same file, the same identity."""
    root = Path("/srv/checkout") / Path(*folders)
    path = root / f"{name}.md"
    expected = post_identity(doc(str(path)))
    assert "\\" not in expected and not expected.startswith(("./", "/"))
    assert post_identity(doc(unicodedata.normalize("NFD", str(path)))) == expected
    cwd = os.getcwd()
    try:
        os.chdir("/")
        assert post_identity(doc(os.path.relpath(path, "/"))) == expected
    finally:
        os.chdir(cwd)
    moved = Path("/home/someone/else") / Path(*folders) / f"{name}.md"
    assert post_identity(doc(str(moved))) == expected  # another machine, another checkout


# --- links ------------------------------------------------------------------------------------


def test_post_link_prefers_metadata_link_and_only_links_http() -> None:
    assert post_link(doc(link="https://a.example/x", url="https://b.example/y")) == "https://a.example/x"
    assert post_link(doc(url="https://b.example/y", permalink="https://c.example/z")) == "https://b.example/y"
    assert post_link(doc(url="/relative/", canonical="https://c.example/z")) == "https://c.example/z"
    assert post_link(doc(source_url="https://orig.example/a", url="https://b.example/y")) == "https://b.example/y"
    assert post_link(doc(source_url="https://orig.example/a")) == "https://orig.example/a"
    assert post_link(doc(link="javascript:alert(1)", url="ftp://x.example/")) is None
    assert post_link(doc(url="https://x.example/a b")) is None  # spaces inside: not a URL


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=abc123", "https://www.youtube.com/watch?v=abc123&t=123s"),
        ("https://www.youtube.com/watch?v=abc123&t=5s", "https://www.youtube.com/watch?v=abc123&t=123s"),
        ("https://youtu.be/abc123", "https://youtu.be/abc123?t=123s"),
        ("https://www.bilibili.com/video/BV1xx411c7mD", "https://www.bilibili.com/video/BV1xx411c7mD?t=123"),
        ("https://vimeo.com/76979871", "https://vimeo.com/76979871#t=123s"),
        ("https://example.com/talk.mp4", "https://example.com/talk.mp4"),
    ],
)
def test_video_links_open_at_the_caption_second(url, expected) -> None:
    assert at_second(url, 123.9) == expected


def test_video_from_metadata_or_embeds() -> None:
    assert video_url(doc(videos=["https://youtu.be/x1"], url="https://www.youtube.com/watch?v=y2")) == "https://youtu.be/x1"
    assert video_url(doc(embeds=[{"kind": "figure", "id": "/a.png"}, {"kind": "youtube", "id": "dQw4w9WgXcQ"}])) == (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    assert video_url(doc(embeds=[{"kind": "bilibili", "id": "BV1xx"}])) == "https://www.bilibili.com/video/BV1xx"
    assert video_url(doc(url="https://blog.example/post/")) is None
    # a timed card goes to the video; an untimed one (or a post with no video) to the post
    post = doc(url="https://blog.example/post/", embeds=[{"kind": "youtube", "id": "v1"}])
    assert card_link(post, 61.0) == "https://www.youtube.com/watch?v=v1&t=61s"
    assert card_link(post, None) == "https://blog.example/post/"
    assert card_link(doc(), 61.0) is None


def test_caption_cards_link_to_the_video_at_their_second() -> None:
    """A caption whose metadata names its video (a dump's "URL:" line) links every card into the video
    where it was said."""
    import dataclasses

    from summarize import load

    assert load(FIXTURES / "posts/argocd-caption-dump.txt").meta["url"] == "https://www.youtube.com/watch?v=abc123XYZ00"
    # the talk's one card asks a reason of "a runner"; named ("a GitLab runner"), it passes the precision checks
    text = (FIXTURES / "posts/platform-slo.vtt").read_text(encoding="utf-8")
    talk = load(text.replace("A runner can be perfectly healthy", "A GitLab runner can be perfectly healthy"))
    cards = quiz(dataclasses.replace(talk, meta={**talk.meta, "url": "https://www.youtube.com/watch?v=abc123XYZ00"}))
    assert cards
    for card in cards:
        assert card.time is not None
        assert card.link == f"https://www.youtube.com/watch?v=abc123XYZ00&t={int(card.time)}s"


def test_a_post_without_a_link_has_none_and_a_translation_links_its_original() -> None:
    cards = quiz(FIXTURES / "quiz/strict-written.md")
    assert cards and all(card.link is None for card in cards)
    assert all(card.to_dict()["link"] is None for card in cards)
    import dataclasses

    from summarize import load

    original = "https://thenewstack.io/5-supply-chain-practices-for-kubernetes-platform-teams/"
    assert load(FIXTURES / "sites/tns-zh-translation.md").meta["source_url"] == original
    post = load(FIXTURES / "quiz/strict-written.md")
    translated = quiz(dataclasses.replace(post, meta={**post.meta, "source_url": original}))
    assert translated and {card.link for card in translated} == {original}


def test_quiz_base_gives_the_ids_the_engine_would_give(tmp_path) -> None:
    """quiz(base=…) recomputes ids from the final question: with the post's own folder as base,
    they must equal the engine's ids (so the engine and the rebase agree on what is hashed)."""
    post = FIXTURES / "quiz/strict-written.md"
    default = quiz(post)
    assert default
    rebased = quiz(post, base=post.parent)
    assert [c.id for c in default] == [c.id for c in rebased]
    elsewhere = quiz(post, base=FIXTURES)
    assert all(a.id != b.id for a, b in zip(default, elsewhere))
