"""Rebuilding a deck: reproducible bytes, modification times Anki updates by, post ids and links.

Anki updates a note it already has only when the imported note's ``mod`` is newer, and keeps the
imported ``mod`` (checked below against the real importer), so these tests pin what each build stamps.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest

from summarize.cli import main
from summarize.errors import ExportError
from summarize.export import card_guid, to_apkg
from summarize.export.anki import code_time

FIXTURES = Path(__file__).parents[1] / "fixtures"


def stamps(path: Path, tmp_path: Path) -> dict[str, object]:
    """Every date in a package: notes and cards (by GUID), note types, decks and zip entries."""
    db = tmp_path / f"{path.stem}-unpacked.anki2"
    with zipfile.ZipFile(path) as archive:
        db.write_bytes(archive.read("collection.anki2"))
        zip_times = {info.filename: info.date_time for info in archive.infolist()}
    con = sqlite3.connect(db)
    try:
        models, decks = con.execute("SELECT models, decks FROM col").fetchone()
        return {
            "notes": dict(con.execute("SELECT guid, mod FROM notes")),
            "cards": dict(con.execute("SELECT n.guid, max(c.mod) FROM cards c JOIN notes n ON n.id = c.nid GROUP BY n.guid")),
            "models": {m["name"]: m["mod"] for m in json.loads(models).values()},
            "decks": {d["name"]: d["mod"] for d in json.loads(decks).values() if d["name"] != "Default"},
            "default deck": {d["mod"] for d in json.loads(decks).values() if d["name"] == "Default"},
            "collection": con.execute("SELECT crt, mod FROM col").fetchone(),
            "zip": zip_times,
        }
    finally:
        con.close()


def set_mtime(path: Path, seconds: float) -> None:
    os.utime(path, (seconds, seconds))


def build_twice_a_day_apart(cards, path: Path, monkeypatch) -> None:
    """Build ``path``, then again as if a day later, and check the two packages are byte-identical."""
    to_apkg(cards, path)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400)
    to_apkg(cards, path.with_suffix(".again.apkg"))
    assert path.read_bytes() == path.with_suffix(".again.apkg").read_bytes()


# --- SOURCE_DATE_EPOCH ------------------------------------------------------------------------


def test_source_date_epoch_dates_everything_and_rebuilds_are_byte_identical(sample_cards, tmp_path, monkeypatch) -> None:
    """Two builds a day apart with SOURCE_DATE_EPOCH set are byte-identical, and every date genanki
    writes (notes, cards, note types, decks, zip entries) is that epoch."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_twice_a_day_apart(sample_cards, tmp_path / "a.apkg", monkeypatch)

    found = stamps(tmp_path / "a.apkg", tmp_path)
    for kind in ("notes", "cards", "models", "decks"):
        assert set(found[kind].values()) == {1_700_000_000}, kind  # type: ignore[union-attr]
    assert set(found["zip"].values()) == {(2023, 11, 14, 22, 13, 20)}  # type: ignore[union-attr]
    assert found["default deck"] == {1_700_000_000}
    assert found["collection"] == (1_700_000_000, 1_700_000_000_000)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    to_apkg(sample_cards, tmp_path / "c.apkg")
    assert (tmp_path / "c.apkg").read_bytes() != (tmp_path / "a.apkg").read_bytes()


def test_timestamp_argument_beats_source_date_epoch(make_card, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    to_apkg([make_card()], tmp_path / "q.apkg", timestamp=1_600_000_000)
    assert set(stamps(tmp_path / "q.apkg", tmp_path)["notes"].values()) == {1_600_000_000}  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["soon", "-5", "1.5e9", "１２３"])
