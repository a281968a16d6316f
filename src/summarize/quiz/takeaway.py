"""A card for each printed takeaway that no other generator asked about: a cloze of the takeaway itself (and, in a
written post, of each takeaway the summary selected but left out as unsure: see :func:`summarize.quiz.engine.make_cards`).

The summary prints a post's points; a learner studies what it printed. The question shapes of the other
generators fire only on some sentence shapes (a definition, a passive, a reason), so most takeaways got no card
at all. Here, last, each takeaway still without a card becomes a cloze of itself that deletes its most
informative whole term:

1. a measured figure: a number with its unit ("{{c1::90%}}", "{{c1::120 ms}}"), a year, a count of two digits or
   more; a release only when the sentence says what it changed ("In Kubernetes {{c1::1.28}}, … was merged", not
   "In Istio {{c1::1.5}}, control plane costs are dominated by …", judged trivial); not the day or month of a date
   ("11 月 {{c1::29}} 日", judged trivial); not a lone small number ("Layer 4", "3 modes": anyone guesses or nobody
   can), not a number glued to a name ("L4", "HTTP/2");
2. else a key term of the post (:func:`summarize.quiz.cloze.key_terms`: a name the post uses but not on every
   line), rarest first, with every rule of the key-term cloze (whole term, not the topic or a title word, not a
   word the whole field writes, not spelled out elsewhere in the sentence, not its first word).

No card is better than a trivial one: a takeaway that leans on the post, tells the author's own story, or has
no such term gets none. Spoken posts get none (a transcript line shown whole was judged acceptable once in some
forty tries; see :mod:`.strict`). These cards rank after every card the other generators made
(:data:`FALLBACK_PENALTY`), so they fill a post's deck without pushing its best cards out of the top five.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from .._text import CJK_RE
from ..model import Card, Document
from ..score.takeaways import register_of
from .cloze import _PERSONAL_RE, _ZH_AUTHORS_RE, _guessable_zh, _spelled_out, deletion, key_terms
from .context import Context
from .draft import Draft
from .strict import glued_name, list_item, obvious_term, stands_alone, unnamed_subject, whole_term
from .terms import present_terms, substring_terms

_AUTHORS_RE = re.compile(r"\b(?:we|our|us|ours)\b|我们|您|你", re.IGNORECASE)

# A linked article's title with its byline, as a newsletter lists it: "…, by Hiroshi Vantongeren at Tallgrass Data."
# (its sample size deleted was judged trivial: the title names a piece of writing, it states no fact).
_CREDIT_RE = re.compile(r"[,，]\s*by\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+(?:\s+(?:at|from|of)\s+[A-Z][\w.&' -]*)?\W*$")

#: Template ids (part of every card's stable id).
EN_TEMPLATE, ZH_TEMPLATE = "cloze-takeaway", "zh-cloze-takeaway"
TEMPLATES = frozenset({EN_TEMPLATE, ZH_TEMPLATE})
CONFIDENCE = 0.5
#: Subtracted from a takeaway cloze's score: the ranker's other features put a cloze of a printed takeaway
#: level with the judged-good cards of the post (it is central and printed), and the top five are kept for those.
FALLBACK_PENALTY = 0.35
#: Longest sentence shown as a cloze front (characters): a longer takeaway is a paragraph to read, not a card.
MAX_CHARS = {"en": 260, "zh": 110}

_UNITS_EN = (r"%|percent|x|times|ms|milliseconds?|µs|microseconds?|ns|s|secs?|seconds?|minutes?|mins?|hours?|days?|"
             r"weeks?|months?|years?|[KMGT]i?B|[KMGT]bps|vCPUs?|cores?|millicores?|rps|QPS|RPS")
_UNITS_ZH = r"%|ms|倍|毫秒|微秒|秒|分钟|小时|天|周|个月|年|[KMGT]i?B|核|万|亿"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)*"
# A figure standing on its own: not glued to a letter, a slash or a hyphen before it ("L4", "HTTP/2", "x86-64").
_FIGURE_EN_RE = re.compile(rf"(?<![\w./+-])(?P<n>{_NUMBER})(?:(?P<sp>\s?)(?P<unit>{_UNITS_EN}))?(?![\w/+-]|\.\d)")
_FIGURE_ZH_RE = re.compile(rf"(?<![A-Za-z0-9./+-])(?P<n>{_NUMBER})(?:(?P<sp>\s?)(?P<unit>{_UNITS_ZH}))?(?![A-Za-z0-9/+-]|\.\d)")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def figures(text: str, lang: str) -> list[str]:
    """The measured figures of a sentence worth deleting, in order: "90%", "120 ms", "2019", "1.28", "35"."""
    found = []
    for m in (_FIGURE_ZH_RE if lang == "zh" else _FIGURE_EN_RE).finditer(text):
        number, unit = m.group("n"), m.group("unit") or ""
        before = text[: m.start()].rstrip()
        # "Istio 1.5", "Layer 4", "Windows 10"; not the capital of a sentence's first word ("The 4% of calls")
        named = bool(re.search(r"(?:\s|^)[A-Z][\w.+-]*$", before)) and (" " in before or re.search(r"[A-Z0-9].*[A-Z0-9]|\d", before) is not None)
        if named and "." not in number:
            continue  # a name's numeral ("Layer 4", "Web 2"), not a measured figure; "Istio 1.5" is a release
        if unit in ("s", "x") and not m.group("sp") and not re.match(r"\d+(?:\.\d+)?$", number):
            continue
        if "." not in number and not unit and len(number.replace(",", "")) < 2:
            continue  # "3 modes", "1 cluster": a small count is guessed, or is the list's length
        if unit == "s" and m.group("sp"):
            continue  # "5 s" is rare; "2 s" in "2 sidecars" was a word cut, not a unit
        found.append((number + (m.group("sp") or "") + unit if unit else number, bool(unit or m.group("unit"))))
    # "p99 fell from 480 ms to 120 ms": the figure reached is the result worth recalling; then a measure with its
    # unit ("2.4 GB per node") before a release or a year ("In Portcullis 3.1, …"), which frames the point; a figure
    # in a trailing participle or relative clause
    # ranks last: "…was merged, closing out over 5 years of work" is a side remark on the point
    side = re.search(r"[,，]\s*(?:[a-z]+ing|which|while|whereas|including)\b", text)
    return [f for f, _ in sorted(found, key=lambda fu: (
        bool(side) and text.find(fu[0]) > side.start(),
        not re.search(rf"(?:\bto|\bby|降到|降至|降低到|减少到|提升到|提高到|增加到|达到|至)\s*{re.escape(fu[0])}", text), not fu[1]))]


# A release "brings" a change: the verbs of release notes.
_CHANGE_RE = re.compile(
    r"\b(?:add(?:s|ed)?|merge[sd]?|introduce[sd]?|release[sd]?|ship(?:s|ped)?|graduate[sd]?|promoted|deprecate[sd]?|"
    r"remove[sd]?|became|becomes|land(?:s|ed)|enable[sd]?|support(?:s|ed)?)\b|新增|引入|发布|移除|弃用|废弃|升级为|进入|支持"
)


# The day or month of a date: "11 月 29 日", "September 29", "29 September".
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


def asked_figure(text: str, figure: str) -> bool:
    """Whether a figure :func:`figures` found is worth a takeaway cloze: a release only when it brought a change
    (:func:`release_change`), never the day or the month of a date (the year is a figure, and so is a measure or a
    count)."""
    at = re.search(rf"(?<![\w.]){re.escape(figure)}(?![\w.])", text)
    if at and (re.match(r"\s*[日号月]", text[at.end():]) or re.search(rf"{_MONTHS}\s*$", text[: at.start()])
               or re.match(rf"\s+{_MONTHS}\b", text[at.end():])):
        return False
    if re.fullmatch(r"\d+(?:\.\d+)+", figure) and _released(text, figure):
        return release_change(text, figure)
    return True


def release_change(text: str, figure: str) -> bool:
    """Whether ``figure`` is a product's release ("Kubernetes 1.28") in a sentence that says what it changed ("a new
    feature … was merged"), not a release that only frames a remark ("In Istio 1.5, control plane costs are
    dominated by …", judged trivial)."""
    return "." in figure and _released(text, figure) and _CHANGE_RE.search(text) is not None


