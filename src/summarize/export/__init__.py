"""Exporters: quiz cards as an Anki package, an Anki text file, JSON or a Markdown quiz.

Usage::

    from summarize.export import to_apkg, to_tsv, to_json, to_markdown, export

    to_apkg(cards, "quiz.apkg", deck="Tech posts")   # writes the file, returns the note count
    text = to_tsv(cards)                              # Anki "plain text" import file
    text = to_json(cards, source="post.md")           # {"cards": [...], "source": "post.md"}
    cards = cards_from_json(text)
    export(cards, "md", "quiz.md")                    # by format name; None or "-" = stdout

The Anki formats give every note a GUID derived from ``Card.id`` (post + template +
normalised question), so re-importing a regenerated deck updates notes instead of
duplicating them. genanki is imported only when a package or GUID is made.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from .._output import emit
from ..errors import UnknownChoiceError, UsageError
from ..model import Card
from .anki import BASIC_MODEL_ID, CLOZE_MODEL_ID, card_guid, deck_id, to_apkg
from .json_ import cards_from_json, to_json
from .markdown import to_markdown
from .tsv import to_tsv

#: Format name -> exporter. ``apkg`` writes a file (``to_apkg(cards, path, **options)``); the
#: others return text (``to_x(cards, **options) -> str``). :func:`export` hides the difference.
EXPORTERS: dict[str, Callable[..., Any]] = {
    "apkg": to_apkg,
    "tsv": to_tsv,
    "json": to_json,
    "md": to_markdown,
}

#: Formats that can only go to a file (binary).
FILE_ONLY = frozenset({"apkg"})

__all__ = [
    "BASIC_MODEL_ID",
    "CLOZE_MODEL_ID",
    "EXPORTERS",
    "FILE_ONLY",
    "card_guid",
    "cards_from_json",
    "deck_id",
    "export",
    "to_apkg",
    "to_json",
    "to_markdown",
    "to_tsv",
]


def export(cards: Iterable[Card], fmt: str, output: str | os.PathLike[str] | None = None, **options: Any) -> int:
    """Export ``cards`` as ``fmt`` to ``output`` (a path; None or ``-`` means stdout). Returns the card count.

    ``options`` go to the exporter (``deck=``, ``timestamp=``, ``title=``, JSON metadata …).
    """
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise UnknownChoiceError("export format", fmt, EXPORTERS)
    cards = list(cards)
    to_stdout = output is None or str(output) == "-"
    if fmt in FILE_ONLY:
        if to_stdout:
            raise UsageError(f"the {fmt} format is a binary file; give an output path, e.g. -o quiz.{fmt}")
        return int(exporter(cards, output, **options))
    text = exporter(cards, **options)
    emit(text, None if output is None or to_stdout else os.fspath(output))
    return len(cards)
