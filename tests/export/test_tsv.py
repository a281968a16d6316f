"""The Anki text-file exporter: headers, one row per card, escaping, and a real Anki import."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.errors import ExportError
from summarize.export import card_guid, to_tsv
from summarize.export._common import clean_text, one_line, visible
from summarize.model import Card


def parse(text: str) -> tuple[list[str], list[list[str]]]:
    """Split an Anki text file as Anki does: leading ``#`` lines are headers, the rest is tab-separated CSV."""
    lines = text.split("\n")
    headers = list(itertools.takewhile(lambda line: line.startswith("#"), lines))
    body = "\n".join(lines[len(headers):])
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter="\t", quotechar='"', doublequote=True, strict=True))
    return headers, rows


def unfield(value: str) -> str:
    """The documented normalisation undone: <br> back to newlines, entities back to characters."""
    return html.unescape(value.replace("<br>", "\n"))


def test_headers_for_basic_cards_only(make_card) -> None:
    text = to_tsv([make_card(), make_card()])
    headers, rows = parse(text)
    assert headers == [
        "#separator:tab", "#html:true", "#guid column:1", "#notetype:Basic", "#deck column:2", "#tags column:5",
    ]
    assert len(rows) == 2 and all(len(row) == 6 for row in rows)  # the last: the context line
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_headers_for_cloze_cards_only(make_card) -> None:
    headers, _ = parse(to_tsv([make_card(type="cloze", question="A {{c1::term}}.")]))
    assert "#notetype:Cloze" in headers


def test_mixed_basic_and_cloze_use_a_notetype_column(sample_cards) -> None:
    headers, rows = parse(to_tsv(sample_cards, deck="Tech", notetype="Basic", cloze_notetype="Cloze"))
    assert headers == [
        "#separator:tab", "#html:true", "#guid column:1", "#notetype column:2", "#deck column:3", "#tags column:6",
    ]
    assert [row[1] for row in rows] == ["Basic", "Basic", "Cloze", "Basic", "Cloze"]
    assert [row[0] for row in rows] == [card_guid(card) for card in sample_cards]
    assert [row[2] for row in rows] == ['Tech::Why Envoy, "the" proxy'] * 3 + ["Tech::服务网格入门"] * 2
    assert rows[0][5].split() == ["service_mesh", "envoy", "what"]
    assert rows[3][5].split() == ["服务_网格", "what"]


def test_fields_are_escaped_and_rows_stay_rows(sample_cards) -> None:
    """Quotes, tags, tabs and newlines are escaped or folded: each card is exactly one line."""
    text = to_tsv(sample_cards)
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert len(body) == len(sample_cards)
    assert all(line.count("\t") == 6 for line in body)
    _, rows = parse(text)
    first = rows[0]
    assert first[3] == "What does &quot;Envoy&quot;, the proxy, do with &lt;b&gt;traffic&lt;/b&gt;?"
    assert first[4].startswith("It routes traffic between &lt;b&gt;services&lt;/b&gt; &amp; sidecars.<br>All of it.")
    assert "<blockquote>Envoy routes traffic between services &amp; sidecars.</blockquote>" in first[4]
    assert "<small>Why Envoy, &quot;the&quot; proxy · posts/envoy.md:12</small>" in first[4]
    assert rows[2][3] == "The {{c1::control plane}} configures the {{c2::data plane}} &amp; &lt;proxies&gt;."
    assert "<small>服务网格入门 · posts/服务网格.md:9 · 1:02:05</small>" in rows[4][4]


def test_deterministic_and_in_the_order_given(sample_cards) -> None:
    assert to_tsv(sample_cards) == to_tsv(list(sample_cards))
    _, rows = parse(to_tsv(list(reversed(sample_cards))))
    assert [row[0] for row in rows] == [card_guid(card) for card in reversed(sample_cards)]


