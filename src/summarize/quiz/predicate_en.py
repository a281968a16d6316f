"""English predicate cards (see :mod:`.predicate`): a named subject, a verb of a known shape, the rest as the answer.

"X lets you …", "X replaces …", "X is used to …", "X configures Y using Z", "The default port of X is …", "L4
refers to …", "… was raised in 2019", "… will be available in Istio 1.1", "X is written in …", "X creates Y for
Z", "A waypoint proxy is a … that …". The subject is found by the part-of-speech tagger
(:func:`summarize.quiz.subject._subject_end`) and must name a thing, so the question stands alone.
"""

from __future__ import annotations

import re

from ..model import Document
from .context import Context
from .draft import Draft

#: Template ids, one per shape (part of every card's stable id).
LETS, OBJECT, USED_FOR, QUALIFIED, HOW, PROPERTY, REFERS, WHEN, BASIS, RELEASE, PLACED, ANY_OBJECT, WORKS = (
    "what-lets", "what-object", "what-used-for", "what-is-qualified", "how-means", "what-property", "what-refers",
    "when-passive", "what-basis", "when-in-release", "what-object-placed", "what-object-any", "how-works",
)
TEMPLATES = frozenset({LETS, OBJECT, USED_FOR, QUALIFIED, HOW, PROPERTY, REFERS, WHEN, BASIS, RELEASE, PLACED, ANY_OBJECT,
                       WORKS})
_CONFIDENCE = {LETS: 0.62, OBJECT: 0.55, USED_FOR: 0.6, QUALIFIED: 0.7, HOW: 0.6, PROPERTY: 0.6, REFERS: 0.7, WHEN: 0.65,
               BASIS: 0.65, RELEASE: 0.7, PLACED: 0.55, ANY_OBJECT: 0.5, WORKS: 0.7}

# "lets you", "allows operators to", "enables teams to", "helps developers": the verb, then who is let.
_LET_LEMMAS = frozenset({"let", "allow", "enable", "help", "empower"})
# Verbs whose object is one thing worth recalling ("What does Istiod replace?"). "use", "have", "make" and
# "provide"-less "offer" leave a question many answers fit.
_OBJECT_LEMMAS = frozenset({"replace", "require", "support", "provide", "introduce", "add", "eliminate", "remove",
                            "simplify", "consolidate", "deprecate", "supersede", "automate", "standardize", "expose",
                            "offer", "include", "define", "implement", "store", "generate", "intercept", "manage", "report",
                            "represent", "collect", "track", "specify", "contain"})
# Of those, the verbs whose object is one of many when the subject is the post's own product ("What does Istio
# provide?" has a dozen true answers in a post about Istio; "What does CNI provide?" in a post about NSM has one).
_VAGUE_LEMMAS = frozenset({"provide", "offer", "support", "include", "contain", "report", "define", "manage",
                           "implement", "store", "generate", "collect", "track", "specify", "expose", "intercept",
                           "standardize", "automate", "add", "introduce"})
# Verbs a "How does X do Y?" card asks about when the sentence says by what means ("Istio configures its
# proxies using the xDS APIs" → "How does Istio configure its proxies?").
_MEANS_RE = re.compile(r"^(?P<what>[a-z][^,;:]{3,80}?)\s*,?\s+(?P<means>(?:by|using|through|via|with the help of)\s+[^;:]{4,})$")
_WHO = frozenset({"you", "users", "developers", "operators", "teams", "administrators", "admins", "platform",
                  "engineers", "people", "organizations", "clients", "customers", "applications", "services", "workloads"})
_MAX_ANSWER_WORDS = 30
_PRESUPPOSING_RE = re.compile(
    # "… and other client IP-based traffic management" ends a list; "other proxies" alone points elsewhere
    r"\b(?:even|similar(?:ly)?|the same|also|too|as well|again|another|(?<!and )(?<!or )other|instead|still|either|likewise|both|"
    r"the former|the latter|above|below|here)\b",
    re.IGNORECASE,
)
# An answer that points outside the card: "this", "that approach", "them" with no plural before it.
_LEANING_ANSWER_RE = re.compile(
    r"(?i:\b(?:this|these|those|it|its|he|she|his|her|we|our|us|my)\b|\bthat\s+(?![a-z]+(?:s|ed)\b|(?:can|will|may|must|should|could|would|is|are|was|were|has|have|had|do|does|did)\b)[a-z]+\b(?=[\s,.]))|\bI\b(?!\.)"
)


