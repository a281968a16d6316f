"""sumy's summarizers as scorers, fed our own sentences and words.

sumy's tokenizers need downloaded NLTK data and drop Chinese text after the last 。, so we
build its document model from our segmentation and hand it our tokens. A callable
``sentences_count`` receives every (sentence, order, rating) triple, which gives a score
for every sentence instead of only the chosen few.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .._resources import nltk_module
from ..model import Document
from .analysis import analyse, stop_words
from .registry import Scores


class _OurWords:
    """The duck-typed tokenizer sumy's Sentence calls: it returns the words we already cut."""

    def __init__(self, words_by_text: dict[str, tuple[str, ...]]) -> None:
        self._words = words_by_text

    def to_words(self, text: str) -> tuple[str, ...]:
        return self._words.get(text, ())

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:  # pragma: no cover - sumy never calls it here
        return (paragraph,)


def sumy_document(doc: Document) -> tuple[Any, list[int]]:
    """sumy's ObjectDocumentModel of ``doc``, and the sentence id at each sumy position."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    analysis = analyse(doc)
    words_by_text = {s.clean: toks for s, toks in zip(doc.sentences, analysis.tokens)}
    tokenizer = _OurWords(words_by_text)
    paragraphs: list[Any] = []
    current: list[Any] = []
    ids: list[int] = []
    last_block = None
    for s in doc.sentences:
        if s.block != last_block and current:
            paragraphs.append(Paragraph(current))
            current = []
        last_block = s.block
        current.append(SumySentence(s.clean, tokenizer, is_heading=s.kind == "heading"))
        ids.append(s.id)
    if current:
        paragraphs.append(Paragraph(current))
    return ObjectDocumentModel(paragraphs), ids


@functools.cache
def _stemmer(lang: str) -> Any:
    from sumy.nlp.stemmers import Stemmer, null_stemmer

    return Stemmer("english") if lang == "en" else null_stemmer


def sumy_scores(doc: Document, make: Callable[[Any], Any]) -> Scores:
    """Run one sumy summarizer over ``doc`` and return a score for every sentence."""
    if not doc.sentences:
        return {}
    lang = doc.lang or "en"
    nltk_module("nltk")  # sumy imports nltk: first through our loader, which keeps SciPy out of it
    summarizer = make(_stemmer(lang))
    summarizer.stop_words = stop_words(lang)
    document, ids = sumy_document(doc)
    captured: list[Any] = []

    def capture(infos: list[Any]) -> list[Any]:
        captured.extend(infos)
        return infos

    summarizer(document, capture)
    return {ids[info.order]: float(info.rating) for info in captured}
