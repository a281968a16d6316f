"""Sentences to cards: templates here; interview turns and contrasts (:mod:`.interview`), cloze
(:mod:`.cloze`); checks and ranking (:mod:`.checks`); card ids (:func:`.post.card_id`).

1. Every template of the post's language is tried on every sentence (its clean view).
2. In interviews, a question turn followed by another speaker's answer makes a card, once
   its question is made self-contained.
3. Two alternatives of one kind (Envoy and Nginx) in a turn, one chosen, make a "choice" card.
4. Key terms in central sentences make cloze cards.
Then every card is checked (answer grounded in the post, question free of its answer and of
unresolved pronouns), scored, de-duplicated and capped.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..model import Card, Document, Sentence
from ..score.bounded import scope
from ..score.takeaways import register_of, reserve_of, score_takeaways
from .checks import Checked, finish, merge
from .acronym import acronym_cards
from .cloze import cloze_cards
from .condition import condition_cards
from .context import Context
from .draft import MAX_TEMPLATE_CHARS, Draft
from .english import strip_openers, wh_question
from .interview import contrast_cards, interview_cards
from .listing import listing_cards
from .packs import Pack, Template, search
from .keypoint import OFF_TAKEAWAY_PENALTY
from .point_en import point_cards
from .point_zh import point_cards_zh
from .predicate import defined_terms, passes_the_gate, predicate_cards
from .subject import subject_cards
from .takeaway import takeaway_cards, uncovered
from .topic import titled_subject, with_context
from .turns import previous_in_turn, turn_window, with_continuation, zh_question



def make_cards(doc: Document, pack: Pack, *, lang: str, max_cards: int = 20, trace: list[Checked] | None = None) -> list[Card]:
    """The post's cards, best first up to ``max_cards``; ``trace`` (a list) receives every draft as checked."""
    if not doc.sentences or max_cards <= 0:
        return []
    ctx = Context.build(doc, pack)
    ctx.story = titled_subject(ctx)
    # Cards are drawn from the sentences a takeaway could be: scored candidates outside the reserve (a host's
    # lines, sentences that lean on the one before, run-ons, labelled list items, a tutorial's narration).
    reserve = reserve_of(doc)
    scores = score_takeaways(doc)
    ctx.sentence_scores = {i: v for i, v in scores.items() if i not in reserve}
    # The takeaways the post's summary prints are its points: every generator tries them first, and the ranker
    # prefers a card made from one (a learner studies what the summary says matters).
    points = printed_points(doc, lang)
    printed = tuple(ids for ids, _ in points)
    ctx.takeaways = frozenset(i for group in printed for i in group)
    # Only the best-ranked key sentences are asked about (overgenerate from them, check, rank): a card on a
    # sentence far down the ranking is rarely one of the post's points, and the bound keeps the work linear
    # however many sentences a post has (5,000 sentences each naming a new person took minutes).
    ranked = key_sentences(ctx.sentence_scores, max_cards, first=ctx.takeaways)
    top = set(ranked)
    drafts: list[Draft] = []
    spoken = register_of(doc) == "spoken"
    for s in scope(doc):  # every sentence, or of a long input (score/bounded.py) the pool its takeaways come from
        if s.lang != lang or len(s.clean) > MAX_TEMPLATE_CHARS or s.id in reserve or s.kind == "heading":
            continue
        if spoken and s.id not in ctx.sentence_scores:
            continue  # a guest's bio read out by the host ("Varun is the product manager …") is no definition
        for template in pack.templates:
            # A definition ("X is a Y that …") is worth a card wherever the post gives it, even in a sentence
            # the takeaways scorer does not rank (a glossary paragraph); every other template needs a key sentence.
            if template.pattern is None or not (s.id in top or template.type == "what"):
                continue
            draft = _apply(template, s, ctx)
            if draft:
                drafts.append(draft)
    drafts += list(interview_cards(doc, ctx, lang))
    drafts += list(contrast_cards(doc, ctx, lang))
    drafts += list(subject_cards(doc, ctx, lang, ranked))
    drafts += list(acronym_cards(doc, ctx, lang, ranked))
    drafts += list(listing_cards(doc, ctx, lang, ranked))
    # A predicate asked of a side name is judged ambiguous (the post says what the tool did there, not what it is for).
    # A term's meaning ("What does L4 refer to?") is asked of the term itself, and so is a predicate of a term
    # the post defines ("What is ReferenceGrant?" made, then "What does ReferenceGrant allow …?").
    defined = defined_terms(drafts)
    drafts += [d for d in predicate_cards(doc, ctx, lang, ranked) if passes_the_gate(d, ctx, defined)]
    # each printed takeaway asked by the grammar of its clause (see :mod:`.point_en`, :mod:`.point_zh`)
    kept_points = [(ids, text) for ids, text in points if all(i not in reserve for i in ids)]
    if not spoken:  # in a written post, the next key sentences no other card asks, as the post wrote them
        drafted = {i for d in drafts for i in d.sentences}
        kept_points += [((i,), doc.sentences[i].clean) for i in ranked[:KEY_POINTS] if i not in ctx.takeaways and i not in drafted
                        and doc.sentences[i].lang == lang and doc.sentences[i].kind != "heading" and not doc.sentences[i].furniture]
    made = point_cards(ctx, kept_points) if lang == "en" else point_cards_zh(ctx, kept_points)
    if lang == "en" and not spoken:  # a rule the post states as a condition and its consequence (see :mod:`.condition`)
        listed = {ids for ids, _ in kept_points}  # the printed takeaways, then every key sentence
        more = [((i,), doc.sentences[i].clean) for i in ranked if (i,) not in listed and doc.sentences[i].lang == lang]
        made = [*made, *condition_cards(ctx, [*kept_points, *more])]
    for d in made:
        if not ctx.takeaways.intersection(d.sentences):
            d.confidence -= OFF_TAKEAWAY_PENALTY  # the other generators' card of a key sentence goes first
        drafts.append(d)
    cloze_template = next((t for t in pack.templates if t.type == "cloze"), None)
    if cloze_template:
        drafts += list(cloze_cards(doc, ctx, lang, cloze_template, ranked))
    cards = finish(doc, ctx, _best_drafts(drafts, ctx, max_cards), lang, max_cards, trace)
    # Last, a cloze of each printed takeaway no card asks about yet (see :mod:`.takeaway`): one card per point. Then,
    # in a written post, of each takeaway the summary selected and its confidence gate left out: the keep model
    # prints few lines of a short post (a paragraph, a page of notes), and a point it was unsure of is still one of
    # the post's best-placed sentences (these clozes rank after the printed ones: no takeaway bonus).
    missing = uncovered(printed, cards)
    if not spoken:
        gated = [ids for ids in selected_takeaways(doc, lang) if not ctx.takeaways.intersection(ids)]
        missing += uncovered(gated, cards)
    if missing:
        more = list(takeaway_cards(doc, ctx, lang, missing, answered=[c.answer for c in cards]))
        cards = merge(cards, finish(doc, ctx, more, lang, max_cards, trace), max_cards)
    return with_context(cards, ctx)  # each card says which post's story it is from (see :mod:`.topic`)


