"""The stricter half of the checks: what judges reject most often, as explicit rules.

Read against the verdicts of the judged benchmark (``benchmarks/judgments/cards.jsonl``), four
faults account for most rejected cards, and each has a rule here:

* **a cloze sentence that leans on the post** ("{{c1::WAL}} … because that's everything", "这些工具…"):
  a cloze card shows one sentence, so it must stand alone: no pronoun or demonstrative pointing
  outside it, no spoken opener, and it ends as a sentence ends (not a list stub ending in ``；``).
* **a cloze that cuts a term** ("mutual {{c1::TLS}}", "xDS {{c1::APIs}}", "存储{{c1::库中}}"): the
  deletion must be a whole noun phrase head, not the last word of a longer name: in English the
  part-of-speech tagger's noun-phrase chunks decide; in Chinese jieba's word boundaries do.
* **a guessable cloze** (the post's topic, a word in its title, a word the whole field uses such as
  "API" or 微服务): deleting it teaches nothing.
* **a question about nothing in particular** ("Why are reviews faster?", "How does the tooling
  work?"): a question must name the thing it asks about (a name or a technical term), or no
  reader can answer it without the post.

Spoken posts (interviews, podcasts, captions) get no cloze at all: a transcript sentence shown
whole was judged acceptable once in some forty tries.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
import itertools
import re

from .._text import CJK_RE
from ..model import Document

# A word that points outside the sentence: personal pronouns, demonstratives used as determiners
# or subjects, "the former"; "that" as a conjunction or relative pronoun is fine.
_LEANING_EN_RE = re.compile(
    r"\b(?:I|me|my|you|your|these|those|this|former|latter)\b"
    r"|\bthat(?=\s+(?:is|was|'s|means|makes|way|one|version|release|problem|issue|question|approach|part)\b)"
    r"|(?:^|,\s)that\b",
    re.IGNORECASE,
)
_LEANING_ZH_RE = re.compile(r"这|那(?!么)|该(?=[\u4e00-\u9fff])|其(?!他|实|中)|(?<![因如彼])此(?!外)|本文|上述|以上|如下|前者|后者|我(?!们)|你|他|她|它")
# Openers of spoken or connected text: the sentence continues a thought the card does not carry.
_OPENER_EN_RE = re.compile(
    r"^\W*(?:so|and|or|because|basically|right|well|yeah|yes|okay|ok|currently|plus|again|anyway|actually|similarly|likewise|instead|"
    # a place in a list the post gives ("Second, every CronJob … must list …": judged ambiguous as a cloze)
    r"first|second|third|fourth|fifth|secondly|thirdly|finally|next|lastly|also)(?![\w-])",
    re.IGNORECASE,
)
# A contrast ("但对于大规模集群来说，…") still stands alone; a sequence or a consequence does not.
_OPENER_ZH_RE = re.compile(r"^\W*(?:然后|所以|而且|另外|同时|因此|此外|那么|接下来|首先|其次|最后|总之|第[一二三四五六七八九十]+[，,、])")
_SENTENCE_END_RE = re.compile(r"[.!?。！？][\"'”’)）]*\s*$")


def stands_alone(text: str, lang: str, *, named_subject: bool = False) -> bool:
    """Whether a sentence shown alone (a cloze card's front) needs nothing from the post around it.

    ``named_subject``: the sentence opens with a name (a subject card's), which a later "its" may refer to."""
    text = text.strip()
    if not _SENTENCE_END_RE.search(text):
        return False  # a list stub ("…流量管理；"), a heading, a cut caption
    if lang == "zh":
        return not _LEANING_ZH_RE.search(text) and not _OPENER_ZH_RE.search(text)
    if _LEANING_EN_RE.search(text) or _OPENER_EN_RE.search(text):
        return False
    # A third-person pronoun is fine when the sentence names someone or something before it ("When Kennedy's
    # administrator asked for more money for his agency"); "Unfortunately, he arrived too late" names nobody.
    pronoun = _PRONOUN_EN_RE.search(text)
    return pronoun is None or named_subject or bool(_NAME_AFTER_FIRST_RE.search(text[: pronoun.start()]))


_PRONOUN_EN_RE = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her)\b", re.IGNORECASE)
_NAME_AFTER_FIRST_RE = re.compile(r"(?<=\S)\s+[\W]*[A-Z][\w.+-]*")


# ----------------------------------------------------------------------------- cloze terms


def whole_term(text: str, term: str, lang: str) -> bool:
    """Whether every occurrence of ``term`` in ``text`` is a whole term, not the tail or middle of a longer one.

    English: no adjective or noun of the same noun-phrase chunk stands before it ("mutual TLS",
    "xDS APIs", "the service YAML file") and no lowercase noun follows it inside the chunk ("SSL
    termination", "IP-based traffic"): the chunk is what a reader takes as one term. Chinese: the
    term starts and ends on jieba word boundaries ("库中" of 存储库中 does not).
    """
    if lang == "zh" or CJK_RE.search(term):
        return _zh_whole(text, term)
    from ..segment.pos import noun_phrases, tag_sentence

    tagged = tag_sentence(text)
    words = [w for w, _ in tagged]
    size = len(term.split())
    term_words = term.split()
    starts = [i for i in range(len(words) - size + 1) if words[i : i + size] == term_words]
    if not starts:
        # The tokenizer split the term differently (a hyphen, a dot): no chunk to judge it by, so judge
        # the words around it in the text.
        return _plain_whole(text, term)
    if re.search(rf"(?<![\w.+/-]){re.escape(term)}\s*/\s*\w|\w\s*/\s*{re.escape(term)}(?![\w+/-])", text):
        return False  # half of a pair ("{{c1::L2}} / L3"): the other half gives it away
    chunks = noun_phrases(tagged)
    for i in starts:
        end = i + size
        if i > 0 and words[i - 1][:1].isupper() and words[i - 1].lower() not in _FUNCTION_WORDS | _OPENERS:
            return False  # "Istio {{c1::Gateway}}", "Two {{c1::NodePorts}}": the capitalised word before joins it
        if not any(a < end and i < b for a, b in chunks):
            # No noun phrase holds it: a modifier the tagger read as a participle ("client IP-based traffic")
            # is no term of its own, nor is a word glued to the noun before it.
            if tagged[end - 1][1] not in ("NN", "NNS", "NNP", "NNPS") or (i > 0 and tagged[i - 1][1] in _MODIFIER_TAGS):
                return False
        for a, b in chunks:
            if a < end and i < b:  # the chunk that holds the term
                before = [t for _, t in tagged[a:i]]
                # An adjective makes a compound with an acronym or a plain word ("mutual TLS"), not with an
                # identifier ("a separate ReferenceGrant"); a several-word name ("financier J. P. Morgan") is whole.
                modifiers = _MODIFIER_TAGS - {"JJ", "JJR", "JJS"} if re.search(r"[a-z][A-Z]", term) else _MODIFIER_TAGS
                if size == 1 and any(t in modifiers for t in before):
                    return False
                after = list(itertools.takewhile(lambda wt: wt[1] != "POS", tagged[end:b]))
                if any(t in ("NN", "NNS") and w[:1].islower() and w not in _CLASS_NOUNS for w, t in after):
                    return False  # "SSL termination"; a possessive ("the USSR's invasion") ends the term
    return True


# Nouns that say what kind of thing a name is ("a separate ReferenceGrant object", "the OTLP protocol"): the name
# before them is still a whole term. Other nouns make a longer term ("SSL termination", "UK teachers").
_CLASS_NOUNS = frozenset(
    "object objects resource resources service services protocol protocols file files field fields header headers "
    "type types kind mode controller controllers proxy proxies server servers cluster clusters project projects "
    "plugin plugins extension extensions library libraries command commands flag flags annotation annotations".split()
)
_MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "VBN", "VBG", "AFX"})


