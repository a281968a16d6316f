"""Sentences to cards: templates, interview turns, contrasts between alternatives, and cloze.

1. Every template of the post's language is tried on every sentence (its clean view).
2. In interviews, a question turn followed by another speaker's answer makes a card, once
   its question is made self-contained.
3. Two alternatives of one kind (Envoy and Nginx) in a turn, one chosen, make a "choice" card.
4. Key terms in central sentences make cloze cards.
Then every card is checked (answer grounded in the post, question free of its answer and of
unresolved pronouns), scored, de-duplicated and capped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from .._text import CJK_RE
from ..model import Card, Document, Sentence
from ..score.roles import askers, is_real_question
from ..score.takeaways import score_takeaways
from .context import Context, display_name
from .english import dangling, strip_openers, wh_question
from .packs import Pack, Template

_CONTINUATION_RE = re.compile(r"^(?:and|also|plus|it|they|second|secondly|third|in addition|on top of that|besides)\b", re.IGNORECASE)
_ZH_DANGLING_RE = re.compile(r"(?:他们|她们|它们|这个|那个|这些|那些|它|他|她|你们|你|我们|我)(?!们)")


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


def card_id(doc: Document, template: str, question: str, *, base: str | PurePath | None = None) -> str:
    """Stable across rebuilds: the post's identity, the template and the normalised question, never the answer.

    The identity (:func:`summarize.quiz.post.post_identity`) is the post's front-matter url/slug/
    permalink, else its path relative to ``base`` (default: the post's folder, or the folder above a
    page bundle), else its title; the same post gives the same id on any machine and checkout.
    """
    from .post import post_identity

    key = f"{post_identity(doc, base=base)}\x1f{template}\x1f{normalise(question)}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def make_cards(doc: Document, pack: Pack, *, lang: str, max_cards: int = 20) -> list[Card]:
    if not doc.sentences or max_cards <= 0:
        return []
    ctx = Context.build(doc, pack)
    ctx.sentence_scores = dict(score_takeaways(doc))
    drafts: list[Draft] = []
    for s in doc.sentences:
        if s.lang != lang or s.kind == "heading" or len(s.clean) > MAX_TEMPLATE_CHARS:
            continue
        for template in pack.templates:
            if template.pattern is None:
                continue
            draft = _apply(template, s, ctx)
            if draft:
                drafts.append(draft)
    drafts += list(_interview_cards(doc, ctx, lang))
    drafts += list(_contrast_cards(doc, ctx, lang))
    cloze_template = next((t for t in pack.templates if t.type == "cloze"), None)
    if cloze_template:
        drafts += list(_cloze_cards(doc, ctx, lang, cloze_template))
    return _finish(doc, ctx, drafts, lang, max_cards)


# ----------------------------------------------------------------------------- templates


def _apply(t: Template, s: Sentence, ctx: Context) -> Draft | None:
    assert t.pattern is not None
    text = s.clean
    m = t.pattern.search(text)
    if not m:
        return None
    groups = {k: (v or "").strip(" ,，") for k, v in m.groupdict().items()}
    if not _requirements_met(t, groups, ctx, s.lang):
        return None
    sentences = (s.id,)
    # The answer
    if t.answer == "sentence":
        answer = text
    elif t.answer == "previous":
        prev = _previous_in_turn(s, ctx)
        if prev is None:
            return None
        answer, sentences = prev.clean, (prev.id, s.id)
    else:
        answer = groups.get(t.answer, "")
    if t.type == "why" and t.answer != "previous":
        answer, more = _with_continuation(answer, s, ctx)
        sentences += more
    # The question: from this sentence, or (follow = "previous") from the one it answers.
    if t.follow == "previous" and t.answer != "previous":
        prev = _previous_in_turn(s, ctx)
        if prev is None:
            return None
        question = _question_from_clause(prev.clean, prev, ctx)
        sentences = (prev.id, *sentences)
    else:
        question = _question(t, groups, s, ctx)
    if question is None:
        return None
    return Draft(t.type, t.id, question, answer, tuple(dict.fromkeys(sentences)), t.confidence)


def _requirements_met(t: Template, groups: dict[str, str], ctx: Context, lang: str) -> bool:
    from .english import split_clause

    for req in t.requires:
        kind, _, name = req.partition(":")
        value = groups.get(name, "")
        if not value:
            return False
        if kind == "proper" and not (value[:1].isupper() and (ctx.proper(value.split()[0]) or len(value.split()) > 1 or value.isupper() or value in ctx.entity_class or value.split()[0] not in ("The", "This", "That", "It", "There", "A", "An"))):
            return False
        if kind == "clause" and lang == "en" and split_clause(value) is None:
            return False
        if kind == "np" and lang == "zh" and not _zh_noun_phrase(value):
            return False
        if kind == "np" and lang == "en" and len(value.split()) > 5:
            return False
    return True


def _zh_noun_phrase(text: str) -> bool:
    from .._resources import jieba_posseg

    words = [(w, f) for w, f in jieba_posseg().lcut(text) if w.strip()]
    return bool(words) and words[-1][1].startswith(("n", "eng", "x")) and not any(f.startswith("r") for _, f in words)


def _question(t: Template, groups: dict[str, str], s: Sentence, ctx: Context) -> str | None:
    q = t.question
    if q == "why":
        return _question_from_clause(groups.get("main") or s.clean, s, ctx)
    if q == "choice":
        return _choice_question(groups, s, ctx)
    if q == "when":
        return _when_question(groups, s, ctx)
    if q == "how-many":
        return _how_many_question(groups, s, ctx)
    try:
        text = q.format(**groups)
    except (KeyError, IndexError):
        return None
    if s.lang == "zh":
        return _zh_question(text, s, ctx)
    return text


def _question_from_clause(clause: str, s: Sentence, ctx: Context) -> str | None:
    if s.lang == "zh":
        clause = re.sub(r"^(?:所以|那么|然后|因此|而且|但是|其实|是的|对)[，,]?", "", clause.strip()).rstrip("。！？；!?;")
        return _zh_question(f"为什么{clause}？", s, ctx)
    question = wh_question("Why", clause, resolve=lambda p: ctx.resolve(s, p), proper=ctx.proper)
    if question is None:
        return None
    return _with_alternative(question, s, ctx)


def _with_alternative(question: str, s: Sentence, ctx: Context) -> str:
    """"Why did Istio pick Envoy?" → "… pick Envoy over Nginx?" when the turn names the alternative."""
    m = re.search(r"\b(pick|choose|adopt|select|use|go with|switch to|move to)\s+(\S+?)\?$", question)
    if not m or " over " in question:
        return question
    chosen = m.group(2)
    kind = ctx.entity_class.get(chosen)
    if not kind:
        return question
    nearby = _turn_window(s, ctx)
    for other in dict.fromkeys(e for x in nearby for e in ctx.entities_of(x.id)):
        if other != chosen and ctx.entity_class.get(other) == kind and other.lower() != chosen.lower():
            return question[:-1] + f" over {other}?"
    return question


def _turn_window(s: Sentence, ctx: Context, reach: int = 8) -> list[Sentence]:
    """Where alternatives and referents are named: the sentences just before ``s`` in its turn,
    and the end of the turn before (a host's question). Bounded, so a huge turn costs no more."""
    turn_no = ctx.turn_of.get(s.id, 0)
    turn = ctx.turns[turn_no]
    k = ctx.index_in_turn[s.id]
    ids = turn[max(0, k - reach) : k + 1]
    if turn_no > 0:
        ids = ctx.turns[turn_no - 1][-reach:] + ids
    return [ctx.doc.sentences[i] for i in ids]


def _choice_question(groups: dict[str, str], s: Sentence, ctx: Context) -> str | None:
    chosen, other = groups.get("chosen", ""), groups.get("other", "")
    if not chosen or not other:
        return None
    if s.lang == "zh":
        subject = ctx.topic or ""
        return _zh_question(f"为什么{subject}选择了 {chosen} 而不是 {other}？", s, ctx)
    main = groups.get("main", "")
    verb_at = re.search(r"\b(picked|chose|adopted|selected|went with|settled on|switched to|moved to|bet on|preferred)\b", main)
    subject_words = main[: verb_at.start()].strip() if verb_at else ""
    subject = strip_openers(subject_words) or ""
    if subject.lower() in ("i", "we", "they", "it", "he", "she"):
        subject = ctx.resolve(s, subject) or ""
    if not subject:
        return None
    return f"Why did {subject} pick {chosen} over {other}?"


def _when_question(groups: dict[str, str], s: Sentence, ctx: Context) -> str | None:
    when = groups.get("when", "")
    if s.lang == "zh":
        before, after = groups.get("before", ""), groups.get("after", "")
        if not after or not before:
            return None
        return _zh_question(f"{before.rstrip('于在 ')}什么时候{after}？", s, ctx)
    clause = f"{groups.get('before', '')} {groups.get('after', '')}".strip(" ,")
    question = wh_question("When", clause, resolve=lambda p: ctx.resolve(s, p), proper=ctx.proper)
    if question and when and re.sub(r"^(?:in|on|since|back in)\s+", "", when) in question:
        return None
    return question


def _how_many_question(groups: dict[str, str], s: Sentence, ctx: Context) -> str | None:
    unit = groups.get("unit", "")
    before, after = groups.get("before", "").strip(), groups.get("after", "").strip(" ,.")
    if s.lang == "zh":
        if not before:
            return None
        return _zh_question(f"{before}多少{unit}{after}？", s, ctx)
    if not before:
        # The number is the subject: "Over 3000 attendees joined" → "How many attendees joined?"
        return f"How many {unit} {after}?" if after else None
    clause = f"{before} {after}".strip()
    inverted = wh_question("How many " + unit, clause, resolve=lambda p: ctx.resolve(s, p), proper=ctx.proper)
    return inverted


def _zh_question(question: str, s: Sentence, ctx: Context) -> str | None:
    """Resolve 我/我们/他 in a Chinese question, or give up on it."""

    def sub(m: re.Match[str]) -> str:
        named = ctx.resolve(s, m.group(0))
        if named is None:
            raise LookupError
        return f" {named} " if not CJK_RE.search(named) else named

    try:
        question = _ZH_DANGLING_RE.sub(sub, question)
    except LookupError:
        return None
    question = re.sub(r"^(?:然后|所以|那么|是的|好的|而且|但是|其实)[，,]?\s*", "", question.strip())
    # Chinese typography in these posts puts a space between hanzi and Latin words.
    question = re.sub(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])", " ", question)
    question = re.sub(r"\s+", " ", question).replace(" ？", "？").strip()
    return question


