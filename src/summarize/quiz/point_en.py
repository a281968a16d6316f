"""Point cards: an English takeaway asked back by the grammar of its own clause.

The other generators fire on fixed sentence shapes ("X lets you …", "X is a Y that …", a passive's agent) and a
fixed list of verbs, so on pages the program had never seen most printed takeaways got no card at all (8 of 80
takeaways of the fresh written posts were asked about). A takeaway is the post's point as one clause:
a subject, a verb, and what the verb says of it. The part-of-speech tagger (:mod:`summarize.segment.pos`) finds
the three; the answer type the predicate holds picks the question:

* a change by an amount: "External API calls on a restart dropped by about 97%." → "By how much did external API
  calls on a restart drop?" (About 97%.); "… cut one team's series count by 35%" → "By how much did … cut one
  team's series count?";
* a change from one figure to another: "Sidecar CPU requests went from about 720 cores to about 95 cores." →
  "How did sidecar CPU requests change?" (From about 720 cores to about 95 cores.);
* a duration: "A typical upgrade takes about 90 minutes." → "How long does a typical upgrade take?";
* a means in a passive: "Clusters are created … by changing resources" → "How are clusters created …?";
* what the verb acts on: "With no webhook pod running, the API server rejected every pod creation, …" → "With no
  webhook pod running, what did the API server reject?"; "Kustomize can inflate Helm charts, and Helm …" → "What
  can Kustomize inflate?" (the first clause of two); "SLSA calls the missing piece provenance: …" → "What does
  SLSA call the missing piece?".

The question copies the subject and its frame as the post wrote them (do-support from the verb's tense, the
subject lowered when the post does not capitalise its first word), so it is as grammatical as the sentence. A
question is only made when it stands alone: the subject names no pronoun, person or demonstrative, presupposes
no sentence before ("also", "the same"), and the question names a thing (a product, an identifier, a figure, a
term the post defines); verbs that say little of their object ("have", "make", "use", "provide" of the post's own
product) make none. Spoken posts are asked from the takeaway as the summary printed it (fillers and false starts
gone), never from the raw caption. Every draft then passes the checks of :mod:`.checks` like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .context import Context
from .draft import Draft

#: Template ids (part of every card's stable id).
AMOUNT, FROM_TO, DURATION, COUNT, MEANS, OBJECT, NAMING, WHERE = (
    "point-by-how-much", "point-how-changed", "point-how-long", "point-how-many", "point-how-passive", "point-what-object",
    "point-what-called", "point-where",
)
TEMPLATES = frozenset({AMOUNT, FROM_TO, DURATION, COUNT, MEANS, OBJECT, NAMING, WHERE})
#: Template confidence (the ranker's main feature): a figure asked of a named change is the surest shape, what a
#: verb acts on the loosest (its answer may run on past the object).
_CONFIDENCE = {AMOUNT: 0.62, FROM_TO: 0.6, DURATION: 0.6, COUNT: 0.6, MEANS: 0.58, OBJECT: 0.55, NAMING: 0.6, WHERE: 0.58}

_SUBJECT_TAGS = frozenset({"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "HYPH", "VBG", "PRP$"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "CD"})
_OBJECT_START_TAGS = frozenset({"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "PDT", "VBG", "``"})
# Prepositions that attach a noun to the subject ("External API calls on a restart", "spend for the clusters").
_SUBJECT_PREPOSITIONS = frozenset({"of", "for", "on", "in", "with", "across", "per", "at", "from", "between", "to", "after",
                                   "during"})
_PRONOUNS = frozenset("i we you he she it they this that these those there me us him her them one".split())
_LEANING_RE = re.compile(r"\b(?:we|our|us|you|your|i|my|he|she|his|her|they|their|them|it|this|these|those|such|the same|"
                         r"also|too|as well|again|another|other|similar(?:ly)?|likewise|either|both|former|latter|above|below|"
                         r"here|there|then)\b", re.IGNORECASE)
# "Cluster Autoscaler kept …; Karpenter only ever launched …": adverbs kept between subject and verb.
_KEPT_ADVERBS = frozenset({"only", "ever", "already", "sometimes", "usually", "often", "typically", "automatically",
                           "first", "always", "mostly", "largely", "now", "still", "then", "fully", "directly"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "longer", "hardly", "rarely"})
# Verbs of a change in amount: "fell by 23%", "improved by around 35 milliseconds", "went from … to …".
_CHANGE_LEMMAS = frozenset({"fall", "drop", "rise", "grow", "increase", "decrease", "improve", "decline", "shrink", "climb",
                            "jump", "go", "slip", "plunge", "surge", "soar", "double", "halve", "spike", "dip", "move"})
# Verbs that change an object by an amount: "cut one team's series count by 35%".
_CHANGING_LEMMAS = frozenset({"cut", "reduce", "increase", "raise", "lower", "shrink", "improve", "decrease", "slash",
                              "trim", "speed", "boost", "grow", "drop"})
_DURATION_LEMMAS = frozenset({"take", "last"})
# Verbs whose object comes after "on": "works on node groups", "relies on etcd", "runs on spot capacity".
_ON_LEMMAS = frozenset({"work", "rely", "depend", "run", "build", "operate", "sit", "focus"})
_NAMING_LEMMAS = frozenset({"call", "name", "term", "dub"})
# Verbs that say little of what they act on: "What did X have?", "What does X use?" have many true answers.
_LIGHT_LEMMAS = frozenset({"be", "have", "play", "serve", "act", "do", "make", "get", "go", "come", "say", "tell", "see", "know", "think", "want",
                           "need", "seem", "become", "keep", "let", "allow", "enable", "help", "give", "take", "put",
                           "mean", "find", "try", "start", "begin", "stop", "like", "look", "feel", "use", "show",
                           "hit", "reach", "leave", "bring", "turn", "set", "include", "involve", "contain", "cover",
                           "face", "hear", "learn", "love", "hate", "prefer", "work", "own", "spend", "pay", "ask",
                           "feature", "lack", "miss", "follow", "mention", "read", "write", "call", "name", "term", "dub",
                           "matter", "cost", "last",
                           # what people do: "Tomás Varga leads developer platforms at …" is a bio, not a point
                           "lead", "join", "found", "host", "chair", "moderate", "interview", "speak", "present", "co-found"})
# Of the others, the verbs whose object is one of many when asked of the post's own product ("What does Istio
# provide?" has a dozen answers in a post about Istio).
_VAGUE_LEMMAS = frozenset({"provide", "offer", "support", "add", "introduce", "bring", "improve", "change", "handle",
                           "manage", "run", "deliver", "ship", "release", "do", "create", "build"})
_TIME_UNITS = r"(?:milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|quarters?|years?)"
_APPROX = r"(?:(?:about|around|roughly|approximately|nearly|almost|over|under|more than|less than|just over|just under|some|up to|at least|~)\s*)?"
_NUMBER = r"(?:\$|€|£)?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:%|percent|x|times|[KMGT]i?B|[kKMG]?bps|million|billion|thousand))?"
_AMOUNT_RE = re.compile(rf"^by\s+(?P<amount>{_APPROX}{_NUMBER}(?:\s+(?!(?:in|on|at|after|before|across|for|with|from|to|since|over|under|per|during|and|or|but|thanks|because|while|as)\b)[a-z][\w-]*){{0,2}})(?=$|[\s,;:.])")
_FROM_TO_RE = re.compile(rf"^from\s+(?P<from>{_APPROX}{_NUMBER}[^,;:]*?)\s+to\s+(?P<to>{_APPROX}{_NUMBER}(?:\s+(?!(?:in|on|at|after|before|across|for|with|from|since|over|under|per|during|and|or|but|thanks|because|while|as)\b)[a-z][\w-]*){{0,2}})(?=$|[\s,;:.])")
_DURATION_RE = re.compile(rf"^(?P<amount>{_APPROX}(?:\d[\d,.]*|a few|an?|one|two|three|four|five|six|ten|twenty|thirty)\s+(?:to\s+\d[\d,.]*\s+)?{_TIME_UNITS})\b")
_CLAUSE_END_RE = re.compile(r"\s*(?:;|:|\s[-–—]\s|,?\s+in order to\b|,\s+(?!including\b|such\b)[a-z]+ing\b|,\s*(?:and|but|so|while|whereas|which|because|although|though|since|as|yet|or|who|where|when)\b)")
# "412 service account keys", "over 3,000 attendees": a count of two digits or more with what it counts.
_COUNT_RE = re.compile(rf"^(?P<n>{_APPROX}\d{{1,3}}(?:,\d{{3}})+|{_APPROX}\d{{2,}})\s+(?!{_TIME_UNITS}\b)(?P<what>(?:[a-z][\w-]*\s+){{0,3}}[a-z][\w-]*s)\b(?![-'’])")
_MAX_ANSWER_WORDS = 25
# A time or frequency after the verb is no object: "scrapes every thirty seconds", "runs once a day", "ran last week".
_WHEN_RE = re.compile(rf"(?:(?:every|each|last|next|this|within)\s+(?:[\w,.-]+\s+)?{_TIME_UNITS}\b|(?:once|twice)\b|"
                      r"(?:daily|hourly|weekly|nightly|monthly|yearly)(?=\s*(?:$|[,.;]|(?:at|on|in|by|from|for|during|until)\b)))",
                      re.IGNORECASE)  # "runs nightly at 2 am", not "produces monthly CSV reports"
# "developers", "most teams", "the operator": people in general are no subject a card can name (whose developers?).
_GENERIC_PEOPLE_RE = re.compile(r"\b(?:users?|developers?|operators?|teams?|administrators?|admins?|engineers?|people|"
                                r"organi[sz]ations?|companies|customers?|clients?|folks|everyone|anyone|someone|authors?|readers?)\b",
                                re.IGNORECASE)
_MAX_SUBJECT_TOKENS = 12


#: Shapes the quiz does not print: blind judges rejected every such card on file (0 of 6; five "ambiguous", one
#: "trivial"). A measured result asked alone ("By how much did Sidecar memory requests fall?", "How did Sidecar CPU
#: requests change?", "How many service account keys did Marrowgate have?") belongs to one team's story and names
#: neither the team nor the change that made it, so a learner cannot tell what is asked. :func:`point_card` still
#: drafts them (its tests hold the shapes).
HELD_BACK = frozenset({AMOUNT, FROM_TO, COUNT})
#: Of those, the shapes a card may ask once it carries its story's context line (a title that names the change:
#: "Right-Sizing the Sidecar: How We Gave Back 700 Cores" above "How did Sidecar CPU requests change?"), and whose
#: answer that line does not give away. A count ("How many attendees joined?") stays held back: the story
#: does not make a head count worth learning.
STORY_SHAPES = frozenset({AMOUNT, FROM_TO})


def point_cards(ctx: Context, points: Sequence[tuple[tuple[int, ...], str]]) -> Iterator[Draft]:
    """Point cards of the printed takeaways ``points`` ((sentence ids, text as printed), best first), but for the
    :data:`HELD_BACK` shapes."""
    from .topic import carries_story

    for ids, text in points:
        for clause in _clauses(text):
            draft = point_card(clause, ids, ctx)
            if draft is None:
                continue
            told = draft.template in STORY_SHAPES and carries_story(draft.answer, ctx)
            if draft.template not in HELD_BACK or told:
                yield draft
                break


def _clauses(text: str) -> list[str]:
    """The takeaway, and its first clause alone when a second one follows (", and Helm can …", "; Karpenter …")."""
    text = " ".join(text.split())
    found = [text]
    m = re.match(r"^(?P<head>[^;:]{12,}?)(?:;\s|,\s+(?:and|but|while|whereas|so)\s)", text)
    if m:
        found.append(m.group("head").rstrip(",") + ".")
    return found


def point_card(text: str, ids: tuple[int, ...], ctx: Context) -> Draft | None:
    """The card of one clause (see the module), or None when no shape fits it safely."""
    from ..segment.pos import tag_sentence

    text = text.strip()
    if not re.search(r"[.!]$", text) or "?" in text:
        return None
    frame, body = _frame(_story_frame(text, ctx))
    if body is None:
        return None
    body = _story_subject(_tool_as_subject(body), ctx)
    tagged = [(w, t) for w, t in tag_sentence(body)]
    offsets = _offsets(body, [w for w, _ in tagged])
    if offsets is None:
        return None
    found = _subject_and_verb(tagged)
    if found is None:
        return None
    end, verb_at = found
    subject = body[: offsets[end - 1][1]].strip()
    if not _standalone_subject(subject, tagged[:end], ctx):
        return None
    adverbs = [w for w, _ in tagged[end:verb_at]]
    draft = _shape(body, tagged, offsets, subject, adverbs, verb_at, ctx)
    if draft is None:
        return None
    kind, template, question, answer = draft
    if frame:
        question = f"{frame}, {question[:1].lower()}{question[1:]}"
    # a measured change under its story's line ("External Secrets Operator 1.4" above "How did reconcile time after a
    # controller restart change?"): the line names the thing the figure belongs to
    told = template in STORY_SHAPES and ctx.story is not None
    if not (told or _names_a_thing(question, ctx) or _post_term(subject, ctx)):
        return None
    return Draft(kind, template, question, answer, ids, _CONFIDENCE[template])


# ----------------------------------------------------------------------------- reading the clause


_FRAME_RE = re.compile(r"^(?P<frame>(?:In|With|Without|After|Before|During|Since|Across|On|For|Under|Within|At|By|As of) [^,;:()]{2,60}?),\s+(?P<rest>.+)$")


def _frame(text: str) -> tuple[str, str | None]:
    """(frame, the clause after it): "With no webhook pod running, the API server …" keeps "With no webhook pod
    running" for the question (without it the fact is not true). A frame that points elsewhere ("In this case",
    "After that", "For us") leaves no card."""
    m = _FRAME_RE.match(text)
    if not m:
        return "", text
    frame = m.group("frame")
    if _LEANING_RE.search(frame) or re.search(r"\d", frame) and not re.search(r"[A-Za-z]{3}", frame.split()[-1]):
        return "", None
    rest = m.group("rest")
    return frame, rest


# "We use Velero to back up Kubernetes objects to object storage.": the tool does what it is used for.
_USE_TO_RE = re.compile(r"^(?:We|I|They|You|Our (?:team|platform)|The team)\s+(?:now\s+)?(?:use|used|rely on|relied on)\s+"
                        r"(?P<tool>[A-Z][\w.+-]*(?:\s[A-Z][\w.+-]*){0,2}|[a-z]+[A-Z][\w.+-]*)\s+to\s+(?P<verb>[a-z]+)\b(?P<rest>[^;:]+)$")


def _tool_as_subject(body: str) -> str:
    """"We use Velero to back up Kubernetes objects …" → "Velero backs up Kubernetes objects …": whoever "we" are,
    what the tool does is the post's point, and the tool names it."""
    from .english import _lemminflect

    m = _USE_TO_RE.match(body)
    if not m:
        return body
    third = _lemminflect().getInflection(m.group("verb"), "VBZ")
    if not third:
        return body
    rest = re.split(r"\s+and\s+to\s+", m.group("rest"), maxsplit=1)[0].rstrip(" .")  # the first job of two
    return f"{m.group('tool')} {third[0]}{rest}."


