"""Predicate cards: what a named thing does, asked from the post's key sentences.

A written post states its points as "X lets you Y", "X replaces Y", "X is used for Y",
"A waypoint proxy is a … that …", "Istio 通过 X 实现 Y", "Ambient 模式允许用户 …". Each is a card
whose question names X (the sentence's subject, a name or technical term the tagger finds, so
the question stands alone) and whose answer is the rest of the sentence as the post wrote it:

* "Ambient mode lets you run a mesh without sidecars." → "What does Ambient mode let users do?"
  (Run a mesh without sidecars.)
* "Istiod replaces Pilot, Citadel and Galley." → "What does Istiod replace?"
* "ReferenceGrant is used to allow references across namespaces." → "What is ReferenceGrant used for?"
* "A waypoint proxy is an optional proxy that …" in a post titled on Istio → "What is a waypoint
  proxy in Istio?"
* "Istio 通过 Envoy 实现流量管理。" → "Istio 通过什么实现流量管理？" (Envoy)

Only the post's top-ranked key sentences are tried (the caller passes them; the takeaways scorer
ranks them), so a card asks about a point of the post, and the work is bounded whatever the
post's size. A subject that is a pronoun, a person, a demonstrative (这/该/其) or a word that
presupposes another sentence ("also", "similarly") makes no card; the card checks of
:mod:`.checks` then apply as to every other card.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..model import Document
from .context import Context
from .draft import MAX_TEMPLATE_CHARS, Draft
from .keypoint import EN_PASSIVE_HOW, ZH_AGENT, keypoint_card
from .keypoint import TEMPLATES as _KEYPOINT_TEMPLATES
from .predicate_en import HOW, PLACED, WORKS
from .predicate_en import TEMPLATES as _EN_TEMPLATES
from .predicate_en import english_card
from .predicate_zh import TEMPLATES as _ZH_TEMPLATES
from .predicate_zh import ZH_MEANS, ZH_REFERS, ZH_THEREBY, ZH_THEREFORE, ZH_WHEN, chinese_card

#: Every predicate card's template id (the checks of :mod:`.checks` treat them as asked questions, not terms).
TEMPLATES = _EN_TEMPLATES | _ZH_TEMPLATES | _KEYPOINT_TEMPLATES
#: Shapes whose question is specific whatever it is asked of: by what means ("How does Kubernetes support a
#: microservices architecture?", "Envoy sidecar 通过什么连接 Pilot？"), what for a stated place ("What does CNI provide
#: between pods in a cluster?"), how a named thing works, what a term means in Chinese ("L7 指什么？"), and why or
#: how it brings about the effect the question states ("ztunnel 如何降低运行网格的开销？"), and when it did what the
#: question says ("Diamanti 什么时候贡献了 FlexVolume 插件？"): judges accepted those
#: asked of side names. Not "X 用于什么？", "What is X used to do?", "X 提供了什么？", "X 被称为什么？" (judged
#: ambiguous), nor "What does L4 refer to?" (judged wrong where the post mistranslated it).
SPECIFIC_TEMPLATES = frozenset({HOW, PLACED, WORKS, ZH_MEANS, ZH_REFERS, ZH_THEREFORE, ZH_THEREBY, ZH_WHEN, EN_PASSIVE_HOW, ZH_AGENT})


def predicate_cards(doc: Document, ctx: Context, lang: str, ranked: Sequence[int]) -> Iterator[Draft]:
    """Predicate cards from the sentences ``ranked`` (best first; see the module)."""
    from ..score.takeaways import register_of

    if register_of(doc) == "spoken":
        return  # a transcript's subjects are "I", "we" and "you"; its interview cards ask its points
    for i in ranked:
        s = doc.sentences[i]
        text = s.clean.strip()
        if s.lang != lang or len(text) > MAX_TEMPLATE_CHARS or s.kind == "heading" or s.furniture:
            continue
        draft = english_card(text, i, doc, ctx) if lang == "en" else chinese_card(text, i, ctx)
        head = _head_clause(text, lang) if draft is None else None
        if head is not None:  # "Ingress controller provides a unified entrance …, but it can't be accessed …"
            draft = english_card(head, i, doc, ctx) if lang == "en" else chinese_card(head, i, ctx)
        if draft is None:  # a frame, two joined predicates, a passive, a purpose (see :mod:`.keypoint`)
            draft = keypoint_card(text, i, doc, ctx, lang)
        if draft is not None:
            yield draft


# A name as a question writes it: a run of capitalised words ("Gateway API", "NSM") or one with a capital inside
# ("eBPF", "xDS"); lower-case words ("deploy", "the") are never taken for the post's subject.
_NAME_RE = re.compile(r"[A-Z][\w.+-]*[\w+](?:\s+[A-Z][\w.+-]*[\w+])*|[a-z][\w.+-]*[A-Z][\w.+-]*")


def asks_about_the_post(question: str, ctx: Context) -> bool:
    """Whether the question names what the post is about (its title's names, its topic, the names it writes
    most): "What does Istio let users do?", "Istio 的 init 容器用于什么？". A predicate asked of a side name
    ("What is Jmeter used to do?", "Aviatrix 用于什么？", "Which parameter needs to be set …?") was judged
    ambiguous: the post says what the tool did there, not what it is for."""
    for m in _NAME_RE.finditer(question):
        run = m.group(0)
        if run.casefold() in _QUESTION_WORDS:
            continue  # "What", "How" opening the question
        if ctx.names_main_subject(run) or any(ctx.names_main_subject(word) for word in run.split() if word[:1].isupper()):
            return True
    return False


#: Of those, the English shapes whose subject must be a term (an acronym, a mixed-case, hyphenated or dotted name, a
#: pack's entity or a term the post defines) when it is not what the post is about: "What does CNI provide between
#: pods?" asks about a term; "What did Brown catch for 80 yards?" about a person the card does not name well.
TERM_SUBJECT_TEMPLATES = frozenset({HOW, PLACED, EN_PASSIVE_HOW})


def passes_the_gate(d: Draft, ctx: Context, defined: set[str]) -> bool:
    """Whether a predicate draft may be kept: it asks about the post (:func:`asks_about_the_post`) or a term the post
    defines, or its shape is specific (:data:`SPECIFIC_TEMPLATES`; for :data:`TERM_SUBJECT_TEMPLATES` asked of a term)."""
    if asks_about_the_post(d.question, ctx) or names_defined(d.question, defined):
        return True
    if d.template in _KEYPOINT_TEMPLATES and ctx.takeaways.intersection(d.sentences):
        return True  # a takeaway's subject is one of the post's points, whatever its name
    if d.template not in SPECIFIC_TEMPLATES:
        return False
    return d.template not in TERM_SUBJECT_TEMPLATES or names_a_term(d.question, ctx)


def names_a_term(question: str, ctx: Context) -> bool:
    """Whether the question names a technical term: an acronym, a mixed-case, dotted or numbered name (CNI, xDS), a
    coined hyphenated name (istio-agent), or one of the pack's entities (Kubernetes, Envoy)."""
    from ..segment.pos import word_classes
    from .cloze import _technical

    names = [m.group(0) for m in _NAME_RE.finditer(question)]
    # "istio-agent", "kube-proxy": a hyphenated name with a part no dictionary has ("multi-cluster" is two words)
    coined = [w for w in re.findall(r"\b[a-z][\w]*-[\w-]+\b", question) if any(word_classes(p) == "-" for p in w.split("-"))]
    return bool(coined) or any(n.casefold() not in _QUESTION_WORDS and (_technical(n) or n in ctx.entity_class) for n in names)