def english_card(text: str, i: int, doc: Document, ctx: Context) -> Draft | None:
    """The predicate card of one English key sentence (``i`` its id), or None when no shape fits it safely."""
    if not re.search(r"[.!]$", text) or _PRESUPPOSING_RE.search(text):
        return None
    text = _OPENER_ROLE_RE.sub("", text)  # "As an open platform, Istio lets you …"
    text = text[:1].upper() + text[1:]
    text = _SUBJECT_ADVERB_RE.sub(" ", text, count=1)  # "The Gateway resource in particular enables …"
    text = _THERE_IS_RE.sub(r"\g<name> ", text, count=1)  # "There is a Kube-proxy which is responsible for …"
    text = _APPOSED_SUBJECT_RE.sub(lambda m: m.group("name")[:1].upper() + m.group("name")[1:] + " ", text, count=1)
    for shape in (_qualified_definition, _property, _refers, _when_passive, _basis, _in_release, _works_by):
        made = shape(text, i, doc, ctx)
        if made is not None:
            return made
    from ..segment.pos import tag_sentence
    from .english import verb_lemma
    from .subject import _span, _subject_end

    tagged = tag_sentence(text)
    end = _subject_end(tagged, plural=True)
    if end is None:
        end = _code_name_subject(tagged, doc)  # "The istio-agent helps …": a name the tagger reads as a noun
    if end is None:
        end = _post_name_subject(tagged, ctx)  # "Ingress controllers configure …": a name the post capitalises
    if end is None or tagged[0][1] in ("PRP$", "WP$"):
        return None
    subject = _span(text, [w for w, _ in tagged[:end]])
    if subject is None or not _named_thing(subject, ctx):
        return None
    verb, tag = tagged[end]
    rest = [w for w, _ in tagged[end + 1 :]]
    if tag == "MD":
        if not rest or rest[0].lower() == "not":
            return None
        modal, verb, rest = verb.lower(), rest[0], rest[1:]
        aux = modal
    else:
        aux = "did" if tag == "VBD" else "do" if tag in ("VBP", "VB") else "does"
        modal = ""
    lemma = verb_lemma(verb) or ""
    subj = _mid_sentence(subject)
    tail = text[_offset(text, verb, subject) :].strip()  # the sentence after the verb, as written
    tail = re.sub(r"[.!]+$", "", tail).strip()
    if lemma in ("be",) and re.match(r"(?:used|designed|meant|built)\s+(?:to|for)\s", tail) and tag != "MD":
        return _used_for(subj, verb, tail, i)
    helped = _HELP_BY_RE.match(tail) if lemma == "help" and tag != "MD" else None
    if helped:  # "The istio-agent helps each sidecar connect to the mesh by passing …" → "How does … help …?"
        return _draft(HOW, f"How {aux} {subj} help {helped.group('who')} {helped.group('what')}?", "By " + helped.group("how"), i)
    if lemma in _LET_LEMMAS:
        return _lets(subj, aux, lemma, tail, i)
    used_as = _USED_AS_RE.match(tail) if lemma == "use" and tag != "MD" else None
    if used_as:  # "Istio uses Envoy as its runtime proxy component" → "What does Istio use as its runtime proxy component?"
        return _draft(OBJECT, f"What {aux} {subj} use as {used_as.group('role')}?", used_as.group("obj"), i, shortest=1)
    means = _MEANS_RE.match(tail)
    if means and means.group("means").startswith("by ") and re.search(r"(?:ed|en|wn)$", means.group("what")):
        means = None  # "… separate resources owned by separate personas": the agent of a participle, not a means
    if means and re.match(r"by\s+(?:\d|(?:early|late|mid|the (?:end|time|middle|start))\b)", means.group("means")):
        means = None  # "… peaked near two million by 1562": a time, not a means
    if means and lemma and lemma not in ("be", "have", "do") and tag != "MD" and not re.match(r"(?:it|them|this|that|these|those|us|you)\b", tail):
        return _draft(HOW, f"How {aux} {subj} {lemma} {means.group('what')}?", means.group("means"), i)
    placed = _object_with_place(tagged, end + (1 if tag == "MD" else 0), text)
    if placed is not None and re.match(r"(?:\w+ )?support$", placed[0]):
        placed = None  # "adds experimental support for X" asks for X (below), not for "experimental support"
    if placed is not None and lemma and lemma not in _LIGHT_LEMMAS and not _PARTICIPLE_OBJECT_RE.match(tail):
        obj, pp = placed  # "Kube-proxy creates an iptables rule for each backend Pod" → "What does Kube-proxy create for …?"
        question = f"What {aux} {subj} {lemma} {pp}?" if tag != "MD" else f"What {modal} {subj} {lemma} {pp}?"
        return _draft(PLACED, question, obj, i)
    if lemma in _OBJECT_LEMMAS and (tag != "MD" or modal in ("can", "will")):
        if lemma in _VAGUE_LEMMAS and ctx.names_main_subject(subject) and not tail.startswith(("support for", "experimental support")):
            return None  # "What does Istio provide?" in a post about Istio: it provides many things, the card one
        return _object(subj, aux, lemma, tail, i)
    whole = _whole_object(tagged, end, text) if tag != "MD" else None
    if whole and lemma and lemma not in _LIGHT_LEMMAS | _SAYING_LEMMAS | _VAGUE_LEMMAS and not ctx.names_main_subject(subject):
        # "NSM complements Kubernetes' original network model." → "What does NSM complement?"
        return _draft(ANY_OBJECT, f"What {aux} {subj} {lemma}?", whole, i, shortest=1)
    return None