def _story_frame(text: str, ctx: Context) -> str:
    """"In our benchmark cluster with 5,000 objects, calls …" → "In the benchmark cluster …": as
    :func:`_story_subject`, for the frame before the clause."""
    m = _FRAME_RE.match(text)
    if not ctx.story or not m or not re.search(r"\bour\b", m.group("frame")):
        return text
    frame = re.sub(r"\bour\b", "the", m.group("frame"))
    return text if _LEANING_RE.search(frame) else f"{frame}, {m.group('rest')}"


def _story_subject(body: str, ctx: Context) -> str:
    """"Our first restore drill took 25 minutes …" → "The first restore drill took …" when the card will carry
    its story's context line (:attr:`Context.story`): the line says whose drill it was. Not of people ("our team",
    "our developers"): who they are is what the question would have to name."""
    m = re.match(r"^[Oo]ur\s+(?=\w)", body)
    if not ctx.story or not m or _GENERIC_PEOPLE_RE.match(body[m.end():]) or _LEANING_RE.match(body[m.end():]):
        return body
    return ("The " if body[0] == "O" else "the ") + body[m.end():]


def _offsets(text: str, words: list[str]) -> list[tuple[int, int]] | None:
    """Each token's (start, end) in ``text`` (the tokenizer writes quotes as `` and '')."""
    spans, at = [], 0
    for w in words:
        token = '"' if w in ("``", "''") else w
        k = text.find(token, at)
        if k < 0 and token == '"':
            k = min((x for x in (text.find(q, at) for q in "“”'") if x >= 0), default=-1)
            token = text[k] if k >= 0 else token
        if k < 0:
            return None
        spans.append((k, k + len(token)))
        at = k + len(token)
    return spans