def defined_terms(drafts: Sequence[Draft]) -> set[str]:
    """The terms the post defines: the X of every definition draft ("What is X?", "什么是 X？")."""
    terms = set()
    for d in drafts:
        m = re.fullmatch(r"(?:What (?:is|are) |什么是\s*)(?P<term>.+?)[?？]", d.question) if d.type == "what" else None
        if m and d.template.startswith(("what-is", "zh-what-is")):
            terms.add(m.group("term").strip())
    return terms


def names_defined(question: str, terms: set[str]) -> bool:
    """Whether the question names a term the post defines, as a whole word (a name of two letters or more)."""
    return any(len(t) >= 2 and re.search(rf"(?<![\w.+-]){re.escape(t)}(?![\w+-])", question) for t in terms)


_QUESTION_WORDS = frozenset("what which who when where why how does do is are was were did the a an in of".split())


_HEAD_EN_RE = re.compile(r"^(?P<head>[^,;:]{20,}?),\s+(?:but|which means|which is why|so|and then|while|whereas|although|though)\s")
_HEAD_ZH_RE = re.compile(r"^(?P<head>[^，,；;：:]{8,}?)[，,]\s*(?:但|但是|而|因此|所以|从而|并且|并|以便|同时|然而|这|那)")


def _head_clause(text: str, lang: str) -> str | None:
    """The first clause of a compound sentence, as a sentence of its own, when what follows starts a second
    point ("…, but it can't be accessed from outside", "…，因此…"): the head stands alone, the card asks it."""
    m = (_HEAD_EN_RE if lang == "en" else _HEAD_ZH_RE).match(text)
    if m is None:
        return None
    return m.group("head").rstrip() + ("." if lang == "en" else "。")
