"""Cloze cards: a key term deleted from one of the post's central sentences."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from .._text import CJK_RE
from ..model import Document
from .context import Context
from ..score.bounded import scope
from ..score.point_shapes import makes_a_point
from .draft import MAX_TEMPLATE_CHARS, Draft
from .packs import Template
from .strict import obvious_term, stands_alone, whole_term
from ..score.takeaways import register_of
from .terms import counting_terms, present_terms, substring_terms, term_counts


def cloze_cards(doc: Document, ctx: Context, lang: str, t: Template, ranked: Sequence[int] | None = None) -> Iterator[Draft]:
    """Key terms blanked out of the post's most central sentences (see :func:`deletion` for what a good
    deletion is)."""
    scores = ctx.sentence_scores
    if not scores or register_of(doc) == "spoken":
        return  # a transcript sentence shown whole is almost never a card worth keeping (see :mod:`.strict`)
    terms = key_terms(doc, ctx)
    common = ctx.pack.cues.get("obvious", ())
    if ranked is None:
        ranked = sorted(scores, key=lambda i: (-scores[i], i))
    ranked = [i for i in ranked if doc.sentences[i].lang == lang]
    used: dict[str, int] = {}
    rank = {term: n for n, term in enumerate(terms)}
    index = substring_terms(terms)
    # the top quarter of all key sentences of the language (of those given: at most the engine's key sentences)
    for i in ranked[: max(5, sum(doc.sentences[i].lang == lang for i in scores) // 4)]:
        s = doc.sentences[i]
        text = s.clean
        if _PERSONAL_RE.search(text) or not makes_a_point(text, s.lang):
            continue  # a fact worth a card is a point, not the speaker's own story ("I am currently …")
        if not stands_alone(text, s.lang) or _ZH_AUTHORS_RE.search(text):
            continue
        # Only the terms the sentence contains, best first: one pass over it, not one regex per term.
        for term in sorted(present_terms(text, index), key=rank.__getitem__):
            if used.get(term, 0) >= 2 or obvious_term(term, doc, ctx.topic, common) or _guessable_zh(term):
                continue
            question = deletion(text, term, topic=ctx.topic) if not _spelled_out(text, term) else None
            if question is not None and not whole_term(text, term, s.lang):
                question = None
            if question is not None:
                used[term] = used.get(term, 0) + 1
                yield Draft("cloze", t.id, question, term, (s.id,), t.confidence)
                break


def _spelled_out(text: str, term: str) -> bool:
    """Whether the sentence gives the term away by its other name: "Kubernetes Enhancement Proposal …, or a
    KEP", "mutual TLS (mTLS)"."""
    words = re.findall(r"[A-Za-z][\w-]*", term)
    if len(words) >= 2:
        initials = "".join(w[0] for w in words).upper()
        return bool(re.search(rf"\b{initials}s?\b", text))
    if term.isupper() and len(term) >= 2:
        spelled = r"\b" + r"[\w-]*\s+".join(re.escape(c) for c in term) + r"[\w-]*"
        return bool(re.search(spelled, text, re.IGNORECASE))
    return False


_EDGE_PUNCTUATION_RE = re.compile(r"^[\W_]|[\W_]$")


def term_pattern(term: str) -> re.Pattern[str]:
    """Where ``term`` stands whole in a sentence: not inside a longer word, a dotted name, a path or a longer
    name ("Gateway" in "Gateway API", "TLS" in "mTLS")."""
    if CJK_RE.search(term):
        return re.compile(re.escape(term))
    return re.compile(rf"(?<![\w.+/-]){re.escape(term)}(?![\w+/-]|\.\w|\s+(?:[A-Z][\w+-]*|API|CLI|SDK)\b)")


def deletion(text: str, term: str, *, topic: str | None = None) -> str | None:
    """``text`` with every occurrence of ``term`` deleted as ``{{c1::term}}``, or None when that makes a bad card.

    A good deletion is a whole term (never "Mesh" of "Service Mesh"), with no punctuation at its edges, not the
    post's own topic alone (every sentence names it), not the sentence's first word (nothing before it says
    what is asked), and not given away: every occurrence is deleted, so the term stays hidden.
    """
    if not term.strip() or _EDGE_PUNCTUATION_RE.search(term) or (topic and term.casefold() == topic.casefold()):
        return None
    pattern = term_pattern(term)
    found = list(pattern.finditer(text))
    if not found or found[0].start() == 0:
        return None
    if not CJK_RE.search(term) and re.search(rf"(?i)(?<![\w.+/-]){re.escape(term)}", pattern.sub("", text)):
        return None  # still visible inside a longer name ("Gateway" left in "Gateway API")
    if len(term) <= 4 and any(re.search(r"\d\s?$", text[: m.start()]) for m in found):
        return None  # a unit after its number ("about 180 {{c1::MB}}"): the figure is the term, its unit is guessed
    return pattern.sub(lambda m: "{{c1::" + m.group(0) + "}}", text)


