"""Cards as JSON: ``{"cards": [card.to_dict(), ...]}`` plus any metadata, and back.

Sorted keys, two-space indent, ``ensure_ascii=False`` (Chinese stays readable) and a trailing
newline, so the output is byte-stable and diffs well. Unlike the Anki exporters this keeps
every card exactly as given (no escaping, no de-duplication) and accepts an empty list.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any

from .._text import escape_json_text
from ..errors import ExportError
from ..model import Card

_FIELDS = {f.name for f in dataclasses.fields(Card)}
_REQUIRED = {f.name for f in dataclasses.fields(Card) if f.default is dataclasses.MISSING}


def to_json(cards: Iterable[Card], /, **meta: Any) -> str:
    """The cards (and ``meta`` keys beside them, e.g. ``source=...``) as a JSON document."""
    if "cards" in meta:
        raise ExportError("'cards' is reserved for the card list; give the metadata another key")
    payload = {"cards": [card.to_dict() for card in cards], **meta}
    try:
        text = escape_json_text(json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ExportError(f"cannot write the cards as JSON: {exc}") from exc
    return text + "\n"


def cards_from_json(text: str) -> list[Card]:
    """Rebuild the cards from :func:`to_json` output (lists become tuples again)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(f"not a JSON cards file: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        raise ExportError('not a JSON cards file: expected an object with a "cards" list, as written by to_json')
    cards = []
    for index, item in enumerate(data["cards"]):
        if not isinstance(item, dict):
            raise ExportError(f"card {index} in the JSON is a {type(item).__name__}, not an object")
        unknown, missing = sorted(set(item) - _FIELDS), sorted(_REQUIRED - set(item))
        if unknown or missing:
            problems = [f"unknown key(s) {', '.join(unknown)}"] if unknown else []
            problems += [f"missing {', '.join(missing)}"] if missing else []
            raise ExportError(f"card {index} in the JSON has {'; '.join(problems)}")
        fields = dict(item)
        for key in ("sentence_ids", "tags"):
            if isinstance(fields.get(key), list):
                fields[key] = tuple(fields[key])
        try:
            cards.append(Card(**fields))
        except (TypeError, ValueError) as exc:
            raise ExportError(f"card {index} in the JSON is not a valid card: {exc}") from exc
    return cards
