"""One link rule for every stage: parsing, the card reader, the quiz, the exporters and the digest all use
the functions of summarize._urls, so no stage can accept a link another refuses."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given
from strategies import url_like

from summarize import _schema, _urls
from summarize.model import Card

CARD = {"id": "c1", "type": "what", "question": "What is Envoy?", "answer": "a proxy", "sentence_ids": [0],
        "source_text": "Envoy is a proxy.", "line": 1, "template": "what-is", "lang": "en", "source": "p.md",
        "tags": []}


def test_every_stage_imports_the_one_rule() -> None:
    """No stage keeps a copy: each name is the very function in summarize._urls."""
    from summarize.export import _common
    from summarize.parse import metadata
    from summarize.quiz import post

    render = importlib.import_module("summarize.batch.render")  # summarize.batch.render is also a function

    assert metadata.safe_url is render.safe_url is _urls.safe_url
    assert metadata.http_url is post.http_url is _common.http_url is _urls.http_url


@given(url_like)
def test_the_card_reader_takes_exactly_what_the_rule_passes(value: str) -> None:
    """Card.from_dict keeps a link the rule passes unchanged, and refuses every other (it once had its own,
    looser rule: a backslash or a missing host passed it, to be dropped only at export)."""
    if _urls.http_url(value) == value:
        assert Card.from_dict({**CARD, "link": value}).link == value
    else:
        with pytest.raises(_schema.SchemaError, match="'link' is not an absolute http"):
            Card.from_dict({**CARD, "link": value})


@pytest.mark.parametrize("link", ["https://evil.example\\@good.example/", "https://", " https://a.example/"])
def test_links_the_old_card_reader_let_through(link: str) -> None:
    with pytest.raises(_schema.SchemaError):
        Card.from_dict({**CARD, "link": link})