def _plain_whole(text: str, term: str) -> bool:
    for m in re.finditer(rf"(?<![\w.+/-]){re.escape(term)}(?![\w+/-])", text):
        before = text[: m.start()].split()[-1:] or [""]
        after = text[m.end() :].split()[:1] or [""]
        if re.fullmatch(r"[a-z][\w-]*", before[0]) and before[0] not in _FUNCTION_WORDS:
            return False
        if re.fullmatch(r"[a-z][\w-]*", after[0]) and after[0].endswith(("ion", "ment", "ing")):
            return False
    return True


_FUNCTION_WORDS = frozenset(
    "a an the of to in on for with by as at from into over than and or but is are was were be been its our their "
    "your his her this that these those which who each every any some no all both use uses used using via per like "
    "called named".split()
)


_OPENERS = frozenset("in on at for with when if after before since because while although however today now then there here "
                     "we i you it they he she".split())


def _zh_whole(text: str, term: str) -> bool:
    from .._resources import jieba_tokenizer

    cuts = {0}
    for word, start, end in jieba_tokenizer().tokenize(text):
        cuts.update((start, end))
    found = [m.start() for m in re.finditer(re.escape(term), text)]
    return bool(found) and all(start in cuts and start + len(term) in cuts for start in found)


_ITEM = r"[^,;、，；()（）]{1,40}"
_LIST_CUE_RE = re.compile(r"(?:\b(?:such as|including|like|e\.g\.,?|i\.e\.,?)|例如|比如|包括|诸如)\s*$", re.IGNORECASE)
_MIDDLE_BEFORE_RE = re.compile(r"[,;]\s*$")
_MIDDLE_AFTER_RE = re.compile(r"^\s*(?:[,;]|(?:and|or)\b)", re.IGNORECASE)
_LAST_BEFORE_RE = re.compile(rf"[,;]{_ITEM}[,;]?\s*(?:and|or)\s+(?:(?:the|a|an)\s+)?$|[、]{_ITEM}(?:和|或|以及|及)\s*$|[、]\s*$", re.IGNORECASE)
_FIRST_AFTER_RE = re.compile(rf"^\s*(?:,{_ITEM},|,{_ITEM},?\s+(?:and|or)\b|、)", re.IGNORECASE)


