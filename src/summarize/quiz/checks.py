"""Every draft checked (grounded answer, no leak, no pointer outside the card), scored, de-duplicated, capped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Card, Document
from .context import Context, display_name
from .draft import Draft, normalise
from .cloze import key_terms
from .terms import occurs, substring_terms
from ..score.point_shapes import narrates
from .english import dangling, strip_openers
from .post import card_id
from .precision import above_floor, precision_fault
from .strict import (
    common_word_term,
    dangling_reflexive,
    gerund_subject,
    grammatical,
    later_definition,
    names_a_thing,
    names_something,
    plural_before_they,
    unnamed_part,
    zh_names_subject,
)
from .acronym import TEMPLATE_ID as ACRONYM_TEMPLATE
from .listing import TEMPLATES as _LISTING_TEMPLATES
from .predicate import TEMPLATES as _PREDICATE_TEMPLATES
from .point_en import STORY_SHAPES, TEMPLATES as _POINT_TEMPLATES
from .point_zh import TEMPLATES as _POINT_ZH_TEMPLATES
from .subject import TEMPLATE_ID as SUBJECT_TEMPLATE
from .takeaway import FALLBACK_PENALTY, TEMPLATES as _FALLBACK_TEMPLATES
from .topic import carries_story
from ..score.roles import askers
from ..score.takeaways import register_of


#: Templates that ask a question of a named thing (not "What is TERM?" of a term they found): the term checks of
#: definitions do not apply, and a question may end in a preposition ("What does NSM stand for?").
PREDICATE_TEMPLATES = _PREDICATE_TEMPLATES | _LISTING_TEMPLATES | _POINT_TEMPLATES | _POINT_ZH_TEMPLATES | {ACRONYM_TEMPLATE}

#: Ranker bonus for a card made from a sentence the summary prints: the post's points come first.
TAKEAWAY_BONUS = 0.05


@dataclass(frozen=True, slots=True)
class Checked:
    """One draft as the checks saw it (for :func:`finish`'s ``trace``): the card text it would print and the name
    of the first check it failed, None when it passed. ``benchmarks/card_precision.py`` matches judged cards to
    their generator and to the check that removes them with these."""

    draft: Draft
    question: str
    answer: str
    fault: str | None


def finish(doc: Document, ctx: Context, drafts: list[Draft], lang: str, max_cards: int,
           trace: list[Checked] | None = None) -> list[Card]:
    """The drafts that pass every check, as scored cards, de-duplicated and capped; ``trace`` (a list) receives
    every draft's :class:`Checked` record."""
    scores = ctx.sentence_scores
    hi = max(scores.values(), default=1.0) or 1.0
    terms_set = set(key_terms(doc, ctx))
    terms = substring_terms(terms_set)
    cards: list[Card] = []
    for d in drafts:
        question = " ".join(d.question.split())
        answer = _polish_answer(d.answer, lang, cloze=d.type == "cloze", definition=d.type == "what")
        told = lang == "zh" and _story_change_zh(ctx, d, question, answer)
        fault = _basic_fault(doc, d, question, answer, lang, told) or _specific_fault(ctx, d, question, answer, lang, terms_set, told)
        if trace is not None:
            trace.append(Checked(d, question, answer, fault))
        if fault:
            continue
        centrality = max((scores.get(i, 0.0) for i in d.sentences), default=0.0) / hi
        informative = min(1.0, len(answer.split() if lang == "en" else answer) / (12 if lang == "en" else 24))
        keyed = 1.0 if occurs(answer, terms) or occurs(question, terms) else 0.0
        printed = 1.0 if ctx.takeaways.intersection(d.sentences) else 0.0
        score = (0.40 * d.confidence + 0.25 * centrality + 0.10 * informative + 0.10 * keyed
                 + 0.10 * _agrees(d.type, answer) + 0.05 * _brief(question, lang) + TAKEAWAY_BONUS * printed
                 - FALLBACK_PENALTY * (d.template in _FALLBACK_TEMPLATES))
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


_SPOKEN_ANSWER_RE = re.compile(r"^\W*(?:yeah|yes|no|well|so|oh|right|okay|ok|um|uh|i|i'm|i've|i'd|you|and|but|because|like|sure|absolutely)\b", re.IGNORECASE)
_OTHER_PERSON_RE = re.compile(r"\band\s+[A-Z][a-z]+\s+[A-Z][a-z]+\b")


# A reason asked of something generic ("Why is a stolen node …?", "Why does a container escape …?") or of no one
# ("为什么不直接开 …？", "为什么要 …？"): in an interview or a panel the answer is one guest's setup, which the
# question does not name (judged ambiguous or wrong-answer, 4 of 4 on the fresh pages).
_GENERIC_SUBJECT_EN_RE = re.compile(
    r"^(?:Why|How)\s+(?:is|are|was|were|does|do|did|can|could|would|should|will|has|have)\s+(?:a|an|any|every|each)"
    r"(?:\s+(?-i:[a-z][\w-]*)){1,3}\s+(?:is|are|be|have|has|get|need|stay|work|run|fail|a|an|the)\b"  # not "a Vault agent"
)
# A question that runs on into a clause with a subject of its own (judged ungrammatical, 2 of 2).
_SECOND_CLAUSE_EN_RE = re.compile(
    r", (?:and|but|or|so|while) (?:[\w-]+ ){0,3}(?:is|are|was|were|has|have|had|can|will|do|does|did|get|gets)\b"
)
_NO_SUBJECT_ZH_RE = re.compile(r"^(?:为什么|为啥)\s*(?:不|要|没有?|还要|还是|会)")


def _whose_setup_unsaid(ctx: Context, question: str, lang: str) -> bool:
    """Whether a spoken post with a host (an interview, a podcast, a panel) is asked a reason that names no one."""
    if register_of(ctx.doc) != "spoken" or not askers(ctx.doc):
        return False
    return (_NO_SUBJECT_ZH_RE if lang == "zh" else _GENERIC_SUBJECT_EN_RE).match(question) is not None


#: A Chinese change by an amount ("控制器内存在大规模场景下下降多少%？"), as English point cards' measured changes.
_CHANGE_ZH_RE = re.compile(r"下降|上涨|涨了|降了|减少|增加|降低|提升|提高|缩短|降到|减到|降至|涨到|升到|翻了")
_DEICTIC_OPENING_ZH_RE = re.compile(r"^(?:里面|其中|这|那|结果|然后|后来|同时|此外|另外|它|他们|我们)")


def _story_change_zh(ctx: Context, d: Draft, question: str, answer: str) -> bool:
    """Whether a Chinese how-many card asks a measured change under its post's title line (see
    :data:`summarize.quiz.point_en.STORY_SHAPES`): the line ("Tidegate v2.4 发布") names the product or story the
    figure belongs to, so the question need not; one that points into the post ("里面…", "结果…") still fails."""
    return (d.type == "how-many" and bool(_CHANGE_ZH_RE.search(question)) and not _DEICTIC_OPENING_ZH_RE.match(question)
            and carries_story(answer, ctx))


def _specific_fault(ctx: Context, d: Draft, question: str, answer: str, lang: str, terms: set[str], told: bool = False
                    ) -> str | None:
    """The stricter checks of :mod:`.strict` on a question card: it names what it asks about; in a spoken
    post its answer is a statement, not a reply ("Yeah, I think …"); a "What is" term is a thing, not an
    activity; a "Who is" answer is a role, not a list of people."""
    if d.type == "cloze":
        return precision_fault(d, question, answer, lang, ctx.proper_words)
    # a measured change is placed by its story's line ("External Secrets Operator 1.4" above "How did reconcile time
    # after a controller restart change?"); other questions still name their thing themselves: under a line, "Why did
    # the clock start later?" or "Why doesn't the switch break anyone?" still point into the post
    framed = d.template in STORY_SHAPES and carries_story(answer, ctx)
    if lang == "en" and d.type not in ("what", "who") and not framed and not names_something(question, ctx.proper_words, terms):
        return "names-nothing"
    if lang == "en" and d.type not in ("what", "who") and not framed and not names_a_thing(question, ctx.proper_words):
        return "names-no-thing"  # "Why does a change to one route no longer trigger a full resync?": in which product?
    if d.template == SUBJECT_TEMPLATE and unnamed_part(question, answer, ctx.doc.title):
        return "unnamed-part"  # "What runs a set of checks against the cluster …?" → "Kubeflare doctor."
    if dangling_reflexive(question):
        return "dangling-reflexive"  # "What is, itself, a modern, cloud-native application?"
    if lang == "zh" and not told and (not zh_names_subject(question, d.type) or _new_team(ctx, d, question)):
        return "zh-unnamed-subject"  # "每一批包含多少个节点？", "Cilium 团队的容器平台…" (the post never said whose)
    if register_of(ctx.doc) == "spoken" and d.type in ("interview", "why", "what", "who") and (
        _SPOKEN_ANSWER_RE.match(answer) or (d.type == "interview" and lang == "en" and len(answer.split()) < 6)
    ):
        return "spoken-reply"  # "Yeah, I think …", "We want to finish.": a reply that needs the conversation around it
    if d.type == "what" and d.template not in PREDICATE_TEMPLATES and not _defined_thing(ctx, d, re.sub(r"^(?:What (?:is|are) |什么是\s*)|[?？]$", "", question), lang):
        return "not-a-defined-thing"
    if d.type == "what" and d.template != SUBJECT_TEMPLATE and d.template not in PREDICATE_TEMPLATES:
        term = re.sub(r"^(?:What (?:is|are) |什么是\s*)|[?？]$", "", question)
        if common_word_term(term, ctx.doc) or later_definition(ctx.doc, term, d.sentences[0], lang):
            return "common-or-later-definition"  # "What is Gateway?"; "What is Istio?" → a side remark, not the post's definition
        if register_of(ctx.doc) == "spoken" and _spoken_plain_noun(term, ctx):
            return "spoken-plain-noun"  # "What is Security?" → "A required reviewer …": a speaker's team, not a term
    if d.type == "what" and _COMPANY_RE.search(answer):
        return "company-boilerplate"  # "什么是 Solo.io？ 一家现代 API 基础设施公司…": a company's boilerplate, not the post's point
    last = ctx.doc.sentences[d.sentences[-1]].clean.rstrip()
    # An acronym's answer is the spelled-out name, whole wherever its sentence goes on (a list item, a colon).
    if last.endswith((":", "：")) and d.template != ACRONYM_TEMPLATE:
        return "ends-on-colon"  # "Kube-proxy is a go application which can work in three modes:": the point is the list
    if d.type == "what" and d.template != ACRONYM_TEMPLATE and not re.search(r"[.!?。！？][\"'”’)）]*$", last):
        return "definition-cut-off"  # "Gateway API 是一个类似 Ingress": a definition cut off (at a link) before it ends
    if lang == "en" and d.type == "when" and len(question.split()) > 20:
        return "long-when"  # "When is Wasm the fourth standard language (following HTML, CSS and JavaScript) to …?"
    if d.type == "who" and _OTHER_PERSON_RE.search(answer):
        return "other-person"
    if lang == "en" and _SECOND_CLAUSE_EN_RE.search(question):
        return "second-clause"  # "What runs with a lock timeout, and indexes are built concurrently?": two clauses, one asked
    if d.type in ("interview", "why") and _whose_setup_unsaid(ctx, question, lang):
        return "whose-setup-unsaid"  # a panel's "Why is a stolen node a brick?", "为什么不直接开 VPA 自动模式？": in whose setup?
    if d.type == "interview" and not _WH_WORD_RE.search(question):
        return "asks-nothing"  # "Varun 参与了 Google 的很多重要产品？": a host's remark with a question mark asks nothing
    if _DEICTIC_RE.search(question) or _POINTING_ANSWER_RE.search(answer):
        return "deictic"  # "Why is code freeze next Tuesday?": when is that? "… answering that question": which?
    if lang == "zh" and (_PRESUPPOSING_ZH_RE.search(question) or re.match(r"^(?:例如|比如|举个例子)", answer)):
        return "zh-presupposes"  # "为什么使用新的 istio-client-go 也不会有什么问题？": 也 needs the sentence before
    if d.type in ("when", "how-many", "why") and _names_person(ctx, question):
        return "names-person"  # "When did Nabarun Pal submit a talk to PyCon India?": the guest's story, not a fact to learn
    if lang == "zh" and re.match(r"^(?:为什么|什么是)?\s*(?:虽然|尽管|如果|假如|但是|而且|并且|而|当)", question):
        return "zh-subordinate-clause"  # "虽然在最近的调查中有多少%的受访者…": a subordinate clause is not a question's subject
    if d.type == "why" and re.search(r"因此|所以|\bso that\b|\btherefore\b", answer):
        return "chain-of-causes"  # "…以标准接口进行交互，因此数据可以有多种实现": a chain of causes, the asked one unclear
    if d.type == "how-many" and _other_number(question, lang):
        return "other-number"  # "How many clusters … with about 12,000 pods?": a second number muddles what is counted
    if d.type == "when" and lang == "zh" and _DATE_LEFT_RE.search(question):
        return "zh-date-left"  # "Ambient 模式什么时候 9 月发布？": part of the date is still in the question
    if lang == "en" and not grammatical(question):
        return "ungrammatical"
    return precision_fault(d, question, answer, lang, ctx.proper_words)


_DEICTIC_RE = re.compile(
    r"(?i:\b(?:tomorrow|yesterday|tonight|currently|right now|nowadays|recently|lately|these days|this (?:week|month|year|quarter)|"
    r"next (?:week|month|year|monday|tuesday|wednesday|thursday|friday|release)|last (?:week|month|year))\b|\bnow\?$)"
    r"|目前|(?<![出实体表发])现在|明天|昨天|最近|今年|去年|明年|下周|上周|本周|当前"  # not 出现在 ("appears in")
)
_COMPANY_RE = re.compile(r"^(?:一家|一个)[^，。]*(?:公司|企业|厂商)|^(?:An?|The)\s+(?:[\w-]+\s+){0,4}(?:company|startup|vendor|firm)\b")
_WH_WORD_RE = re.compile(r"(?i:\b(?:why|what|how|which|who|whom|whose|when|where)\b)|为什么|为何|什么|如何|怎么|怎样|哪|谁|多少|几|是否|吗")
# ("With native sidecar support that reason is gone.": which reason?)
_POINTING_ANSWER_RE = re.compile(r"\b(?:this|that|these|those)\s+(?:question|problem|issue|thing|approach|way|case|point|one|reason|"
                                 r"change|step)s?\b", re.IGNORECASE)
# 反而 ("on the contrary"): "Collector 自身的资源占用反而涨了多少%？" needs the change the sentence before made (judged ambiguous)
_PRESUPPOSING_ZH_RE = re.compile(r"也|还(?!原)|又|甚至|同样|随之|就(?!是|绪)|依然|仍然|再次|反而|反倒")
# "计划什么时候第四季度完成全部集群？": a quarter, a half or a month's end is part of the date too (judged ungrammatical)
_DATE_LEFT_RE = re.compile(r"\d+\s*[年月日号]|第?[一二三四1-4]\s*季度|[上下]半年|年[底初中]|月[底初中]")
_NUMBER_WORDS_RE = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?)\b", re.IGNORECASE)


