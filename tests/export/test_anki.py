"""The .apkg exporter: stable identities, escaped fields, no temp files, and a real Anki import."""

from __future__ import annotations

import dataclasses
import html
import sqlite3
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

import pytest

from summarize.errors import ExportError, SummarizeError, SummarizeWarning, UsageError
from summarize.export import BASIC_MODEL_ID, CLOZE_MODEL_ID, card_guid, deck_id, to_apkg
from summarize.export.anki import BASIC_MODEL_NAME, CLOZE_MODEL_NAME


def apkg_db(path: Path, tmp_path: Path) -> sqlite3.Connection:
    """The package's collection.anki2, opened read-only from a copy."""
    db = tmp_path / "unpacked.anki2"
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert archive.read("media") == b"{}"
        db.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(db)


# --- identities -----------------------------------------------------------------------------


def test_model_ids_never_change() -> None:
    """Changing these would make every user's next import duplicate all their notes."""
    assert (BASIC_MODEL_ID, CLOZE_MODEL_ID) == (1830807048, 1537760720)
    assert (BASIC_MODEL_NAME, CLOZE_MODEL_NAME) == ("summarize Q&A", "summarize Cloze")


def test_card_guid_is_pinned_and_depends_only_on_card_id(make_card) -> None:
    """The GUID is genanki's hash of Card.id: pinned here, blind to the answer, different per id."""
    card = make_card(id="istio-post/what-is/what is envoy")
    assert card_guid(card) == "h75nqSk4jJ"
    assert card_guid(dataclasses.replace(card, answer="A better answer", line=99)) == card_guid(card)
    assert card_guid(dataclasses.replace(card, id="other")) != card_guid(card)


def test_deck_id_is_derived_from_the_name() -> None:
    """Same name, same id, in genanki's recommended range; subdecks get their own ids."""
    assert deck_id("summarize") == deck_id("summarize") == 1253287476
    assert deck_id("summarize::Why Envoy") != deck_id("summarize")
    assert all(1 << 30 <= deck_id(name) < 1 << 31 for name in ("a", "summarize", "服务网格", "x::y"))


# --- the package itself -----------------------------------------------------------------------


def test_apkg_notes_fields_tags_and_decks(sample_cards, card_count, tmp_path) -> None:
    """One note per card, GUIDs from card ids, escaped fields, cleaned tags, a subdeck per post."""
    out = tmp_path / "quiz.apkg"
    assert to_apkg(sample_cards, out, deck="Tech", timestamp=1_700_000_000) == 5
    con = apkg_db(out, tmp_path)
    rows = con.execute("SELECT guid, mid, flds, tags FROM notes")
    notes = {guid: (mid, flds.split("\x1f"), tags.split()) for guid, mid, flds, tags in rows}
    assert set(notes) == {card_guid(card) for card in sample_cards}
    assert con.execute("SELECT count(*) FROM cards").fetchone()[0] == card_count(sample_cards) == 6

    mid, fields, tags = notes[card_guid(sample_cards[0])]
    assert mid == BASIC_MODEL_ID
    assert fields[0] == "What does &quot;Envoy&quot;, the proxy, do with &lt;b&gt;traffic&lt;/b&gt;?"
    assert fields[1] == "It routes traffic between &lt;b&gt;services&lt;/b&gt; &amp; sidecars.<br>All of it."
    assert fields[2] == "Why Envoy, &quot;the&quot; proxy · posts/envoy.md:12"
    assert fields[3] == "Envoy routes traffic between services &amp; sidecars."
    assert tags == ["service_mesh", "envoy", "what"]

    mid, fields, tags = notes[card_guid(sample_cards[2])]
    assert mid == CLOZE_MODEL_ID
    assert fields[0] == "The {{c1::control plane}} configures the {{c2::data plane}} &amp; &lt;proxies&gt;."
    assert len(fields) == 3

    mid, fields, tags = notes[card_guid(sample_cards[4])]
    assert fields[2] == "服务网格入门 · posts/服务网格.md:9 · 1:02:05"
    assert notes[card_guid(sample_cards[3])][1][2] == "服务网格入门 · posts/服务网格.md:5 · 01:23"
    assert notes[card_guid(sample_cards[3])][2] == ["服务_网格", "what"]

    import json

    decks = json.loads(con.execute("SELECT decks FROM col").fetchone()[0])
    names = {deck["name"]: int(did) for did, deck in decks.items()}
    assert {"Tech", 'Tech::Why Envoy, "the" proxy', "Tech::服务网格入门"} <= set(names)
    assert all(names[name] == deck_id(name) for name in names if name.startswith("Tech"))
    cards_by_deck = dict(con.execute("SELECT did, count(*) FROM cards GROUP BY did"))
    assert cards_by_deck == {names['Tech::Why Envoy, "the" proxy']: 4, names["Tech::服务网格入门"]: 2}
    con.close()


