"""A card's context line: the post's subject as a short phrase, shown with the question.

Why. A learner studies a card in a deck of thousands, away from the post. "Why did the team move the
cron jobs?" is unanswerable there, and blind judges rejected such cards as *ambiguous*. The context
line ("Context: We had 14,000 volume snapshots and couldn't restore one") says which story the card
is from, the way a textbook's chapter title frames its exercises.

What. The post's title with its site furniture removed, in this order:

1. leading labels: 【译】, "实践分享｜", "Tutorial:", "Postmortem:", "Episode 87:", "第 57 期：", "ADR-031:",
   "Announcing", "Fireside chat -";
2. trailing furniture: a guest ("… with Priyanka Oduya"), an interview byline ("——专访 …"), a site or
   series after a dash ("… - Cloud Native Leeds"), an issue number ("… — Issue #212");
3. a title still longer than :data:`MAX_EN` characters (:data:`MAX_ZH` in Chinese) keeps its part (split at
   a colon, dash or question mark) that names the post's product, else its first part.

A post without a title (a caption file), or whose title is all furniture ("Mesh & Metal Weekly — Issue
#212"), is named by its product or main named subject (:meth:`summarize.quiz.context.Context.product`,
``topic``, the names it writes most); with none, a card has no context line.

A context must never give the answer away: a card whose answer appears in the title ("How many cores
did they give back?" under "How We Gave Back 700 Cores") falls back to the product name, else to no
context (:func:`context_for`).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from .._text import CJK_RE
from ..model import Card
from .context import Context

#: Longest context line kept whole, in characters (English, Chinese); longer titles keep one part.
MAX_EN, MAX_ZH = 90, 44

_LEADING = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^[【\[](?:译|译文|翻译|转载|原创|视频|直播|播客|活动回顾|实录)[】\]]\s*",
        r"^[^｜|：:]{1,8}[｜|]\s*",  # "实践分享｜", "圆桌实录｜", "E48｜"
        r"^[^:：]{0,40}?\b(?:episode|ep\.?)\s*#?\d+\s*[:：.\-–—|]\s*",  # "The Pager Hour, Episode 88:"
        r"^[^:：]{0,40}?#\d+\s*[:：\-–—|]\s*",  # "The Control Loop #148:"
        r"^[^：:｜|]{0,24}?第\s*\d+\s*期[^：:｜|]{0,12}[：:｜|]\s*",  # "云原生杭州 Meetup 第 21 期 圆桌讨论实录："
        r"^第\s*\d+\s*期\s*[：:｜|\-—]?\s*",
        r"^#?\d+\s*[:：.\-–—|]\s+",
        r"^(?:ADR|RFC|KEP|INC)[-\s]?\d+\s*[:：]\s*",
        r"^(?:tutorial|how-?to|postmortem|post-incident review|incident review|panel|interview|recap|case study|"
        r"opinion|guide|explainer|deep dive|release notes?|announcement|fireside chat|keynote|talk|podcast|"
        r"roundtable|q&a|译|翻译|教程|圆桌实录|圆桌讨论实录)\s*[:：\-–—|｜]\s*",
        r"^announcing\s+",
        r"^(?:featured|spotlight|in brief|quick hits|also noted|worth reading)\s*[:：\-–—]\s*",
    )
]
_TRAILING = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\s*[\-–—]{1,2}\s*(?:issue|no\.?|#)\s*#?\d+\s*$",  # "— Issue #212"
        r"\s+[|\-–—]\s+[^|\-–—]{0,40}#\d+\s*$",  # "… — Platform Guild Meetup #31"
        r"\s*[（(]?\s*(?:INC|ADR)-[\w-]+\s*[)）]?\s*$",  # "(INC-2026-0419)"
        r"\s*[—\-]{1,2}\s*专访.*$",  # "——专访澜图科技 DevOps 负责人 许青禾"
        r"[？?！!。]\s*专访.*$",  # "…有用？专访木棉金融科技平台负责人欧阳清" keeps its question mark below
        r"\s*[(（]with\s[^)）]*[)）]?\s*$",  # "(with Anand …)"
        r",?\s+with\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:\s+and\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})?\s*$",
        r"\s+[|\-–—]\s+(?:[A-Z][\w&'’.-]*\s*){1,4}$",  # "… - Cloud Native Leeds": a site or series after a dash
    )
]
#: Where a long title splits into parts: a colon, a dash with spaces, a question mark, a full-width bar.
_PARTS = re.compile(r"\s*(?:[:：｜|]|\s[\-–—]{1,2}\s|——|[？?])\s*")
_SERIES = re.compile(r"\b(?:weekly|newsletter|digest|roundup|podcast|radio|show)\b|周刊|周报|月刊|播客", re.IGNORECASE)


def clean_title(title: str) -> str:
    """The title without its site furniture (see the module); may be empty when it was all furniture."""
    text = unicodedata.normalize("NFC", " ".join(title.split()))
    while text and unicodedata.category(text[0]).startswith("S"):  # "🧊 Featured: …"
        text = text[1:].lstrip()
    for _ in range(3):  # labels stack: "【译】第 5 期：…"
        before = text
        for pattern in _LEADING:
            text = pattern.sub("", text, count=1)
        if text == before:
            break
    issue_numbered = bool(_TRAILING[0].search(text))
    for pattern in _TRAILING:
        kept = pattern.sub("", text)
        if kept.strip():
            text = kept
    text = text.strip(" \"'“”‘’「」:：-–—|｜,，")
    text = re.sub(r"\s+\((?:and|or|without|with|almost|but|plus)\b[^)]*\)$", "", text, flags=re.IGNORECASE)
    if issue_numbered and len(text.split()) <= 5 and not CJK_RE.search(text):
        return ""  # "The Control Loop — Issue #137": the series' name, not the post's subject
    if _SERIES.search(text) and len(text.split()) <= 5 and not CJK_RE.search(text[-1:] or ""):
        return ""  # "Mesh & Metal Weekly": the series' name, not the post's subject
    if re.fullmatch(r"(?:[\w&.'’-]+\s*){1,5}(?:周刊|周报|月刊)\s*第?\s*\d*\s*期?", text):
        return ""
    return text


def _too_long(text: str) -> bool:
    return len(text) > (MAX_ZH if CJK_RE.search(text) else MAX_EN)


def _shorten(text: str, product: str | None) -> str:
    """One part of a long title: the part naming the product, else the first part that is not too short."""
    parts = [p for p in _PARTS.split(text) if p and len(p) >= (6 if CJK_RE.search(p) else 12)]
    if not parts:
        return text
    named = [p for p in parts if product and product.casefold() in p.casefold()]
    for pick in (*named, *parts):
        if not _too_long(pick):
            return pick
    return text


def post_subject(ctx: Context) -> str | None:
    """The post's subject as a short phrase (see the module), or None when the post names none."""
    if ctx.doc.title:
        title = clean_title(ctx.doc.title)
        if not title:
            return None  # a series' issue: its sections have their own subjects (see with_context)
        return _shorten(title, ctx.product() or ctx.topic) if _too_long(title) else title
    return _named_most(ctx)