def _spoken_plain_noun(term: str, ctx: Context) -> bool:
    """One ordinary English noun that a transcript capitalises only where a sentence starts ("Security is a required
    reviewer …"): speech defines no terms, the word names a speaker's team or a topic (judged ambiguous)."""
    from ..segment.pos import word_classes

    return (re.fullmatch(r"[A-Z][a-z]+", term) is not None and "NOUN" in word_classes(term.lower())
            and term not in ctx.proper_words and f"{term}." not in ctx.proper_words)


def _defined_thing(ctx: Context, d: Draft, term: str, lang: str) -> bool:
    """A "What is X?" term names a thing: not a person of the post ("What is Varun?"), not an activity
    ("What is Scaling Kafka?"), and in English a noun where the sentence has it, not an opener the
    template took for a name ("What is However?", "What is Below?")."""
    from .cloze import _people

    people = ctx.people if ctx.people is not None else _people(ctx.doc)
    ctx.people = people
    if not term or term in people or term.split()[0] in people:
        return False
    if lang != "en":
        return True
    if gerund_subject(term):
        return False
    from ..segment.pos import tag_sentence

    words = term.split()
    for text in (ctx.doc.sentences[d.sentences[0]].clean, f"What is {term}?"):
        tagged = tag_sentence(text)
        for i in range(len(tagged) - len(words) + 1):
            if [w for w, _ in tagged[i : i + len(words)]] == words:
                return tagged[i + len(words) - 1][1] in ("NN", "NNS", "NNP", "NNPS")
    return True