def _previous_in_turn(s: Sentence, ctx: Context) -> Sentence | None:
    turn = ctx.turns[ctx.turn_of[s.id]]
    i = ctx.index_in_turn[s.id]
    if i > 0:
        return ctx.doc.sentences[turn[i - 1]]
    # The previous paragraph of the same speaker also counts.
    n = ctx.turn_of[s.id]
    if n > 0 and s.speaker and ctx.doc.sentences[ctx.turns[n - 1][-1]].speaker == s.speaker:
        return ctx.doc.sentences[ctx.turns[n - 1][-1]]
    return None


def _with_continuation(answer: str, s: Sentence, ctx: Context) -> tuple[str, tuple[int, ...]]:
    """A reason often runs on: "… lightweight and written in C++. And it handled 2 million requests …"."""
    if s.lang != "en":
        return answer, ()
    turn = ctx.turns[ctx.turn_of[s.id]]
    more: list[int] = []
    text = answer
    start = ctx.index_in_turn[s.id] + 1
    for i in turn[start : start + 2]:
        nxt = ctx.doc.sentences[i]
        if not _CONTINUATION_RE.match(nxt.clean) or len((text + nxt.clean).split()) > 70:
            break
        text = f"{text.rstrip(' .')}. {nxt.clean}"
        more.append(i)
    return text, tuple(more)


