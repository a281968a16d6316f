"""Who asks and who answers: in an interview, the guest's sentences carry the content."""

from __future__ import annotations

import re

from ..model import Document
from .analysis import memo

_QUESTION_RE = re.compile(r"[?？]\s*[\"'”’」』）)]*\s*$")
_TAG_QUESTION_RE = re.compile(
    r",\s*(?:right|correct|isn't it|aren't they|don't you think|no|yeah|huh)\s*\?\s*$|对吧？$|是吧？$|对吗？$", re.IGNORECASE
)


def is_question(text: str) -> bool:
    """Ends with a question mark (closing quotes and brackets allowed)."""
    return bool(_QUESTION_RE.search(text))


def is_real_question(text: str) -> bool:
    """A question asked for an answer, not a tag question ("…, right?")."""
    return is_question(text) and not _TAG_QUESTION_RE.search(text)


_HOST_NAME_RE = re.compile(r"^(?:host|co-?host|interviewer|moderator|q|主持人?|记者|采访者|提问)$", re.IGNORECASE)


def _front_matter_hosts(doc: Document) -> frozenset[str]:
    """The names a podcast page lists as its hosts (Hugo ``hosts = ["Francesc Campoy Flores", "Mark Mandel"]``),
    whole and by first name, casefolded: transcripts label turns "FRANCESC:" or "Mark Mandel:"."""
    value = doc.meta.get("hosts", doc.meta.get("host"))
    names = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    keys: set[str] = set()
    for name in names:
        if name.strip():
            keys.add(name.strip().casefold())
            keys.add(name.split()[0].casefold())
    return frozenset(keys)


def askers(doc: Document) -> frozenset[str]:
    """Speakers labelled as the host, or named as hosts in the front matter; else speakers with two or more
    turns, at least a third of which end in a real question (ending, not containing: guests ask themselves
    rhetorical questions). Once per document: the scorer, the reserve, the pairing rule and the quiz all ask."""
    return memo(doc, "askers", _askers)


def _credit(doc: Document, label: str) -> str | None:
    """The name a one-line "主持人：宋佳" credit gives, when that is all the label's turn says."""
    said = [s.clean.strip().rstrip("。.") for s in doc.sentences if s.speaker == label]
    return said[0] if len(said) == 1 and 0 < len(said[0]) <= 30 else None


def _askers(doc: Document) -> frozenset[str]:
    turns: list[tuple[str, bool]] = []  # (speaker, whether the turn ends in a question)
    for s in doc.sentences:
        if not s.speaker:
            continue
        asks = is_real_question(s.clean)
        if turns and turns[-1][0] == s.speaker:
            turns[-1] = (s.speaker, asks)
        else:
            turns.append((s.speaker, asks))
    asked: dict[str, list[bool]] = {}
    for speaker, asks in turns:
        asked.setdefault(speaker, []).append(asks)
    named = {name for name in asked if _HOST_NAME_RE.match(name.strip()) or name.strip().casefold() in _front_matter_hosts(doc)}
    # A credits line ("主持人：宋佳", "Host: Dana Reyes") labels no turn: the host is the speaker it names.
    credited = {name: said for name in named if len(asked[name]) == 1
                for said in [_credit(doc, name)] if said in asked and said not in named}
    named = (named - set(credited)) | set(credited.values())
    if named and len(asked) > len(named):
        return frozenset(named)
    return frozenset(name for name, flags in asked.items() if len(flags) >= 2 and sum(flags) / len(flags) >= 1 / 3)
