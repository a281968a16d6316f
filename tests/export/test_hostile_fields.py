"""Card text from a hostile post (issue 15): no control characters in Markdown, TSV or Anki fields,
bidi overrides closed within their field, and JSON keeping everything, escaped."""

from __future__ import annotations

import json
from collections.abc import Callable

from summarize.export import to_json, to_markdown, to_tsv
from summarize.export._common import html_field
from summarize.model import Card

HOSTILE = {"question": "Why did \u202eIstio pick Envoy\x1b[2J?", "answer": "Because \u2066it was light\x07",
           "title": "Why \u202bEnvoy\x1b]0;owned\x07", "source_text": "Istio picked \u202eEnvoy.\x9b"}


def _balanced(text: str) -> bool:
    stack: list[str] = []
    for ch in text:
        if ch in "\u202a\u202b\u202d\u202e":
            stack.append("\u202c")
        elif ch in "\u2066\u2067\u2068":
            stack.append("\u2069")
        elif ch in "\u202c\u2069" and (not stack or stack.pop() != ch):
            return False
    return not stack


def test_markdown_and_tsv_fields_are_clean(make_card: Callable[..., Card]) -> None:
    """Every line of the Markdown quiz and every TSV field: no C0/C1 control but tab and newline, bidi balanced."""
    cards = [make_card(**HOSTILE)]
    for text in (to_markdown(cards), to_tsv(cards)):
        assert not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in text)
        assert "\u202e" in text
        rows = text.split("\n")
        assert all(_balanced(field) for row in rows for field in row.split("\t"))


def test_anki_fields_close_their_overrides() -> None:
    """An Anki field (HTML) closes an override it opens, so the next field is not reversed."""
    field = html_field("a \u202eb\nc \u2067d")
    assert _balanced(field) and "\x1b" not in field
    assert field == "a \u202eb\u202c<br>c \u2067d\u2069"


def test_json_keeps_them_escaped(make_card: Callable[..., Card]) -> None:
    """The JSON export keeps every character, written as escapes, and reads back the same."""
    card = make_card(**HOSTILE)
    text = to_json([card])
    assert "\u202e" not in text and "\\u202e" in text
    data = json.loads(text)
    cards = data["cards"] if isinstance(data, dict) else data
    assert cards[0]["question"] == HOSTILE["question"]