def _subject_and_verb(tagged: list[tuple[str, str]]) -> tuple[int, int] | None:
    """(end of the subject, index of its finite verb) for a clause opening on a noun phrase, or None. The tagger
    reads many past tenses after a noun as participles ("latency improved"), and some nouns as verbs, so a past
    participle right after the subject is its verb when it is also a past tense form, and an -s word followed by a
    verb is the noun."""
    from ..segment.pos import word_classes

    if not tagged or tagged[0][0].lower() in _PRONOUNS:
        return None
    if tagged[0][1] == "VB" and len(tagged) > 1 and tagged[1][1] in ("NN", "NNS"):
        tagged[0] = (tagged[0][0], "NN")  # "Compute spend for the clusters fell …": a noun read as an imperative
    if tagged[0][1] not in _SUBJECT_TAGS:
        return None
    k = 1
    nouns = {i for i, (_, t) in enumerate(tagged) if t in _NOUN_TAGS}  # and the words re-read as nouns below
    while k < len(tagged) and k <= _MAX_SUBJECT_TOKENS:
        word, tag = tagged[k]
        prev = "NN" if k - 1 in nouns else tagged[k - 1][1]
        nxt = tagged[k + 1] if k + 1 < len(tagged) else ("", "")
        if tag == "RB" and prev in _NOUN_TAGS and not word.endswith("ly") and _past_form(word):
            tag = "VBD"  # "Sidecar memory requests fell by …": the tagger read the verb as an adverb
            tagged[k] = (word, tag)
        if tag in ("VBZ", "VBD", "VBP", "MD") or (tag == "VBN" and prev in _NOUN_TAGS and _past_form(word)):
            if word[:1].isupper() and tag != "MD":
                k += 1
                continue  # "Gravelpit Networks runs": a capitalised word is part of a name
            after = tagged[k + 2][1] if k + 2 < len(tagged) else ""
            if (word.endswith("s") and tag in ("VBZ",) and word.lower() not in ("is", "was", "has", "does") and _verb(nxt[0])
                    and (nxt[1] in ("VBD", "VBZ", "VBP", "MD") or (nxt[1] == "VBN" and after not in _NOUN_TAGS | {"JJ", "NN"}))):
                k += 1
                continue  # "Sidecar memory requests fell": the noun read as the verb
            adverbs = k
            while adverbs > 1 and tagged[adverbs - 1][1] == "RB":
                adverbs -= 1
            if prev not in _NOUN_TAGS and prev not in ("RB", "-RRB-"):
                return None
            if adverbs < k and adverbs - 1 not in nouns and tagged[adverbs - 1][1] != "-RRB-":
                return None
            return adverbs, k
        if tag == "NNS" and word.endswith("s") and "VERB" in word_classes(word.lower()) and nxt[1] in ("DT", "PRP$", "JJ", "CD", "NNS") and prev in _NOUN_TAGS and k > 1:
            return k, k  # "the waypoint proxy handles L7 traffic": a verb the tagger took for a plural noun
        if tag == "RB" and word.lower() in _KEPT_ADVERBS:
            k += 1
            continue
        if tag in ("IN", "TO") and word.lower() in _SUBJECT_PREPOSITIONS and nxt[1] in _SUBJECT_TAGS:
            k += 1
            continue
        if tag == "VBN" and (prev in ("DT", "JJ") or (prev in _NOUN_TAGS and word.isalpha() and not _participle(word))):
            nouns.add(k)
            k += 1
            continue  # "on a restart", "after a controller restart": a noun the tagger read as a participle
        if tag not in _SUBJECT_TAGS:
            return None
        k += 1
    return None