#: Key sentences tried per card asked for, and at least this many: 3 x 20 = 60 for the default quiz, more
#: than most posts have candidates.
KEY_SENTENCES_PER_CARD = 3
MIN_KEY_SENTENCES = 30
#: Key sentences past the printed takeaways a written post's point cards are asked from (best-ranked first).
KEY_POINTS = 10
#: Drafts checked at most (each check may tag the question): a bound on the work, well above what a post makes.
MAX_DRAFTS_PER_CARD, MAX_DRAFTS_BASE = 10, 100


def _best_drafts(drafts: list[Draft], ctx: Context, max_cards: int) -> list[Draft]:
    """At most ``10 x max_cards + 100`` drafts, by template confidence and source centrality (the ranker's two
    main features), in their original order: a post of 5,000 glossary lines makes 5,000 definition drafts."""
    limit = MAX_DRAFTS_PER_CARD * max_cards + MAX_DRAFTS_BASE
    if len(drafts) <= limit:
        return drafts
    scores = ctx.sentence_scores
    hi = max(scores.values(), default=1.0) or 1.0
    order = sorted(range(len(drafts)), key=lambda n: (-(drafts[n].confidence + max((scores.get(i, 0.0) for i in drafts[n].sentences), default=0.0) / hi), n))
    return [drafts[n] for n in sorted(order[:limit])]


def key_sentences(scores: dict[int, float], max_cards: int, first: Collection[int] = ()) -> list[int]:
    """The ids of the post's key sentences that cards are made from, best first: the top
    ``max(3 x max_cards, 30)`` by takeaways score, the sentences of ``first`` (the printed takeaways) ahead of
    the rest."""
    k = max(KEY_SENTENCES_PER_CARD * max_cards, MIN_KEY_SENTENCES)
    return sorted(scores, key=lambda i: (i not in first, -scores[i], i))[:k]


def takeaway_sentences(doc: Document, lang: str) -> frozenset[int]:
    """The ids of the sentences the default summary prints as takeaways."""
    return frozenset(i for group in printed_takeaways(doc, lang) for i in group)


def printed_takeaways(doc: Document, lang: str) -> tuple[tuple[int, ...], ...]:
    """The sentence ids of each takeaway the default summary prints (``summarize`` itself, so the quiz asks
    about exactly the points a reader was shown, whatever the summary's selection rules become)."""
    return tuple(ids for ids, _ in printed_points(doc, lang))


def selected_takeaways(doc: Document, lang: str) -> tuple[tuple[int, ...], ...]:
    """The sentence ids of each takeaway the summary selects before its confidence gate drops the unsure ones."""
    from ..pipeline import summarize

    return tuple(tuple(t.sentence_ids) for t in summarize(doc, lang=lang, min_confidence=0).takeaways)


