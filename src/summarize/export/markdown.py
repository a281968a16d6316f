"""Cards as a readable Markdown quiz: a heading per post, numbered questions, folded answers.

Answers sit in ``<details>`` blocks (GitHub, GitLab and most renderers fold them), each citing
its source line (and caption time). Question and answer text is escaped so that ``*``, ``_``,
``<b>`` or a leading ``#`` in a post show up literally instead of turning into markup; all
whitespace inside a question or answer collapses to single spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Card
from ._common import CLOZE, context_line, format_time, group_by_post, one_line

#: Characters that are markup anywhere in a line (CommonMark + GFM tables/strikethrough/autolinks);
#: ``#`` too, since a trailing ``#`` would close an ATX heading.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!#])")
#: Markup that only counts at the start of a line: list markers and thematic breaks.
_LEADING = re.compile(r"^(?:([-+])|(\d+)([.)]))")


def _escape_inline(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)


def _escape_leading(text: str) -> str:
    return _LEADING.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)


def escape_markdown(text: str) -> str:
    """Plain text as one Markdown line that renders as itself (whitespace collapsed)."""
    return _escape_leading(_escape_inline(one_line(text)))


def _question(card: Card) -> str:
    """The question as shown: each cloze deletion becomes a blank (holding its hint, if any)."""
    text = one_line(card.question)
    if card.type != "cloze":
        return escape_markdown(text)
    pieces, last = [], 0
    for match in CLOZE.finditer(text):
        hint = match.group(3)
        pieces += [_escape_inline(text[last : match.start()]), f"\\[{_escape_inline(hint) if hint else '…'}\\]"]
        last = match.end()
    pieces.append(_escape_inline(text[last:]))
    return _escape_leading("".join(pieces))


def _where(card: Card) -> str:
    where = f"line {card.line}"
    if card.time is not None:
        where += f", {format_time(card.time)}"
    return where


def to_markdown(cards: Iterable[Card], *, title: str | None = None) -> str:
    """The cards as a Markdown quiz, in the order given (grouped by post)."""
    cards = list(cards)
    lines = [f"# {escape_markdown(title) if title and title.strip() else 'Quiz'}", ""]
    if not cards:
        lines += ["No cards: the posts had too few sentences that fit a quiz template.", ""]
    for label, group in group_by_post(cards):
        lines += [f"## {escape_markdown(label)}", "", f"Source: {escape_markdown(group[0].source)}", ""]
        for number, card in enumerate(group, 1):
            marker = f"{number}. "
            pad = " " * len(marker)
            lines += [f"{marker}{_question(card)} ({_where(card)})", ""]
            if shown := context_line(card):  # which post's story the card is from, shown with it
                lines += [f"{pad}Context: {escape_markdown(shown)}", ""]
            lines += [f"{pad}<details><summary>Answer</summary>", "", f"{pad}{escape_markdown(card.answer)}", ""]
            context = one_line(card.source_text)
            if context and context != one_line(card.answer):
                lines += [f"{pad}> {escape_markdown(context)}", ""]
            lines += [f"{pad}</details>", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