def list_item(text: str, term: str) -> bool:
    """Whether ``term`` stands as an item of a list of three or more in ``text`` ("security, {{c1::load
    balancing}}, monitoring", "A、{{c1::B}}和 C") or of one the sentence gives as examples ("such as {{c1::access
    control}}"): every other item answers the blank as well, so the card is ambiguous. A pair ("NodePort and
    LoadBalancer") is no such list."""
    for m in re.finditer(re.escape(term), text):
        before, after = text[: m.start()], text[m.end() :]
        if _LIST_CUE_RE.search(before) or _LAST_BEFORE_RE.search(before) or _FIRST_AFTER_RE.search(after):
            return True
        if _MIDDLE_BEFORE_RE.search(before) and _MIDDLE_AFTER_RE.search(after):
            return True
    return False


def unnamed_subject(text: str, lang: str, names: Collection[str] = ()) -> bool:
    """Whether a sentence shown alone (a takeaway's cloze) talks about something it does not name: "The 4% of
    calls that still crossed zones …" (which calls?), "All 140 services now route …" (whose?), "If the application
    container starts …", "报告发现，…" (which report?), "原来的微服务框架…" (whose?). English: no name, number or
    capitalised term before its first finite verb (its first word counts when ``names``, the words the post
    capitalises mid-sentence, has it: "Informers are shared …"); Chinese: it opens on an unnamed report, survey or
    "the former"."""
    if lang == "zh":
        return bool(_UNNAMED_ZH_RE.match(text))
    from ..segment.pos import tag_sentence

    tagged = tag_sentence(text)
    head = []
    for n, (word, tag) in enumerate(tagged):
        if tag in ("VBZ", "VBD", "VBP", "MD") and n > 0:
            break
        head.append((n, word, tag))
    return not any(t in ("NNP", "NNPS") or re.search(r"[A-Z].*[A-Z]|[a-z][A-Z]", w) or ((n > 0 or w in names) and w[:1].isupper())
                   for n, w, t in head)


