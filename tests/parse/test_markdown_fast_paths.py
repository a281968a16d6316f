"""Speed paths of the Markdown reader (issue 16), which must change nothing but time: the shortcut for inline text
without markup (parse/markdown.py ``_inline_rule``) reads every post to the same blocks as markdown-it's own inline
rules, a plain paragraph's lines are the text markdown-it's tokens give; the parse runs with the garbage
collector paused, and the collector is back as it was after."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import markdown_doc

from conftest import CORPORA, FIXTURES
from summarize.parse import markdown as md_reader
from summarize._resources import paused_gc
from summarize.parse import read_text


def _read_both(text: str) -> tuple[object, object]:
    """(the post read with the shortcut, read through markdown-it's own inline rules)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = read_text(text, fmt="markdown")
        with pytest.MonkeyPatch.context() as m:
            m.setattr(md_reader, "_parser", lambda: _REFERENCE)
            slow = read_text(text, fmt="markdown")
    return fast, slow


_REFERENCE = md_reader._markdown_it()


def _posts() -> list[Path]:
    return sorted(p for folder in (FIXTURES, CORPORA) for p in folder.rglob("*.md"))


def test_the_shortcut_is_taken() -> None:
    """Not a shortcut nothing takes: a paragraph without markup keeps no children, one with markup keeps them."""
    tokens = md_reader._parser().parse("Plain text,\nover two lines.\n\nWith *emphasis* here.\n")
    inline = [t for t in tokens if t.type == "inline"]
    assert inline[0].meta.get("plain") and not inline[0].children
    assert not inline[1].meta.get("plain") and inline[1].children


@pytest.mark.parametrize("path", _posts(), ids=lambda p: p.name)
def test_posts_read_the_same_with_and_without_the_shortcut(path: Path) -> None:
    fast, slow = _read_both(path.read_text(encoding="utf-8"))
    assert fast == slow


@settings(max_examples=150, deadline=None)
@given(markdown_doc())
def test_generated_posts_read_the_same(text: str) -> None:
    fast, slow = _read_both(text)
    assert fast == slow


# Plain text at its edges: spaces and tabs around line ends (hard and soft breaks), punctuation that stops
# markdown-it's text rule without starting any inline rule, blank-looking lines, hanzi.
_PLAIN = st.lists(st.sampled_from(list("ab Z9.,:;-#+=%$@{}>|'\"\t\n") + ["  \n", " \n", "\n\t ", "服务", "\u00a0"]),
                  min_size=1, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_PLAIN)
def test_plain_lines_are_the_text_of_markdown_its_tokens(content: str) -> None:
    """``_plain_lines`` against the children markdown-it's inline rules build for the same content."""
    children = _REFERENCE.inline.parse(content, _REFERENCE, {}, [])
    lines, parts = [], []
    for child in children:
        assert child.type in ("text", "softbreak", "hardbreak"), child.type
        if child.type == "text":
            parts.append(child.content)
        else:
            lines.append("".join(parts))
            parts = []
    lines.append("".join(parts))
    assert md_reader._plain_lines(content) == lines


def test_markdown_it_parses_with_the_collector_paused() -> None:
    seen = []

    class Recorder:
        def parse(self, body: str) -> list:
            seen.append(gc.isenabled())
            return []

    assert gc.isenabled()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(md_reader, "_parser", lambda: Recorder())
        md_reader._parse("Text.")
    assert seen == [False] and gc.isenabled()


def test_paused_gc_restores_what_the_caller_had() -> None:
    with pytest.raises(RuntimeError), paused_gc():
        assert not gc.isenabled()
        raise RuntimeError("a reader fails")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()