_USED_AS_RE = re.compile(r"^(?P<obj>[A-Z][\w.+-]*(?: [A-Z][\w.+-]*)?) as (?P<role>(?:its|the|a|an) [^,;]{3,60}?)(?: and [a-z]+s\b.*|,.*)?$")
_OPENER_ROLE_RE = re.compile(r"^(?:As (?:a|an) [a-z][\w -]{2,40}|However|In fact|In practice|Today|Internally|Additionally|In addition), (?=[A-Za-z])")
# "Formal support for sidecars is being released to Alpha in Kubernetes 1.28." → "In which version of Kubernetes is
# formal support for sidecars being released to Alpha?"
_IN_RELEASE_RE = re.compile(
    r"^(?P<subj>[A-Z][^,;:]{3,80}?) (?P<aux>is|are|was|were|will be|has been|have been|became|becomes)"
    r"(?P<rest>(?: [\w-]+){1,8}?) in (?P<product>[A-Z][\w.+-]*(?: [A-Z][\w.+-]*)?) (?:release |version |v)?"
    r"(?P<version>\d+\.\d+(?:\.\d+)?)[.!]$"
)
# "X is based on / written in / responsible for Y", "X consists of Y": a verb whose object is X's one answer.
_BASIS_RE = re.compile(
    r"^(?P<subj>[^,;:()]{3,80}?) (?:(?P<be>is|are|was|were) (?P<part>based on|built on|built with|written in|implemented in|"
    r"responsible for|composed of|made up of)|(?P<verb>consists|consist) of) (?P<obj>[^;:]{2,160}?)[.!]$"
)
_SUBJECT_ADVERB_RE = re.compile(r"(?<=[\w)])(?:,? in particular,?| now| already| automatically| dynamically| natively| simply) (?=[a-z]+s\b)")
# "The default port of the ztunnel proxy is 15008." → "What is the default port of the ztunnel proxy?"
_PROPERTY_RE = re.compile(r"^(?P<subj>The (?:[\w.+'’-]+ ){1,7}?(?:of|for|in) [^,;:]{2,40}?|(?P<owner>[A-Z][\w.+-]*(?: [A-Z][\w.+-]*)?)['’]s (?:[\w-]+ ){0,3}[\w-]+) (?P<be>is|are) (?P<comp>(?:the |\d)[^;:]{1,120}?)[.!]$")
_REFERS_RE = re.compile(r"^(?P<term>[A-Z][\w.+-]*(?: [A-Za-z][\w.+-]*){0,2}) (?:refers to|stands for) (?P<what>[^;:]{6,160}?)[.!]$")
# "A formal proposal for adding sidecar support in Kubernetes was raised in 2019." → "When was … raised?"
_WHEN_PASSIVE_RE = re.compile(
    r"^(?P<subj>(?:A|An|The) [^,;:]{5,90}?) (?P<be>was|were) (?P<verb>[a-z]+(?:ed|en|wn|lt|ght))"
    r" (?P<when>(?:in|on) (?:(?:early|late|mid)[- ])?(?:(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December) (?:\d{1,2}(?:st|nd|rd|th)?,? )?)?(?:19|20)\d\d)[.!]$"
)