# … or a change with no one making it ("新增了 … 告警": who added it, where?)
_UNNAMED_ZH_RE = re.compile(r"^\W*(?:(?:报告|调查|研究|数据|结果)(?:发现|显示|表明)|原来的|原先的|当时|后来|最初的|"
                            r"(?:新增|增加|添加|修改|删除|调整|改为|引入|上线)了)")


def glued_name(text: str, term: str) -> bool:
    """Whether a Latin ``term`` in Chinese text is part of a longer Latin name around it ("Open Policy
    {{c1::Agent}}", "eBPF {{c1::map}}"): only a space parts the words of such a name, so no jieba cut judges it."""
    if CJK_RE.search(term):
        return False
    return any(re.search(r"[A-Za-z0-9]\s$", text[: m.start()]) or re.match(r"\s[A-Za-z0-9]", text[m.end() :])
               for m in re.finditer(re.escape(term), text))


def obvious_term(term: str, doc: Document, topic: str | None, common: tuple[str, ...]) -> bool:
    """A deletion any reader fills in: the post's topic, a word of its title, a word the whole field uses."""
    folded = term.casefold()
    if topic and (folded == topic.casefold() or folded in topic.casefold().split()):
        return True
    if folded in {c.casefold() for c in common}:
        return True
    title = (doc.title or "").casefold()
    if not title:
        return False
    if folded in title.split() or (len(folded) >= 2 and CJK_RE.search(term) is not None and folded in title) or (
        " " in folded and folded in title
    ):
        return True
    # A Latin name inside a Chinese title ("替换 kube-proxy：我们的生产实践"), or every word of a term in the title's
    # words ("client IP" in "How to Get the Client's “Real” IP Address"): judged trivial, the topic word again.
    words = [w for w in re.split(r"\s+", folded) if w]
    return all(re.search(rf"(?<![a-z0-9]){re.escape(w)}", title) for w in words) and all(
        re.search(rf"[a-z0-9]", w) for w in words
    )


# ----------------------------------------------------------------------------- questions


_WH_RE = re.compile(r"^(?:why|what|who|when|where|how(?:\s+many|\s+much)?)\b\s*(?:\w+\s+)?", re.IGNORECASE)


def names_something(question: str, proper_words: set[str], terms: set[str]) -> bool:
    """Whether an English question names what it asks about: a name seen mid-sentence in the post, an
    acronym, a mixed-case or versioned identifier, or one of the post's key terms. "Why are reviews
    faster?" names nothing; "Why did Lyft build Envoy …?" does."""
    body = _WH_RE.sub("", question).rstrip("?")
    if re.search(r"\d", body):
        return True  # a year, a version, an amount: "When did the $1.2 billion stadium open?"
    if re.match(r"(?:a|an|any|every)\s", body):
        return True  # a generic subject ("Why can a runner be healthy while jobs queue?") asks about any such thing
    for word in re.findall(r"[A-Za-z][\w.+-]*", body):
        word = word.rstrip(".")
        if word in proper_words or word in terms:
            return True
        if re.search(r"[A-Z]{2}|[a-z][A-Z]|\d", word):
            return True
    return any(t in body for t in terms if " " in t)


@functools.lru_cache(maxsize=4096)
def gerund_subject(term: str) -> bool:
    """"Scaling Kafka", "Running Istio": an activity, not a thing a "What is …?" card can define."""
    first = term.split()[0] if term.split() else ""
    return len(term.split()) > 1 and first.endswith("ing") and first[:1].isupper() and first.lower() not in ("ring", "string", "thing")