def _new_team(ctx: Context, d: Draft, question: str) -> bool:
    """"我们" read as "<topic> 团队" when the sentences never say whose team wrote them: a Chinese count or reason
    card then credits the wrong people ("Cilium 团队的容器平台规模…" in a platform team's post)."""
    source = "".join(ctx.doc.sentences[i].text for i in d.sentences)
    return "团队" in question and "团队" not in source


def _names_person(ctx: Context, question: str) -> bool:
    from .cloze import _people

    people = ctx.people if ctx.people is not None else _people(ctx.doc)
    ctx.people = people
    return any(len(name) > 2 and re.search(rf"\b{re.escape(name)}\b", question) for name in people)


def _other_number(question: str, lang: str) -> bool:
    """A number left in a how-many question besides the one asked for; a year ("in 2006") is a date, not a count,
    and a digit inside a name ("p99 latency", "L7", "HTTP/2") is part of the name."""
    question = re.sub(r"(?<![\d.,])(?:1[0-9]|20)\d\d(?![\d.,])", "", question)
    question = re.sub(r"\b[A-Za-z][\w/.-]*\d[\w]*", "", question)
    if re.search(r"\d", question):
        return True
    if lang == "zh":
        return bool(re.search(r"[一二三四五六七八九十两几][十百千万亿]*(?:个|多个|位|项|条|种)", question.replace("多少", "")))
    return bool(_NUMBER_WORDS_RE.search(question))


