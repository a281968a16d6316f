"""Speed paths of the Markdown reader (issue 16), which must change nothing but time: the shortcuts of
parse/markdown_fast.py (a block rule for plain paragraphs, an inline stage that skips text without markup) read every
post to the same blocks as markdown-it's own rules, and give markdown-it's own block tokens; a plain paragraph's lines
are the text markdown-it's tokens give; the parse runs with the garbage collector paused, and the collector is back as
it was after."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import markdown_doc, markdown_lines

from conftest import CORPORA, FIXTURES
from summarize.parse import markdown as md_reader
from summarize.parse import markdown_fast
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
    """``plain_lines`` against the children markdown-it's inline rules build for the same content."""
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
    assert markdown_fast.plain_lines(content) == lines


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


# The block shortcut (markdown_fast.plain_paragraph) against markdown-it's own block rules, token by token.
_INLINE_SHORTCUT_ONLY = md_reader._markdown_it()
_INLINE_SHORTCUT_ONLY.core.ruler.at("inline", markdown_fast.inline_rule)


def _block_tokens(parser: object, text: str) -> list[tuple]:
    return [(t.type, t.tag, t.nesting, t.level, t.map, t.content, t.markup, t.info, t.block, t.hidden, t.meta, t.attrs)
            for t in parser.parse(text)]  # type: ignore[attr-defined]


def test_the_paragraph_shortcut_was_checked_against_these_block_rules() -> None:
    """A new block rule or plugin may take a line the shortcut takes: this fails until the shortcut is checked
    against it (and BLOCK_RULES updated)."""
    assert md_reader._parser().block.ruler.get_active_rules() == ["plain_paragraph", *markdown_fast.BLOCK_RULES]
    assert _REFERENCE.block.ruler.get_active_rules() == list(markdown_fast.BLOCK_RULES)


def test_the_paragraph_shortcut_takes_plain_paragraphs_only() -> None:
    """Plain paragraphs are taken, also inside a definition or a list item; a definition's term, a setext heading, a
    paragraph a list interrupts and an indented code block are left to markdown-it's rules."""
    taken: list[int] = []
    md = md_reader._markdown_it()

    def recording(state: object, start: int, end: int, silent: bool) -> bool:
        ok = markdown_fast.plain_paragraph(state, start, end, silent)
        if ok:
            taken.append(start)
        return ok

    md.block.ruler.before("table", "plain_paragraph", recording)
    text = "Plain one\nand two.\n\nTerm\n\n: its definition\n\n- item text\n\nTitle\n===\n\nText\n- list\n\n# Head\n\n    code\n"
    assert _block_tokens(md, text) == _block_tokens(_REFERENCE, text)
    assert taken == [0, 5, 7, 13]  # "Plain one", "its definition", "item text", "list"


@pytest.mark.parametrize("path", _posts(), ids=lambda p: p.name)
def test_posts_give_markdown_its_block_tokens(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _block_tokens(md_reader._parser(), text) == _block_tokens(_INLINE_SHORTCUT_ONLY, text)


@settings(max_examples=250, deadline=None)
@given(markdown_lines)
def test_generated_lines_give_markdown_its_block_tokens(text: str) -> None:
    assert _block_tokens(md_reader._parser(), text) == _block_tokens(_INLINE_SHORTCUT_ONLY, text)


def test_a_task_box_is_still_read() -> None:
    """The task-list rule runs where the source has a box: its checkbox token and the text without the box."""
    tokens = md_reader._parser().parse("- [ ] todo\n- [x] done\n- plain\n")
    inline = [t for t in tokens if t.type == "inline"]
    assert [t.content for t in inline] == [" todo", " done", "plain"]
    assert inline[0].children[0].type == "html_inline" and "checkbox" in inline[0].children[0].content