_DO_SUPPORT_RE = re.compile(r"^(?:why|how|when|where|what)\s+(?:does|do|did|doesn't|don't|didn't)\b", re.IGNORECASE)


def grammatical(question: str) -> bool:
    """A sanity check from the part-of-speech tagger: a question with do-support ("How does …", "Why did …")
    needs a bare verb after its subject, not a participle. "How does the role of CLI tool … evolving in the
    future?" has none. The tagger is unsure on questions ("pick" in "Why did the Istio project pick Envoy?"
    comes out a noun, "launch" too), so only an -ing form with no bare verb beside it rejects a question."""
    from ..segment.pos import tag_sentence

    if not any(t in ("VB", "VBD", "VBP", "VBZ", "MD") for _, t in tag_sentence(question)):
        return False  # "Why a working group and not a new SIG?": no verb, the post's turn is needed to read it
    if not _DO_SUPPORT_RE.match(question):
        return True
    tagged = tag_sentence(question)[2:]
    if any(w.lower() in ("is", "are", "was", "were") for w, _ in tagged):
        return False  # "Why does the set of options is reduced?": two finite verbs
    tags = [t for _, t in tagged]
    return bool({"VB", "VBP"} & set(tags)) or "VBG" not in tags


# ----------------------------------------------------------------------------- naming what is asked

_REFLEXIVE_RE = re.compile(r",\s*(?:itself|themselves|himself|herself)\s*,|^\w+\s+\w+\s+(?:itself|themselves|himself|herself)\b", re.IGNORECASE)


def dangling_reflexive(question: str) -> bool:
    """"What is, itself, a modern, cloud-native application?": the sentence's "itself" pointed back to its subject,
    which the question turned into the thing asked for, so it points at nothing."""
    return bool(_REFLEXIVE_RE.search(question))


def names_a_thing(question: str, proper_words: set[str]) -> bool:
    """Stricter than :func:`names_something`: the question names a product, project or identifier, not only
    common words the post uses as terms. "Why does a change to one route no longer trigger a full resync?" and
    "What runs a set of checks against the cluster …?" name no product, so judges could not tell which one is
    meant; "Why can a client always send requests to the ClusterIP of the Service?" names one.

    A generic subject ("Why can a runner be healthy while jobs queue?") still asks about any such thing, unless
    the question dates a change ("no longer", "now"), which is one product's change. A name is matched as the
    post capitalises it; a word that is no English word ("kubeflare") in any case."""
    from ..segment.pos import word_classes

    body = _WH_RE.sub("", question).rstrip("?")
    if re.search(r"\d", body):
        return True
    if re.match(r"(?:a|an|any|every)\s", body) and not _DATED_CHANGE_RE.search(body):
        return True
    folded = {w.casefold() for w in proper_words if word_classes(w.casefold()) == "-"}
    for word in re.findall(r"[A-Za-z][\w.+-]*", body):
        word = word.rstrip(".")
        if word in proper_words or word.casefold() in folded or re.search(r"[A-Z]{2}|[a-z][A-Z]|\d", word):
            return True
    return False


_DATED_CHANGE_RE = re.compile(r"\b(?:no longer|any ?more|now|newly)\b", re.IGNORECASE)


def common_word_term(term: str, doc: Document) -> bool:
    """"What is Gateway?": one ordinary English noun that the post capitalises mid-sentence as a resource name
    ("the Gateway") and also uses as a plain noun ("a gateway") is ambiguous without the post. "What is Envoy?"
    in a post that never writes "envoy" is not, nor is "What is Oxygen?" where "Oxygen" is capitalised only
    because a sentence starts with it."""
    if " " in term or not re.fullmatch(r"[A-Z][a-z]+s?", term):
        return False
    from ..segment.pos import word_classes

    if "NOUN" not in word_classes(term.lower()):
        return False
    plain = re.compile(rf"\b{re.escape(term.lower())}s?\b")
    named = re.compile(rf"(?<=[a-z,;:]\s){re.escape(term)}\b")
    return any(plain.search(s.text) for s in doc.sentences) and any(named.search(s.text) for s in doc.sentences)