def _past_form(word: str) -> bool:
    from .english import verb_lemma, _lemminflect

    lemma = verb_lemma(word)
    return bool(lemma) and word.lower() in _lemminflect().getInflection(lemma, "VBD")


def _participle(word: str) -> bool:
    """Whether ``word`` is some verb's past participle ("restarted", "built"), not a noun the tagger misread ("restart")."""
    from .english import verb_lemma, _lemminflect

    lemma = verb_lemma(word)
    return bool(lemma) and word.lower() in _lemminflect().getInflection(lemma, "VBN")


def _verb(word: str) -> bool:
    from .english import verb_lemma

    return verb_lemma(word) is not None


def _standalone_subject(subject: str, tagged: list[tuple[str, str]], ctx: Context) -> bool:
    """The subject names what it is about on its own: no pronoun, no demonstrative, no possessive pointing to
    someone ("our", "its"), no word presupposing a sentence before, no person of the post."""
    from .cloze import _people, _person_like

    head = re.sub(r"^(?:the|a|an|most|many|some|all|our|your)\s+", "", subject, flags=re.IGNORECASE)
    if (_LEANING_RE.search(subject) or len(subject.split()) > _MAX_SUBJECT_TOKENS or _GENERIC_PEOPLE_RE.match(head)
            or (_GENERIC_PEOPLE_RE.search(subject) and not _named(subject, ctx))):
        return False
    if re.match(r"(?:a|an|any|every|each|some|many|most|all)\s", subject, re.IGNORECASE) and not _named(subject, ctx):
        return False  # "What does every object record?": every object of what? A generic subject names nothing
    if any(t == "PRP$" for _, t in tagged):
        return False
    from ..segment.pos import word_classes

    people = ctx.people if ctx.people is not None else _people(ctx.doc)
    ctx.people = people
    name = re.sub(r"^(?:The|A|An)\s+", "", subject)
    if name in people or any(part in people for part in name.split()):
        return False
    # "Maya Kaczorowski" is a person; "Cluster Autoscaler" opens on an English noun, so it names a thing
    return not (_person_like(name, people) and word_classes(name.split()[0].lower()) == "-")


