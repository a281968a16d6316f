"""A card before checks and ranking, and the text normalisation cards are identified and grounded by."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Templates run on sentences up to this length; a longer "sentence" is a run-on no card could
#: quote, and user-written patterns may backtrack badly on it.
MAX_TEMPLATE_CHARS = 600


@dataclass
class Draft:
    """A card before checks and ranking."""

    type: str
    template: str
    question: str
    answer: str
    sentences: tuple[int, ...]
    confidence: float


def normalise(text: str) -> str:
    """For identity and grounding: NFKC, lower case, letters and digits only, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w\u4e00-\u9fff]+", " ", text)
    return " ".join(text.split())
