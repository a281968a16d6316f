"""Shortcuts around markdown-it for what most of a post is: paragraphs of plain text (issue 16).

markdown-it reads a plain paragraph the long way. At its first line it tries each of its twelve other block rules
in turn; the setext-heading rule then scans the paragraph's lines, running every rule that may interrupt a
paragraph on each, and the paragraph rule scans them once more the same way; its inline stage then walks the text
through the inline rules, building a token per line and per line break. The shortcuts here give markdown-it's own
tokens for such text (``tests/parse/test_markdown_fast_paths.py`` holds them to the full parser):

- :func:`plain_paragraph`, a block rule run before all others, takes a paragraph when no other rule can: no line of
  it starts with a character a block construct starts with, and it is not the term of a definition list;
- :func:`inline_rule`, markdown-it's core ``inline`` stage, keeps no children for inline text without any markup
  and marks its token ``plain``; :func:`plain_lines` reads the lines from its content;
- :func:`tasks_where_possible` runs the task-list rule only on a source with a task box in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it.common.utils import mdTrim  # only Markdown posts import this module (it loads markdown-it)

#: The block rules (in order) that :func:`plain_paragraph` was reasoned against: a new rule or plugin may take text
#: it takes, so the test of this list fails until the shortcut is checked against it.
BLOCK_RULES = ("table", "code", "fence", "blockquote", "hr", "list", "footnote_def", "reference", "html_block",
               "heading", "lheading", "deflist", "paragraph")

#: The first non-blank character of a line that some block rule reads (fence ` ~, quote >, rule or list - * _ +,
#: table | - :, reference or footnote [, HTML <, ATX heading #, setext underline = -, definition : ~); digits can
#: open an ordered list. A line that opens on any other character starts or continues a paragraph.
_BLOCK_MARKS = frozenset("`~>-*_+|:[<#=")
_DEFINITION_MARKS = frozenset(":~")


def plain_paragraph(state: Any, start: int, end: int, silent: bool) -> bool:
    """markdown-it's paragraph rule for a paragraph no other rule would take, run first (see the module doc).

    The paragraph runs from ``start`` to the next blank line, as markdown-it's paragraph rule reads it when no
    rule interrupts it. No rule can interrupt it, and none can take its first line instead, when each of its
    lines opens on a character outside :data:`_BLOCK_MARKS` and no digit: every block rule first reads the
    character a line opens on (a table reads the line after the first, a setext heading an underline among the
    following lines: both lines of this paragraph or blank). The definition-list rule also reads the line after
    a blank one, for a one-line term. Anything else, or a first line indented as code, returns False and the
    ordinary rules run; the tokens pushed are those of markdown-it's paragraph rule."""
    if silent:
        return False  # never asked: this rule interrupts nothing
    src, marks, ends, shifts = state.src, state.bMarks, state.eMarks, state.tShift
    if state.sCount[start] - state.blkIndent >= 4:
        return False  # an indented code block
    pos = marks[start] + shifts[start]
    if pos >= ends[start] or src[pos] in _BLOCK_MARKS or src[pos].isdigit():
        return False
    last = state.lineMax
    line = start + 1
    while line < last:
        pos = marks[line] + shifts[line]
        if pos >= ends[line]:
            break  # a blank line ends the paragraph
        ch = src[pos]
        if ch in _BLOCK_MARKS or ch.isdigit():
            return False
        line += 1
    if line == start + 1 and line + 1 < last:
        pos = marks[line + 1] + shifts[line + 1]
        if pos < ends[line + 1] and src[pos] in _DEFINITION_MARKS:
            return False  # "Term\n\n: definition"
    # What markdown-it's paragraph rule pushes (rules_block/paragraph.py).
    content = mdTrim(state.getLines(start, line, state.blkIndent, False))
    state.line = line
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, line]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start, line]
    token.children = []
    state.push("paragraph_close", "p", -1)
    return True


#: Every character at which one of the inline rules we enable can start (escape, code, strikethrough, emphasis,
#: link, image, footnote, autolink, HTML, entity), plus "]" for safety. A text without any is plain text to
#: markdown-it: runs of characters broken only at line ends.
_INLINE_MARKUP_RE = re.compile(r"[\\`~*_\[\]!^<&]")


def inline_rule(state: Any) -> None:
    """markdown-it's core ``inline`` stage, with a shortcut for the inline text most paragraphs are: no markup
    at all. markdown-it walks such text through its chain of inline rules and builds a token per line and
    per line break; here the token keeps no children and is marked ``plain``, and the Markdown reader reads
    its lines straight from its content (:func:`plain_lines`, the same text the tokens would give). Four in
    five paragraphs of our prose fixtures take the shortcut."""
    md = state.md
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        if _INLINE_MARKUP_RE.search(token.content) is None:
            token.meta["plain"] = True
        else:
            md.inline.parse(token.content, md, state.env, token.children)


def plain_lines(content: str) -> list[str]:
    """The text of each line of inline ``content`` without markup, as markdown-it's inline rules leave it: spaces
    and tabs at the start of a continuation line skipped; at a line's end, two or more spaces (a hard break)
    dropped, or else one."""
    lines = content.split("\n")
    last = len(lines) - 1
    out = []
    for n, line in enumerate(lines):
        if n:
            line = line.lstrip(" \t")
        if n < last:
            line = line.rstrip(" ") if line.endswith("  ") else line[:-1] if line.endswith(" ") else line
        out.append(line)
    return out


def tasks_where_possible(rule: Callable[[Any], None]) -> Callable[[Any], None]:
    """The task-list rule (mdit_py_plugins.tasklists) run only on a source with "[ ]", "[x]" or "[X]" in it: the rule
    looks at every token of a post for a list item whose text opens on such a box, which cannot be where the source
    has none (a token's text is the source's, less indentation)."""

    def run(state: Any) -> None:
        src = state.src
        if "[ ]" in src or "[x]" in src or "[X]" in src:
            rule(state)

    return run