def _released(text: str, figure: str) -> bool:
    """Whether ``figure`` follows a capitalised name as its release ("Kubernetes 1.28", "Istio 1.22 中"), not a
    measure after a word ("a height of 115.7 metres")."""
    return re.search(rf"(?:^|[\s(（])[A-Z][\w.+-]*\s*{re.escape(figure)}(?![\w.])", text) is not None


def takeaway_cards(doc: Document, ctx: Context, lang: str, sentence_ids: Sequence[int], *,
                   answered: Collection[str] = ()) -> Iterator[Draft]:
    """A cloze for each of ``sentence_ids`` (the printed takeaways without a card) that has a term worth
    deleting; ``answered`` are the answers of the post's other cards (a term asked about already is not asked
    again)."""
    if register_of(doc) == "spoken":
        return
    template = ZH_TEMPLATE if lang == "zh" else EN_TEMPLATE
    terms = key_terms(doc, ctx) + [t for t in repeated_terms(doc, ctx, lang, sentence_ids) if t not in key_terms(doc, ctx)]
    rank = {term: n for n, term in enumerate(terms)}
    index = substring_terms(terms)
    common = ctx.pack.cues.get("obvious", ())
    used = {a.casefold() for a in answered}
    for i in sentence_ids:
        s = doc.sentences[i]
        text = s.clean
        if s.lang != lang or len(text) > MAX_CHARS.get(lang, 260) or s.kind == "heading":
            continue
        if _PERSONAL_RE.search(text) or not stands_alone(text, lang) or unnamed_subject(text, lang, ctx.proper_words):
            continue
        if _AUTHORS_RE.search(text):
            continue  # "Moving to Karpenter took our team …", "我们…": whose team? the card needs the post to say
        if _CREDIT_RE.search(text):
            continue  # "Measuring 1,000 cold starts …, by Hiroshi Vantongeren at Tallgrass Data.": a title, not a fact
        candidates = [f for f in figures(text, lang) if asked_figure(text, f)] + sorted(
            (t for t in present_terms(text, index)
             if not obvious_term(t, doc, ctx.topic, common) and not _guessable_zh(t) and not _spelled_out(text, t)),
            key=rank.__getitem__,
        )
        for term in candidates:
            if term.casefold() in used:
                continue
            question = _deleted(text, term, ctx, lang)
            if question is not None:
                used.add(term.casefold())
                yield Draft("cloze", template, question, term, (i,), CONFIDENCE)
                break