# "There is a Kube-proxy which is responsible for routing …" says "Kube-proxy is responsible for routing …".
_THERE_IS_RE = re.compile(r"^There (?:is|are) (?:a|an) (?P<name>[A-Z][\w.+-]*[\w+](?: [A-Z][\w.+-]*[\w+])?) (?:which|that) (?=(?:is|are|has|have)\b|[a-z]+s\b)")
# "A separate component, the istio-agent, helps …" names its subject in the apposition.
_APPOSED_SUBJECT_RE = re.compile(
    r"^(?:A|An|The) (?:[a-z][\w-]* ){0,3}[a-z][\w-]*, (?P<name>(?:the )?[A-Za-z][\w.+-]*[\w+](?: [A-Z][\w.+-]*[\w+])?), (?=[a-z]+s\b)"
)
# "helps each sidecar connect to the mesh by securely passing configuration …"
_HELP_BY_RE = re.compile(r"^(?P<who>(?:each|every|the|all|a|an) [\w-]+(?: [\w-]+)?) (?P<what>[a-z]+\b[^,;:]{3,80}?) by (?P<how>(?:[a-z]+ly )?[a-z]+ing\b[^;:]{6,160})$")


def _code_name_subject(tagged: list[tuple[str, str]], doc: Document) -> int | None:
    """Where a subject ends that is a lower-case name the tagger reads as a common noun: a hyphenated
    identifier ("the istio-agent", "kube-proxy") or a word the post's title gives ("ztunnel" in a post titled
    on ztunnel), then a finite verb; None otherwise."""
    k = 1 if tagged and tagged[0][0] in ("The", "the") else 0
    if len(tagged) < k + 3 or tagged[k + 1][1] not in ("VBZ", "VBD"):
        return None
    word = tagged[k][0]
    if re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+", word) or (
            re.fullmatch(r"[a-z][a-z0-9]{3,}", word) and word in re.findall(r"[\w.+-]+", doc.title or "")):
        return k + 1
    return None


def _second_predicate(words: list[str]) -> bool:
    """Whether "and" is followed by a finite verb ("and keeps", "and focused"): the words go on into a second
    predicate of the sentence's subject."""
    from .english import tense_of, verb_lemma

    for k, word in enumerate(words[:-1]):
        nxt = words[k + 1]
        if word == "and" and re.fullmatch(r"[a-z]+(?:s|ed)", nxt):
            lemma = verb_lemma(nxt)
            if lemma and lemma not in ("be", "have") and tense_of(nxt, lemma) in ("VBZ", "VBD"):
                return True
    return False


def _post_name_subject(tagged: list[tuple[str, str]], ctx: Context) -> int | None:
    """Where a subject ends whose name the tagger reads as a common noun at the sentence's start ("Ingress
    controllers configure a layer 7 proxy …", "Ambient mode moves the L4 work …"): its first word is one the post
    writes capitalised mid-sentence or its title names, nouns follow, then a finite verb (or a bare verb after a
    plural noun); None otherwise."""
    k = 1 if tagged and tagged[0][0] == "The" else 0
    if len(tagged) < k + 3:
        return None
    first = tagged[k][0]
    if not re.fullmatch(r"[A-Z][a-z]+", first) or not (ctx.proper(first) or ctx.names_main_subject(first)):
        return None
    for j in range(k + 1, min(k + 4, len(tagged))):
        word, tag = tagged[j]
        if tag in ("VBZ", "VBD") or (tag in ("VB", "VBP") and tagged[j - 1][1] == "NNS"):
            return j
        if tag not in ("NN", "NNS", "NNP", "NNPS"):
            return None
    return None


# "The Proxy Protocol works by adding a header that …" → "How does the Proxy Protocol work?"
_WORKS_BY_RE = re.compile(r"^(?P<subj>(?:The )?[A-Z][\w.+-]*(?: [A-Za-z][\w.+-]*){0,3}) (?P<verb>works|work|operates|operate) by (?P<how>[a-z]+ing\b[^;:]{6,160}?)[.!]$")