# ---------------------------------------------------------------------------- interviews


_REASON_CUE_RE = re.compile(
    r"(?i:\b(?:the|one|our|my)\s+(?:main\s+|primary\s+|key\s+|biggest\s+|real\s+)?reasons?\s+(?:was|were|is|are)\s+(?:that\s+)?"
    r"|\bbecause\s+(?:of\s+)?|\bso that\s+|\bthat'?s why\s+)|(?:原因是|因为|由于|为了)"
)
_INTERVIEW_DROP_RE = re.compile(
    r"^(?:can|could|would|will)\s+you\b|^(?:do|did|have|are)\s+you\b|^(?:what|how)\s+about\b|^(?:any|anything)\b", re.IGNORECASE
)


def _interview_cards(doc: Document, ctx: Context, lang: str) -> Iterator[Draft]:
    """A host's question, made self-contained, answered by the next speaker's key sentences."""
    if not doc.spoken:
        return
    scores = ctx.sentence_scores
    hosts = askers(doc)
    for n, turn in enumerate(ctx.turns[:-1]):
        asker = doc.sentences[turn[-1]]
        if asker.speaker not in hosts or asker.lang != lang:
            continue
        questions = [doc.sentences[i] for i in turn if is_real_question(doc.sentences[i].clean)]
        if not questions:
            continue
        answer_ids = _answer_turn(ctx, n, asker.speaker)
        if not answer_ids:
            continue
        q = _self_contained(questions[-1], turn, ctx)
        if q is None and len(questions) > 1:
            q = _self_contained(questions[-2], turn, ctx)
        if q is None:
            continue
        reasoned = _reason_answer(q, answer_ids, ctx) if q.startswith(("Why", "为什么")) else None
        if reasoned:
            answer, chosen = reasoned
            yield Draft("interview", "interview-turn", q, answer, chosen, 0.8)
            continue
        best = sorted((i for i in answer_ids if i in scores), key=lambda i: (-scores[i], i))[:3]
        if not best:
            continue
        picked = sorted(best)
        answer = " ".join(doc.sentences[i].clean for i in picked)
        if len(answer.split()) > 90 and lang == "en":
            picked = sorted(best[:2])
            answer = " ".join(doc.sentences[i].clean for i in picked)
        yield Draft("interview", "interview-turn", q, answer, tuple(picked), 0.6)