def _agrees(kind: str, answer: str) -> float:
    """Ranker feature: the answer is of the kind the question asks for (a time or release for "when", a
    number for "how many", a noun phrase for "what"/"who"); 1.0 or 0.0."""
    if kind == "when":
        return 1.0 if re.search(r"\d", answer) else 0.0
    if kind == "how-many":
        return 1.0 if re.search(r"\d|[一二三四五六七八九十百千万亿]", answer) else 0.0
    if kind in ("what", "who"):
        return 1.0 if re.match(r"(?:A|An|The|One|[A-Z][\w.+-]*\b|一[个种家款套位名])", answer) else 0.0
    return 1.0


def _brief(question: str, lang: str) -> float:
    """Ranker feature: short questions read better; judges called most long ones ungrammatical or ambiguous.
    1.0 up to 15 words (30 characters in Chinese), falling to 0 at 30 (60)."""
    size, short = (len(question.split()), 15) if lang == "en" else (len(question), 30)
    return max(0.0, min(1.0, (2 * short - size) / short))


def _tags(doc: Document) -> list[str]:
    value = doc.meta.get("tags")
    tags = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [re.sub(r"\s+", "_", str(t).strip()) for t in tags if str(t).strip()]


def _polish_answer(answer: str, lang: str, cloze: bool = False, definition: bool = False) -> str:
    """The answer as a card shows it; a cloze answer is exactly the deleted text."""
    answer = answer.strip(" ,，;；:：")
    for opening, closing in (('"', '"'), ("“", "”"), ("「", "」")):
        if answer.count(opening) + (answer.count(closing) if closing != opening else 0) == 1:
            answer = answer.replace(opening, "").replace(closing, "")
    if cloze:
        return answer.strip()
    if definition:
        # "一个基于 CRD 的 API，因此你将需要安装 CRD …": the definition ends where a consequence starts.
        answer = re.split(r"[，,]\s*(?:因此|所以|so\b|therefore\b)", answer, maxsplit=1)[0]
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