def test_every_field_is_escaped_html(sample_cards, tmp_path) -> None:
    """Unescaping a field gives back the card text (tabs as spaces, newlines as <br>)."""
    out = tmp_path / "quiz.apkg"
    to_apkg(sample_cards, out, timestamp=1_700_000_000)
    con = apkg_db(out, tmp_path)
    flds = dict(con.execute("SELECT guid, flds FROM notes"))
    for card in sample_cards:
        fields = flds[card_guid(card)].split("\x1f")
        assert "\t" not in flds[card_guid(card)] and "\n" not in flds[card_guid(card)]
        assert html.unescape(fields[0].replace("<br>", "\n")) == card.question.replace("\t", " ")
        if card.type != "cloze":
            assert html.unescape(fields[1].replace("<br>", "\n")) == card.answer.replace("\t", " ")
    con.close()


def test_control_characters_cannot_split_fields(make_card, tmp_path) -> None:
    """Anki joins fields with U+001F; one inside a question must not create a fifth field."""
    out = tmp_path / "quiz.apkg"
    to_apkg([make_card(question="Unit\x1fseparator\x00?")], out, timestamp=1_700_000_000)
    con = apkg_db(out, tmp_path)
    (flds,) = con.execute("SELECT flds FROM notes").fetchone()
    assert flds.split("\x1f")[0] == "Unitseparator?"
    con.close()


def test_same_timestamp_gives_identical_bytes(sample_cards, tmp_path, monkeypatch) -> None:
    """Zip entries are dated from the timestamp, not the clock, so a rebuild is byte-identical."""
    to_apkg(sample_cards, tmp_path / "a.apkg", timestamp=1_700_000_000)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400)  # as if rebuilt a day later
    to_apkg(sample_cards, tmp_path / "b.apkg", timestamp=1_700_000_000)
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()
    to_apkg(sample_cards, tmp_path / "c.apkg", timestamp=1_700_000_001)
    assert (tmp_path / "c.apkg").read_bytes() != (tmp_path / "a.apkg").read_bytes()


def test_a_post_that_is_not_a_file_is_stamped_now(make_card, tmp_path) -> None:
    """Without timestamp= or a post file to date it by, notes are stamped now, so Anki sees them as newer."""
    before = int(time.time())
    to_apkg([make_card()], tmp_path / "q.apkg")
    con = apkg_db(tmp_path / "q.apkg", tmp_path)
    (mod,) = con.execute("SELECT mod FROM notes").fetchone()
    assert before <= mod <= time.time()
    con.close()


