"""Every draft checked (grounded answer, no leak, no pointer outside the card), scored, de-duplicated, capped."""

from __future__ import annotations

import re

from ..model import Card, Document
from .context import Context, display_name
from .draft import Draft, normalise
from .cloze import key_terms
from .terms import occurs, substring_terms
from ..score.editing import narrates
from .english import dangling, strip_openers
from .post import card_id


def finish(doc: Document, ctx: Context, drafts: list[Draft], lang: str, max_cards: int) -> list[Card]:
    scores = ctx.sentence_scores
    hi = max(scores.values(), default=1.0) or 1.0
    terms = substring_terms(key_terms(doc, ctx))
    cards: list[Card] = []
    for d in drafts:
        question = " ".join(d.question.split())
        answer = _polish_answer(d.answer, lang, cloze=d.type == "cloze")
        if not _acceptable(doc, d, question, answer, lang):
            continue
        centrality = max((scores.get(i, 0.0) for i in d.sentences), default=0.0) / hi
        informative = min(1.0, len(answer.split() if lang == "en" else answer) / (12 if lang == "en" else 24))
        keyed = 1.0 if occurs(answer, terms) or occurs(question, terms) else 0.0
        score = 0.45 * d.confidence + 0.25 * centrality + 0.15 * informative + 0.15 * keyed
        first = doc.sentences[d.sentences[0]]
        tags = tuple(_tags(doc)) + (d.type,)
        cards.append(
            Card(
                id=card_id(doc, d.template, question),
                type=d.type,
                question=question,
                answer=answer,
                sentence_ids=d.sentences,
                source_text=" ".join(doc.sentences[i].text for i in d.sentences),
                line=first.line,
                template=d.template,
                lang=lang,
                source=doc.source,
                title=doc.title,
                time=first.time,
                speaker=display_name(first.speaker) if first.speaker else None,
                tags=tags,
                score=round(score, 6),
            )
        )
    return _dedupe_and_cap(cards, max_cards)


def _tags(doc: Document) -> list[str]:
    value = doc.meta.get("tags")
    tags = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [re.sub(r"\s+", "_", str(t).strip()) for t in tags if str(t).strip()]


def _polish_answer(answer: str, lang: str, cloze: bool = False) -> str:
    """The answer as a card shows it; a cloze answer is exactly the deleted text."""
    answer = answer.strip(" ,，;；:：")
    for opening, closing in (('"', '"'), ("“", "”"), ("「", "」")):
        if answer.count(opening) + (answer.count(closing) if closing != opening else 0) == 1:
            answer = answer.replace(opening, "").replace(closing, "")
    if cloze:
        return answer.strip()
    if lang == "en":
        answer = strip_openers(answer) or answer
        answer = re.sub(r"^(?:that|the fact that)\s+", "", answer, flags=re.IGNORECASE)
        if answer[:1].islower():
            answer = answer[0].upper() + answer[1:]
        if answer and answer[-1] not in ".!?\"')":
            answer += "."
    else:
        answer = re.sub(r"^(?:是的|所以|那么|因为|由于)[，,]?", "", answer)
    return answer


def _acceptable(doc: Document, d: Draft, question: str, answer: str, lang: str) -> bool:
    if not question or not answer or "--" in question + answer or "—" in question:
        return False
    if any(doc.sentences[i].furniture for i in d.sentences):
        return False  # a guest's bio, a show-notes link title: page furniture, not the post's facts
    source = normalise(" ".join(doc.sentences[i].clean + " " + doc.sentences[i].text for i in d.sentences))
    if normalise(answer) not in source and not all(part in source for part in normalise(answer).split(" ") if part):
        return False
    asked = normalise(re.sub(r"\{\{c1::.*?\}\}", "", question))
    if d.type != "cloze" and normalise(answer) and normalise(answer) in asked:
        return False
    if d.type == "cloze":
        return _good_cloze(question, answer, lang)
    if not question.endswith(("?", "？")) or _LEANS_ZH_QUESTION_RE.search(question if lang == "zh" else ""):
        return False
    if not _balanced(question) or not _balanced(answer):
        return False
    if d.type in ("when", "how-many") and set(re.findall(r"\d+", question)) & set(re.findall(r"\d+", answer)):
        return False  # "Ambient 模式什么时候 9 月发布？": part of the answer is still in the question
    if lang == "zh" and not _good_zh_question(question, d.type):
        return False
    if _LEANING_ANSWER_RE.match(answer):
        return False  # "They forgot the DestinationRule.": the answer needs the post to say who
    if lang == "en":
        if dangling(question) or _UNFINISHED_QUESTION_RE.search(question) or _GARBLED_QUESTION_RE.search(question):
            return False
        if _POINTING_RE.search(question) or len(question.split()) < 4:
            return False  # "What do people find on that page?", "Why did nobody know?": needs the post
        if d.type != "interview" and narrates(doc.sentences[d.sentences[-1]].clean, "en"):
            return False  # "Why did Lin Sun have a super embarrassing moment?": an anecdote, not a fact to learn
        if d.type in ("what", "who") and re.search(r"\b(?:this|these|those|it|they|he|she)\b", answer, re.IGNORECASE):
            return False
        words = len(answer.split())
        return 1 <= words <= 90 and len(question.split()) <= 30
    return 1 <= len(answer) <= 300 and len(question) <= 80