def test_a_bad_source_date_epoch_is_an_error_that_names_it(value, make_card, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(ExportError, match=r"SOURCE_DATE_EPOCH .* is not a whole number of seconds.*git log"):
        to_apkg([make_card()], tmp_path / "q.apkg")
    assert not (tmp_path / "q.apkg").exists()


# --- without SOURCE_DATE_EPOCH: dated by the inputs -------------------------------------------


@pytest.fixture
def two_posts(tmp_path, make_card):
    """Two post files dated 2024-01-01 and 2024-02-01, with two cards each."""
    posts = tmp_path / "posts"
    posts.mkdir()
    cards = []
    for name, date in (("a.md", 1_704_067_200), ("b.md", 1_706_745_600)):
        (posts / name).write_text(f"# {name}\n", encoding="utf-8")
        set_mtime(posts / name, date)
        cards += [make_card(source=str(posts / name), title=name), make_card(source=str(posts / name), title=name)]
    return posts, cards


def test_notes_are_dated_by_their_post_and_unchanged_inputs_rebuild_byte_identical(two_posts, tmp_path, monkeypatch) -> None:
    """No SOURCE_DATE_EPOCH: each note carries the newer of its post's mtime and the code's; a rebuild
    from the same files a day later is byte-identical."""
    posts, cards = two_posts
    monkeypatch.setattr("summarize.export.anki.code_time", lambda: 1_600_000_000.0)
    build_twice_a_day_apart(cards, tmp_path / "v1.apkg", monkeypatch)

    found = stamps(tmp_path / "v1.apkg", tmp_path)
    assert found["notes"] == {card_guid(c): 1_704_067_200 if c.source.endswith("a.md") else 1_706_745_600 for c in cards}
    assert found["cards"] == found["notes"]
    assert set(found["models"].values()) == {1_600_000_000}  # type: ignore[union-attr]
    assert found["decks"] == {"summarize": 1_706_745_600, "summarize::a.md": 1_704_067_200, "summarize::b.md": 1_706_745_600}


def test_code_newer_than_the_posts_dates_the_notes(two_posts, tmp_path, monkeypatch) -> None:
    """Upgrading summarize (newer code) makes every note newer, so improved cards reach Anki."""
    _posts, cards = two_posts
    monkeypatch.setattr("summarize.export.anki.code_time", lambda: 1_800_000_000.0)
    to_apkg(cards, tmp_path / "q.apkg")
    assert set(stamps(tmp_path / "q.apkg", tmp_path)["notes"].values()) == {1_800_000_000}  # type: ignore[union-attr]


def test_code_time_is_the_newest_source_file_of_the_package() -> None:
    package = Path(__import__("summarize").__file__).parent
    newest = max(p.stat().st_mtime for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    assert code_time() >= newest
    assert code_time() <= time.time()


def test_an_edited_template_pack_makes_notes_newer(two_posts, tmp_path, monkeypatch) -> None:
    _posts, cards = two_posts
    monkeypatch.setattr("summarize.export.anki.code_time", lambda: 1_600_000_000.0)
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "mine.toml").write_text("# templates\n", encoding="utf-8")
    set_mtime(packs / "mine.toml", 1_750_000_000)
    to_apkg(cards, tmp_path / "q.apkg", inputs=[packs, tmp_path / "missing"])
    assert set(stamps(tmp_path / "q.apkg", tmp_path)["notes"].values()) == {1_750_000_000}  # type: ignore[union-attr]


def test_anki_updates_only_the_notes_whose_post_changed(anki, two_posts, tmp_path, monkeypatch) -> None:
    """Edit post b and rebuild: Anki updates b's notes (new answer shown) and skips a's as unchanged."""
    posts, cards = two_posts
    monkeypatch.setattr("summarize.export.anki.code_time", lambda: 1_600_000_000.0)
    collection = anki()
    to_apkg(cards, tmp_path / "v1.apkg")
    assert len(collection.import_apkg(tmp_path / "v1.apkg").new) == 4

    (posts / "b.md").write_text("# b.md, edited\n", encoding="utf-8")
    set_mtime(posts / "b.md", 1_709_251_200)  # 2024-03-01: the edit
    revised = [dataclasses.replace(c, answer="Revised") if c.source.endswith("b.md") else c for c in cards]
    to_apkg(revised, tmp_path / "v2.apkg")
    log = collection.import_apkg(tmp_path / "v2.apkg")
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 2, 2)
    notes = collection.notes()
    assert {notes[card_guid(c)]["Answer"] for c in revised if c.source.endswith("b.md")} == {"Revised"}
    assert {notes[card_guid(c)].mod for c in revised} == {1_704_067_200, 1_709_251_200}

    log = collection.import_apkg(tmp_path / "v2.apkg")  # the same package again changes nothing
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, 4)