#: "By default", "by design", "by far": a by-phrase that is an idiom, not the means a "How …?" asks for (judged
#: wrong-answer: the answer does not answer the question).
_NO_MEANS_RE = re.compile(r"^by\s+(?:default|design|far|now|then|chance|accident|mistake|contrast|comparison|themselves|itself|"
                          r"the way|nature)\b[\s.]*$", re.IGNORECASE)


def _basic_fault(doc: Document, d: Draft, question: str, answer: str, lang: str, told: bool = False) -> str | None:
    if not question or not answer or "--" in question + answer or "—" in question:
        return "empty-or-dash"
    if any(doc.sentences[i].furniture for i in d.sentences):
        return "furniture"  # a guest's bio, a show-notes link title: page furniture, not the post's facts
    source = normalise(" ".join(doc.sentences[i].clean + " " + doc.sentences[i].text for i in d.sentences))
    if normalise(answer) not in source and not all(part in source for part in normalise(answer).split(" ") if part):
        return "ungrounded"
    asked = normalise(re.sub(r"\{\{c1::.*?\}\}", "", question))
    if d.type != "cloze" and normalise(answer) and normalise(answer) in asked:
        return "leaky"
    if d.type == "cloze":
        if lang == "en" and _FRAGMENT_OPENING_RE.match(question):
            return "fragment"  # "why a {{c1::PDB}} can block node drains forever, and how to avoid it.": a heading's half
        if _DEICTIC_RE.search(_CLOZE_RE.sub("", question)):
            return "deictic"  # "今年双十一当天，网关峰值约为平日的 {{c1::9 倍}}": which year? (judged ambiguous or trivial 10 of 11)
        if d.template in _FALLBACK_TEMPLATES and lang == "zh" and _PRESUPPOSING_ZH_RE.search(_CLOZE_RE.sub("", question)):
            return "zh-cloze-presupposes"  # "Consul {{c1::1.11}} 也提供了…": 也 needs the sentence before
        return None if _good_cloze(question, answer, lang) else "bad-deletion"
    if not question.endswith(("?", "？")) or _LEANS_ZH_QUESTION_RE.search(question if lang == "zh" else ""):
        return "no-question-mark"
    if not _balanced(question) or not _balanced(answer):
        return "unbalanced"
    if d.type in ("when", "how-many") and set(re.findall(r"\d+", question)) & set(re.findall(r"\d+", answer)):
        return "number-in-question"  # "Ambient 模式什么时候 9 月发布？": part of the answer is still in the question
    if lang == "zh" and not told and not _good_zh_question(question, d.type):
        return "zh-weak-question"
    if _LEANING_ANSWER_RE.match(answer):
        return "leaning-answer"  # "They forgot the DestinationRule.": the answer needs the post to say who
    if lang == "zh" and _CUT_ZH_ANSWER_RE.search(answer.rstrip("。.")):
        return "zh-cut-answer"
    if lang == "en":
        # "What does Istio add support for?" strands its preposition on purpose; other templates never do
        unfinished = _UNFINISHED_QUESTION_RE.search(question) and d.template not in PREDICATE_TEMPLATES
        if dangling(question) or unfinished or _GARBLED_QUESTION_RE.search(question):
            return "dangling-or-garbled"
        if _POINTING_RE.search(question) or len(question.split()) < (3 if d.type in ("what", "who") else 4):
            return "pointing-or-short"  # "What do people find on that page?", "Why did nobody know?": needs the post
        if d.type != "interview" and _IMPERATIVE_RE.match(doc.sentences[d.sentences[0]].clean):
            return "imperative"  # "Set namespace defaults with a LimitRange, so that …" has no subject to ask about
        if d.type != "interview" and narrates(doc.sentences[d.sentences[-1]].clean, "en"):
            return "narrates"  # "Why did Lin Sun have a super embarrassing moment?": an anecdote, not a fact to learn
        if d.type in ("what", "who") and re.search(r"\b(?:this|these|those|it|he|she)\b", answer, re.IGNORECASE):
            return "pronoun-answer"
        if question.startswith("How ") and _NO_MEANS_RE.match(answer):
            return "no-means"  # "How does Helm store release state in Secrets?" → "By default.": an idiom, not a means
        if d.type in ("what", "who") and _VAGUE_ANSWER_RE.match(answer):
            return "vague-answer"  # "What does Kubeflare doctor run against the cluster?" → "A set of checks.": the name says it
        if d.type in ("what", "who") and not plural_before_they(answer):
            return "they-without-plural"  # "they" must have its plural in the answer ("… how HTTP requests are matched and where they are sent")
        words = len(answer.split())
        return None if 1 <= words <= 90 and len(question.split()) <= 30 else "too-long"
    return None if 1 <= len(answer) <= 300 and len(question) <= 80 else "too-long"