# "为什么在一个分布式系统中，这部分逻辑比较复杂？", "为什么反之亦然？": a Chinese question that points outside the card.
_LEANS_ZH_QUESTION_RE = re.compile(r"这|那(?!么)|该(?=[\u4e00-\u9fff])|其(?!他|实)|(?<![因如彼])此(?!外)|上述|上面|下面|反之|前者|后者|以上|如下")
_LEANING_ANSWER_RE = re.compile(r"^\W*(?:(?:it|they|them|this|that|these|those|he|she)\b(?!\s+(?:is|was)\s+(?:why|how)\b)|这|那(?!么)|它|他|她|其)", re.IGNORECASE)
# "Why do most migrations that stall so?": a question whose last word needs more after it.
_UNFINISHED_QUESTION_RE = re.compile(r"\b(?:so|that|which|who|because|and|but|or|the|a|an|of|to|in|for|with|by|as|from|than)\?$", re.IGNORECASE)
_CLOZE_RE = re.compile(r"\{\{c1::(.+?)\}\}")
# "What is So GKE Autopilot?", "Why does As Kubernetes have evolved …?", "Why did Let's drill in …?", "What is What?":
# a spoken opener or a clause pushed into the template's slot.
_GARBLED_QUESTION_RE = re.compile(
    r"(?i:^\w+\s+(?:is|are|was|were|does|do|did|has|have|can|will)\s+(?:so|and|as|well|let's|or|but|yeah|okay|ok|what|which|"
    r"who|how|why|when|where|if|because|there|here)\b|\blet's\b|\b(?:gonna|wanna|kinda)\b"
    # "How does long have …?", "How was big the release?": do-support pushed in after an adjective
    r"|^how\s+(?:does|do|did|is|was|are|were)\s+(?:long|big|many|much|often|far|soon|old|large|small|fast)\b)"
    # "Who is With Istio?", "What is A Gateway?", "Why is The shadow program …?": a capitalised function word as subject
    r"|^\w+\s+(?:is|are|was|were|does|did|do)\s+(?:With|A|An|The|This|That|In|On|For|As|So|And|It|There)\b"
    r"|,\s+[A-Z][a-z]+\?$"  # "How are Mark C. doing, Mark?": a name said to the guest
)
_POINTING_RE = re.compile(r"\b(?:this|that|these|those)\s+(?!is\b|was\b)[a-z]+\b|\b(?:nobody|somebody|someone|everyone)\b", re.IGNORECASE)


def _balanced(text: str) -> bool:
    """Brackets and quotes closed where opened: a clause cut out of a parenthesis is not a question."""
    for opening, closing in ("()", "（）", "[]", "“”", "「」"):
        if text.count(opening) != text.count(closing):
            return False
    return True


def _good_zh_question(question: str, kind: str) -> bool:
    """A Chinese question with enough in it to stand alone: a subject with a name or term in it (not "为什么
    Splunk？"), no label colon left before the question mark, and a how-many that counts, not a version
    ("用户还对 Helm 多少支持…" read "Helm 3" as three)."""
    body = re.sub(r"^(?:为什么|什么是|谁是)", "", question).rstrip("？?")
    if question.startswith("什么是") and "是" in body:
        return False  # "什么是 问题是原生云容器？": the template's subject swallowed a clause
    if re.search(r"[:：]$", body) or len(re.findall(r"[\u4e00-\u9fff]", body)) < 6:
        return False
    if kind == "how-many" and re.search(r"[A-Za-z]\s*多少", question):
        return False
    return kind in ("what", "who") or bool(re.search(r"[A-Za-z]{2,}|[\u4e00-\u9fff]{2,}(?:服务|网格|网关|集群|代理|协议|平台|模式|策略|控制器)", body))


def _good_cloze(question: str, answer: str, lang: str) -> bool:
    """Every deletion is the answer, whole, with no punctuation at its edges, and no copy of it is left in view."""
    deleted = _CLOZE_RE.findall(question)
    if not deleted or any(part != answer for part in deleted) or re.search(r"^[\W_]|[\W_]$", answer):
        return False
    visible = _CLOZE_RE.sub("", question)
    return answer.casefold() not in visible.casefold() and (len(question) <= 400 if lang == "en" else len(question) <= 200)


def _dedupe_and_cap(cards: list[Card], max_cards: int) -> list[Card]:
    """Best first; a near-duplicate question or the same answer twice is dropped; cloze at most a third."""
    ranked = sorted(cards, key=lambda c: (-c.score, c.line, c.id))
    kept: list[Card] = []
    seen_ids: set[str] = set()
    cloze_cap = max(1, max_cards // 3)
    for card in ranked:
        if card.id in seen_ids:
            continue
        if card.type == "cloze" and sum(c.type == "cloze" for c in kept) >= cloze_cap:
            continue
        bag = set(normalise(card.question).split()) if card.lang == "en" else set(normalise(card.question).replace(" ", ""))
        duplicate = False
        for other in kept:
            obag = set(normalise(other.question).split()) if other.lang == "en" else set(normalise(other.question).replace(" ", ""))
            same_question = len(bag & obag) / max(len(bag | obag), 1) >= 0.7
            same_answer = set(card.sentence_ids) == set(other.sentence_ids) and card.type == other.type
            if same_question or same_answer:
                duplicate = True
                break
        if duplicate:
            continue
        kept.append(card)
        seen_ids.add(card.id)
        if len(kept) >= max_cards:
            break
    return sorted(kept, key=lambda c: (c.sentence_ids[0], c.id))