def _reason_answer(q: str, answer_ids: list[int], ctx: Context) -> tuple[str, tuple[int, ...]] | None:
    """For a why-question, the answer is where the speaker gives the reason, and what runs on from it."""
    for i in answer_ids:
        s = ctx.doc.sentences[i]
        m = _REASON_CUE_RE.search(s.clean)
        if not m:
            continue
        reason = s.clean[m.end() :]
        if len(reason.split()) < 4 and s.lang == "en":
            continue
        text, more = _with_continuation(reason, s, ctx)
        return text, (i, *more)
    return None


def _answer_turn(ctx: Context, n: int, asker: str) -> list[int]:
    """The next speaker's sentences, over consecutive paragraphs, until someone else speaks."""
    ids: list[int] = []
    speaker = None
    for turn in ctx.turns[n + 1 :]:
        s = ctx.doc.sentences[turn[0]]
        if s.speaker == asker or (speaker and s.speaker != speaker):
            break
        if s.speaker is None and not ids:
            break
        speaker = s.speaker
        ids += turn
    return ids


def _self_contained(q: Sentence, turn: list[int], ctx: Context) -> str | None:
    text = q.clean.strip()
    if q.lang == "zh":
        text = re.sub(r"^(?:所以|那么|好的|好|嗯)[，,]?", "", text)
        if re.search(r"能不能|能否|可不可以|可以.{0,12}吗|请你|介绍一下|简单介绍", text):
            return None  # "can you introduce yourself": a request, not a question about the post
        guest = ctx.next_speaker(q)
        text = text.replace("你们", f"{guest} 他们" if guest else "你们")
        if guest:
            text = re.sub(r"你(?!们)", f" {guest} ", text)
        return _zh_question(text, q, ctx) if "你" not in text else None
    text = strip_openers(text)
    text = re.sub(r"\b(do|did) you (think|believe|feel|say|see)\s+", "", text, flags=re.IGNORECASE)
    # "Why did X take so long, and what have the releases been since?": ask the first question only.
    text = re.sub(r",?\s+and\s+(?:what|how|why|when|where|who)\b.*$", "?", text, flags=re.IGNORECASE)
    if _INTERVIEW_DROP_RE.search(text):
        return None
    # "Why the Istio project made that choice?" → do-support again on what is left.
    m = re.match(r"^(why|how|when|where)\s+(.*?)\??$", text, re.IGNORECASE)
    if m and not re.match(r"(?:do|does|did|is|are|was|were|has|have|can|could|will|would|should)\b", m.group(2), re.IGNORECASE):
        rebuilt = wh_question(m.group(1).capitalize(), m.group(2), resolve=lambda p: ctx.resolve(q, p), proper=ctx.proper)
        if rebuilt:
            text = rebuilt
    text = _resolve_choice(text, turn, ctx)
    if text is None:
        return None
    guest = ctx.next_speaker(q)
    if guest:
        for contraction, full in (("you've", "has"), ("you're", "is"), ("you'd", "would"), ("you'll", "will")):
            text = re.sub(rf"\b{contraction}\b", f"{guest} {full}", text, flags=re.IGNORECASE)
        text = re.sub(r"\byour\b", f"{guest}'s", text, flags=re.IGNORECASE)
        text = re.sub(r"\byou\b", guest, text, flags=re.IGNORECASE)
    text = text[0].upper() + text[1:]
    return None if dangling(text) else text


