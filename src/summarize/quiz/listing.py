"""Enumeration cards: a sentence that counts a named thing's parts and then lists them.

"Gateway API is built around three roles: the infrastructure provider, …; the cluster operator, …; and the
application developer, …" → "Which three roles is Gateway API built around?"; "Envoy offers two ways to
extract the client's IP address from the X-Forwarded-For header: through the HCM and the IP Detection
Extension." → "Which two ways to extract … does Envoy offer?"; "您可以定义两种类型的 Admission Webhook：
Validating 和 Mutating。" → "Admission Webhook 有哪两种类型？".

The post says how many there are and names every one, so the answer is the whole list (never half of it)
and the question says how many to recall. The subject must be a name (capitalised, or with a capital or
digit inside), so the question stands alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model import Document
from .context import Context
from .draft import MAX_TEMPLATE_CHARS, Draft

EN_TEMPLATE, ZH_TEMPLATE = "what-listed", "zh-what-listed"
TEMPLATES = frozenset({EN_TEMPLATE, ZH_TEMPLATE})
CONFIDENCE = 0.7

_NUMBER = r"(?P<n>two|three|four|five|six|seven)"
_NAME = r"(?P<subj>(?:The )?[A-Z][\w.+-]*(?: [A-Z][\w.+-]*){0,3})"
_EN_BUILT_RE = re.compile(
    rf"^{_NAME} (?P<be>is|are) (?P<part>built around|made up of|composed of|divided into|split into|organized around|"
    rf"organized into|grouped into) {_NUMBER} (?P<kind>(?:[a-z-]+ )?[a-z]+s): (?P<list>[^:]{{6,300}}?)\.?$"
)
_EN_HAS_RE = re.compile(
    rf"^{_NAME} (?P<verb>offers|provides|has|supports|defines|includes|uses|exposes) {_NUMBER} "
    rf"(?P<kind>(?:[a-z-]+ )?[a-z]+s)(?P<rest> (?:to|for|of|in) [^:;]{{3,80}})?: (?P<list>[^:]{{6,300}}?)\.?$"
)
_EN_BASE = {"offers": "offer", "provides": "provide", "has": "have", "supports": "support", "defines": "define",
            "includes": "include", "uses": "use", "exposes": "expose"}
_ZH_NUMBER = r"(?P<n>两|三|四|五|六|七)"
_ZH_KINDS_RE = re.compile(
    rf"^(?:您|你|用户)?(?:可以)?(?:定义|使用|配置|创建)?{_ZH_NUMBER}种(?:类型的|不同的)?\s*"
    r"(?P<thing>[A-Za-z][\w .+-]{1,30}?)\s*[：:](?P<list>[^。！？；：:]{2,120})[。！]?$"
)
_ZH_HAS_RE = re.compile(
    rf"^(?P<subj>[A-Za-z][\w.+-]*(?:\s?[A-Za-z][\w.+-]*){{0,2}}(?:\s?的?\s?[\u4e00-\u9fff]{{1,6}}?)??)\s*"
    rf"(?P<verb>包括|包含|分为|由|有)\s*{_ZH_NUMBER}(?P<cls>个|种|类|层|部分)(?P<kind>[\u4e00-\u9fff]{{0,6}}?)(?:组成)?"
    r"[：:](?P<list>[^。！？；：:]{2,120})[。！]?$"
)


def listing_cards(doc: Document, ctx: Context, lang: str, ranked: Sequence[int]) -> Iterator[Draft]:
    """Enumeration cards from the key sentences ``ranked`` (see the module)."""
    for i in ranked:
        s = doc.sentences[i]
        text = s.clean.strip()
        if s.lang != lang or len(text) > MAX_TEMPLATE_CHARS or s.kind == "heading" or s.furniture:
            continue
        made = _english(text) if lang == "en" else _chinese(text)
        if made is not None:
            question, answer = made
            yield Draft("what", EN_TEMPLATE if lang == "en" else ZH_TEMPLATE, question, answer, (i,), CONFIDENCE)


def _english(text: str) -> tuple[str, str] | None:
    m = _EN_BUILT_RE.match(text)
    if m and _named(m.group("subj")):
        subject = _mid(m.group("subj"))
        return f"Which {m.group('n')} {m.group('kind')} {m.group('be')} {subject} {m.group('part')}?", m.group("list")
    m = _EN_HAS_RE.match(text)
    if m and _named(m.group("subj")):
        subject, rest = _mid(m.group("subj")), m.group("rest") or ""
        aux = "do" if m.group("subj").endswith("s") and not m.group("subj").endswith("ss") else "does"
        return f"Which {m.group('n')} {m.group('kind')}{rest} {aux} {subject} {_EN_BASE[m.group('verb')]}?", m.group("list")
    return None


def _chinese(text: str) -> tuple[str, str] | None:
    m = _ZH_KINDS_RE.match(text)
    if m:
        return f"{m.group('thing').strip()} 有哪{m.group('n')}种类型？", m.group("list").strip()
    m = _ZH_HAS_RE.match(text)
    if m:
        verb = "由哪" if m.group("verb") == "由" else f"{m.group('verb')}哪"
        tail = "组成" if m.group("verb") == "由" else ""
        subject = m.group("subj").strip()
        space = " " if re.search(r"[A-Za-z0-9]$", subject) else ""  # "Istio 包括…", "Istio 控制面包括…"
        return f"{subject}{space}{verb}{m.group('n')}{m.group('cls')}{m.group('kind')}{tail}？", m.group("list").strip()
    return None


def _named(subject: str) -> bool:
    """A name, not a sentence opener: a capital, digit or hyphen inside ("Gateway API", "Envoy", "xDS")."""
    bare = re.sub(r"^The ", "", subject)
    if bare in ("It", "This", "That", "There", "We", "You", "They", "He", "She", "Each", "Every", "Our", "Your"):
        return False
    return bool(re.search(r"[A-Z]", bare))


def _mid(subject: str) -> str:
    return re.sub(r"^The\b", "the", subject)