def titled_subject(ctx: Context) -> str | None:
    """The post's subject when its title names it (not a product name guessed from the text): the story a
    card's context line names, so a card may say "the first restore drill" of it."""
    title = clean_title(ctx.doc.title or "")
    return post_subject(ctx) if title else None


def carries_story(answer: str, ctx: Context) -> bool:
    """Whether a card with ``answer`` will show its story's line (:attr:`Context.story`, not dropped for giving the
    answer away)."""
    return bool(ctx.story) and context_for(answer, ctx.story, ctx) == ctx.story


def _named_most(ctx: Context) -> str | None:
    """The name a title-less post (a caption file) writes most, as written, at least three times and
    clearly ahead of the next: in English only mid-sentence, so "Go ahead" is no mention of Go."""
    from collections import Counter

    from ..score.bounded import scope

    # the pack's known names, and names the post capitalises in mixed case ("Karpenter"); a short acronym the pack
    # does not know ("API", "CPU", "CI") names no subject
    names = set(ctx.entity_class) | {w for w in ctx.proper_words if not w.isupper()}
    counts: Counter[str] = Counter()
    for s in scope(ctx.doc):
        if s.lang == "zh":
            counts.update(n for n in names if len(n) > 1 and n in s.text)
        else:
            counts.update(m for m in re.findall(r"(?<=[a-z0-9,;:]\s)([A-Z][\w.+-]*[\w+])", s.text) if m in names)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 3 > ranked[0][1] * 2):
        return None
    return ranked[0][0]


def with_context(cards: list[Card], ctx: Context) -> list[Card]:
    """The cards with their context lines (:func:`context_for`). A post whose title is only its series'
    name (a newsletter issue) has one subject per section: its cards take their section's heading."""
    subject = post_subject(ctx)
    headings = [] if subject or not ctx.doc.title else [s for s in ctx.doc.sentences if s.kind == "heading"]
    out = []
    for card in cards:
        line = subject
        if headings:
            above = [h for h in headings if h.id < min(card.sentence_ids, default=0)]
            line = clean_title(above[-1].text) if above else None
            line = line if line and not _too_long(line) else None
        out.append(dataclasses.replace(card, context=context_for(card.answer, line, ctx)))
    return out


def context_for(answer: str, subject: str | None, ctx: Context) -> str | None:
    """The context line of a card with ``answer``: the post's subject, unless it contains the answer (then the
    product name, unless that does too; then none): a context line must not give the answer away."""
    if not subject:
        return None
    if not _gives_away(answer, subject):
        return subject
    product = ctx.product() or _named_most(ctx)
    if product and product != subject and not _gives_away(answer, product):
        return product
    return None


def _gives_away(answer: str, context: str) -> bool:
    """Whether ``context`` holds the answer, or a number or name of it ("700 cores" under "Gave Back 700 Cores",
    "the Sidecar resource" under "Right-Sizing the Sidecar")."""
    folded = context.casefold()
    text = answer.strip(" .。,，").casefold()
    if not text:
        return False
    if text in folded:
        return True
    keys = re.findall(r"\d[\d.,]*%?|[A-Za-z][\w.+-]*[A-Z0-9][\w.+-]*|[A-Z][\w.+-]{2,}", answer.strip())
    keys = [k.rstrip(".,") for k in keys if k not in _FUNCTION_WORDS]
    return any(re.search(rf"(?<![\w.-]){re.escape(k.casefold())}(?![\w-])", folded) for k in keys if k)


#: Capitalised only because they open a sentence or clause: no name of the answer's.
_FUNCTION_WORDS = frozenset("The This That These Those Its Our Their And But For With When Why How What Which Who "
                            "Where Because Only Each Every All Some Most".split())