def _people(doc: Document) -> set[str]:
    """Names of the post's people: its speakers (and their first names) and its author. An author that is a group
    ("Tessera 维护者团队", "The Tallyhouse maintainers") gives no first name: its first word is the project, and
    "什么是 Tessera？" asks about the project, not a person."""
    names: set[str] = set()
    for s in doc.sentences:
        if s.speaker:
            names.add(s.speaker.title() if s.speaker.isupper() else s.speaker)
    author = doc.meta.get("author")
    if isinstance(author, str):
        names.add(author)
    return names | {n.split()[0] for n in names if n.split() and not _GROUP_RE.search(n)}


# A byline that names a group, not a person: "… maintainers", "… team", "维护者团队", "编辑部", "社区".
_GROUP_RE = re.compile(r"(?i:\b(?:team|authors|maintainers|community|contributors|editors|staff)\b)|团队|社区|维护者|编辑|小组|组$")


def _person_like(name: str, people: set[str]) -> bool:
    """A person's name makes a trivial blank ("Kaslin and {{c1::Anthony}} break up …"): the post's speakers,
    and two or three capitalised plain words ("Maya Kaczorowski"), which is how people are named."""
    if name in people or any(part in people for part in name.split()):
        return True
    return bool(re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+\.?){1,2}", name))


_NAME_RUN_RE = re.compile(r"(?<=[a-z0-9,;:)]\s)((?:[A-Z][\w.+-]*|of|the|and|for)(?:\s(?:[A-Z][\w.+-]*|of|the|and|for)){0,4})")


def key_terms(doc: Document, ctx: Context) -> list[str]:
    """What is worth blanking out, rarest first: the pack's entities, the domain dictionary, and the
    post's own names (capitalised runs mid-sentence; jieba's person, place, organisation and other
    proper-noun tags in Chinese). Computed once per post."""
    if ctx.key_terms is not None:
        return ctx.key_terms
    from .._resources import data_lines

    candidates: list[str] = [*ctx.entity_class, *(line.split()[0] for line in data_lines("zh_terms.txt"))]
    people = _people(doc)
    # A long input's terms are its pool's (score/bounded.py): named, counted and judged common in those sentences.
    sentences = scope(doc)
    for s in sentences:
        if s.lang == "en":
            for m in _NAME_RUN_RE.finditer(s.text):
                name = re.sub(r"(?:\s(?:of|the|and|for))+$", "", m.group(1)).strip()
                if (
                    name and name[:1].isupper() and (len(name) > 3 or name.isupper()) and not name.isdigit()
                    and not re.search(r"\s(?:of|the|and|for)\s", name) and not _person_like(name, people)
                ):
                    candidates.append(name)
    if any(s.lang == "zh" for s in sentences):
        from .._resources import jieba_posseg

        tagger = jieba_posseg()
        for s in sentences:
            if s.lang == "zh" and len(s.text) <= MAX_TEMPLATE_CHARS:
                candidates += [w for w, flag in tagger.lcut(s.text) if flag in ("nr", "ns", "nt", "nz") and len(w) >= 2]
    text = "\n".join(s.text for s in sentences)
    counts = term_counts(text, counting_terms(candidates))
    # Rarer terms make better blanks than the post's topic, which nearly every sentence names; a term in more
    # than a fifth of the post's sentences is its subject (服务网格 in a post on service meshes), and blanking
    # it was judged trivial, as was a plain word a reader fills in from the rest of the sentence.
    common = max(3, len(sentences) // 5)
    ctx.key_terms = sorted(
        (t for t in counts if t != ctx.topic and counts[t] <= common and _technical(t)),
        key=lambda t: (counts[t], -len(t), t),
    )
    return ctx.key_terms


# "在 Solo.io，我们也相信…", "我们聊了 OpenTelemetry 的…": the authors' own framing or promotion, not a fact.
_ZH_AUTHORS_RE = re.compile(r"我们")


def _guessable_zh(term: str) -> bool:
    """A Chinese deletion any reader of the field fills in: a word of the domain dictionary (数据平面, 控制平面,
    可观测性, 微服务: judged guessable in nearly every tech post) or a two-character word (日志, 入门, 关联). A
    name in Latin letters (Istiod, OTLP) or a longer proper name (山东鲁能, 耶律延禧) is what a reader recalls."""
    if CJK_RE.search(term) is None or re.search(r"[A-Za-z]", term):
        return False
    return len(term) <= 2 or term in _domain_terms()


@functools.cache
def _domain_terms() -> frozenset[str]:
    from .._resources import data_lines

    return frozenset(line.split()[0] for line in data_lines("zh_terms.txt") if line.split())


_PERSONAL_RE = re.compile(r"\b(?:I|I'm|I've|I'd|my|me)\b|我(?!们)")


def _technical(term: str) -> bool:
    """A name or term worth recalling: a product or protocol name (capitalised, mixed case, an acronym, a
    dotted or hyphenated identifier), or a Chinese term of four characters or more (two-character words such
    as 日志 or 贡献者 are guessed from the sentence)."""
    if CJK_RE.search(term):
        return len(term) >= 4 or bool(re.search(r"[A-Za-z]", term))
    # Not a lone capitalised word ("Claire", "Pacific"): an acronym, mixed case, digits, a dotted or hyphenated
    # identifier, or several words one of which is such (GKE Standard, IBM Bluemix, SIG Multicluster).
    return any(re.search(r"[A-Z]{2}|[a-z][A-Z]|\d|[.\-_/]", word) for word in term.split())