def _resolve_choice(text: str, turn: list[int], ctx: Context) -> str | None:
    """"make that choice" → "pick Envoy over Nginx", from what the question turn itself says."""
    m = re.search(r"\b(make|made|making)\s+(?:that|this|the|such a)\s+(?:choice|decision|call|move)\b", text, re.IGNORECASE)
    if not m:
        return text
    said = " ".join(ctx.doc.sentences[i].text for i in turn)
    pick = re.search(r"\b(?:adopting|adopt|adopted|picking|picked|choosing|chose|using|switching to|moving to)\s+([A-Z][\w.+-]*)", said)
    if not pick:
        return None
    chosen = pick.group(1)
    phrase = f"pick {chosen}"
    kind = ctx.entity_class.get(chosen)
    if kind:
        for other in ctx.entities_in(said):
            if other != chosen and ctx.entity_class.get(other) == kind:
                phrase += f" over {other}"
                break
    return text[: m.start()] + phrase + text[m.end() :]


# ----------------------------------------------------------------------------- contrasts


def _contrast_cards(doc: Document, ctx: Context, lang: str) -> Iterator[Draft]:
    """Two alternatives of one kind in a turn, one chosen over the other: "Why did Istio pick Envoy over Nginx?"."""
    choose = tuple(c.lower() for c in ctx.pack.cues.get("choose", ()))
    reject = tuple(c.lower() for c in ctx.pack.cues.get("reject", ()))
    if not ctx.topic:
        return
    for turn in ctx.turns:
        sents = [doc.sentences[i] for i in turn if doc.sentences[i].lang == lang]
        if len(sents) < 2:
            continue
        mentions: dict[str, list[Sentence]] = {}
        for s in sents:
            for e in ctx.entities_of(s.id):
                mentions.setdefault(e, []).append(s)
        for kind in sorted({ctx.entity_class[e] for e in mentions}):
            members = [e for e in mentions if ctx.entity_class[e] == kind and e != ctx.topic]
            if len(members) < 2:
                continue
            rejected = [e for e in members if any(c in s.text.lower() for s in mentions[e] for c in reject)]
            chosen = [e for e in members if e not in rejected and any(c in s.text.lower() for s in mentions[e] for c in choose)]
            if len(rejected) != 1 or len(chosen) != 1:
                continue
            a, b = chosen[0], rejected[0]
            if lang == "zh":
                question = f"为什么 {ctx.topic} 选择了 {a} 而不是 {b}？"
            else:
                question = f"Why did {ctx.topic} pick {a} over {b}?"
            # What the turn says about either side, plus its opening sentence when it states the requirement.
            cues = (*choose, *reject)
            evidence = [
                s for s in sents
                if a in s.text or b in s.text or any(c in s.text.lower() for c in cues) or (s.id == sents[0].id and "应该" in s.text)
            ]
            answer_sents = []
            total = 0
            for s in evidence:
                total += len(s.clean)
                if total > 260 and answer_sents:
                    break
                answer_sents.append(s)
            answer = ("" if lang == "zh" else " ").join(s.clean for s in answer_sents)
            yield Draft("choice", "choice-contrast", question, answer, tuple(s.id for s in answer_sents), 0.9)


# --------------------------------------------------------------------------------- cloze