def _works_by(text: str, i: int, doc: Document, ctx: Context) -> Draft | None:
    """"The Proxy Protocol works by adding a header …" → "How does the Proxy Protocol work?" (By adding a header …)."""
    m = _WORKS_BY_RE.match(text)
    if m is None or not _plain_noun_phrase(m.group("subj")) or not re.search(r"[A-Z]", m.group("subj")[1:]):
        return None
    plural = not m.group("verb").endswith("s")
    lemma = "work" if m.group("verb").startswith("work") else "operate"
    question = f"How {'do' if plural else 'does'} {_mid_sentence(m.group('subj'))} {lemma}?"
    return _draft(WORKS, question, "By " + m.group("how"), i)


def _property(text: str, i: int, doc: Document, ctx: Context) -> Draft | None:
    """"The default port of the ztunnel proxy is 15008." → "What is the default port of the ztunnel proxy?": a
    property of a named thing, asked with the name."""
    m = _PROPERTY_RE.match(text)
    if m is None or re.match(r"(?:the )?(?:reason|problem|issue|answer|question|result|idea|point|goal|thing)\b", m.group("comp")):
        return None
    subject = m.group("subj")
    if not re.search(r"(?<=\s)[A-Z]|[a-z][A-Z]|[A-Z]{2}|\d", subject[1:]) or re.search(r"\b(?:reason|problem|issue|thing|way|one)\b", subject):
        return None  # "The reason for the delay is …" names nothing; "The problem is …" leans on the post
    from ..segment.pos import tag_sentence

    if any(t.startswith("VB") or t in ("PRP", "PRP$") for _, t in tag_sentence(subject)[1:]):
        return None  # a clause inside the subject ("The way Istio handles it")
    return _draft(PROPERTY, f"What {m.group('be')} {_mid_sentence(subject)}?", m.group("comp"), i)


def _in_release(text: str, i: int, doc: Document, ctx: Context) -> Draft | None:
    """"Multiple network interfaces support will be available in Istio release 1.1." → "In which version of Istio
    will multiple network interfaces support be available?" (Istio 1.1.)."""
    m = _IN_RELEASE_RE.match(text)
    if m is None or re.search(r"\b(?:which|that|who|there|it|they|this|these|those|we|you|our|your)\b", m.group("subj"), re.IGNORECASE):
        return None
    first, _, more = m.group("aux").partition(" ")
    first = {"became": "did", "becomes": "does"}.get(first, first)
    more = {"became": "become", "becomes": "become"}.get(m.group("aux"), more)
    subject = m.group("subj")
    subject = subject if re.match(r"[A-Z][\w.+-]*[A-Z0-9]|[A-Z]\w* [A-Z]", subject) else subject[0].lower() + subject[1:]
    question = " ".join(f"In which version of {m.group('product')} {first} {subject} {more} {m.group('rest')}?".split())
    release = f"{m.group('product')} {m.group('version')}."
    return Draft("when", RELEASE, question.replace(" ?", "?"), release, (i,), _CONFIDENCE[RELEASE])


def _basis(text: str, i: int, doc: Document, ctx: Context) -> Draft | None:
    """"All of the Istio control plane components are written in Go." → "What are all of the Istio control plane
    components written in?"; "NSM consists of …" → "What does NSM consist of?"."""
    m = _BASIS_RE.match(text)
    if m is None:
        return None
    subject = m.group("subj")
    if not re.search(r"(?<=\s)[A-Z]|^[A-Z][\w.+-]*[A-Z0-9]|[a-z][A-Z]|[A-Z]{2}|^[A-Z][a-z]+-[a-z]", subject) or not _plain_noun_phrase(subject):
        return None
    if m.group("verb"):
        question = f"What {'do' if m.group('verb') == 'consist' else 'does'} {_mid_sentence(subject)} consist of?"
    else:
        question = f"What {m.group('be')} {_mid_sentence(subject)} {m.group('part')}?"
    return _draft(BASIS, question, m.group("obj"), i, shortest=1)


def _plain_noun_phrase(subject: str) -> bool:
    """No verb, pronoun, relative word or presupposing word inside: "all of the Istio control plane components"
    is one; "There is a Kube-proxy which" and "the way it handles" are not."""
    from ..segment.pos import tag_sentence

    if re.search(r"\b(?:which|that|who|there|it|they|this|these|those|we|you|our|your)\b", subject, re.IGNORECASE):
        return False
    return not any(t.startswith("VB") and t != "VBN" or t in ("PRP", "PRP$", "MD") for _, t in tag_sentence(subject)[1:])