def test_a_cell_starting_with_hash_is_quoted(make_card) -> None:
    """Anki reads an unquoted line starting with '#' as a comment, so such cells are always quoted."""
    text = to_tsv([make_card(question="#include <vector> does what?")])
    assert '\t"#include &lt;vector&gt; does what?"\t' in text
    _, rows = parse(text)
    assert rows[0][2] == "#include &lt;vector&gt; does what?"


def test_deck_names_with_quotes_are_quoted(make_card) -> None:
    _, rows = parse(to_tsv([make_card(title='The "best" #1 post', source="p.md")]))
    assert rows[0][1] == 'summarize::The "best" #1 post'


def test_errors_before_any_output(make_card) -> None:
    with pytest.raises(ExportError, match="no cards to export as tsv"):
        to_tsv([])
    with pytest.raises(ExportError, match="notetype '  ' is empty"):
        to_tsv([make_card()], notetype="  ")


texts = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=3),
        st.sampled_from(["\t", "\n", "\r\n", "\r", '"', "'", ",", ";", "<b>", "&", "&amp;", "#", "<br>", "{{c1::x}}"]),
        st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=4),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(question=texts.filter(str.strip), answer=texts.filter(str.strip), title=texts, context=texts)
def test_round_trip_any_text(question: str, answer: str, title: str, context: str) -> None:
    """Any question/answer/context text comes back from a standard tab-separated CSV parse, after the
    documented normalisation (controls dropped, tabs as spaces, line breaks as <br>; the context column as
    one line of plain text, and in the front field as an HTML line above the question)."""
    card = Card(
        id="p", type="what", question=question, answer=answer, sentence_ids=(1,), source_text=answer,
        line=1, template="t", lang="en", source="p.md", title=title or None, context=context or None,
    )
    text = to_tsv([card])
    headers, rows = parse(text)
    assert len(headers) == 6 and len(rows) == 1 and len(rows[0]) == 6
    guid, deck, front, back, tags, context_column = rows[0]
    assert guid == card_guid(card)
    assert deck.startswith("summarize::")
    assert context_column == one_line(clean_text(context))
    shown = one_line(context)
    topic = f'<div class="topic">{html.escape(clean_text(shown), quote=True)}</div>' if visible(shown) else ""
    assert front.startswith(topic)
    assert unfield(front[len(topic):]) == clean_text(question)
    assert unfield(back.split("<blockquote>")[0].split("<div><small>")[0]) == clean_text(answer)
    assert tags == "what"


# --- a real Anki collection -------------------------------------------------------------------


def test_anki_imports_the_text_file(anki, sample_cards, card_count, tmp_path) -> None:
    """Anki reads every header: notes, cards, note types, subdecks, tags and GUIDs all land."""
    path = tmp_path / "quiz.txt"
    path.write_text(to_tsv(sample_cards), encoding="utf-8")
    collection = anki()
    log = collection.import_tsv(path)
    assert len(log.new) == 5
    assert collection.col.note_count() == 5
    assert collection.col.card_count() == card_count(sample_cards) == 6

    notes = collection.notes()
    assert set(notes) == {card_guid(card) for card in sample_cards}
    en = notes[card_guid(sample_cards[0])]
    assert en.note_type()["name"] == "Basic"
    assert collection.deck_of(en) == {'summarize::Why Envoy, "the" proxy'}
    assert sorted(en.tags) == ["envoy", "service_mesh", "what"]
    assert en["Front"] == "What does &quot;Envoy&quot;, the proxy, do with &lt;b&gt;traffic&lt;/b&gt;?"
    assert "What does &quot;Envoy&quot;, the proxy, do with &lt;b&gt;traffic&lt;/b&gt;?" in en.cards()[0].question()
    assert "It routes traffic between &lt;b&gt;services&lt;/b&gt; &amp; sidecars.<br>All of it." in en.cards()[0].answer()

    zh = notes[card_guid(sample_cards[3])]
    assert collection.deck_of(zh) == {"summarize::服务网格入门"}
    assert zh["Front"] == "服务网格的数据平面由什么组成？"

    cloze = notes[card_guid(sample_cards[2])]
    assert cloze.note_type()["name"] == "Cloze"
    assert len(cloze.cards()) == 2
    assert "[...]" in cloze.cards()[0].question()