def later_definition(doc: Document, term: str, sentence_id: int, lang: str) -> bool:
    """Whether a "What is X?" card from ``sentence_id`` skips the post's own definition of X: an earlier sentence
    already says what X is ("Gateway API is a collection of resources …" before "Gateway API is an official
    Kubernetes API like Ingress"), or X is the post's own subject (a word of its title) and has been named in
    several sentences before, so this sentence describes it in passing ("Istio is an industry-wide community
    effort." near the end of a post about Istio). A post defines its subject where it introduces it; a term of a
    conversation may be explained late, when someone asks ("I don't know what RBAC is." "RBAC is …")."""
    if lang == "zh" or CJK_RE.search(term):
        copular = re.compile(rf"^\W*{re.escape(term)}\s*(?:（[^）]*）|\([^)]*\))?\s*是")
        named = re.compile(re.escape(term))
    else:
        copular = re.compile(rf"^\W*(?:(?:A|An|The)\s+)?{re.escape(term)}(?:\s*\([^)]*\))?\s+(?:is|are)\s")
        # a mention of X itself, not of a longer name that starts with it ("the WebAssembly Hub")
        named = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])(?!\s+[A-Z])")
    mentions = 0
    for s in doc.sentences[:sentence_id]:
        if s.kind == "heading" or s.furniture:
            continue
        if copular.search(s.clean):
            return True
        mentions += bool(named.search(s.text))
    subject = term.casefold() in (doc.title or "").casefold()
    return subject and mentions > _MENTIONS_BEFORE_DEFINITION


_MENTIONS_BEFORE_DEFINITION = 3


def zh_names_subject(question: str, kind: str) -> bool:
    """A Chinese why or how-many question opens with what it is about, a name in Latin letters ("为什么 Istio
    更易于使用？", "Splunk Cloud 由多少个…组成？"). Judges accepted 4 of 28 why and 1 of 18 how-many cards
    without that: "为什么以准入验证结束？", "每一批包含多少个节点？" leave out whose batches or which steps."""
    if kind not in ("why", "how-many"):
        return True
    body = re.sub(r"^为什么\s*", "", question) if kind == "why" else question
    return bool(re.match(r"[A-Z][A-Za-z0-9.+-]*[A-Za-z0-9]", body)) and not re.search(r"[:：]", body)


def plural_before_they(answer: str) -> bool:
    """Whether every "they"/"them"/"their" of a definition refers inside it: a plural noun comes before it in the
    answer ("A resource that describes how HTTP requests are matched and where they are sent"). "A tool that
    they built for the platform" points outside the card."""
    found = re.search(r"\b(?:they|them|their)\b", answer, re.IGNORECASE)
    if found is None:
        return True
    from ..segment.pos import tag_sentence

    before = answer[: found.start()]
    return any(t in ("NNS", "NNPS") for _, t in tag_sentence(before)) if before.strip() else False


def unnamed_part(question: str, answer: str, title: str | None) -> bool:
    """A subject card whose answer is a part of the post's product ("Kubeflare doctor", "Kubeflare status": the
    title's name plus a word) while the question names no such product: "What runs a set of checks against the
    cluster …?" could be any tool's command. "What is a mathematical model of a general computing machine?" (a
    Turing machine) asks for no part of anything the title names."""
    names = {w.casefold() for w in re.findall(r"[A-Za-z][\w.+-]*", title or "") if w[:1].isupper() or re.search(r"[A-Z]", w[1:])}
    words = re.findall(r"[A-Za-z][\w.+-]*", answer)
    owners = {w.casefold() for w in words if w.casefold() in names} if len(words) > 1 else set()
    return bool(owners) and not any(w.casefold() in owners for w in re.findall(r"[A-Za-z][\w.+-]*", question))