def _when_passive(text: str, i: int, doc: Document, ctx: Context) -> Draft | None:
    """"A formal proposal for adding sidecar support in Kubernetes was raised in 2019." → "When was a formal
    proposal for adding sidecar support in Kubernetes raised?" (In 2019.): the subject names a thing."""
    m = _WHEN_PASSIVE_RE.match(text)
    if m is None or not re.search(r"(?<=\s)[A-Z]|[a-z][A-Z]|[A-Z]{2}", m.group("subj")):
        return None
    question = f"When {m.group('be')} {_mid_sentence(m.group('subj'))} {m.group('verb')}?"
    answer = m.group("when")
    return Draft("when", WHEN, question, answer[0].upper() + answer[1:], (i,), _CONFIDENCE[WHEN])


def _refers(text: str, i: int, doc: Document, ctx: Context) -> Draft | None:
    """"L4 refers to the transport layer of the OSI model." → "What does L4 refer to?"."""
    m = _REFERS_RE.match(text)
    if m is None or not re.search(r"[A-Z]{2}|[a-z][A-Z]|\d|^[A-Z][\w.+-]*$|^[A-Z]\w* [A-Z]", m.group("term")):
        return None  # a name or code ("L4", "mTLS", "Gateway API"), not "Fewer components"
    verb = re.search(r" (refers to|stands for|means) ", text)
    assert verb is not None
    lemma = {"refers to": "refer to", "stands for": "stand for", "means": "mean"}[verb.group(1)]
    return _draft(REFERS, f"What does {m.group('term')} {lemma}?", m.group("what"), i)


# Verbs too light to ask about with their object taken away ("What does X have for …?", "What does X make …?").
_LIGHT_LEMMAS = frozenset({"be", "have", "do", "get", "go", "come", "make", "take", "give", "say", "seem", "become", "keep",
                           "let", "help", "want", "need", "try", "see", "look", "find", "know", "think", "start", "begin",
                           "remain", "stay", "appear"})  # a copula's complement is no object ("Plague remained a …")
_OBJECT_START_TAGS = frozenset({"DT", "CD", "JJ", "JJR", "JJS", "NNP", "NNPS", "NNS", "PDT"})
_PARTICIPLE_OBJECT_RE = re.compile(r"^\w+ing\b")
_PLACE_PREPOSITIONS = frozenset({"for", "into", "to", "from", "on", "onto", "in", "across", "between", "through", "over",
                                 "at", "inside", "within", "per", "against"})


# Verbs of saying, feeling and announcing: "What did Istio announce?" has as many answers as the project has news.
_SAYING_LEMMAS = frozenset({"say", "tell", "think", "believe", "expect", "hope", "announce", "share", "thank", "love", "like",
                            "enjoy", "discuss", "mention", "note", "release", "publish", "launch", "welcome", "join", "attend",
                            "feel", "mean", "show", "demonstrate", "explain", "describe", "cover", "use", "run", "work"})


def _whole_object(tagged: list[tuple[str, str]], verb_at: int, text: str) -> str | None:
    """The object of "VERB OBJECT." when it runs to the end of the sentence as one noun phrase (with "of" and
    possessive attachments), or to a comma before a participle clause ("…, providing a cloud-native way …")."""
    from ..segment.pos import noun_phrases

    after = [(w, t) for w, t in tagged[verb_at + 1 :] if t != "."]
    cut = next((k for k, (w, t) in enumerate(after) if w == "," and k + 1 < len(after) and after[k + 1][1] == "VBG"), len(after))
    after = after[:cut]
    chunks = noun_phrases(after)
    if not after or not chunks or chunks[0][0] != 0 or after[0][1] not in _OBJECT_START_TAGS:
        return None
    end = chunks[0][1]
    for a, b in chunks[1:]:
        if a == end + 1 and after[end][0].lower() == "of":
            end = b
    if end != len(after):
        return None
    from .subject import _span

    start = text.find(after[0][0], len(" ".join(w for w, _ in tagged[: verb_at + 1])) - 1)
    return _span(text[start:], [w for w, _ in after]) if start >= 0 else None


