"""What every exporter shares: checking the cards, HTML fields, tags, deck names and citations.

Kept free of genanki so the text exporters stay cheap to import.
"""

from __future__ import annotations

import html
import re
import unicodedata
import warnings
from collections.abc import Iterable
from pathlib import PurePath

from .._text import display_text
from ..errors import ExportError, SummarizeWarning
from ..model import Card
from .._urls import http_url

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"\s+")
#: Anki's cloze syntax: ``{{c1::term}}`` or ``{{c1::term::hint}}``.
CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def require_cards(cards: Iterable[Card], fmt: str) -> list[Card]:
    """Check the cards before any work is done, so a bad export fails fast and says why."""
    cards = list(cards)
    if not cards:
        raise ExportError(
            f"no cards to export as {fmt}: the card list is empty. The quiz engine makes no cards when a post "
            "has too few sentences that fit its templates (a very short post, a post that is mostly code or "
            "tables) or when the card options filter every card out; try a longer post or fewer filters"
        )
    for index, card in enumerate(cards):
        if not isinstance(card, Card):
            raise ExportError(f"item {index} of the card list is a {type(card).__name__}, not a summarize Card")
        if card.type == "cloze" and not CLOZE.search(card.question):
            raise ExportError(
                f"cloze card {card.id} ({card.source}:{card.line}) has no {{{{c1::…}}}} deletion in its question "
                f"{card.question!r}; Anki would make no card from it"
            )
    return cards


def unique_cards(cards: list[Card]) -> list[Card]:
    """Keep the first card of each id: Anki matches notes by GUID, so a repeat would overwrite it."""
    seen: set[str] = set()
    kept: list[Card] = []
    for card in cards:
        if card.id in seen:
            warnings.warn(
                f"card {card.id} ({card.source}:{card.line}) appears twice; only the first copy is exported",
                SummarizeWarning,
                stacklevel=3,
            )
            continue
        seen.add(card.id)
        kept.append(card)
    return kept


def clean_text(text: str) -> str:
    """The text an exporter promises to keep: controls dropped (Anki joins a note's fields with U+001F,
    so one inside a field would split it) and bidi controls balanced (:func:`~summarize._text.display_text`),
    tabs as spaces, line breaks as ``\\n``."""
    return display_text(_LINE_BREAK.sub("\n", text)).replace("\t", " ")


def html_field(text: str) -> str:
    """Plain text as an Anki HTML field: escaped, line breaks as ``<br>``, never a tab or a raw newline.

    Cloze markers survive, since escaping never touches ``{``, ``}`` or ``:``.
    """
    return html.escape(clean_text(text), quote=True).replace("\n", "<br>")


def context_html(card: Card) -> str:
    """The card's context line (its post's subject) as HTML shown above the question, or "" without one.

    It goes inside the first field rather than into a field of its own: Anki matches an imported note type
    by id and *schema* (its field names), and a note type whose fields changed is imported as a second copy
    whose notes no longer update the ones already studied (see :mod:`summarize.export.anki`)."""
    line = context_line(card)
    return f'<div class="topic">{html_field(line)}</div>' if line else ""


def context_line(card: Card) -> str:
    """The card's context as the one line every exporter shows, or "" when it has nothing a reader sees (controls,
    spaces or bidi marks only: no line, rather than an empty one)."""
    line = one_line(card.context or "")
    return line if visible(line) else ""


def visible(text: str) -> bool:
    """Whether ``text`` has a character a reader sees: not only controls, format marks (bidi) and spaces."""
    return any(unicodedata.category(ch)[0] not in "CZ" for ch in text)


def one_line(text: str) -> str:
    """Collapse all whitespace (line breaks included) to single spaces."""
    return _SPACES.sub(" ", display_text(text)).strip()


def anki_tags(card: Card) -> list[str]:
    """The card's tags plus its type, with whitespace replaced: Anki splits tags on whitespace."""
    tags: list[str] = []
    for tag in (*card.tags, card.type):
        tag = _SPACES.sub("_", display_text(tag).strip())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def root_deck(deck: str) -> str:
    """Validate the top-level deck name (it may itself contain ``::`` to nest under another deck)."""
    name = one_line(deck)
    parts = [part.strip() for part in name.split("::")]
    if not all(parts):
        raise ExportError(f"deck name {deck!r} is empty or has an empty part between '::'; give e.g. --deck summarize")
    return "::".join(parts)


def post_label(card: Card) -> str:
    """What names a post: its title, else its file name. ``::`` is Anki's deck separator, so it is defused."""
    label = one_line(card.title or "") or PurePath(card.source).name or card.source
    label = one_line(label.replace("::", ": ")).strip(": ")
    return label or "untitled"


def group_by_post(cards: list[Card]) -> list[tuple[str, list[Card]]]:
    """Cards grouped by ``card.source`` in order of first appearance, each with a unique label.

    Two posts with the same title get their file names appended, so they never share a subdeck.
    """
    groups: dict[str, list[Card]] = {}
    for card in cards:
        groups.setdefault(card.source, []).append(card)
    labels = {
        source: next((post_label(card) for card in group if card.title), post_label(group[0]))
        for source, group in groups.items()
    }
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    result: list[tuple[str, list[Card]]] = []
    for source, group in groups.items():
        label = labels[source]
        if counts[label] > 1:
            label = one_line(f"{label} ({source})".replace("::", ": "))
        result.append((label, group))
    return result


def format_time(seconds: float) -> str:
    """Caption time as ``mm:ss`` (``h:mm:ss`` past an hour)."""
    total = max(int(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def source_html(card: Card) -> str:
    """Where the card came from, as an HTML field: a link to the post (or its video at the caption's
    second) when the card has one, titled by the post; else the local citation ``Title · path:line``."""
    link = http_url(card.link)  # a javascript: (or any non-http) link from a JSON file is never written
    if link is None:
        return html_field(citation(card))
    label = html_field(one_line(card.title or "") or link)
    parts = [f'<a href="{html.escape(link, quote=True)}">{label}</a>']
    if card.time is not None:
        parts.append(format_time(card.time))
    return " · ".join(parts)


def citation(card: Card) -> str:
    """Where the card came from, as plain text: ``Title · path:line · 01:23``."""
    parts = [one_line(card.title or ""), f"{card.source}:{card.line}"]
    if card.time is not None:
        parts.append(format_time(card.time))
    return " · ".join(part for part in parts if part)