# "为什么在一个分布式系统中，这部分逻辑比较复杂？", "为什么反之亦然？": a Chinese question that points outside the card.
_LEANS_ZH_QUESTION_RE = re.compile(r"这|那(?!么)|该(?=[\u4e00-\u9fff])|其(?!他|实)|(?<![因如彼])此(?!外)|上述|上面|下面|反之|前者|后者|以上|如下")
#: A sentence opening on a lower-case question word or conjunction is a fragment (a heading cut, a list item's half).
_FRAGMENT_OPENING_RE = re.compile(r"^(?:why|how|what|when|where|which|and|but|or|so|because|while)\b")
_LEANING_ANSWER_RE = re.compile(
    r"^\W*(?:(?:it|they|them|this|that|these|those|he|she)\b(?!\s+(?:is|was)\s+(?:why|how)\b)|这|那(?!么)|它|他|她|其"
    # an answer that starts mid-story ("然后发现有的模型放不下，…": judged ambiguous)
    r"|然后|后来|接着|于是)",
    re.IGNORECASE,
)
# A Chinese answer cut inside a word by the tokenizer: "gRPC 使用什么连接？" → "HTTP/2 长" (of 长连接).
_CUT_ZH_ANSWER_RE = re.compile(r"(?<![\u4e00-\u9fff])[长短大小新旧高低快慢]$")
# "Why do most migrations that stall so?": a question whose last word needs more after it.
_VAGUE_ANSWER_RE = re.compile(r"^\W*(?:a (?:set|number|couple|bunch|lot|variety|range) of|some|several|many|various|a few)\b[^,;]{0,25}[.!]?$",
                              re.IGNORECASE)
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
    # "What was about moving network policy enforcement …?" → "Ji-woo's talk.": "X was about Y" says what a talk or a
    # post covered; its subject asked as "What was about …?" is no English (judged ungrammatical)
    r"|^What\s+(?:is|are|was|were)\s+about\b"
)
_POINTING_RE = re.compile(
    r"\b(?:this|that|these|those)\s+(?!is\b|was\b)[a-z]+\b|\b(?:nobody|somebody|someone|everyone)\b"
    r"|\b(?:then|back then|at the time|there)\s*\?$",  # "What did an upgrade look like then?"
    re.IGNORECASE,
)
# A sentence that tells the reader what to do: a question about its "subject" asks about a verb ("Why does set namespace
# default with a LimitRange?").
_IMPERATIVE_RE = re.compile(
    r"^\W*(?:set|use|run|add|create|enable|disable|configure|deploy|install|check|make|keep|avoid|start|stop|decide|give|"
    r"put|define|write|test|measure|build|choose|pick|move|turn|apply|remove|delete|update|upgrade|monitor|label|pin|"
    r"limit|prefer|treat|watch|let|trust|find|try|replace|read)\s+(?!is\b|are\b|was\b|were\b|has\b|can\b|will\b)",
    re.IGNORECASE,
)


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
    if re.match(r"[的和与及或而了着]", question):
        return False  # "的比例 是谁？": a particle cut off the noun it belongs to is no subject
    if question.startswith("什么是") and "是" in body:
        return False  # "什么是 问题是原生云容器？": the template's subject swallowed a clause
    # "什么是 Kyverno？" may be short; "为什么 Splunk？" may not; "为什么 Istio 更易于使用？" names its subject, so 4 will do
    shortest = 4 if re.search(r"[A-Za-z]{3,}", body) else 6
    if re.search(r"[:：]$", body) or (kind not in ("what", "who") and len(re.findall(r"[\u4e00-\u9fff]", body)) < shortest):
        return False
    if re.search(r"(?:将|把|的|和|与|及|在|对|从|被|向|给|让|使|并)$", body):
        return False  # "…允许您轻松地将？": the sentence went on in a link or code the card does not carry
    if kind == "how-many" and re.search(r"[A-Za-z]\s*多少", question):
        return False
    return kind in ("what", "who") or bool(re.search(r"[A-Za-z]{2,}|[\u4e00-\u9fff]{2,}(?:服务|网格|网关|集群|代理|协议|平台|模式|策略|控制器)", body))