def _object_with_place(tagged: list[tuple[str, str]], verb_at: int, text: str) -> tuple[str, str] | None:
    """(object, place) of "VERB OBJECT PREP …" when the object is a noun phrase (with "of" attachments) and the
    rest of the sentence a plain prepositional phrase: the question keeps the place, so it asks about one
    thing ("What does Kube-proxy create for each of the backend Pods in the Service?" → An iptables rule)."""
    from ..segment.pos import noun_phrases

    after = tagged[verb_at + 1 :]
    chunks = noun_phrases(after)
    if not chunks or chunks[0][0] != 0 or after[0][1] not in _OBJECT_START_TAGS:
        return None  # "lack support for …": a verb the tagger took for a noun starts no object
    end = chunks[0][1]
    for a, b in chunks[1:]:  # "several of the extensions", "the lifecycle of network gateways"
        if a == end + 1 and after[end][0].lower() == "of":
            end = b
    if end >= len(after) or after[end][1] not in ("IN", "TO") or after[end][0].lower() not in _PLACE_PREPOSITIONS:
        return None
    place = [w for w, _ in after[end:] if w not in (".", "!")]
    if len(place) < 3 or any(w in (",", ";", ":", "(", ")", "--") for w in place) or any(t.startswith("VB") for _, t in after[end:]):
        return None  # a second clause, a list or a participle after the place: the question would garble it
    if _second_predicate(place):
        return None  # "… into a per-node ztunnel and keeps L7 in …": a second predicate the tagger read as a noun
    from .subject import _span

    obj_words = [w for w, _ in after[:end]]
    start = text.find(obj_words[0], len(" ".join(w for w, _ in tagged[: verb_at + 1])) - 1)
    obj = _span(text[start:], obj_words) if start >= 0 else None
    place_text = _span(text[start + len(obj) :].lstrip(), place) if obj else None
    if obj is None or place_text is None or after[0][1] in ("PRP", "PRP$") or obj.split()[0].lower() in ("it", "them", "this", "that"):
        return None
    return obj, place_text


def _offset(text: str, verb: str, subject: str) -> int:
    at = text.find(verb, len(subject))
    return at + len(verb) if at >= 0 else len(text)


def _lets(subj: str, aux: str, lemma: str, tail: str, i: int) -> Draft | None:
    """"X lets you run Y" → "What does X let users do?"; "X enables teams to ship …" → "What does X enable teams to do?"."""
    m = re.match(r"(?P<who>(?:\w+\s+){0,2}?\w+)\s+(?:to\s+)?(?P<what>[a-z][\w-]*\b.*)$", tail)
    infinitive_object = re.match(r"(?P<who>[a-z][\w-]*(?:\s[a-z][\w-]*)?)\s+to\s+(?P<what>[a-z].*)$", tail)
    if lemma in ("allow", "enable", "empower") and infinitive_object:
        m = infinitive_object  # "enables implementations to manage …": whoever is enabled, then what they do
    if m and (m.group("who").split()[-1].lower() in _WHO or m is infinitive_object):
        who = m.group("who")
        who = "users" if who.lower() == "you" else who
        if re.search(r"\b(?:you|your|we|our)\b", who, re.IGNORECASE):
            return None
        answer = m.group("what")
        if lemma in ("allow", "enable", "empower") and not re.match(rf"{re.escape(m.group('who'))}\s+to\s", tail):
            return None  # "allows users access": no verb phrase to ask for
        infinitive = "to do" if lemma in ("allow", "enable", "empower") else "do"  # "allow users to do", "let users do"
        question = f"What {aux} {subj} {lemma} {who} {infinitive}?"
    else:
        # Not "X enables zero-trust networking" → "What does X enable?": judged ambiguous (a product enables many
        # things; 0 of 1 kept), where "What does X allow users to do?" names whom and asks what they do.
        return None
    return _draft(LETS, question, answer, i)


