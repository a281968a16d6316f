"""Anki packages (``.apkg``) through genanki, with identities that survive a rebuild.

Why the identities matter: Anki decides whether an imported note is new or an update of one
it already has by the note's GUID, and whether two note types are the same by the model id.
So the model ids below are constants, deck ids are a hash of the deck name, and a note's GUID
is a hash of ``Card.id`` (which hashes post + template + normalised question, never the
answer). Regenerating a deck after a post changed therefore *updates* the notes in a user's
collection, keeping their review history, instead of adding duplicates.

genanki's own ``Package.write_to_file`` leaks a temporary SQLite file per call and stamps zip
entries with the wall clock; :func:`to_apkg` instead fills the SQLite file inside a temporary
directory it removes, zips it in memory, and writes the result atomically.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import math
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._output import check_output_path, write_atomic
from ..errors import ExportError
from ..model import Card
from ._common import anki_tags, citation, group_by_post, html_field, require_cards, root_deck, unique_cards

if TYPE_CHECKING:
    import genanki

# Generated once with random.SystemRandom().randrange(1 << 30, 1 << 31) and committed.
# NEVER change them: Anki identifies a note type by this id, so a new id would make every
# user's next import create a second "summarize" note type and duplicate all their notes.
BASIC_MODEL_ID = 1830807048
CLOZE_MODEL_ID = 1537760720

#: Note type names. Not "Basic"/"Cloze": Anki would rename a foreign note type that clashes
#: with its own built-ins (see genanki's builtin_models.py docstring).
BASIC_MODEL_NAME = "summarize Q&A"
CLOZE_MODEL_NAME = "summarize Cloze"

_CSS = """\
.card {
  font-family: -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  color: black;
  background-color: white;
}
.answer { font-weight: 600; }
.context { color: #555; border-left: 3px solid #ccc; margin: 1em 0; padding-left: .8em; font-size: .9em; }
.source { color: #888; font-size: .75em; }
.cloze { font-weight: bold; color: blue; }
.nightMode .cloze { color: lightblue; }
"""

_BASIC_BACK = """\
{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
{{#Context}}<div class="context">{{Context}}</div>{{/Context}}
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}"""

_CLOZE_BACK = """\
{{cloze:Text}}
{{#Extra}}<div class="context">{{Extra}}</div>{{/Extra}}
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}"""


def card_guid(card: Card) -> str:
    """The Anki note GUID of a card: genanki's base91 hash of ``Card.id``, the card's stable identity."""
    from genanki.util import guid_for

    return str(guid_for(card.id))


def deck_id(name: str) -> int:
    """A deck id derived from the deck name, so the same (sub)deck keeps its id across builds.

    Same range genanki recommends for hand-picked ids (2**30 to 2**31).
    """
    digest = hashlib.sha256(f"summarize deck:{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


@functools.cache
def _models() -> tuple[genanki.Model, genanki.Model]:
    import genanki

    basic = genanki.Model(
        BASIC_MODEL_ID,
        BASIC_MODEL_NAME,
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Source"}, {"name": "Context"}],
        templates=[{"name": "Card 1", "qfmt": '<div class="question">{{Question}}</div>', "afmt": _BASIC_BACK}],
        css=_CSS,
    )
    cloze = genanki.Model(
        CLOZE_MODEL_ID,
        CLOZE_MODEL_NAME,
        fields=[{"name": "Text"}, {"name": "Extra"}, {"name": "Source"}],
        templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": _CLOZE_BACK}],
        css=_CSS,
        model_type=genanki.Model.CLOZE,
    )
    return basic, cloze


def note_fields(card: Card) -> list[str]:
    """The HTML fields of a card's note, in the order of its note type's fields."""
    source = html_field(citation(card))
    context = html_field(card.source_text)
    if card.type == "cloze":
        return [html_field(card.question), context, source]
    return [html_field(card.question), html_field(card.answer), source, context]


def _note(card: Card) -> genanki.Note:
    import genanki

    basic, cloze = _models()
    return genanki.Note(
        model=cloze if card.type == "cloze" else basic,
        fields=note_fields(card),
        tags=anki_tags(card),
        guid=card_guid(card),
    )


def _check_timestamp(timestamp: float | None) -> float:
    if timestamp is None:
        return time.time()
    is_number = isinstance(timestamp, (int, float)) and not isinstance(timestamp, bool)
    if not is_number or not math.isfinite(timestamp) or timestamp < 0:
        raise ExportError(f"timestamp {timestamp!r} is not a time; give seconds since the epoch, e.g. time.time()")
    return float(timestamp)


def to_apkg(
    cards: Iterable[Card],
    path: str | os.PathLike[str],
    *,
    deck: str = "summarize",
    timestamp: float | None = None,
) -> int:
    """Write the cards as an Anki package; return the number of notes written.

    Each post gets a subdeck ``deck::<post title>``. ``timestamp`` (seconds since the epoch)
    stamps the notes' modification time and seeds note/card ids; it defaults to now, because
    Anki only updates an existing note from a package whose note is *newer*. The same
    timestamp and cards give byte-identical output. Duplicate card ids keep the first card.
    """
    target = check_output_path(path)
    checked = unique_cards(require_cards(cards, "apkg"))
    root = root_deck(deck)
    stamp = _check_timestamp(timestamp)

    import genanki

    decks = [genanki.Deck(deck_id(root), root)]
    for label, group in group_by_post(checked):
        name = f"{root}::{label}"
        sub = genanki.Deck(deck_id(name), name)
        for card in group:
            sub.add_note(_note(card))
        decks.append(sub)
    write_atomic(target, _package_bytes(genanki.Package(decks), stamp))
    return len(checked)


def _package_bytes(package: genanki.Package, timestamp: float) -> bytes:
    """The .apkg as bytes; the SQLite file lives in a temporary directory that is always removed."""
    with tempfile.TemporaryDirectory(prefix="summarize-apkg-") as tmp:
        db_path = Path(tmp, "collection.anki2")
        with closing(sqlite3.connect(db_path)) as conn:
            package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            conn.commit()
        collection = db_path.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, payload in (("collection.anki2", collection), ("media", b"{}")):
            archive.writestr(_zip_entry(name, timestamp), payload)
    return buffer.getvalue()


def _zip_entry(name: str, timestamp: float) -> zipfile.ZipInfo:
    """A zip entry dated from ``timestamp`` rather than the clock, so rebuilds are byte-identical."""
    date_time: Any = max(time.gmtime(timestamp)[:6], (1980, 1, 1, 0, 0, 0))
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
