"""More predicate cards from a key sentence: the shapes :mod:`.predicate_en` and :mod:`.predicate_zh` leave.

A post's takeaways are often longer than the plain "X verbs Y." those modules ask about: they open on a
frame ("In Istio 1.5, …", "在 ambient 模式下，…"), join two predicates ("Ambient mode moves the L4 work into
a per-node ztunnel and keeps L7 in optional waypoint proxies."), or put the thing worth recalling in a
passive's agent ("服务网格的能力是通过 ztunnel 和 waypoint proxy 提供的"). Each is asked here as one point:

* a frame is kept in the question ("In ambient mode, how are the service mesh functionalities provided?"):
  without it the fact is not true, and it names what the question is about;
* of two joined predicates the first is asked, as a sentence of its own, when the second starts with a finite
  verb of the same subject; a lone manner adverb ("fully automates") is dropped;
* a passive's agent is asked in the active voice ("What applies European Union law?"), its means with "how"
  ("How are the two interfaces on the NSC and NSE pods connected?" → Through a virtual wire …);
* a purpose makes a vague verb specific ("What does Istio provide to facilitate the communication …?");
* a plural definition of a common noun is asked with the post's product ("What are waypoints in Istio?"), and
  what a named tool shows as such ("What does kubeflare status show?");
* Chinese: "A 由 B 处理" → "A 由什么处理？", "A 是通过 B 提供的" → "A 是通过什么提供的？", "A 导致了 B" → "A 导致了什么？",
  "A 可以获得 B" → "A 可以获得什么？", "A 会将 B 添加到 C" → "A 会将什么添加到 C？", "A 可以 <clause>" → "A 可以做什么？".

Every draft here is a predicate draft: :func:`summarize.quiz.predicate.passes_the_gate` and the checks of
:mod:`.checks` apply to it as to the others; off the printed takeaways it ranks lower (:data:`OFF_TAKEAWAY_PENALTY`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Document
from .context import Context
from .draft import Draft
from .predicate_zh import _ZH_LEANING_RE as _PREDICATE_ZH_LEANING_RE

#: Template ids (part of every card's stable id).
EN_AGENT, EN_PASSIVE_HOW, EN_PLURAL, EN_PURPOSE, EN_SHOWS, ZH_AGENT, ZH_CAUSE, ZH_CAN, ZH_CAN_DO, ZH_MOVES = (
    "what-passive-agent", "how-passive-means", "what-are-qualified", "what-for-purpose", "what-shows", "zh-what-agent",
    "zh-what-cause", "zh-what-can", "zh-what-can-do", "zh-what-moves",
)
TEMPLATES = frozenset({EN_AGENT, EN_PASSIVE_HOW, EN_PLURAL, EN_PURPOSE, EN_SHOWS, ZH_AGENT, ZH_CAUSE, ZH_CAN, ZH_CAN_DO,
                       ZH_MOVES})
_CONFIDENCE = {EN_AGENT: 0.6, EN_PASSIVE_HOW: 0.6, EN_PLURAL: 0.65, EN_PURPOSE: 0.6, EN_SHOWS: 0.6, ZH_AGENT: 0.6,
               ZH_CAUSE: 0.55, ZH_CAN: 0.55, ZH_CAN_DO: 0.5, ZH_MOVES: 0.6}

_MAX_ANSWER_WORDS = 30

# "In Istio 1.5, …", "In ambient mode, …", "With Istio, …": a frame the point holds in.
_FRAME_EN_RE = re.compile(r"^(?P<frame>(?:In|With|Within|Under|Since|As of) [^,;:()]{2,40}?), (?P<rest>[A-Za-z].{12,})$")
_FRAME_WORDS_RE = re.compile(r"\b(?:this|that|these|those|it|its|our|we|you|your|such|then|today|now|the past)\b", re.IGNORECASE)


def frames(text: str, lang: str, names: Callable[[str], bool] | None = None) -> list[tuple[str, str]]:
    """(frame, rest) ways to read a sentence: as it is (no frame), and without a frame it opens on, kept apart
    so the question can say it ("In Istio 1.5," / "在 ambient 模式下，"). A frame that points elsewhere ("In this
    case,", "在这种情况下，") is no frame a card can keep, so the sentence is read as it is only."""
    found = [("", text)]
    if lang == "en":
        m = _FRAME_EN_RE.match(text)
        # a frame that names something ("In Istio 1.5", "In ambient mode" in a post on ambient mode), not a manner
        if m and not _FRAME_WORDS_RE.search(m.group("frame")) and (names is None or names(m.group("frame"))):
            rest = m.group("rest")
            found.append((m.group("frame"), rest[:1].upper() + rest[1:]))
    return found


def with_frame(frame: str, d: Draft | None) -> Draft | None:
    """The draft asked within its frame: "In Istio 1.5, what dominates control plane costs?"."""
    if d is None or not frame:
        return d
    if d.type != "what" or d.template in _NO_FRAME or frame.casefold() in d.answer.casefold():
        return None
    question = f"{frame}, {d.question[:1].lower()}{d.question[1:]}"
    return Draft(d.type, d.template, question, d.answer, d.sentences, d.confidence)


#: Definitions are asked without a frame ("What is a waypoint proxy in Istio?" holds in any release).
_NO_FRAME = frozenset({"what-is-qualified", "what-refers", EN_PLURAL})
#: Of the plain predicate shapes, those that ask the first of two joined predicates well: a place, a means or what
#: is let keeps the question on one point; "What did Istio team realize?" (The problem.) asks about nothing.
_FIRST_PREDICATE_TEMPLATES = frozenset({"what-object-placed", "how-means", "how-works", "what-lets", "what-used-for"})

# "X moves A into B and keeps C in D.": the first of two predicates of one subject.
_JOINED_EN_RE = re.compile(r"(?:,)? and (?P<verb>[a-z]+)\b")


def first_predicate(text: str) -> str | None:
    """"Ambient mode moves the L4 work into a per-node ztunnel and keeps L7 in optional waypoint proxies." →
    "Ambient mode moves the L4 work into a per-node ztunnel.": the second predicate starts with a finite verb of
    the tense of the first (the first "and" that does: "the service discovery and traffic management features …
    and focuses on …"), so both have the sentence's subject and the first is a sentence of its own."""
    if re.search(r"[;:]", text) or not re.search(r"[.!]$", text):
        return None
    from ..segment.pos import tag_sentence
    from .english import tense_of, verb_lemma

    for m in _JOINED_EN_RE.finditer(text):
        head = text[: m.start()]
        if len(head) < 16 or "," in head:
            continue
        second = m.group("verb")
        lemma = verb_lemma(second)
        tense = tense_of(second, lemma) if lemma else None
        if lemma is None or lemma in ("be", "have", "do") or tense not in ("VBZ", "VBD"):
            continue
        first = [w for w, t in tag_sentence(head) if t in ("VBZ", "VBD")]
        if first and tense_of(first[0], verb_lemma(first[0]) or "") == tense:
            return head + "."
        return None
    return None


# "The WebAssembly Hub fully automates …", "Release channels are used internally to …": a manner adverb the
# predicate shapes do not expect, dropped (the point stands without it).
_NOT_MANNER = frozenset("only early likely daily family rely apply supply reply".split())
_MANNER_EN_RE = re.compile(r"(?<=[\w)]) (?P<adverb>[a-z]{3,}ly)\b(?= [a-z]+(?:s|ed|en)\b)|(?<= used) (?P<after>[a-z]{3,}ly)\b(?= (?:to|for|as)\b)")


def without_manner(text: str) -> str | None:
    """The sentence with its one manner adverb taken out, or None when it has none (or more than one)."""
    found = [m for m in _MANNER_EN_RE.finditer(text) if (m.group("adverb") or m.group("after")) not in _NOT_MANNER]
    adverbs = [w for w in re.findall(r"\b[a-z]{3,}ly\b", text) if w not in _NOT_MANNER]
    if len(found) != 1 or len(adverbs) != 1:
        return None
    return text[: found[0].start()] + text[found[0].end() :]


# "control plane costs are dominated by a single feature: …", "the functions are provided through ztunnel …"
_PASSIVE_EN_RE = re.compile(
    r"^(?P<subj>[A-Za-z][^,;:()]{3,70}?) (?P<be>is|are|was|were|has been|have been|will be|can be) "
    r"(?:(?P<adv>[a-z]+ly) )?(?P<verb>[a-z]{3,}(?:ed|en|wn|lt|ght|ne|de|ld))"
    r" (?P<prep>by|through|via|using) (?P<agent>[^;]{2,200}?)[.!]$"
)
_AGENT_CUT_RE = re.compile(r",\s*(?:which|so|and|but|while|whereas|although)\b|\s(?:while|whereas)\s")


def passive_agent(text: str, i: int, ctx: Context, *, framed: bool = False) -> Draft | None:
    """"Control plane costs are dominated by a single feature: serving …" → "What dominates control plane
    costs?"; "… are provided through ztunnel and waypoint proxy, which …" → "How are … provided?"."""
    m = _PASSIVE_EN_RE.match(text)
    if m is None:
        return None
    from ..segment.pos import tag_sentence
    from .english import verb_lemma
    from .predicate_en import _SAYING_LEMMAS, _mid_sentence, _plain_noun_phrase
    from .strict import names_a_thing

    subject = m.group("subj")
    tags = [t for _, t in tag_sentence(subject)]
    if not _plain_noun_phrase(subject) or tags[0] in ("PRP", "PRP$", "WDT", "EX", "IN", "RB", "CC") or "VBN" in tags[1:]:
        return None  # "CPU used by Istio was normalized by …": a participle in the subject garbles the question
    if not framed and not names_a_thing(f"What is {_mid_sentence(subject)}?", ctx.proper_words):
        return None  # "Various Network Services can be implemented by …": a generic subject (a frame may name it)
    agent = _AGENT_CUT_RE.split(m.group("agent"), maxsplit=1)[0].strip()
    if re.search(r"\band\s+[a-z]+ed\b", agent):
        return None  # "… by 3-rd parties and introduced into the Kubernetes world": a second predicate
    verb, be = m.group("verb"), m.group("be")
    subj = _lower_common(_mid_sentence(subject), ctx)
    # "obtained by the fractional distillation of liquefied air": an action noun is a means, not an agent
    means = m.group("prep") != "by" or re.match(r"[a-z]+ing\b", agent) or _ACTION_NOUN_RE.match(agent)
    if means:
        lead = {"by": "By", "through": "Through", "via": "Via", "using": "Using"}[m.group("prep")]
        first, _, more = be.partition(" ")
        question = f"How {first} {subj} {(more + ' ') if more else ''}{verb}?"
        return _draft(EN_PASSIVE_HOW, question, f"{lead} {agent}", i, kind="what")
    if re.match(r"(?:it|them|this|that|these|those|us|you|me|him|her|default|design|hand|far|now)\b", agent, re.IGNORECASE):
        return None  # "by default", "by hand", "by far": no agent
    if ctx.names_main_subject(agent):
        return None  # "What has replaced the kfctl binary?" → Kubeflare, in a post on Kubeflare: guessed, not learnt
    lemma = verb_lemma(verb)
    active = _active(lemma, be) if lemma and lemma not in _SAYING_LEMMAS else None
    if active is None or re.search(r"\band by\b|\bin (?:1[0-9]|20)\d\d\b", agent):
        return None  # "described by Taqi al-Din in 1551 and by Giovanni Branca in 1629": who said what, when
    if _person_agent(agent, ctx):
        return None  # a person's deed is the post's story, not a fact about a named thing
    answer = agent[:1].upper() + agent[1:]
    return _draft(EN_AGENT, f"What {active} {subj}?", answer, i, kind="what", shortest=1)


_PURPOSE_EN_RE = re.compile(r"^(?P<head>[^,;:()]{8,}?) to (?P<purpose>[a-z]+\b[^,;:()]{6,120}?)[.!]$")
_VAGUE_OBJECT_RE = re.compile(
    r"(?:several|many|some|various|more|other|the following|a few|a (?:number|variety|lot|set|range|couple) of)\b", re.IGNORECASE
)


def purpose_object(text: str, i: int, ctx: Context) -> Draft | None:
    """"Istio provides an infrastructure layer to facilitate the communication … for microservice." → "What does
    Istio provide to facilitate the communication … for microservice?" (An infrastructure layer.): the purpose
    makes a question of a verb that alone has many answers ("What does Istio provide?")."""
    m = _PURPOSE_EN_RE.match(text)
    if m is None:
        return None
    from ..segment.pos import noun_phrases, tag_sentence
    from .english import verb_lemma
    from .predicate_en import _LIGHT_LEMMAS, _SAYING_LEMMAS, _VAGUE_LEMMAS, _mid_sentence, _named_thing
    from .subject import _span, _subject_end

    head = m.group("head")
    tagged = tag_sentence(head)
    end = _subject_end(tagged, plural=True)
    if end is None or tagged[end][1] == "MD" or tagged[0][1] in ("PRP$", "WP$"):
        return None
    subject = _span(head, [w for w, _ in tagged[:end]])
    lemma = verb_lemma(tagged[end][0])
    if subject is None or not _named_thing(subject, ctx) or lemma is None or lemma in _LIGHT_LEMMAS | _SAYING_LEMMAS:
        return None
    if lemma in _VAGUE_LEMMAS and ctx.names_main_subject(subject):
        return None  # "What does Istio provide to facilitate …?" in a post on Istio: judged trivial, as without the purpose
    after = tagged[end + 1 :]
    chunks = noun_phrases(after)
    if not after or not chunks or chunks[0] != (0, len(after)) or after[0][1] not in ("DT", "JJ", "NN", "NNS", "NNP", "CD"):
        return None  # the object is one noun phrase, all of what comes between the verb and "to"
    if tag_sentence(f"to {m.group('purpose')}")[1][1] != "VB":
        return None  # "… moved from 1.2 to 1.3": no purpose
    obj = _span_after(head, tagged[end][0], subject)
    if not obj or _VAGUE_OBJECT_RE.match(obj) or re.search(r"\b(?:you|your|we|our|us)\b", m.group("purpose"), re.IGNORECASE):
        return None
    aux = {"VBD": "did", "VBP": "do"}.get(tagged[end][1], "does")
    question = f"What {aux} {_mid_sentence(subject)} {lemma} to {m.group('purpose')}?"
    return _draft(EN_PURPOSE, question, obj[:1].upper() + obj[1:], i, kind="what")


# "Kubeflare status shows the health of the controller, every route and every failover policy."
_SHOWS_EN_RE = re.compile(
    r"^(?P<subj>(?:The )?[A-Za-z][\w.+-]*(?: [A-Za-z][\w.+-]*){0,2}) (?P<verb>shows|displays|lists|prints)"
    r" (?P<obj>(?:the|every|all|each|a|an) [^;:]{6,160}?)[.!]$"
)


def tool_shows(text: str, i: int, ctx: Context) -> Draft | None:
    """"Kubeflare status shows the health of the controller, …" → "What does Kubeflare status show?": what a named
    tool or command displays (verbs of showing are left out of the plain object shapes, where "What did the study
    show?" asks about nothing)."""
    m = _SHOWS_EN_RE.match(text)
    if m is None:
        return None
    from .predicate_en import _mid_sentence, _named_thing
    from .strict import names_a_thing

    subject = m.group("subj")
    if not names_a_thing(f"What is {subject}?", ctx.proper_words) or not _named_thing(subject, ctx):
        return None
    lemma = {"shows": "show", "displays": "display", "lists": "list", "prints": "print"}[m.group("verb")]
    obj = m.group("obj")
    return _draft(EN_SHOWS, f"What does {_mid_sentence(subject)} {lemma}?", obj[:1].upper() + obj[1:], i, kind="what")


def _span_after(text: str, verb: str, subject: str) -> str:
    """What follows the verb after the subject, as the sentence writes it."""
    at = text.find(verb, len(subject))
    return text[at + len(verb) :].strip() if at >= 0 else ""


_ACTION_NOUN_RE = re.compile(r"(?:(?:the|a|an) )?(?:[a-z][\w-]* ){0,2}[a-z]+(?:tion|sion|ment|ance|ence|sis|ing|al)\b(?! of (?:the )?[A-Z])")


def _lower_common(subject: str, ctx: Context) -> str:
    """"Classes like IP and AM" → "classes like IP and AM": a sentence's capital on a plain noun is no name."""
    from ..segment.pos import word_classes

    first = subject.split()[0] if subject.split() else ""
    if re.fullmatch(r"[A-Z][a-z]+", first) and not ctx.proper(first) and "NOUN" in word_classes(first.lower()):
        return first.lower() + subject[len(first):]
    return subject


def _person_agent(agent: str, ctx: Context) -> bool:
    """Whether a passive's agent is a person (of the post, or a capitalised first and last name that is no product)."""
    from .cloze import _people, _person_like
    from .predicate_en import _product_name

    people = ctx.people if ctx.people is not None else _people(ctx.doc)
    ctx.people = people
    # "the late Ralph Woodward, a long-time resident": the first run of capitalised words near its start
    name = re.search(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b", " ".join(agent.split()[:6]))
    return bool(name) and _person_like(name.group(0), people) and not _product_name(name.group(0), ctx)


def _active(lemma: str, be: str) -> str | None:
    """The active verb a "What …?" question asks with: "is dominated" → "dominates", "was replaced" →
    "replaced", "has been replaced" → "has replaced", "can be handled" → "can handle"."""
    from .english import _lemminflect

    inflect = _lemminflect().getInflection
    if be in ("is", "are"):
        forms = inflect(lemma, "VBZ")
    elif be in ("was", "were"):
        forms = inflect(lemma, "VBD")
    elif be in ("has been", "have been"):
        forms = tuple(f"has {f}" for f in inflect(lemma, "VBN"))
    else:
        forms = (f"{be.split()[0]} {lemma}",)
    return forms[0] if forms else None


# "Waypoints are Envoy-based proxies deployed per namespace or service account."
_PLURAL_EN_RE = re.compile(
    r"^(?P<term>[A-Z][a-z]{3,}s) are (?P<definition>(?:[\w-]+ ){0,3}?[a-z][\w-]*s"
    r" (?:that|which|for|used|deployed|designed|built|written|defined|responsible|running|created|managed|owned) [^;:]{8,}?)[.!]$"
)


def plural_definition(text: str, i: int, doc: Document, ctx: Context) -> Draft | None:
    """"Waypoints are Envoy-based proxies deployed per namespace or service account." → "What are waypoints in
    Istio?": a common-noun term asked with the product the post is about (as :func:`.predicate_en._qualified_definition`
    asks a singular one)."""
    from ..segment.pos import word_classes

    m = _PLURAL_EN_RE.match(text)
    if m is None:
        return None
    term = m.group("term")
    product = ctx.product() or ctx.topic
    if product is None or product.casefold() in m.group("definition").casefold() or term.casefold() == product.casefold():
        return None
    if word_classes(term.lower()) not in ("-",) and "NOUN" not in word_classes(term.lower()):
        return None
    return _draft(EN_PLURAL, f"What are {term.lower()} in {product}?", m.group("definition"), i, kind="what")


# "A 由 B 处理。", "服务网格的能力是通过 ztunnel 和 waypoint proxy 提供的"
_ZH_AGENT_RE = re.compile(
    r"^(?P<subj>[^，,。！？；]{4,30}?)\s*(?P<link>由|是由|是通过|通过)\s*(?P<agent>[^，,。！？；]{2,40}?)\s*"
    r"(?P<adv>自动|统一|直接|集中|动态|共同)?(?P<verb>处理|负责|管理|提供|生成|实现|完成|执行|维护|控制|驱动|决定|触发)(?P<de>的)?(?P<more>[，,][^。！？；]*)?[。！]$"
)
# "伴随应用部署的 Envoy sidecar 导致了较大的内存占用。"
_ZH_CAUSE_RE = re.compile(r"^(?P<subj>[^，,。！？；]{4,36}?)\s*(?P<verb>导致了|导致|造成了|造成)(?P<effect>[^，,。！？；]{3,40})[。！]$")
# The predicate shapes' pointing words (这, 其, 也 …), and a link to the sentence before (但, 所以 …).
_ZH_LEANING_RE = re.compile(_PREDICATE_ZH_LEANING_RE.pattern + r"|但|而且|所以|因此")
_ZH_FRAME_RE = re.compile(r"^(?P<frame>在[^，,。！？；]{2,30}?(?:中|下|里)|默认情况下)[，,]\s*(?P<rest>.{6,})$")
_ZH_OPENER_RE = re.compile(r"^(?:简单来说|简而言之|总的来说|事实上|实际上|具体来说)[，,]\s*")


def chinese_shapes(text: str, i: int, ctx: Context) -> Draft | None:
    """The Chinese agent and cause cards (see the module), asked within a frame the sentence opens on."""
    frame = ""
    text = _ZH_OPENER_RE.sub("", text)  # "简单来说，Sidecar 注入会将 …": the point stands without its opener
    m = _ZH_FRAME_RE.match(text)
    if m:
        frame, text = m.group("frame"), m.group("rest")
    if _ZH_LEANING_RE.search(frame + text):
        return None
    agent = _ZH_AGENT_RE.match(text)
    if agent:
        subject = agent.group("subj")
        if not _zh_subject(subject, frame):
            return None
        if ctx.names_main_subject(agent.group("agent").strip()):
            return None  # "TLS 证书由什么自动生成？" → Consul, in a post on Consul: guessed, not learnt
        verb = (agent.group("adv") or "") + agent.group("verb")
        question = f"{subject}{agent.group('link')}什么{verb}{agent.group('de') or ''}？"
        return _zh_framed(ZH_AGENT, frame, question, agent.group("agent"), i)
    cause = _ZH_CAUSE_RE.match(text)
    if cause and (re.search(r"是|指|所$", cause.group("subj")) or cause.group("effect").startswith("的")):
        cause = None  # "…是指…地震所造成的一个湖": the cause sits in a relative clause, not the sentence's verb
    if cause and (ctx.names_main_subject(cause.group("subj")) or _ZH_EVALUATIVE_RE.match(cause.group("effect"))):
        cause = None  # "…Envoy sidecar 导致了什么？" → "较大的内存占用": an evaluation restating the premise (judged trivial)
    if cause and _zh_subject(cause.group("subj"), frame):
        return _zh_framed(ZH_CAUSE, frame, f"{cause.group('subj')}{cause.group('verb')}什么？", cause.group("effect"), i)
    moves = _ZH_MOVES_RE.match(text)
    if moves and _zh_subject(moves.group("subj"), frame, plain=True):
        question = f"{text[: moves.start('obj')]}什么{text[moves.end('obj') : moves.end('place')]}？"
        return _zh_framed(ZH_MOVES, frame, question, moves.group("obj"), i)
    can = _ZH_CAN_RE.match(text)
    if can and can.group("mod") == "会" and not re.search(r"[A-Za-z]", can.group("subj")):
        can = None  # "会" of a plain noun phrase is a habit or a guess; of a named component, what it does
    if can and can.group("mod") in ("一直在", "正在") and can.group("verb") in ("使用", "采用"):
        can = None  # "Istio 一直在采用什么？": it adopts many things over time (judged ambiguous)
    if can and _zh_subject(can.group("subj"), frame, plain=True) and _zh_object(can.group("obj"), can.group("verb")):
        return _zh_framed(ZH_CAN, frame, f"{text[: can.end('verb')]}什么？", can.group("obj"), i)
    does = _ZH_CAN_DO_RE.match(text)
    if does and (ctx.names_main_subject(does.group("subj")) or not _ZH_QUALIFIED_SUBJECT_RE.search(does.group("subj"))):
        # "Kyverno 可以做什么？": a product can do many things (judged ambiguous); "Mutating 类型的 Webhook 可以做什么？"
        # asks what one kind of a thing is for.
        does = None
    if does and _zh_subject(does.group("subj"), "") and not can:
        # "Mutating 类型的 Webhook 可以根据自定义配置来对请求进行编辑。" → "… 可以做什么？": what a named thing is for
        return _zh_framed(ZH_CAN_DO, frame, f"{text[: does.end('mod')]}做什么？", does.group("vp"), i)
    return None


# "Kyverno 可以轻松审核工作负载是否符合最佳实践并实施策略。": a named subject, what it can do (one clause).
_ZH_QUALIFIED_SUBJECT_RE = re.compile(r"类型|模式|组件|插件|控制器|的")
# An effect that only weighs ("较大的内存占用", "更多的开销"): the cause card would ask for an evaluation.
_ZH_EVALUATIVE_RE = re.compile(r"^(?:了)?(?:较大|很大|巨大|大量|更多|较多|较高|很高|严重|一些|一定|不少|明显)")
_ZH_CAN_DO_RE = re.compile(r"^(?P<subj>[A-Za-z][^，,。！？；]{1,24}?)\s*(?P<mod>可以|能够)\s*(?P<vp>[^，,。！？；]{4,40})[。！]$")


# "特权容器中的进程可以获得不受限制的主机访问权限。" → "特权容器中的进程可以获得什么？": what a named thing can or does
# do to one object, the verb one of a closed list (a verb of having or saying asks nothing).
_ZH_CAN_RE = re.compile(
    r"^(?P<subj>[^，,。！？；]{2,30}?)\s*(?P<mod>(?:都|均)?(?:可以|能够|一直在|正在|会))\s*"
    r"(?P<mid>(?:轻松地?|自动|直接|在[^，,。！？；]{1,12}?(?:中|上|里))?)\s*"
    r"(?P<verb>获得|使用|采用|访问|收集|生成|管理|处理|替换|取代|检查|验证|判断|确认|记录|执行|加密|启用|创建|拦截|转发|暴露|监控|注入|读取|写入|存储|减少|降低|消除|避免)"
    r"\s*(?P<obj>[^，,。！？；]{2,40})[。！]$"
)
# "Sidecar 注入会将额外容器的配置添加到 Pod 模板中。" → "Sidecar 注入会将什么添加到 Pod 模板中？"
_ZH_MOVES_RE = re.compile(
    r"^(?P<subj>[^，,。！？；]{2,30}?)\s*(?P<mod>会|可以|能够|自动)?(?P<ba>将|把)\s*(?P<obj>[^，,。！？；]{2,30}?)\s*"
    r"(?P<verb>添加|注入|转发|发送|下发|绑定|迁移|部署|存储|写入|路由|映射|推送|重定向|分发|暴露|切分|拆分|整合|合并)"
    r"(?P<tail>到|给|至|为|成|进)\s*(?P<place>[^，,。！？；]{2,30})[。！]$"
)
_CHECKING = frozenset({"检查", "验证", "判断", "确认"})
_ZH_GENERIC_SUBJECT_RE = re.compile(r"^(?:用户|团队|我们|开发者|开发人员|管理员|社区|大家|人们|公司|组织|企业|客户|工程师)")


def _zh_object(obj: str, verb: str = "") -> bool:
    """A noun phrase, not a clause: "不受限制的主机访问权限" is; "工作负载是否符合最佳实践并实施策略" is not. A verb of
    checking takes a 是否 clause whole ("snap.Consistent() 会检查 Snapshot 中引用的资源是否都存在"); a gloss in
    brackets at the end ("主机绑定挂载(即…)") is part of the noun phrase before it."""
    from .._resources import jieba_posseg

    clause = r"并且|并|以便|从而|以|来|使|让|如何|怎样|哪些|之间" + ("" if verb in _CHECKING else r"|是否")
    if re.search(clause, obj) or re.match(r"[了着到的地]", obj):
        return False
    if verb in _CHECKING and "是否" in obj:
        return True
    obj = re.sub(r"\s*(?:\([^()]*\)|（[^（）]*）)$", "", obj)
    words = [(w, f) for w, f in jieba_posseg().lcut(obj) if w.strip()]
    return bool(words) and (words[-1][1].startswith(("n", "eng")) or re.fullmatch(r"[A-Za-z][\w.+-]*", words[-1][0]) is not None)


def _zh_subject(subject: str, frame: str, *, plain: bool = False) -> bool:
    """The subject (or the frame it holds in) names something in Latin letters, and is no clause: no verb of
    saying or thinking, no subordinating word. ``plain``: a qualified noun phrase of the post's terms will do
    ("特权容器中的进程"), not a person or a team ("用户", "我们")."""
    if _ZH_GENERIC_SUBJECT_RE.match(subject):
        return False
    qualified = re.search(r"[\u4e00-\u9fff]{2,}(?:中|上|里)?的[\u4e00-\u9fff]{2,}$", subject)
    if not re.search(r"[A-Za-z]{2,}", subject + frame) and not (plain and qualified):
        return False
    return not re.search(r"如果|虽然|尽管|当|为了|可以|需要|应该|认为|发现|表示|怀疑|可能|也许|似乎|是否|觉得|说", subject)


def _zh_framed(template: str, frame: str, question: str, answer: str, i: int) -> Draft | None:
    question = f"{frame}，{question}" if frame else question
    return _draft(template, question, answer.strip(), i, kind="what", chinese=True)


def _draft(template: str, question: str, answer: str, i: int, *, kind: str, shortest: int = 2, chinese: bool = False) -> Draft | None:
    """The draft, unless its answer is too short or long, or points outside the card."""
    from .predicate_en import _LEANING_ANSWER_RE

    answer = answer.strip(" ,;:，；：")
    if chinese:
        if not 2 <= len(answer) <= 60:
            return None
    else:
        words = answer.split()
        if not shortest <= len(words) <= _MAX_ANSWER_WORDS or _LEANING_ANSWER_RE.search(answer):
            return None
    return Draft(kind, template, " ".join(question.split()), answer, (i,), _CONFIDENCE[template])


def english_variants(text: str, i: int, doc: Document, ctx: Context, card: Callable[[str], Draft | None]) -> Draft | None:
    """The first card any reading of an English sentence gives: with or without its frame, its first of two
    joined predicates, then the passive and plural-definition shapes; ``card`` is the plain predicate card
    (:func:`.predicate_en.english_card` bound to the sentence's id)."""
    def names(frame: str) -> bool:
        return any(ctx.proper(w) or ctx.names_main_subject(w) or re.search(r"\d|[A-Z]{2}", w) for w in frame.split()[1:])

    def about_the_post(frame: str) -> bool:
        """A frame that names what the post is about ("In ambient mode" in a post on ambient mode) names a generic
        subject's context too; "In the United States" does not ("what televised the game?")."""
        return any(ctx.names_main_subject(w) for w in frame.split()[1:])

    for frame, rest in frames(text, "en", names):
        if frame:
            made = with_frame(frame, card(rest))
            if made is not None:
                return made
        plain = without_manner(rest)
        if plain is not None:  # "The WebAssembly Hub fully automates …" → "… automates …"
            made = with_frame(frame, card(plain))
            if made is not None:
                return made
        head = first_predicate(plain or rest)
        made = card(head) if head is not None else None
        if made is not None and made.template in _FIRST_PREDICATE_TEMPLATES:
            made = with_frame(frame, made)
            if made is not None:
                return made
        framed = bool(frame) and about_the_post(frame)
        shapes = (lambda t, n, c: passive_agent(t, n, c, framed=framed), purpose_object, tool_shows,
                  lambda t, n, c: plural_definition(t, n, doc, c))
        for shape in shapes:
            made = with_frame(frame, shape(rest, i, ctx))
            if made is not None:
                return made
    return None


#: How much less a keypoint card is trusted when its sentence is not a printed takeaway: these shapes have no
#: verdicts on file yet, so off the post's points they rank below the cards judges accepted (a confidence of 0.6
#: becomes 0.45, 0.06 of the ranker's score).
OFF_TAKEAWAY_PENALTY = 0.15


def keypoint_card(text: str, i: int, doc: Document, ctx: Context, lang: str) -> Draft | None:
    """The keypoint card of one key sentence (``i`` its id) the plain predicate shapes found nothing in."""
    from .predicate_en import english_card

    if lang == "en":
        made = english_variants(text, i, doc, ctx, lambda reading: english_card(reading, i, doc, ctx))
    else:
        made = chinese_shapes(text, i, ctx)
    if made is None or i in ctx.takeaways:
        return made
    return Draft(made.type, made.template, made.question, made.answer, made.sentences, made.confidence - OFF_TAKEAWAY_PENALTY)
