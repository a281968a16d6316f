"""Cards from an interview's structure: a host's question answered by the guest, and a choice between
two alternatives named in one turn ("Why did Istio pick Envoy over Nginx?")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Sentence
from ..score.roles import askers, is_real_question
from .context import Context
from .draft import Draft
from .english import dangling, strip_openers, wh_question
from .turns import with_continuation, zh_question


_REASON_CUE_RE = re.compile(
    r"(?i:\b(?:the|one|our|my)\s+(?:main\s+|primary\s+|key\s+|biggest\s+|real\s+)?reasons?\s+(?:was|were|is|are)\s+(?:that\s+)?"
    r"|\bbecause\s+(?:of\s+)?|\bso that\s+|\bthat'?s why\s+)|(?:原因是|因为|由于|为了)"
)
_INTERVIEW_DROP_RE = re.compile(
    r"^(?:can|could|would|will)\s+you\b|^(?:do|did|have|are)\s+you\b|^(?:what|how)\s+about\b|^(?:any|anything)\b", re.IGNORECASE
)


def interview_cards(doc: Document, ctx: Context, lang: str) -> Iterator[Draft]:
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
        picked = _contiguous(best)
        answer = " ".join(doc.sentences[i].clean for i in picked)
        if len(answer.split()) > 90 and lang == "en":
            picked = _contiguous(best[:2])
            answer = " ".join(doc.sentences[i].clean for i in picked)
        if not all(_ENDS_RE.search(doc.sentences[i].clean) for i in picked):
            continue  # "…（KEP 3895）和": a sentence cut where the page went on in a list or a link
        yield Draft("interview", "interview-turn", q, answer, tuple(picked), 0.6)


_ENDS_RE = re.compile(r"[.!?。！？…][\"'”’)）]*\s*$")


def _contiguous(best: list[int]) -> tuple[int, ...]:
    """The best sentence and those of ``best`` next to it, in order: an answer is one passage of the reply, never
    key sentences spliced across a gap (judges read "…你可以查看我们的开放 KEP。 引入了新的 Alpha 特性" as garbled)."""
    chosen = {best[0]}
    grown = True
    while grown:
        grown = False
        for i in best:
            if i not in chosen and (i - 1 in chosen or i + 1 in chosen):
                chosen.add(i)
                grown = True
    return tuple(sorted(chosen))


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
        text, more = with_continuation(reason, s, ctx)
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
        return zh_question(text, q, ctx) if "你" not in text else None
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
    # A question to "you" stays the host's: swapping in the guest's name broke its verbs ("How are Mark C.
    # doing?", "What do Aaron plan …") in every judged case, so such a question makes no card.
    if re.search(r"\b(?:you|your|you've|you're|you'd|you'll|yourself)\b", text, re.IGNORECASE):
        return None
    text = text[0].upper() + text[1:]
    if len(text.split()) < 5 or not re.match(r"(?:What|Why|How|When|Where|Who|Which)\b", text):
        return None  # "That works?", "Or Bitcoin?": a prompt in conversation, not a question on its own
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


def contrast_cards(doc: Document, ctx: Context, lang: str) -> Iterator[Draft]:
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
