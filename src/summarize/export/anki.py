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

Why the timestamps matter: Anki updates a note it already has only when the imported note's
``mod`` is *newer* than its own (an equal or older one is skipped as a duplicate), and it keeps
the imported ``mod``. A content hash cannot serve as ``mod`` (it is not monotonic: a fix could
get an older time and never arrive), and "now" re-stamps every unchanged note on every build.
So, without ``SOURCE_DATE_EPOCH``, a note is stamped like ``make`` dates a target: with the
newest modification time of what its text is made from (its post's file, summarize's own code
and data, any template folders). A rebuild from unchanged inputs is byte-identical and changes
nothing in Anki; editing a post (or upgrading summarize) makes its notes newer, so they update.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
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
from ._common import (
    anki_tags,
    context_html,
    group_by_post,
    html_field,
    require_cards,
    root_deck,
    source_html,
    unique_cards,
)

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
.topic { color: #777; font-size: .7em; margin-bottom: .5em; }
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
    """The HTML fields of a card's note, in the order of its note type's fields.

    The card's context line (its post's subject) opens the first field, so it shows with the question.
    The fields themselves never change: a new field would change the note types' schema, and Anki
    imports a note type whose schema changed as a second copy, leaving the notes a learner already
    studies un-updated ("some updates were ignored because the note type has changed"); with the same
    fields, a rebuilt deck updates them in place.
    """
    source = source_html(card)
    context = html_field(card.source_text)
    first = context_html(card) + html_field(card.question)
    if card.type == "cloze":
        return [first, context, source]
    return [first, html_field(card.answer), source, context]


@functools.cache
def _stamped_classes() -> tuple[type[genanki.Note], type[genanki.Deck]]:
    """genanki's Note and Deck, written with a modification time of their own.

    genanki stamps every note with the package's one timestamp and every deck with a constant.
    """
    import genanki

    class StampedNote(genanki.Note):  # type: ignore[misc]
        def __init__(self, *, mod: int, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.mod = mod

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
            super().write_to_db(cursor, self.mod, deck_id, id_gen)

    class StampedDeck(genanki.Deck):  # type: ignore[misc]
        def __init__(self, deck_id: int, name: str, *, mod: int) -> None:
            super().__init__(deck_id, name)
            self.mod = mod

        def to_json(self) -> dict[str, Any]:
            return {**super().to_json(), "mod": self.mod}

    return StampedNote, StampedDeck


def _note(card: Card, mod: int) -> genanki.Note:
    basic, cloze = _models()
    note_class, _deck_class = _stamped_classes()
    return note_class(
        mod=mod,
        model=cloze if card.type == "cloze" else basic,
        fields=note_fields(card),
        tags=anki_tags(card),
        guid=card_guid(card),
    )


def _check_timestamp(timestamp: float | None) -> float | None:
    if timestamp is None:
        return None
    is_number = isinstance(timestamp, (int, float)) and not isinstance(timestamp, bool)
    if not is_number or not math.isfinite(timestamp) or timestamp < 0:
        raise ExportError(f"timestamp {timestamp!r} is not a time; give seconds since the epoch, e.g. time.time()")
    return float(timestamp)


def source_date_epoch() -> int | None:
    """``$SOURCE_DATE_EPOCH`` (reproducible-builds.org) as seconds, None when unset or empty."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise ExportError(
            f"SOURCE_DATE_EPOCH {value!r} is not a whole number of seconds since 1970; set it to e.g. "
            "$(git log -1 --format=%ct), or unset it"
        )
    return int(value)


def _newest_mtime(path: str | os.PathLike[str]) -> float | None:
    """Modification time of a file, or of the newest file in a folder; None when neither exists."""
    try:
        if os.path.isfile(path):
            return os.stat(path).st_mtime
        if not os.path.isdir(path):
            return None
        times = [
            os.stat(os.path.join(folder, name)).st_mtime
            for folder, dirs, names in os.walk(path, followlinks=True)
            for name in names
            if "__pycache__" not in folder and not name.endswith((".pyc", ".pyo"))
        ]
    except OSError:
        return None
    return max(times, default=None)


@functools.cache
def code_time() -> float:
    """When summarize's own code, data or built-in templates last changed: the text of every card
    depends on them, so an upgrade makes every note newer (and the note types with it)."""
    return _newest_mtime(Path(__file__).resolve().parents[1]) or 0.0


def _note_times(cards: list[Card], inputs: Iterable[str | os.PathLike[str]]) -> dict[str, int]:
    """Card id -> note ``mod``: the newest of its post's file, the code and ``inputs``; now without a file."""
    floor = max([code_time(), *(t for t in map(_newest_mtime, inputs) if t is not None)])
    now = time.time()
    post_times: dict[str, float] = {}
    for card in cards:
        if card.source not in post_times:
            is_file = not card.source.startswith("<") and os.path.isfile(card.source)
            post_times[card.source] = (_newest_mtime(card.source) if is_file else None) or now
    return {card.id: int(max(floor, post_times[card.source])) for card in cards}


def to_apkg(
    cards: Iterable[Card],
    path: str | os.PathLike[str],
    *,
    deck: str = "summarize",
    timestamp: float | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> int:
    """Write the cards as an Anki package; return the number of notes written.

    Each post gets a subdeck ``deck::<post title>``. Every date in the package (note, card,
    note type and deck modification times, note/card id seeds, zip entry dates) comes from,
    first that applies: ``timestamp`` (seconds since the epoch); ``$SOURCE_DATE_EPOCH``; else,
    per note, the newest modification time of its post's file, summarize's code and ``inputs``
    (other files or folders the cards were made from, e.g. template packs), or now for a post
    that is not a file. So the same inputs give byte-identical output, and a note whose post
    changed is newer than before, which is what makes Anki update it. Duplicate card ids keep
    the first card.
    """
    target = check_output_path(path)
    checked = unique_cards(require_cards(cards, "apkg"))
    root = root_deck(deck)
    stamp = _check_timestamp(timestamp)
    if stamp is None:
        stamp = source_date_epoch()
    if stamp is not None:
        note_times = dict.fromkeys((card.id for card in checked), int(stamp))
        model_time = int(stamp)
    else:
        note_times = _note_times(checked, list(inputs))
        model_time = int(code_time())
    newest = max([model_time, *note_times.values()])

    import genanki

    _note_class, deck_class = _stamped_classes()
    decks = [deck_class(deck_id(root), root, mod=newest)]
    for label, group in group_by_post(checked):
        name = f"{root}::{label}"
        sub = deck_class(deck_id(name), name, mod=max(note_times[card.id] for card in group))
        for card in group:
            sub.add_note(_note(card, note_times[card.id]))
        decks.append(sub)
    write_atomic(target, _package_bytes(genanki.Package(decks), model_time, newest))
    return len(checked)


def _package_bytes(package: genanki.Package, model_time: float, newest: float) -> bytes:
    """The .apkg as bytes; the SQLite file lives in a temporary directory that is always removed.

    ``model_time`` stamps the note types; ``newest`` seeds note/card ids and dates the zip entries.
    """
    with tempfile.TemporaryDirectory(prefix="summarize-apkg-") as tmp:
        db_path = Path(tmp, "collection.anki2")
        with closing(sqlite3.connect(db_path)) as conn:
            package.write_to_db(conn.cursor(), model_time, itertools.count(int(newest * 1000)))
            _date_collection(conn, int(newest))
            conn.commit()
        collection = db_path.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, payload in (("collection.anki2", collection), ("media", b"{}")):
            archive.writestr(_zip_entry(name, newest), payload)
    return buffer.getvalue()


def _date_collection(conn: sqlite3.Connection, stamp: int) -> None:
    """Date what genanki fills with constants of its own: the collection row and its Default deck (id 1)."""
    (decks,) = conn.execute("SELECT decks FROM col").fetchone()
    by_id = json.loads(decks)
    if "1" in by_id:
        by_id["1"]["mod"] = stamp
    conn.execute("UPDATE col SET crt = ?, mod = ?, decks = ?", (stamp, stamp * 1000, json.dumps(by_id)))


def _zip_entry(name: str, timestamp: float) -> zipfile.ZipInfo:
    """A zip entry dated from ``timestamp`` rather than the clock, so rebuilds are byte-identical."""
    date_time: Any = max(time.gmtime(timestamp)[:6], (1980, 1, 1, 0, 0, 0))
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
