"""Question/answer cards from a post, by templates kept as data in ``quizzes/``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model import Card, Document


def quiz(
    source: object,
    *,
    lang: str = "auto",
    max_cards: int = 20,
    templates: Sequence[str | Path] = (),
    base: str | Path | None = None,
) -> list[Card]:
    """Cards for a post, best first up to ``max_cards``, returned in the post's order.

    1. Read and segment ``source`` (a path, ``-``, bytes, text, or a Document).
    2. Apply the template pack of its language (built-in packs plus any ``templates`` folders).
    3. Keep cards whose answers come from the post and whose questions stand alone.
    4. Give each card its link (the post's URL, or its video at the caption's second) and, with
       ``base``, an id relative to that folder (the common parent of posts built together; see
       :mod:`summarize.quiz.post`).
    """
    from ..errors import UnknownChoiceError, UsageError
    from ..pipeline import LANGS, load
    from .engine import make_cards
    from .packs import load_packs
    from .post import with_post

    if lang not in LANGS:
        raise UnknownChoiceError("--lang", lang, LANGS)
    if max_cards < 0:
        raise UsageError(f"--max-cards must be 0 or more, not {max_cards}")
    packs = load_packs(templates)
    doc = source if isinstance(source, Document) else load(source)  # type: ignore[arg-type]
    target = (doc.lang or "en") if lang == "auto" else lang
    return with_post(make_cards(doc, packs[target], lang=target, max_cards=max_cards), doc, base=base)


__all__ = ["quiz"]