def test_anki_keeps_fields_starting_with_hash(anki, make_card, tmp_path) -> None:
    card = make_card(question="#include <vector> does what?", title="#1 tip")
    path = tmp_path / "quiz.txt"
    path.write_text(to_tsv([card, make_card()]), encoding="utf-8")
    collection = anki()
    collection.import_tsv(path)
    assert collection.col.note_count() == 2
    note = collection.notes()[card_guid(card)]
    assert note["Front"] == "#include &lt;vector&gt; does what?"
    assert collection.deck_of(note) == {"summarize::#1 tip"}


def test_anki_updates_notes_from_a_regenerated_file(anki, sample_cards, tmp_path) -> None:
    """Re-importing after an answer changed updates the note (matched by GUID): count unchanged."""
    collection = anki()
    path = tmp_path / "quiz.txt"
    path.write_text(to_tsv(sample_cards), encoding="utf-8")
    collection.import_tsv(path)
    note_ids = set(collection.col.find_notes(""))

    changed = dataclasses.replace(sample_cards[3], answer="由 Sidecar 代理组成 & 更新了。")
    path.write_text(to_tsv([*sample_cards[:3], changed, *sample_cards[4:]]), encoding="utf-8")
    log = collection.import_tsv(path)

    assert len(log.new) == 0 and len(log.updated) == 1
    assert collection.col.note_count() == 5 and collection.col.card_count() == 6
    assert set(collection.col.find_notes("")) == note_ids
    note = collection.notes()[card_guid(changed)]
    assert note["Back"].startswith("由 Sidecar 代理组成 &amp; 更新了。")
    assert "由 Sidecar 代理组成 &amp; 更新了。" in note.cards()[0].answer()
    assert "东西向" not in note["Back"]



def test_anki_shows_the_context_line_and_ignores_its_plain_column(anki, sample_cards, tmp_path) -> None:
    """The context line opens the front field; the trailing plain-text column maps to no field, so the stock
    note types import every card unchanged in shape, and a file made before the column existed updates."""
    collection = anki()
    path = tmp_path / "quiz.txt"
    path.write_text(to_tsv([dataclasses.replace(c, context=None) for c in sample_cards]), encoding="utf-8")
    collection.import_tsv(path)
    note_ids = set(collection.col.find_notes(""))
    path.write_text(to_tsv([dataclasses.replace(c, context="服务网格 & Envoy") for c in sample_cards]), encoding="utf-8")
    log = collection.import_tsv(path)
    assert len(log.new) == 0 and len(log.updated) == 5
    assert set(collection.col.find_notes("")) == note_ids
    note = collection.notes()[card_guid(sample_cards[0])]
    assert list(note.keys()) == ["Front", "Back"]
    assert note["Front"].startswith('<div class="topic">服务网格 &amp; Envoy</div>What does')
    assert "服务网格 &amp; Envoy" not in note["Back"]

NASTY = [
    'Tabs\tand "quotes", commas; semicolons',
    "Line one\nline two\r\nline three\rend",
    "<b>bold?</b> & &amp; &lt; <script>alert(1)</script>",
    "#hash at the start",
    "中文：“引号”、全角，逗号；还有 <标签> & 符号",
    "emoji 🚀 and combining e\u0301",
    "{{c1::not a cloze here}} and {{Front}}",
]