def _named(text: str, ctx: Context) -> bool:
    """Whether ``text`` holds a name: a word the post capitalises mid-sentence, an acronym, a mixed-case or
    numbered identifier."""
    if any(w in ctx.proper_words or f"{w}." in ctx.proper_words or re.search(r"[A-Z]{2}|[a-z][A-Z]|\d|[_./]\w", w)
           for w in re.findall(r"[A-Za-z][\w+-]*(?:[./][\w+-]+)*", text)):
        return True
    # a name of several words the post capitalises mid-sentence ("Cluster Autoscaler")
    return any(" " in p and re.search(rf"(?<!\w){re.escape(p.rstrip('.'))}(?!\w)", text) for p in ctx.proper_words)


def _post_term(subject: str, ctx: Context) -> bool:
    """Whether the subject is a term of the post: two or three words it writes at least three times ("the
    management cluster" in a post on Cluster API), so the question is asked in the post's own vocabulary."""
    term = re.sub(r"^(?:the|a|an)\s+", "", subject, flags=re.IGNORECASE).casefold()
    if not 2 <= len(term.split()) <= 3:
        return False
    pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")
    return sum(len(pattern.findall(s.text.casefold())) for s in ctx.doc.sentences) >= 3


def _names_a_thing(question: str, ctx: Context) -> bool:
    """The question names what it is about: a product or identifier (:func:`.strict.names_a_thing`), or a term the
    post defines or is about."""
    from .predicate import asks_about_the_post, names_a_term
    from .strict import names_a_thing

    body = re.sub(r"^(?:\w+\s+){0,3}?(?:what|how|by how much|how many|how long)\s+", "", question, flags=re.IGNORECASE)
    return (names_a_thing(question, ctx.proper_words) or _named(body.rstrip("?"), ctx) or asks_about_the_post(question, ctx)
            or names_a_term(question, ctx))