def printed_points(doc: Document, lang: str) -> tuple[tuple[tuple[int, ...], str], ...]:
    """Each printed takeaway as (sentence ids, text as printed): a spoken post's point is asked from the line the
    summary printed (fillers and false starts gone), not from the raw caption."""
    from ..pipeline import summarize

    return tuple((tuple(t.sentence_ids), t.text) for t in summarize(doc, lang=lang).takeaways)


# ----------------------------------------------------------------------------- templates


def _apply(t: Template, s: Sentence, ctx: Context) -> Draft | None:
    assert t.pattern is not None
    text = s.clean
    m = search(t, text)
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
        prev = previous_in_turn(s, ctx)
        if prev is None:
            return None
        answer, sentences = prev.clean, (prev.id, s.id)
    else:
        answer = groups.get(t.answer, "")
    if t.type == "why" and t.answer != "previous":
        answer, more = with_continuation(answer, s, ctx)
        sentences += more
    # The question: from this sentence, or (follow = "previous") from the one it answers.
    if t.follow == "previous" and t.answer != "previous":
        prev = previous_in_turn(s, ctx)
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
    if q == "version":
        return _version_question(groups, s, ctx)
    try:
        text = q.format(**groups)
    except (KeyError, IndexError):
        return None
    if s.lang == "zh":
        return zh_question(text, s, ctx)
    return text


def _question_from_clause(clause: str, s: Sentence, ctx: Context) -> str | None:
    if s.lang == "zh":
        clause = re.sub(r"^(?:所以|那么|然后|因此|而且|但是|其实|是的|对)[，,]?", "", clause.strip()).rstrip("。！？；!?;")
        return zh_question(f"为什么{clause}？", s, ctx)
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
    nearby = turn_window(s, ctx)
    for other in dict.fromkeys(e for x in nearby for e in ctx.entities_of(x.id)):
        if other != chosen and ctx.entity_class.get(other) == kind and other.lower() != chosen.lower():
            return question[:-1] + f" over {other}?"
    return question


def _choice_question(groups: dict[str, str], s: Sentence, ctx: Context) -> str | None:
    chosen, other = groups.get("chosen", ""), groups.get("other", "")
    if not chosen or not other:
        return None
    if s.lang == "zh":
        # Who chose is who the sentence says: the post's subject named before the verb, or "我们" spoken by a guest of
        # that project. "选择 gVisor 而不是 Kata 的主要原因是我们的节点…" in a platform team's ADR names no chooser, and
        # "为什么 Kubernetes 选择了 gVisor …？" credited the wrong one (judged ungrounded).
        chooser = re.split(r"选择|选用|采用|使用", groups.get("main", ""), maxsplit=1)[0]
        subject = ctx.topic or ""
        if not subject or not (subject in chooser or ("我们" in chooser and register_of(ctx.doc) == "spoken")):
            return None
        return zh_question(f"为什么{subject}选择了 {chosen} 而不是 {other}？", s, ctx)
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
        return zh_question(f"{before.rstrip('于在 ')}什么时候{after}？", s, ctx)
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
        return zh_question(f"{before}多少{unit}{after}？", s, ctx)
    if not before:
        # The number is the subject: "Over 3000 attendees joined" → "How many attendees joined?"
        return f"How many {unit} {after}?" if after else None
    clause = f"{before} {after}".strip()
    inverted = wh_question("How many " + unit, clause, resolve=lambda p: ctx.resolve(s, p), proper=ctx.proper)
    return inverted


def _version_question(groups: dict[str, str], s: Sentence, ctx: Context) -> str | None:
    """"Istio 1.11 adds support for …" → "Which version of Istio adds support for …?"; "In Kubernetes 1.28,
    a feature was merged" → "In which version of Kubernetes was a feature merged?"; "Istio 1.22 中 …" →
    "Istio 的哪个版本中 …？". The release is the answer: a fact a reader of release notes looks up."""
    product, rest = groups.get("product", ""), groups.get("rest", "").strip(" ,，")
    if not product or not rest:
        return None
    if s.lang == "zh":
        return zh_question(f"{product} 的哪个版本{rest}？", s, ctx)
    # "…, closing out over 5 years of ongoing work": a participle clause after the point is no part of the question
    rest = re.sub(r",\s+[a-z]+ing\b[^,]*$", "", rest)
    if groups.get("lead"):
        return wh_question(f"In which version of {product}", rest, resolve=lambda p: ctx.resolve(s, p), proper=ctx.proper)
    from ..segment.pos import tag_sentence

    first = tag_sentence(rest)[:1]
    if not first or first[0][1] not in ("VBZ", "VBD", "MD"):
        return None  # "Istio 1.11 users …": the release is not the subject of a verb
    return f"Which version of {product} {rest}?"