def test_an_edit_made_in_anki_survives_a_rebuild_of_an_unchanged_post(anki, two_posts, tmp_path, monkeypatch) -> None:
    """Anki stamps a user's edit now; a rebuild from the unchanged post is older, so the edit stays."""
    _posts, cards = two_posts
    monkeypatch.setattr("summarize.export.anki.code_time", lambda: 1_600_000_000.0)
    collection = anki()
    to_apkg(cards, tmp_path / "v1.apkg")
    collection.import_apkg(tmp_path / "v1.apkg")
    note = collection.notes()[card_guid(cards[0])]
    note["Answer"] = "My own words"
    collection.col.update_note(note)
    to_apkg(cards, tmp_path / "v1-again.apkg")
    log = collection.import_apkg(tmp_path / "v1-again.apkg")
    assert len(log.updated) == 0
    assert collection.notes()[card_guid(cards[0])]["Answer"] == "My own words"


# --- Hugo page bundles through the command line -----------------------------------------------


@pytest.fixture
def bundles(tmp_path):
    """content/posts/{a,b}/index.md with the same body (so the same questions) and their own titles."""
    body = (FIXTURES / "quiz/strict-written.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    for name in ("a", "b"):
        post = tmp_path / "site/content/posts" / name / "index.md"
        post.parent.mkdir(parents=True)
        post.write_text(f"---\ntitle: Bundle {name}\n---\n{body}", encoding="utf-8")
        set_mtime(post, 1_704_067_200)
    return tmp_path / "site"


def test_anki_keeps_page_bundles_apart_and_updates_them_on_rebuild(anki, bundles, tmp_path, monkeypatch, capsys) -> None:
    """Two bundles asking the same questions: built separately, both land (nothing overwritten);
    rebuilt together after an edit, from another folder, every note is updated and none added."""
    monkeypatch.chdir(bundles)
    assert main(["quiz", "content/posts/a/index.md", "-o", str(tmp_path / "a.apkg")]) == 0
    assert main(["quiz", "content/posts/b/index.md", "-o", str(tmp_path / "b.apkg")]) == 0
    collection = anki()
    first = len(collection.import_apkg(tmp_path / "a.apkg").new)
    second = len(collection.import_apkg(tmp_path / "b.apkg").new)
    assert first == second > 0
    assert collection.col.note_count() == first + second

    post = bundles / "content/posts/a/index.md"
    post.write_text(post.read_text(encoding="utf-8").replace("title: Bundle a", "title: Bundle a (edited)"), encoding="utf-8")
    set_mtime(post, time.time())
    monkeypatch.chdir(bundles / "content")
    assert main(["quiz", *sorted(str(p.relative_to(bundles / "content")) for p in (bundles / "content/posts").glob("*/index.md")),
                 "-o", str(tmp_path / "all.apkg")]) == 0
    log = collection.import_apkg(tmp_path / "all.apkg")
    assert len(log.new) == 0
    assert len(log.updated) == first  # a's notes: newer post
    assert len(log.duplicate) == second  # b's notes: unchanged post, unchanged stamp
    assert collection.col.note_count() == first + second
    capsys.readouterr()


# --- the Source field -------------------------------------------------------------------------


def test_source_field_links_to_the_post_or_video(anki, make_card, tmp_path) -> None:
    """A card with a link shows it, titled, in Source (with the caption time); a javascript: link never does."""
    video = make_card(title="Mesh talk", link="https://www.youtube.com/watch?v=abc&t=83s", time=83.0)
    post = make_card(title='Why "Envoy"', link="https://blog.example/envoy/?a=1&b=2")
    hostile = make_card(title="Trap", link="javascript:alert(1)", source="posts/trap.md", line=4)
    to_apkg([video, post, hostile], tmp_path / "q.apkg", timestamp=1_700_000_000)
    collection = anki()
    collection.import_apkg(tmp_path / "q.apkg")
    notes = collection.notes()
    assert notes[card_guid(video)]["Source"] == '<a href="https://www.youtube.com/watch?v=abc&amp;t=83s">Mesh talk</a> · 01:23'
    assert notes[card_guid(post)]["Source"] == '<a href="https://blog.example/envoy/?a=1&amp;b=2">Why &quot;Envoy&quot;</a>'
    assert 'href="https://blog.example/envoy/?a=1&amp;b=2"' in notes[card_guid(post)].cards()[0].answer()
    assert notes[card_guid(hostile)]["Source"] == "Trap · posts/trap.md:4"
    assert "javascript" not in notes[card_guid(hostile)].cards()[0].answer()