def _good_cloze(question: str, answer: str, lang: str) -> bool:
    """Every deletion is the answer, whole, with no punctuation at its edges (a figure may end on its unit, "40%"),
    and no copy of it is left in view."""
    deleted = _CLOZE_RE.findall(question)
    if not deleted or any(part != answer for part in deleted) or re.search(r"^[\W_]|[^\w%]$|_$", answer):
        return False
    visible = _CLOZE_RE.sub("", question)
    return answer.casefold() not in visible.casefold() and (len(question) <= 400 if lang == "en" else len(question) <= 200)


def merge(cards: list[Card], more: list[Card], max_cards: int) -> list[Card]:
    """Two finished lists as one: de-duplicated and capped again, best first, in the post's order."""
    return _dedupe_and_cap(cards + more, max_cards) if more else cards


def _dedupe_and_cap(cards: list[Card], max_cards: int) -> list[Card]:
    """Best first; a near-duplicate question or the same answer twice is dropped; cloze at most a third; past the best
    five, no card under the floor (:func:`.precision.above_floor`)."""
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
            short = card.type in ("what", "who") and other.type in ("what", "who")
            # "What is WebAssembly?" and "What is WebAssembly Hub?" share most words but ask about two things.
            same_question = bag == obag if short else len(bag & obag) / max(len(bag | obag), 1) >= 0.7
            same_answer = set(card.sentence_ids) == set(other.sentence_ids) and card.type == other.type
            # "Istio 默认会对每一跳做最多多少次重试？" and "Istio 的默认重试策略是最多重试多少次？" → "2 次" both: one fact, one card
            same_fact = (card.type == other.type and normalise(card.answer) == normalise(other.answer)
                         and len(bag & obag) / max(len(bag | obag), 1) >= 0.5)
            if same_question or same_answer or same_fact:
                duplicate = True
                break
        if duplicate:
            continue
        kept.append(card)
        seen_ids.add(card.id)
        if len(kept) >= max_cards:
            break
    return sorted(above_floor(kept, lambda c: c.score), key=lambda c: (c.sentence_ids[0], c.id))
