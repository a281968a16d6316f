"""The whole pipeline on generated documents: a result or a SummarizeError, never anything else,
and exports that load back to the same data."""

from __future__ import annotations

import json
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import any_text, caption_doc, markdown_doc, transcript_doc

from summarize.errors import SummarizeError
from summarize.export import cards_from_json, to_json, to_markdown, to_tsv
from summarize.pipeline import load, summarize
from summarize.quiz import quiz

DOCS = st.one_of(markdown_doc(), caption_doc(), transcript_doc(), any_text)


def run_everything(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = load(text.encode("utf-8"))
        except SummarizeError:
            return
        summary = summarize(doc, n=3)
        assert len(summary.takeaways) <= 3
        assert json.loads(json.dumps(summary.to_dict(), ensure_ascii=False)) == summary.to_dict()
        summary.to_markdown()
        cards = quiz(doc, max_cards=5)
        assert len(cards) <= 5
        if cards:
            assert cards_from_json(to_json(cards)) == cards
            to_tsv(cards)
            to_markdown(cards)


@given(DOCS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_pipeline_returns_or_raises_summarize_error(text: str) -> None:
    """read → segment → summarize → quiz → export: every generated document ends in a result or a SummarizeError."""
    run_everything(text)


@given(st.binary(max_size=400))
@settings(max_examples=60, deadline=None)
def test_arbitrary_bytes(data: bytes) -> None:
    """Random bytes are decoded or refused with a SummarizeError, never a crash."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = load(data)
        except SummarizeError:
            return
        summarize(doc, n=2)