def _cloze_cards(doc: Document, ctx: Context, lang: str, t: Template) -> Iterator[Draft]:
    """Key terms blanked out of the post's most central sentences."""
    scores = ctx.sentence_scores
    if not scores:
        return
    terms = _key_terms(doc, ctx)
    ranked = sorted((i for i in scores if doc.sentences[i].lang == lang), key=lambda i: (-scores[i], i))
    used: dict[str, int] = {}
    for i in ranked[: max(5, len(ranked) // 4)]:
        s = doc.sentences[i]
        text = s.clean
        for term in terms:
            if used.get(term, 0) >= 2:
                continue
            pattern = re.escape(term) if CJK_RE.search(term) else rf"(?<![\w.+-]){re.escape(term)}(?![\w+-])"
            m = re.search(pattern, text)
            if m and m.start() > 0:
                question = text[: m.start()] + "{{c1::" + m.group(0) + "}}" + text[m.end() :]
                used[term] = used.get(term, 0) + 1
                yield Draft("cloze", t.id, question, m.group(0), (s.id,), t.confidence)
                break


_NAME_RUN_RE = re.compile(r"(?<=[a-z0-9,;:)]\s)((?:[A-Z][\w.+-]*|of|the|and|for)(?:\s(?:[A-Z][\w.+-]*|of|the|and|for)){0,4})")
_LATIN_TERM_RE = re.compile(r"^[\w.+-]+(?:\s[\w.+-]+)*$")


def _key_terms(doc: Document, ctx: Context) -> list[str]:
    """What is worth blanking out, rarest first: the pack's entities, the domain dictionary, and the
    post's own names (capitalised runs mid-sentence; jieba's person, place, organisation and other
    proper-noun tags in Chinese). Computed once per post."""
    if ctx.key_terms is not None:
        return ctx.key_terms
    from .._resources import data_lines

    candidates: list[str] = [*ctx.entity_class, *(line.split()[0] for line in data_lines("zh_terms.txt"))]
    for s in doc.sentences:
        if s.lang == "en":
            for m in _NAME_RUN_RE.finditer(s.text):
                name = re.sub(r"(?:\s(?:of|the|and|for))+$", "", m.group(1)).strip()
                if name and name[:1].isupper() and (len(name) > 3 or name.isupper()) and not name.isdigit():
                    candidates.append(name)
    if any(s.lang == "zh" for s in doc.sentences):
        from .._resources import jieba_posseg

        tagger = jieba_posseg()
        for s in doc.sentences:
            if s.lang == "zh" and len(s.text) <= MAX_TEMPLATE_CHARS:
                candidates += [w for w, flag in tagger.lcut(s.text) if flag in ("nr", "ns", "nt", "nz") and len(w) >= 2]
    text = "\n".join(s.text for s in doc.sentences)
    counts: dict[str, int] = {}
    for term in dict.fromkeys(candidates):
        if _LATIN_TERM_RE.match(term) and term.isascii():
            n = len(re.findall(rf"(?<![\w.+-]){re.escape(term)}(?![\w+-])", text))
        else:
            n = text.count(term)
        if n:
            counts[term] = n
    # Rarer terms make better blanks than the post's topic, which nearly every sentence names.
    ctx.key_terms = sorted((t for t in counts if t != ctx.topic), key=lambda t: (counts[t], -len(t), t))
    return ctx.key_terms


# ------------------------------------------------------------------------ check and rank


def _finish(doc: Document, ctx: Context, drafts: list[Draft], lang: str, max_cards: int) -> list[Card]:
    scores = ctx.sentence_scores
    hi = max(scores.values(), default=1.0) or 1.0
    key_terms = set(_key_terms(doc, ctx))
    cards: list[Card] = []
    for d in drafts:
        question = " ".join(d.question.split())
        answer = _polish_answer(d.answer, lang)
        if not _acceptable(doc, d, question, answer, lang):
            continue
        centrality = max((scores.get(i, 0.0) for i in d.sentences), default=0.0) / hi
        informative = min(1.0, len(answer.split() if lang == "en" else answer) / (12 if lang == "en" else 24))
        keyed = 1.0 if any(k in answer or k in question for k in key_terms) else 0.0
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


def _polish_answer(answer: str, lang: str) -> str:
    answer = answer.strip(" ,，;；:：")
    for opening, closing in (('"', '"'), ("“", "”"), ("「", "」")):
        if answer.count(opening) + (answer.count(closing) if closing != opening else 0) == 1:
            answer = answer.replace(opening, "").replace(closing, "")
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
    if lang == "en":
        if d.type != "cloze" and dangling(question):
            return False
        if d.type in ("what", "who") and re.search(r"\b(?:this|these|those|it|they|he|she)\b", answer, re.IGNORECASE):
            return False
        words = len(answer.split())
        return 1 <= words <= 90 and len(question.split()) <= 30
    return 1 <= len(answer) <= 300 and len(question) <= 80


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