def test_leaves_no_temporary_files(sample_cards, tmp_path, monkeypatch) -> None:
    """Nothing is left in the temp dir or beside the output (genanki's write_to_file leaks one file per call)."""
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    assert tempfile.gettempdir() == str(private_tmp)
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    to_apkg(sample_cards, out_dir / "quiz.apkg", timestamp=1_700_000_000)
    to_apkg(sample_cards, out_dir / "quiz.apkg")  # overwrite in place
    assert list(private_tmp.iterdir()) == []
    assert [p.name for p in out_dir.iterdir()] == ["quiz.apkg"]

    import genanki  # the control: the same check catches genanki's own writer leaking

    genanki.Package(genanki.Deck(1, "x")).write_to_file(str(tmp_path / "genanki.apkg"), timestamp=1)
    assert len(list(private_tmp.iterdir())) == 1


def test_no_temporary_files_when_writing_fails(sample_cards, tmp_path, monkeypatch) -> None:
    """A failure mid-build still removes the temporary directory and leaves no output."""
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    import genanki

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(genanki.Package, "write_to_db", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        to_apkg(sample_cards, tmp_path / "quiz.apkg", timestamp=1)
    assert list(private_tmp.iterdir()) == []
    assert not (tmp_path / "quiz.apkg").exists()


def test_duplicate_card_ids_keep_the_first(make_card, tmp_path) -> None:
    """Two cards with one id would be one Anki note; the first wins, with a warning."""
    first = make_card(id="same", answer="first")
    with pytest.warns(SummarizeWarning, match="appears twice"):
        assert to_apkg([first, make_card(id="same", answer="second")], tmp_path / "q.apkg", timestamp=1) == 1
    con = apkg_db(tmp_path / "q.apkg", tmp_path)
    assert con.execute("SELECT flds FROM notes").fetchone()[0].split("\x1f")[1] == "first"
    con.close()


def test_title_less_posts_use_the_file_name_and_colons_cannot_nest(make_card, tmp_path) -> None:
    """The subdeck is the title, else the file name; '::' in a title does not create a deeper deck."""
    cards = [make_card(title=None, source="notes/k8s.md"), make_card(title="C++::Templates", source="b.md")]
    to_apkg(cards, tmp_path / "q.apkg", timestamp=1)
    import json

    con = apkg_db(tmp_path / "q.apkg", tmp_path)
    names = {d["name"] for d in json.loads(con.execute("SELECT decks FROM col").fetchone()[0]).values()}
    assert {"summarize::k8s.md", "summarize::C++: Templates"} <= names
    con.close()


def test_same_title_different_posts_get_separate_subdecks(make_card, tmp_path) -> None:
    cards = [make_card(title="Notes", source="a/notes.md"), make_card(title="Notes", source="b/notes.md")]
    to_apkg(cards, tmp_path / "q.apkg", timestamp=1)
    import json

    con = apkg_db(tmp_path / "q.apkg", tmp_path)
    names = {d["name"] for d in json.loads(con.execute("SELECT decks FROM col").fetchone()[0]).values()}
    assert {"summarize::Notes (a/notes.md)", "summarize::Notes (b/notes.md)"} <= names
    con.close()


# --- early validation -------------------------------------------------------------------------


def test_no_cards_is_an_error_that_says_why(tmp_path) -> None:
    with pytest.raises(ExportError, match=r"no cards to export as apkg.*too few sentences") as info:
        to_apkg([], tmp_path / "q.apkg")
    assert isinstance(info.value, SummarizeError) and isinstance(info.value, ValueError)
    assert not (tmp_path / "q.apkg").exists()


def test_cloze_without_deletion_is_rejected(make_card, tmp_path) -> None:
    with pytest.raises(ExportError, match=r"cloze card c9 .* has no \{\{c1::…\}\} deletion"):
        to_apkg([make_card(id="c9", type="cloze", question="No deletion here.")], tmp_path / "q.apkg")


def test_non_cards_and_bad_options_are_rejected_before_writing(make_card, tmp_path) -> None:
    with pytest.raises(ExportError, match="item 1 of the card list is a dict"):
        to_apkg([make_card(), {"question": "?"}], tmp_path / "q.apkg")
    with pytest.raises(ExportError, match="deck name"):
        to_apkg([make_card()], tmp_path / "q.apkg", deck="a:: ::b")
    with pytest.raises(ExportError, match="timestamp"):
        to_apkg([make_card()], tmp_path / "q.apkg", timestamp=float("nan"))
    with pytest.raises(UsageError, match="does not exist"):
        to_apkg([make_card()], tmp_path / "missing" / "q.apkg")
    assert list(tmp_path.iterdir()) == []


def test_no_genanki_warnings(sample_cards, tmp_path) -> None:
    """Escaped fields never trip genanki's 'invalid HTML tags' warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        to_apkg(sample_cards, tmp_path / "q.apkg", timestamp=1)


# --- a real Anki collection -------------------------------------------------------------------


def test_anki_imports_every_note_and_card(anki, sample_cards, card_count, tmp_path) -> None:
    """Anki's own importer reads the package: counts match, fields render, decks and tags land."""
    out = tmp_path / "quiz.apkg"
    to_apkg(sample_cards, out, timestamp=1_700_000_000)
    collection = anki()
    log = collection.import_apkg(out)
    assert len(log.new) == 5
    assert collection.col.note_count() == 5
    assert collection.col.card_count() == card_count(sample_cards) == 6

    notes = collection.notes()
    assert set(notes) == {card_guid(card) for card in sample_cards}

    en = notes[card_guid(sample_cards[0])]
    assert en.note_type()["name"] == BASIC_MODEL_NAME
    assert collection.deck_of(en) == {'summarize::Why Envoy, "the" proxy'}
    assert sorted(en.tags) == ["envoy", "service_mesh", "what"]
    (card,) = en.cards()
    assert "What does &quot;Envoy&quot;, the proxy, do with &lt;b&gt;traffic&lt;/b&gt;?" in card.question()
    answer = card.answer()
    assert "It routes traffic between &lt;b&gt;services&lt;/b&gt; &amp; sidecars.<br>All of it." in answer
    assert "Why Envoy, &quot;the&quot; proxy · posts/envoy.md:12" in answer
    assert "<b>" not in answer.replace("&lt;b&gt;", "")

    zh = notes[card_guid(sample_cards[3])]
    assert collection.deck_of(zh) == {"summarize::服务网格入门"}
    assert "由 Envoy 代理组成，负责“流量”转发， 包括 &lt;b&gt;东西向&lt;/b&gt; 流量。" in zh.cards()[0].answer()

    cloze = notes[card_guid(sample_cards[2])]
    assert cloze.note_type()["name"] == CLOZE_MODEL_NAME
    first, second = sorted(cloze.cards(), key=lambda c: c.ord)
    assert "[...]" in first.question() and "data plane" in first.question()
    assert "control plane" in first.answer() and "&amp; &lt;proxies&gt;" in first.answer()
    assert "control plane" in second.question() and "[...]" in second.question()


def test_anki_updates_notes_from_a_regenerated_deck(anki, sample_cards, tmp_path) -> None:
    """Re-importing after an answer changed updates that note: same note count, the new answer shown."""
    collection = anki()
    to_apkg(sample_cards, tmp_path / "v1.apkg", timestamp=1_700_000_000)
    collection.import_apkg(tmp_path / "v1.apkg")
    note_ids = set(collection.col.find_notes(""))

    changed = dataclasses.replace(sample_cards[1], answer="Speed & no GC — <i>revised</i>.")
    regenerated = [*sample_cards[:1], changed, *sample_cards[2:]]
    to_apkg(regenerated, tmp_path / "v2.apkg", timestamp=1_700_000_060)
    log = collection.import_apkg(tmp_path / "v2.apkg")

    assert len(log.new) == 0
    assert len(log.updated) == 5  # every note in the newer package counts as updated
    assert "Speed & no GC — <i>revised</i>." in {tuple(n.fields)[1] for n in log.updated}
    assert collection.col.note_count() == 5 and collection.col.card_count() == 6
    assert set(collection.col.find_notes("")) == note_ids
    note = collection.notes()[card_guid(changed)]
    assert note["Answer"] == "Speed &amp; no GC — &lt;i&gt;revised&lt;/i&gt;."
    assert "Speed &amp; no GC — &lt;i&gt;revised&lt;/i&gt;." in note.cards()[0].answer()
    assert "no GC pauses" not in note.cards()[0].answer()


def test_anki_treats_a_same_second_rebuild_as_not_newer(anki, make_card, tmp_path) -> None:
    """Why the timestamp must be fresh: Anki only updates from a package whose notes are newer."""
    card = make_card()
    collection = anki()
    to_apkg([card], tmp_path / "v1.apkg", timestamp=1_700_000_000)
    collection.import_apkg(tmp_path / "v1.apkg")
    to_apkg([dataclasses.replace(card, answer="changed")], tmp_path / "v2.apkg", timestamp=1_700_000_000)
    log = collection.import_apkg(tmp_path / "v2.apkg")
    assert len(log.updated) == 0 and collection.col.note_count() == 1


def test_anki_imports_two_posts_then_more_posts_into_the_same_deck(anki, sample_cards, make_card, tmp_path) -> None:
    """A later export with an extra post adds a subdeck beside the others; nothing is duplicated."""
    collection = anki()
    to_apkg(sample_cards, tmp_path / "v1.apkg", timestamp=1_700_000_000)
    collection.import_apkg(tmp_path / "v1.apkg")
    extra = make_card(source="posts/new.md", title="New post")
    to_apkg([*sample_cards, extra], tmp_path / "v2.apkg", timestamp=1_700_000_100)
    log = collection.import_apkg(tmp_path / "v2.apkg")
    assert len(log.new) == 1 and collection.col.note_count() == 6
    assert collection.deck_of(collection.notes()[card_guid(extra)]) == {"summarize::New post"}
    assert {name for name in collection.deck_names() if name.startswith("summarize")} == {
        "summarize", 'summarize::Why Envoy, "the" proxy', "summarize::服务网格入门", "summarize::New post",
    }


def test_a_deck_built_before_context_lines_updates_in_place(anki, sample_cards, tmp_path) -> None:
    """Adding the context line keeps the note types' fields, so a deck built without context lines (as before
    this field existed) is updated, not forked: no new note, no second note type, the line shown on the front."""
    collection = anki()
    bare = [dataclasses.replace(card, context=None) for card in sample_cards]
    to_apkg(bare, tmp_path / "v1.apkg", timestamp=1_700_000_000)
    collection.import_apkg(tmp_path / "v1.apkg")
    note_ids = set(collection.col.find_notes(""))
    models_before = {(m.id, m.name) for m in collection.col.models.all_names_and_ids()}

    framed = [dataclasses.replace(card, context="Envoy & <the> proxy") for card in sample_cards]
    to_apkg(framed, tmp_path / "v2.apkg", timestamp=1_700_000_060)
    log = collection.import_apkg(tmp_path / "v2.apkg")

    assert len(log.new) == 0 and len(log.updated) == 5 and not log.conflicting
    assert set(collection.col.find_notes("")) == note_ids
    assert {(m.id, m.name) for m in collection.col.models.all_names_and_ids()} == models_before
    basic = collection.notes()[card_guid(framed[0])]
    assert list(basic.keys()) == ["Question", "Answer", "Source", "Context"]
    assert basic["Question"].startswith('<div class="topic">Envoy &amp; &lt;the&gt; proxy</div>')
    assert "Envoy &amp; &lt;the&gt; proxy" in basic.cards()[0].question()
    cloze = collection.notes()[card_guid(framed[2])]
    assert "Envoy &amp; &lt;the&gt; proxy" in cloze.cards()[0].question()
    assert "control plane" not in cloze.cards()[0].question()  # still a deletion on the front
