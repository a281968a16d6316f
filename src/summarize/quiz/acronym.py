"""Acronym cards: a term the post spells out once and then uses by its initials.

"Network Service Mesh (NSM) is a CNCF project …" → "What does NSM stand for?" (Network Service Mesh);
"服务网格接口 (Service Mesh Interface，SMI) API …" → "SMI 是什么的缩写？". The post's own shorthand is what
a reader meets again and again in it, so recalling what it stands for is worth a card, when the title or a
heading names it (judges rejected "What does ABI stand for?" and "What does HCM stand for?" for terms a post
uses in passing); a field's everyday initials (API, CLI, the pack's ``obvious`` list), one the post writes
only once and one its title spells out are not.

Only the initials of the spelled-out words make the acronym ("HTTP Connection Manager (HCM)",
"X-Forwarded-For (XFF)"), so the answer is the expansion and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model import Document
from .context import Context
from .draft import MAX_TEMPLATE_CHARS, Draft

TEMPLATE_ID = "what-acronym"
CONFIDENCE = 0.5
#: Acronym cards per post at most: a handful of a post's terms, never the bulk of its deck.
MAX_PER_POST = 2
#: Times the post must write the acronym (with its spelling out): shorthand it uses, not one it mentions.
MIN_USES = 3

_SPELLED_RE = re.compile(
    r"(?<![\w-])(?P<expansion>[A-Z][\w-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w-]*){1,5})\s*[（(]\s*"
    r"(?:[^()（）,，]{1,30}[,，]\s*)?(?P<acronym>[A-Z][A-Za-z]{1,5})s?\s*[)）]"
)
_ZH_SPELLED_RE = re.compile(r"[（(]\s*(?P<expansion>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){1,5})\s*[,，]\s*(?P<acronym>[A-Z]{2,6})\s*[)）]")


def acronym_cards(doc: Document, ctx: Context, lang: str, ranked: Sequence[int]) -> Iterator[Draft]:
    """"What does NSM stand for?" cards from the key sentences ``ranked`` (see the module)."""
    from ..score.takeaways import register_of

    if register_of(doc) == "spoken":
        return  # a speaker's "NSM (network service mesh)" is a caption's guess at the spelling
    common = {t.casefold() for t in ctx.pack.cues.get("obvious", ())}
    text = "\n".join(s.text for s in doc.sentences)
    # The post's subject: its title and headings. Only an acronym named there is worth a card of its own.
    headings = "\n".join([doc.title or "", *(s.text for s in doc.sentences if s.kind == "heading")])
    asked: set[str] = set()
    for i in ranked:
        s = doc.sentences[i]
        if s.lang != lang or len(s.clean) > MAX_TEMPLATE_CHARS or s.furniture:
            continue
        for m in [*_SPELLED_RE.finditer(s.clean), *_ZH_SPELLED_RE.finditer(s.clean)]:
            acronym, expansion = m.group("acronym"), " ".join(m.group("expansion").split())
            if acronym in asked or acronym.casefold() in common or not spells(expansion, acronym):
                continue
            if expansion.casefold() in (doc.title or "").casefold():
                continue  # "EG" in a post titled "Envoy Gateway 1.0 …": the title spells it out
            if len(re.findall(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])", text)) < MIN_USES:
                continue
            if not re.search(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])", headings):
                continue  # judged: "What does ABI/HCM stand for?" about a term in passing, trivial or ambiguous
            asked.add(acronym)
            question = f"What does {acronym} stand for?" if lang == "en" else f"{acronym} 是什么的缩写？"
            yield Draft("what", TEMPLATE_ID, question, expansion, (i,), CONFIDENCE)
            if len(asked) >= MAX_PER_POST:
                return


def spells(expansion: str, acronym: str) -> bool:
    """Whether the acronym is the initials of the expansion's capitalised words (and hyphenated parts):
    "HTTP Connection Manager" → HCM, "X-Forwarded-For" → XFF, "Network Functions Virtualization" → NFV."""
    parts = [p for p in re.split(r"[\s-]+", expansion) if p and p[0].isupper()]
    return len(parts) >= 2 and "".join(p[0] for p in parts).upper() == acronym.upper()