# ----------------------------------------------------------------------------- the shapes


def _shape(body: str, tagged: list[tuple[str, str]], offsets: list[tuple[int, int]], subject: str, adverbs: list[str],
           verb_at: int, ctx: Context) -> tuple[str, str, str, str] | None:
    """(card type, template, question, answer) from the predicate after the subject, or None."""
    from .english import subject_text, verb_lemma

    if any(a.lower() in _NEGATIONS for a in adverbs):
        return None
    verb, tag = tagged[verb_at]
    k = verb_at + 1
    modal = ""
    if tag == "MD":
        if k >= len(tagged) or tagged[k][0].lower() in _NEGATIONS or tagged[k][1] != "VB":
            return None
        modal, verb, k = verb.lower(), tagged[k][0], k + 1
    lemma = verb_lemma(verb) or ""
    if not lemma or (k < len(tagged) and tagged[k][0].lower() in _NEGATIONS):
        return None
    subj = _mid_sentence(subject, ctx)
    adv = "".join(f" {a}" for a in adverbs)
    second = next((j for j in range(k + 1, len(tagged) - 1) if tagged[j][1] == "CC" and tagged[j + 1][1] in ("VBZ", "VBD", "VBP", "MD")), None)
    if second is None:  # "… two failed measurements, the Rollout goes to Degraded": a comma, then a clause of its own
        second = next((j for j in range(k + 1, len(tagged) - 2) if tagged[j][0] == "," and _subject_and_verb(list(tagged[j + 1 :])) is not None), None)
    if second is not None:  # "moves the L4 work into a ztunnel and keeps L7 in …": the first predicate only
        tagged = tagged[:second]
    tail = _cut(body[offsets[k][0] : offsets[second][0] if second is not None else None] if k < len(tagged) else "")
    if tail is None:
        return None
    if lemma == "be" and not modal:
        return _passive(verb, subj, adv, tagged[k:], tail)
    if lemma == "be" or (lemma == "do" and not modal):
        return None
    aux = modal or {"VBD": "did", "VBN": "did", "VBZ": "does", "VBP": "do"}.get(tag, "does" if verb.endswith("s") else "do")
    head = f"{aux} {subj}{adv} {lemma}"
    counted = _COUNT_RE.match(tail) if lemma not in _DURATION_LEMMAS else None
    if counted:
        # "Marrowgate had 412 service account keys …" → "How many service account keys did Marrowgate have?"
        return "how-many", COUNT, f"How many {counted.group('what')} {head}{_context(tail[counted.end():])}?", counted.group("n")
    if lemma == "have":
        return None
    past_or_now = lemma
    if lemma in _CHANGE_LEMMAS:
        m = _AMOUNT_RE.match(tail)
        if m:
            return "how-many", AMOUNT, f"By how much {head}{_context(tail[m.end():])}?", m.group("amount")
        m = _FROM_TO_RE.match(tail)
        if m:
            asked = "change" if lemma in ("go", "move") else past_or_now
            return "how-many", FROM_TO, f"How {aux} {subj}{adv} {asked}{_context(tail[m.end():])}?", f"From {m.group('from')} to {m.group('to')}"
    if lemma in _CHANGING_LEMMAS:
        m = re.match(rf"^(?P<object>(?:(?!\bby\b)[^,;:])+?)\s+by\s+(?P<amount>{_APPROX}{_NUMBER})(?=$|[\s,;:.])", tail)
        if m and not _LEANING_RE.search(m.group("object")):
            return "how-many", AMOUNT, f"By how much {head} {m.group('object')}?", m.group("amount")
    if lemma in _DURATION_LEMMAS:
        m = _DURATION_RE.match(tail)
        if m:
            return "how-many", DURATION, f"How long {head}{_context(tail[m.end():])}?", m.group("amount")
        return None
    if lemma == "spend":
        # "Harrowgate's team spent six weeks just measuring plaintext traffic …" → "How long did … spend just measuring …?"
        m = _DURATION_RE.match(tail)
        doing = re.match(r"\s+((?:just |only |mostly )?[a-z]+ing\b[^,;:]*)", tail[m.end():]) if m else None
        if m and doing:
            return "how-many", DURATION, f"How long {head} {doing.group(1).strip()}?", m.group("amount")
        return None
    if lemma in _ON_LEMMAS and re.match(r"on\s+(?!(?:it|them|this|that|top|average|demand|purpose)\b)[a-zA-Z]", tail):
        # "Cluster Autoscaler works on node groups: …" → "What does Cluster Autoscaler work on?" (Node groups.)
        what = tail[3:].strip()
        if 1 <= len(what.split()) <= 8 and not _PERSONAL_RE.search(what):
            return "what", OBJECT, f"What {head} on?", what
        return None
    if lemma in _NAMING_LEMMAS:
        return _naming(head, tagged[k:], tail)
    if lemma in _LIGHT_LEMMAS or (lemma in _VAGUE_LEMMAS and any(ctx.names_main_subject(w) for w in (subject, *subject.split()) if w[:1].isupper())):
        # "What does Istio 1.11 add?" in a post on Istio: a release of the post's product adds many things
        return None
    particle = ""
    if k < len(tagged) and tagged[k][1] == "RP":
        particle = " " + tagged[k][0]
        tail = tail[len(tagged[k][0]) :].strip()
        k += 1
    if k >= len(tagged) or tagged[k][1] not in _OBJECT_START_TAGS or tagged[k][0].lower() in _PRONOUNS:
        return None
    if re.match(r"(?:that|whether|how|what|which|who|where|when|why|if|to)\b", tail, re.IGNORECASE) or re.search(r"\bby\s+\S*\d", tail):
        return None  # a clause, not a thing, or a change by an amount of a verb not in the lists
    if not 1 <= len(tail.split()) <= _MAX_ANSWER_WORDS or _LEANING_RE.match(tail) or _PERSONAL_RE.search(tail):
        return None
    if _WHEN_RE.match(tail):
        return None  # "Prometheus scrapes every thirty seconds": how often, not what it acts on
    placed = _object_and_place(tagged[k:], tail)
    if placed is not None:  # "Karpenter sizes nodes to Pod requests" → "What does Karpenter size to Pod requests?"
        return "what", OBJECT, f"What {head}{particle} {placed[1]}?", placed[0]
    return "what", OBJECT, f"What {head}{particle}?", tail


