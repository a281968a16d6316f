"""Anki's plain-text import format: tab-separated notes with ``#`` file headers.

Anki (2.1.55+) reads the headers and needs no questions in its import dialog: ``#separator``,
``#html``, ``#guid column``, ``#notetype`` (or ``#notetype column`` when basic and cloze cards
mix), ``#deck column`` and ``#tags column``. The GUID column makes a re-import *update* the
notes it imported before (Anki's default "update existing notes" duplicate handling).

Columns: GUID, [note type], deck, field 1, field 2, tags, context — the layout of Anki's own
"Notes in Plain Text" export, plus the card's context line (its post's subject) as plain text in
a trailing column for other tools (Anki leaves a column past the note type's fields unmapped).
The fields target the stock note types: Basic gets Front = context line + question, Back =
answer + source sentence + citation; Cloze gets Text = context line + the cloze sentence, Back
Extra = source sentence + citation.

Normalisation (what a round trip gives back): every field is HTML-escaped; line breaks become
``<br>``, tabs become spaces and other control characters are dropped, so a row is always one
line. A cell is quoted (``"…"`` with ``""`` inside) when it holds a quote or starts with ``#``,
which Anki would otherwise read as a comment line.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import ExportError
from ..model import Card
from ._common import (
    anki_tags,
    clean_text,
    context_html,
    group_by_post,
    html_field,
    one_line,
    require_cards,
    root_deck,
    source_html,
    unique_cards,
)
from .anki import card_guid


def _cell(value: str) -> str:
    if value.startswith("#") or any(ch in value for ch in '"\t\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _notetype_name(value: str, option: str) -> str:
    name = one_line(value)
    if not name:
        raise ExportError(f"{option} {value!r} is empty; give the name of a note type in your collection, e.g. Basic")
    return name


def _back(card: Card) -> str:
    """The second field: for Basic the answer, then (for both) the context and where it came from."""
    parts = [] if card.type == "cloze" else [html_field(card.answer)]
    if card.source_text.strip() and card.source_text.strip() != card.answer.strip():
        parts.append(f"<blockquote>{html_field(card.source_text)}</blockquote>")
    parts.append(f"<div><small>{source_html(card)}</small></div>")
    return "".join(parts)


def to_tsv(
    cards: Iterable[Card],
    *,
    deck: str = "summarize",
    notetype: str = "Basic",
    cloze_notetype: str = "Cloze",
) -> str:
    """The cards as an Anki text file (UTF-8 text, one note per line, rows in the order given).

    ``notetype``/``cloze_notetype`` name note types that must exist in the importing
    collection (Anki's stock "Basic" and "Cloze" by default; their names are localised in
    collections created in another language). Each post goes to the subdeck
    ``deck::<post title>``. Duplicate card ids keep the first card.
    """
    checked = unique_cards(require_cards(cards, "tsv"))
    root = root_deck(deck)
    basic_name = _notetype_name(notetype, "notetype")
    cloze_name = _notetype_name(cloze_notetype, "cloze_notetype")
    deck_of = {card.id: f"{root}::{label}" for label, group in group_by_post(checked) for card in group}

    def notetype_of(card: Card) -> str:
        return cloze_name if card.type == "cloze" else basic_name

    mixed = len({notetype_of(card) for card in checked}) > 1
    headers = ["#separator:tab", "#html:true", "#guid column:1"]
    if mixed:
        headers += ["#notetype column:2", "#deck column:3", "#tags column:6"]
    else:
        headers += [f"#notetype:{notetype_of(checked[0])}", "#deck column:2", "#tags column:5"]

    lines = list(headers)
    for card in checked:
        row = [card_guid(card)]
        if mixed:
            row.append(notetype_of(card))
        row += [deck_of[card.id], context_html(card) + html_field(card.question), _back(card), " ".join(anki_tags(card))]
        row.append(one_line(clean_text(card.context or "")))  # plain text, for tools other than Anki
        lines.append("\t".join(_cell(value) for value in row))
    return "\n".join(lines) + "\n"