def _object(subj: str, aux: str, lemma: str, tail: str, i: int) -> Draft | None:
    """"Istiod replaces Pilot, Citadel and Galley" → "What does Istiod replace?"; "X adds support for Y" →
    "What does X add support for?"."""
    m = re.match(r"(?P<lead>(?:(?:experimental|native|first-class|full|basic|initial|built-in)\s+)?support\s+for)\s+(?P<obj>.+)$", tail)
    if m and lemma in ("add", "introduce", "provide"):
        question = f"What {aux} {subj} {lemma} {m.group('lead')}?"
        answer = m.group("obj")
    else:
        if re.match(r"(?:it|them|this|that|these|those|us|you|the following|following|a few|some|many|more|several ways)\b", tail, re.IGNORECASE):
            return None  # "What does Kubernetes provide? The following ways …": the answer is elsewhere
        question, answer = f"What {aux} {subj} {lemma}?", tail
    return _draft(OBJECT, question, answer, i)


def _used_for(subj: str, verb: str, tail: str, i: int) -> Draft | None:
    m = re.match(r"(?P<how>used|designed|meant|built)\s+(?P<prep>to|for)\s+(?P<what>.+)$", tail)
    if m is None:
        return None
    be = "are" if verb.lower() in ("are", "were") else "is"
    if m.group("prep") == "to":
        question = f"What {be} {subj} {m.group('how')} to do?"
    else:
        question = f"What {be} {subj} {m.group('how')} for?"
    return _draft(USED_FOR, question, m.group("what"), i)


_DEFINITION_RE = re.compile(
    r"^(?P<det>A|An)\s+(?P<term>[a-z][\w-]+(?:\s[a-z][\w-]+){0,2})\s+is\s+(?P<definition>(?:a|an|the)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:that|which|for|used|designed|responsible|where|with)\b.{8,}?)[.!]?$"
)


def _qualified_definition(text: str, i: int, doc: Document, ctx: Context) -> Draft | None:
    """"A waypoint proxy is an optional proxy that …" → "What is a waypoint proxy in Istio?": a common-noun term
    is asked with the product the post is about, else the question fits any product's waypoint proxies."""
    m = _DEFINITION_RE.match(text)
    if m is None:
        return None
    product = ctx.product()
    if product is None or product.casefold() in m.group("definition").casefold():
        return None  # no product to qualify it with, or the answer would name it (leaky)
    question = f"What is {m.group('det').lower()} {m.group('term')} in {product}?"
    return _draft(QUALIFIED, question, m.group("definition"), i)


def _named_thing(subject: str, ctx: Context) -> bool:
    """The subject names a thing: not a person of the post, no pronoun, not a number-led release."""
    from .cloze import _people, _person_like

    people = ctx.people if ctx.people is not None else _people(ctx.doc)
    ctx.people = people
    name = re.sub(r"^(?:The|A|An)\s+", "", subject)
    if _person_like(name, people) and not _product_name(name, ctx) or re.search(r"\d", name):
        return False  # "Istio 1.11 adds …" is asked by the version template
    return not re.search(r"\b(?:It|This|That|These|Those|They|We|You|I|Our|Your|Its|Their)\b", subject)


def _product_name(name: str, ctx: Context) -> bool:
    """"Envoy Gateway", "Istio Gateway" look like a person's first and last name; a word of a known product or a
    common noun at the end ("Gateway", "Mesh") says otherwise. The post's own people stay people."""
    from ..segment.pos import word_classes

    words = name.split()
    if name in (ctx.people or set()) or any(w in (ctx.people or set()) for w in words):
        return False
    return any(w in ctx.entity_class for w in words) or "NOUN" in word_classes(words[-1].lower())


def _mid_sentence(subject: str) -> str:
    return re.sub(r"^(The|A|An|All|Most|Many|Some|Every|Each|Both)\b", lambda m: m.group(1).lower(), subject)


def _draft(template: str, question: str, answer: str, i: int, *, shortest: int = 2) -> Draft | None:
    """The draft, unless its answer is too short or long, points outside the card, or strings on a second point;
    ``shortest``: a name or a number may be the whole answer ("15008", "Envoy")."""
    answer = answer.strip(" ,;:")
    words = answer.split()
    shortest = 1 if template == PROPERTY else shortest
    if not shortest <= len(words) <= _MAX_ANSWER_WORDS or _LEANING_ANSWER_RE.search(answer):
        return None
    if re.search(r"[,;:]\s*(?:which|so|and then|but)\b|\s(?:while|whereas)\s", answer):
        return None  # a second point tacked on: the card would ask for half of it
    return Draft("what", template, " ".join(question.split()), answer, (i,), _CONFIDENCE[template])