# A verb's own preposition after its object: "sizes nodes to Pod requests", "records failures as a condition".
# ("on", "in", "with", "for" attach to the noun as often: "the layer cache on VM disks", "controllers for X".)
_PLACE_PREPOSITIONS = frozenset({"to", "into", "onto", "as", "through", "via"})
_OBJECT_TAGS = frozenset({"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "HYPH", "PDT"})
_PERSONAL_RE = re.compile(r"\b(?:we|our|us|you|your|i|my)\b", re.IGNORECASE)


def _object_and_place(rest: list[tuple[str, str]], tail: str) -> tuple[str, str] | None:
    """(object, the phrase after it) when a short noun phrase is followed by a preposition of the verb: the
    question keeps the phrase, so it asks for the object alone and names where or as what it goes."""
    n = 0
    while n < len(rest) and rest[n][1] in _OBJECT_TAGS and n < 6:
        n += 1
    if n == 0 or n >= len(rest) or rest[n - 1][1] not in _NOUN_TAGS or rest[n][0].lower() not in _PLACE_PREPOSITIONS:
        return None
    words = [w for w, _ in rest[:n]]
    m = re.match(r"\s*".join(re.escape(w) for w in words), tail)
    if m is None:
        return None
    obj, place = m.group(0), tail[m.end() :].strip()
    if len(place.split()) < 2 or len(place.split()) > 12 or _LEANING_RE.search(place) or re.search(r"[,(]|\band\b", place):
        return None
    if obj.lower().startswith(("a ", "an ")) and len(words) == 2 or any(w.lower() in ("its", "their") for w in words):
        return None  # "a node": a bare indefinite object is no fact to recall
    return obj, place


def _mid_sentence(subject: str, ctx: Context) -> str:
    """The subject as it reads inside a question: "External API calls" → "external API calls" (the post never
    capitalises "External" mid-sentence), "Kustomize" and "API server" stay."""
    from .english import subject_text

    words = subject.split()
    first = words[0]
    following = words[1] if len(words) > 1 else ""
    if (first[:1].isupper() and first[1:].islower() and not following[:1].isupper() and first not in ctx.proper_words
            and _written_lower(first, ctx)):
        return first.lower() + subject[len(first) :]  # "controller-runtime already exports …", "compute spend"
    if first[1:].islower() and first not in ctx.proper_words and first.lower() not in ctx.proper_words:
        from ..segment.pos import word_classes

        if word_classes(first.lower()) != "-":  # an English word, not a product's name
            return first.lower() + subject[len(first) :]
    return subject_text(subject.split(), ctx.proper)


def _written_lower(word: str, ctx: Context) -> bool:
    """Whether the post writes ``word`` in lower case mid-sentence ("… as controller-runtime does"): a takeaway that
    opens on it only capitalised it because a sentence starts there."""
    pattern = re.compile(rf"(?<=[\w,;:)]\s){re.escape(word.lower())}(?![\w-])")
    return any(pattern.search(s.text) for s in ctx.doc.sentences)


def _cut(tail: str) -> str | None:
    """The predicate up to where a second clause starts (", and we …", "; …", ", which …"), without the full stop."""
    tail = tail.strip()
    for m in _CLAUSE_END_RE.finditer(tail):
        before = tail[: m.start()]
        if before.count("(") == before.count(")") and before.count("[") == before.count("]"):
            tail = before  # not inside brackets: "(spot node loss, eviction, preemption: DisruptionTarget)"
            break
    tail = re.sub(r"[.!]+$", "", tail).strip(" ,")
    return tail or None


def _context(rest: str) -> str:
    """What follows the figure, kept in the question when it is a phrase of its own ("after removing the CPU
    limit", "in a quarter"); a side remark after a comma is not."""
    rest = rest.strip()
    if not rest or rest.startswith((",", ";", ":", "(")):
        return ""
    m = re.match(r"^(?:in|on|at|after|before|across|for|with|within|during|over|under|since|when|once|compared with|"
                 r"thanks to|per)\b[^,;:()]*", rest)
    if not m or _COUNTED_RE.search(m.group(0)) or _LEANING_RE.search(m.group(0)):
        return ""  # "across the three clusters": a second number muddles what is asked, "the three" points back
    return " " + m.group(0).strip()


_COUNTED_RE = re.compile(r"(?<![A-Za-z])\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?)\b", re.IGNORECASE)


def _passive(be: str, subj: str, adv: str, rest: list[tuple[str, str]], tail: str) -> tuple[str, str, str, str] | None:
    """"Clusters are created, scaled and deleted by changing resources" → "How are clusters created, scaled and
    deleted?" (By changing resources.)."""
    m = re.match(r"^(?P<verbs>[a-z]+ed(?:(?:,\s*|\s+and\s+|\s+or\s+)[a-z]+ed)*|[a-z]+en)\s*,?\s+(?P<means>by\s+[a-z]+ing\b.+)$", tail)
    if not rest or rest[0][1] not in ("VBN", "VBD"):
        return None
    if m:
        return "what", MEANS, f"How {be.lower()} {subj}{adv} {m.group('verbs')}?", m.group("means")
    placed = _WHERE_RE.match(tail)
    if placed and not _NOT_A_PLACE_RE.match(placed.group("place")) and not _LEANING_RE.search(placed.group("place")):
        # "Locality load balancing is enabled in the mesh configuration by default" → "Where is locality load
        # balancing enabled by default?" (In the mesh configuration.)
        rest_text = placed.group("rest") or ""
        return "what", WHERE, f"Where {be.lower()} {subj}{adv} {placed.group('verb')}{' ' + rest_text if rest_text else ''}?", placed.group("place")
    return None


_WHERE_RE = re.compile(r"^(?P<verb>[a-z]+(?:ed|en|wn|ept|ilt|ored))\s+(?P<place>(?:in|inside|on|under|within|at)\s+(?:the|a|an|each|every)\s+"
                       r"[^,;:()]{2,60}?)(?:\s+(?P<rest>by default|automatically))?$")
# "in order", "in parallel", "in 2019", "at least", "on demand": a manner, a time or a degree, not where
_NOT_A_PLACE_RE = re.compile(r"^(?:in|on|at|within|under)\s+(?:the\s+)?(?:order|parallel|practice|place|turn|particular|general|"
                             r"time|demand|least|most|once|future|past|end|beginning|meantime|same way|case|fact|theory|\d)", re.IGNORECASE)


def _naming(head: str, rest: list[tuple[str, str]], tail: str) -> tuple[str, str, str, str] | None:
    """"SLSA calls the missing piece provenance: a statement …" → "What does SLSA call the missing piece?"."""
    m = re.match(r"^(?P<object>(?:the|a|an)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)\s+(?P<name>[\"“][^\"”]+[\"”]|[A-Za-z][\w-]*(?:\s+[A-Z][\w-]*)*)$", tail)
    if not m or _LEANING_RE.search(m.group("object")):
        return None
    return "what", NAMING, f"What {head} {m.group('object')}?", m.group("name").strip("\"“”")