def test_nasty_text_survives_both_anki_imports(anki, make_card, tmp_path) -> None:
    """Through the .apkg and the text file alike, Anki stores each field exactly as we escaped it."""
    import unicodedata

    from summarize.export import to_apkg
    from summarize.export._common import html_field

    cards = [make_card(question=text, answer=text[::-1], title=text) for text in NASTY]
    to_apkg(cards, tmp_path / "q.apkg", timestamp=1_700_000_000)
    (tmp_path / "q.txt").write_text(to_tsv(cards), encoding="utf-8")
    from_apkg, from_tsv = anki("apkg"), anki("tsv")
    from_apkg.import_apkg(tmp_path / "q.apkg")
    from_tsv.import_tsv(tmp_path / "q.txt")
    assert from_apkg.col.note_count() == from_tsv.col.note_count() == len(NASTY)
    apkg_notes, tsv_notes = from_apkg.notes(), from_tsv.notes()
    for card in cards:
        expected = unicodedata.normalize("NFC", html_field(card.question))  # Anki stores text as NFC
        assert apkg_notes[card_guid(card)]["Question"] == expected
        assert tsv_notes[card_guid(card)]["Front"] == expected
        assert apkg_notes[card_guid(card)]["Answer"] == unicodedata.normalize("NFC", html_field(card.answer))
        assert tsv_notes[card_guid(card)]["Back"].startswith(unicodedata.normalize("NFC", html_field(card.answer)))


# --- a Chinese-language Anki ------------------------------------------------------------------


def test_chinese_anki_imports_every_card_with_its_note_type_names(anki, sample_cards, card_count, tmp_path) -> None:
    """A collection created in Chinese names its stock types 问答题/填空题: the default names fail
    for every card (missing note type), the Chinese names bring every card in."""
    collection = anki("zh", lang="zh_CN")
    names = {model["name"] for model in collection.col.models.all()}
    assert {"问答题", "填空题"} <= names and not {"Basic", "Cloze"} & names

    default = tmp_path / "default.txt"
    default.write_text(to_tsv(sample_cards), encoding="utf-8")
    log = collection.import_tsv(default)
    assert len(log.new) == 0 and len(log.missing_notetype) == len(sample_cards)
    assert collection.col.note_count() == 0

    chinese = tmp_path / "zh.txt"
    chinese.write_text(to_tsv(sample_cards, notetype="问答题", cloze_notetype="填空题"), encoding="utf-8")
    log = collection.import_tsv(chinese)
    assert len(log.new) == 5 and len(log.missing_notetype) == 0
    assert collection.col.card_count() == card_count(sample_cards) == 6
    notes = collection.notes()
    assert notes[card_guid(sample_cards[0])].note_type()["name"] == "问答题"
    assert notes[card_guid(sample_cards[3])]["正面"] == "服务网格的数据平面由什么组成？"
    cloze = notes[card_guid(sample_cards[2])]
    assert cloze.note_type()["name"] == "填空题" and len(cloze.cards()) == 2


def test_cli_notetype_flags_reach_the_file(tmp_path, capsys) -> None:
    """--notetype-basic/--notetype-cloze name the note types in the TSV headers; with apkg they are refused."""
    from summarize.cli import main

    post = "tests/fixtures/quiz/strict-written.md"
    out = tmp_path / "cards.tsv"
    assert main(["quiz", post, "--format", "tsv", "-o", str(out), "--notetype-basic", "问答题",
                 "--notetype-cloze", "填空题"]) == 0
    headers, rows = parse(out.read_text(encoding="utf-8"))
    named = {h.split(":", 1)[1] for h in headers if h.startswith("#notetype:")} | {
        row[1] for row in rows if "#notetype column:2" in headers
    }
    assert named and named <= {"问答题", "填空题"}
    assert main(["quiz", post, "-o", str(tmp_path / "q.apkg"), "--notetype-basic", "问答题"]) == 2
    assert "--notetype-basic/--notetype-cloze name note types for --format tsv" in capsys.readouterr().err
    assert not (tmp_path / "q.apkg").exists()


def test_source_link_in_the_back_field(make_card) -> None:
    """A linked card cites its post as a link in the Back field; an unlinkable link falls back to the path."""
    headers, rows = parse(to_tsv([make_card(title="Post", link="https://blog.example/p/", line=3),
                                  make_card(title="Trap", link="javascript:alert(1)", line=4)]))
    assert rows[0][3].endswith('<div><small><a href="https://blog.example/p/">Post</a></small></div>')
    assert rows[1][3].endswith("<div><small>Trap · posts/envoy.md:4</small></div>")