#: Words that open a noun phrase but are no part of the term ("the", "our", "several", "new").
_NOT_TERM_TAGS = frozenset({"DT", "PDT", "PRP$", "WP$", "CD", "POS"})
_VAGUE_WORDS = frozenset(
    "new old older newer previous current former latest other same different several many various more most some "
    "any first last next own main key important "
    "additional certain whole entire full single simple easy hard good better best large small big little great "
    "way ways thing things lot lots kind kinds part parts number numbers time times case cases use uses user users "
    "people team teams today work example examples".split()
)


def repeated_terms(doc: Document, ctx: Context, lang: str, sentence_ids: Sequence[int]) -> list[str]:
    """Terms the post repeats that :func:`key_terms` (names only) leaves out: in English a noun phrase of two
    words or more ("waypoint proxy", "release channels") the post uses at least twice, with no vague word in it;
    in Chinese a Latin-letter word ("iptables", "bpftool") it uses at least twice. Not a term on more than a fifth
    of its lines (the post's subject: anyone fills it in). Candidates come from ``sentence_ids`` only (the
    sentences asked about), so the cost is one tagging of those and one pass over the text, however long the post."""
    from .cloze import _people, _person_like
    from .terms import counting_terms, term_counts

    people = _people(doc)
    common_words = {w.casefold() for w in ctx.pack.cues.get("obvious", ())} | {(ctx.topic or "").casefold()}
    found: set[str] = set()
    for s in (doc.sentences[i] for i in sentence_ids):
        if s.lang != lang or len(s.text) > 600:
            continue
        if lang == "en":
            from ..segment.pos import noun_phrases, tag_sentence

            tagged = tag_sentence(s.clean)
            for a, b in noun_phrases(tagged):
                words = list(tagged[a:b])
                while words and words[0][1] in _NOT_TERM_TAGS:
                    words.pop(0)
                text = " ".join(w for w, _ in words)
                if (len(words) >= 2 and not _VAGUE_WORDS.intersection(w.lower() for w, _ in words)
                        and not common_words.intersection(w.casefold() for w, _ in words)
                        and re.fullmatch(r"[\w.+-]+(?: [\w.+-]+)*", text) and not _person_like(text, people)):
                    found.add(text)
        else:
            found.update(m.group(0) for m in re.finditer(r"(?<![A-Za-z0-9])[A-Za-z][\w.+-]*[A-Za-z0-9](?![\w.+-])", s.clean)
                         if len(m.group(0)) >= 3)
    text = "\n".join(s.text for s in doc.sentences)
    counts = term_counts(text, counting_terms(found))
    common = max(3, len(doc.sentences) // 5)
    # a phrase of plain words ("control plane components") must recur more than a name to be the post's term
    least = {t: 3 if t.islower() else 2 for t in counts}
    return sorted((t for t, n in counts.items() if least[t] <= n <= common and t != ctx.topic), key=lambda t: (counts[t], -len(t), t))


def _deleted(text: str, term: str, ctx: Context, lang: str) -> str | None:
    """``text`` with ``term`` deleted, or None when the deletion is not a whole term (a figure is whole by how
    :func:`figures` found it; a name by the part-of-speech chunks or jieba's word boundaries)."""
    if re.match(r"\d", term):
        pattern = re.compile(rf"(?<![\w./+-]){re.escape(term)}(?![\w/+-]|\.\d)")
        found = list(pattern.finditer(text))
        if not found or found[0].start() == 0 or (lang == "zh" and not whole_term(text, term, "zh")):
            return None  # "超过 {{c1::40 万}}条": jieba reads 万条 as one word, so the deletion would cut it
        return pattern.sub(lambda m: "{{c1::" + m.group(0) + "}}", text)
    if (list_item(text, term) or (lang == "zh" and glued_name(text, term)) or _echoed(text, term) or _alias(text, term)
            or _spelled_nearby(text, term)):
        return None
    question = deletion(text, term, topic=ctx.topic)
    if question is None or not whole_term(text, term, lang):
        return None
    return question


def _echoed(text: str, term: str) -> bool:
    """Whether a word of a several-word term shows elsewhere in the sentence, so the blank is guessed: "set
    memory requests, and set the {{c1::memory limit}} equal to the request"."""
    words = [w for w in term.split() if len(w) >= 4] if " " in term else []
    rest = text.replace(term, " ")
    return any(re.search(rf"(?i)\b{re.escape(w)}", rest) for w in words)


def _spelled_nearby(text: str, term: str) -> bool:
    """Whether another word of the sentence starts the term or one of its parts, so the blank is spelled out:
    "snap.Consistent() 会检查 {{c1::Snapshot}}", "{{c1::EnvoyFilter}} 依赖 Envoy 内部配置结构" (judged leaky)."""
    parts = [p.casefold() for p in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", term)] + [term.casefold()]
    rest = text.replace(term, " ")
    for m in re.finditer(r"[A-Za-z]{4,}", rest):
        word = m.group(0).casefold()
        if any(p.startswith(word) for p in parts if len(p) >= 4):
            return True
    return False


def _alias(text: str, term: str) -> bool:
    """Whether the term stands in brackets right after another name for it ("Kubernetes Service（{{c1::kube-proxy}}）",
    "WebAssembly (Wasm) for Proxies ({{c1::Proxy-Wasm}})"): the name before it gives it away or asks for a guess."""
    return bool(re.search(rf"[(（]\s*{re.escape(term)}\s*[)）]", text))


def uncovered(takeaways: Sequence[Sequence[int]], cards: Sequence[Card]) -> list[int]:
    """The sentences of the printed takeaways no card was made from (a takeaway of two sentences is asked about
    when a card asks about either), in the post's order."""
    asked = {i for c in cards for i in c.sentence_ids}
    return sorted({i for group in takeaways if not asked.intersection(group) for i in group})
