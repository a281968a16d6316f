"""English part-of-speech tags (Penn Treebank XPOS) and noun-phrase chunks.

Why a tagger of our own: the quiz needs real grammar (is this verb past or present, where
does the subject end, which words make one term) and NLTK's tagger needs ``nltk_data``, which
we never download. The weights are an averaged perceptron (Collins 2002; the feature set
follows Honnibal's "A good part-of-speech tagger in about 200 lines of Python", the design of
NLTK's ``PerceptronTagger``) trained by ``tools/train_pos_tagger.py`` on the UD English Web
Treebank and shipped as ``data/en_pos_tagger.json.gz``. That file is CC BY-SA 4.0 (derived
from UD English EWT, © Stanford University); it records its source, snapshot, command and
accuracy. Nothing loads until the first call.

Input is what our English word tokenizer gives (NLTK's Treebank tokenizer: ``don't`` → ``do``
``n't``, ``"`` → ````` / ``''``, hyphenated words whole); the training script retokenises the
treebank the same way (``read_conllu``) so the model sees at run time what it saw in training.
Punctuation helps but may be absent (``en_words`` drops it).

Tech writing is not the treebank's web text, so some tokens get a fixed tag before the model
looks at them (the next word's features see that tag):

- inline code, the tokens of a `` `...` `` span (```kubectl apply```) → ``NNP``: it names a thing;
- code-like tokens (``values.yaml``, ``foo_bar``, ``--set``, ``app.kubernetes.io/name``) → ``NNP``
  (not e-mail or web addresses, which the model tags ``ADD`` as the treebank does, nor dates);
- mixed case (``mTLS``, ``xDS``, ``eBPF``, ``HTTPRoute``, ``GatewayClass``) → ``NNP``, or ``NNPS``
  for a plural (``HTTPRoutes``, ``DaemonSets``; not ``GitOps``, ``GatewayClass``);
- fillers of speech (``um``, ``uh``) → ``UH``; an all-caps word ending in S (``TLS``) is never a plural;
- the one-word product names of ``data/truecase.txt`` as written (``Envoy``, ``Helm``, even first in
  a sentence), or lowercase when the lexicon knows no such English word (``istio``) → ``NNP``.

Other lowercase tool names (``kubectl``, ``istioctl``) are left to the model: lemminflect's
lexicon (a feature) tells it they are no English word, and they mostly come out ``NNP``/``NN``.
Acronyms (``API``, ``TLS``) are tagged as the treebank tags them. After the model, a sentence
with no finite verb gets one back where a greedy left-to-right tagger typically loses it
("the waypoint proxy handles L7 traffic": ``handles`` NNS → VBZ); on the treebank's dev set that
rule changes nothing, and all the rules together cost 0.08 points there (94.60 → 94.52).

Usage::

    tagged = tag_sentence("Istio picked Envoy over Nginx.")
    # [('Istio', 'NNP'), ('picked', 'VBD'), ('Envoy', 'NNP'), ('over', 'IN'), ('Nginx', 'NNP'), ('.', '.')]
    spans = noun_phrases(tagged)          # [(0, 1), (2, 3), (4, 5)] token spans, end exclusive
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .._resources import data_json_gz, data_lines
from ..errors import ResourceError
from .disfluency import _FILLERS_EN
from .en_tokens import treebank_tokens

__all__ = [
    "DATA_FILE",
    "FEATURES_VERSION",
    "NOUN_TAGS",
    "noun_phrases",
    "pos_tags",
    "read_conllu",
    "tag_sentence",
    "tokenize",
]

DATA_FILE = "en_pos_tagger.json.gz"
#: Bumped whenever ``features`` changes: a data file trained on other features is refused.
FEATURES_VERSION = 3
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})

Tagged = tuple[str, str]

_START = ("-START-", "-START2-")
_END = ("-END-", "-END2-")
_QUOTES = "\"`“”‘’«»"
_WORD_RE = re.compile(r"\w")
# Code: a word character, then one of _ = / :: ( or a dot between letters (values.yaml, not e.g.), or a --flag.
_CODE_RE = re.compile(
    r"^-{1,2}[A-Za-z]\w|\w(?:_|=|::|\()|^\.{0,2}/\w|\w/\w+/|[a-z0-9]\.[a-z][a-z0-9]*[a-z0-9](?:$|[./])"
)
_LETTER_RE = re.compile(r"[A-Za-z]")
_ADDRESS_RE = re.compile(r"@|^(?:https?:|www\.)")  # e-mail and web addresses: the treebank's ADD
_FILLER_RE = re.compile(_FILLERS_EN, re.IGNORECASE)
_MIXED_RE = re.compile(r"^[A-Za-z0-9]*(?:[a-z][A-Z]|[A-Z]{2,}[a-z]{2,})[A-Za-z0-9]*$")


# --------------------------------------------------------------------------- features


def core(token: str) -> str:
    """``token`` as the model knows it: quotes glued to it dropped (``“quoted”`` → ``quoted``), ’ as '.

    Clitics keep their apostrophe (``'s``, ``n't``); a token of punctuation only stays as it is.
    """
    token = token.replace("’", "'")
    stripped = token.strip(_QUOTES)
    if len(stripped) > 2 and stripped[0] == stripped[-1] == "'":
        stripped = stripped[1:-1]
    return stripped if stripped and _WORD_RE.search(stripped) else token


def norm(word: str) -> str:
    """The word as a feature: lowercase, numbers folded to !YEAR / !DIGITS."""
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[:1].isdigit():
        return "!DIGITS"
    return word.lower()


def shape(word: str) -> str:
    """Character classes with runs collapsed (``Istio`` → ``Xx``, ``mTLS`` → ``xX``, ``v1.2`` → ``xd.d``)."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


@functools.lru_cache(maxsize=1 << 16)
def word_classes(low: str) -> str:
    """The word classes lemminflect's lexicon allows for a lowercase word ("handles" → ``NOUN,VERB``).

    Why: the treebank has 200k words; the lexicon knows that "enforces" can only be a verb and
    "kubectl" is no English word, which is what a tagger most needs for words it never saw.
    """
    from lemminflect import getAllLemmas

    return ",".join(sorted(getAllLemmas(low))) or "-"


def features(words: Sequence[str], i: int, prev: str, prev2: str) -> list[str]:
    """Feature strings for word ``i`` of ``words`` (already ``core``d), given the two tags before it.

    Positions outside the sentence read as start/end markers. The trainer and the tagger both
    call this one function, so they cannot drift apart; changing it needs FEATURES_VERSION bumped
    and the model retrained.
    """
    word = words[i]
    low = norm(word)
    n = len(words)
    w_1 = norm(words[i - 1]) if i >= 1 else _START[0]
    w_2 = norm(words[i - 2]) if i >= 2 else _START[1]
    w1 = norm(words[i + 1]) if i + 1 < n else _END[0]
    w2 = norm(words[i + 2]) if i + 2 < n else _END[1]
    shp = shape(word)
    classes = word_classes(word.lower())
    return [
        "b",
        "w " + low,
        "s4 " + low[-4:],
        "s3 " + low[-3:],
        "s2 " + low[-2:],
        "p1 " + word[:1],
        "p3 " + low[:3],
        "sh " + shp + (" 0" if i == 0 else ""),
        "sh+1 " + (shape(words[i + 1]) if i + 1 < n else _END[0]),
        "ww+1 " + low + " " + w1,
        "w-1w " + w_1 + " " + low,
        "tw+1 " + prev + " " + w1,
        "lx " + classes,
        "lxt " + classes + " " + prev,
        "t " + prev,
        "t2 " + prev2,
        "tt " + prev + " " + prev2,
        "tw " + prev + " " + low,
        "w-1 " + w_1,
        "s-1 " + w_1[-3:],
        "w-2 " + w_2,
        "w+1 " + w1,
        "s+1 " + w1[-3:],
        "w+2 " + w2,
    ]


def shape_tag(token: str) -> str | None:
    """A fixed tag for code-like and mixed-case tokens (see the module docstring), else None."""
    if _CODE_RE.search(token) and _LETTER_RE.search(token) and not _ADDRESS_RE.search(token):
        return "NNP"
    if _MIXED_RE.match(token) and not token.isupper() and not token[1:].islower():
        plural = token.endswith("s") and token[-2:-1].islower() and not token.endswith(("ss", "us", "is", "Ops"))
        return "NNPS" if plural else "NNP"
    return None


def code_spans(tokens: Sequence[str]) -> set[int]:
    """Indices of tokens inside inline code (`` `kubectl apply` `` tokenised as ```kubectl``, ``apply```)."""
    inside: set[int] = set()
    start: int | None = None
    for i, tok in enumerate(tokens):
        opens = tok.startswith("`") and not tok.startswith("``")
        closes = tok.endswith("`") and not tok.endswith("``") and (len(tok) > 1 or start is not None)
        if start is None and opens:
            start = i
            closes = closes and len(tok) > 1
        if start is not None and closes:
            inside.update(range(start, i + 1))
            start = None
    return inside


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Model:
    """Averaged-perceptron weights and the tag dictionary of unambiguous frequent words."""

    weights: dict[str, dict[str, float]]
    tagdict: dict[str, str]
    tags: tuple[str, ...]
    names: frozenset[str] = frozenset()  # product and company names always tagged NNP (see ``names``)

    def predict(self, feats: Sequence[str]) -> str:
        """The best-scoring tag; ties go to the tag that sorts first, so tagging is deterministic."""
        scores: dict[str, float] = {}
        weights = self.weights
        for f in feats:
            table = weights.get(f)
            if table:
                for tag, w in table.items():
                    scores[tag] = scores.get(tag, 0.0) + w
        if not scores:
            return "NN"
        return min(scores.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    def is_name(self, word: str) -> bool:
        """A listed name as written ("Envoy", even first in a sentence), or lowercase if no English word ("istio")."""
        if word in self.names:
            return True
        return word.islower() and word in self.lowered_names and word_classes(word) == "-"

    @functools.cached_property
    def lowered_names(self) -> frozenset[str]:
        return frozenset(n.lower() for n in self.names)

    def tag(self, tokens: Sequence[str], *, rules: bool = True) -> list[str]:
        """One tag per token. ``rules=False`` turns off the code, shape and name rules (for measuring them)."""
        words = [core(t) for t in tokens]
        code = code_spans(tokens) if rules else set()
        prev, prev2 = _START
        out: list[str] = []
        for i, word in enumerate(words):
            tag = None
            if rules:
                if _FILLER_RE.fullmatch(word):
                    tag = "UH"  # "um", "uh" in transcripts: the treebank rarely has them
                else:
                    tag = "NNP" if i in code or self.is_name(word) else shape_tag(word)
            if tag is None:
                tag = self.tagdict.get(word) or self.predict(features(words, i, prev, prev2))
                if rules and tag in ("NNS", "NNPS") and word.isupper() and word.endswith("S"):
                    tag = "NNP"  # TLS, DNS, AWS: an acronym's final S is no plural (that is "APIs")
            out.append(tag)
            prev2, prev = prev, tag
        return _give_clause_a_verb(words, out) if rules else out


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_OBJECT_START = frozenset({"DT", "PRP$", "PRP", "JJ", "CD", "NN", "NNS", "NNP", "NNPS"})


def _give_clause_a_verb(words: Sequence[str], tags: list[str]) -> list[str]:
    """Read "the waypoint proxy forwards L7 traffic" with a verb: a greedy tagger calls "forwards" a noun.

    Left to right, "proxy forwards" looks like a compound noun, and the tagger cannot go back
    when no verb follows. When a sentence has no finite verb at all, the first plural noun that
    follows a noun, can be a verb (lemminflect) and is followed by the start of an object is
    retagged VBZ. Headings without an object ("Traffic management features") stay as they are.
    """
    if any(tag in _FINITE for tag in tags):
        return tags
    for i in range(1, len(tags) - 1):
        if (tags[i] == "NNS" and tags[i - 1] in NOUN_TAGS and tags[i + 1] in _OBJECT_START
                and words[i].islower() and "VERB" in word_classes(words[i]).split(",")):
            return [*tags[:i], "VBZ", *tags[i + 1 :]]
    return tags


def load_model(data: dict) -> Model:
    """A Model from the parsed data file (also used by the trainer to check what it wrote)."""
    if data.get("features_version") != FEATURES_VERSION:
        raise ResourceError(
            f"data file {DATA_FILE!r} has features version {data.get('features_version')!r}, this code "
            f"expects {FEATURES_VERSION}; retrain with tools/train_pos_tagger.py or reinstall summarize"
        )
    tags = tuple(data["tags"])
    weights = {f: {tags[int(k)]: v for k, v in table.items()} for f, table in data["weights"].items()}
    return Model(weights=weights, tagdict=dict(data["tagdict"]), tags=tags)


@functools.cache
def _model() -> Model:
    """The shipped tagger, read once on the first call (a few hundred milliseconds)."""
    return dataclasses.replace(load_model(data_json_gz(DATA_FILE)), names=names())


@functools.cache
def names() -> frozenset[str]:
    """One-word product and company names from ``data/truecase.txt`` (written for this project).

    Why: the treebank has never seen Istio or Envoy, and "Envoy handles mTLS" opens with a word
    the treebank knows as a common noun. Acronyms (API, TLS) are left to the model, which tags
    them as the treebank does; mixed case (mTLS) has its own rule.
    """
    out = set()
    for form in data_lines("truecase.txt"):
        if " " in form or "'" in form or form.rstrip("s").isupper() or not form[:1].isupper():
            continue
        out.add(form)
    return frozenset(out)


# --------------------------------------------------------------------------- public API


def tokenize(text: str) -> list[str]:
    """Treebank tokens of one English sentence, punctuation kept, curly apostrophes split like straight ones.

    The Treebank tokenizer splits ``it's`` but not ``it’s``, common in blog posts; we tokenise
    a copy with straight apostrophes and give back each token with the characters of ``text``,
    so a token can still be found in the sentence (quote marks come back as ````` / ``''``).
    """
    straight = text.replace("’", "'")
    tokens = treebank_tokens(straight)
    if straight == text:
        return tokens
    out: list[str] = []
    pos = 0
    for tok in tokens:
        at = straight.find(tok, pos)
        if at == -1:
            out.append(tok)
        else:
            out.append(text[at : at + len(tok)])
            pos = at + len(tok)
    return out


def pos_tags(tokens: Sequence[str]) -> list[Tagged]:
    """``[(token, tag)]`` with Penn Treebank tags, for tokens of one sentence as ``tokenize`` gives them.

    Tokens from ``en_words`` (punctuation dropped) work too, slightly less accurately. An empty
    sequence gives ``[]`` without loading the model.
    """
    if not tokens:
        return []
    return list(zip(tokens, _model().tag(tokens)))


def tag_sentence(text: str) -> list[Tagged]:
    """``pos_tags(tokenize(text))``: tags for one English sentence (a fresh list; the tagging is memoised,
    since the quiz's checks tag the same question and source sentence several times)."""
    return list(_tagged(text))


@functools.lru_cache(maxsize=8192)
def _tagged(text: str) -> tuple[Tagged, ...]:
    return tuple(pos_tags(tokenize(text)))


# Chunk grammar over one letter per tag: D determiner/possessive pronoun, P possessive 's,
# C number, J adjective, V participle, N common noun, M proper noun. A chunk is an optional
# determiner or possessor ("Istio's"), then modifiers, then one or more nouns; a participle
# modifies only after a determiner ("the running pod", not "Running Istio").
_LETTER = {
    "DT": "D", "PDT": "D", "PRP$": "D", "WP$": "D", "POS": "P", "CD": "C",
    "JJ": "J", "JJR": "J", "JJS": "J", "VBN": "V", "VBG": "V", "AFX": "J",
    "NN": "N", "NNS": "N", "NNP": "M", "NNPS": "M",
}  # fmt: skip
_NP_RE = re.compile(r"(?:D?[CJNM]*[NM]P|D)[CJVNM]*[NM]|[CJNM]*[NM]")


def noun_phrases(tagged: Sequence[Tagged]) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` (end exclusive) of base noun phrases, left to right, not overlapping.

    A base noun phrase: "the waypoint proxy", "Istio's ambient mode", "mutual TLS", "the Kubernetes
    Gateway API", "two clusters". It has a noun at its end and no clause or preposition inside
    ("the cost of sidecars" is two), so it is the unit a question's subject or object, or a
    cloze deletion, can take whole. Pronouns are not included: a card must not lean on them.
    """
    letters = "".join(_LETTER.get(tag, " ") for _, tag in tagged)
    return [m.span() for m in _NP_RE.finditer(letters)]


# --------------------------------------------------------------------------- training data


def read_conllu(path: Path) -> Iterator[list[Tagged]]:
    """``[(word, xpos)]`` sentences of a CoNLL-U file (gzip or plain), tokenised as our tokenizer does.

    UD splits "cloud-native" into ``cloud - native`` (the hyphen tagged HYPH); the Treebank
    tokenizer keeps it whole, so pieces joined by a hyphen without spaces are merged, taking the
    tag of the last piece (the head: "well-informed" VBN, "open-source" NN). Quote marks get
    the Treebank tokenizer's ````` / ``''``. Multi-word token lines and empty nodes are skipped
    (UD already lists "don't" as ``do`` ``n't``).
    """
    opener = gzip.open if path.suffix == ".gz" else open
    sentence: list[tuple[str, str, bool]] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if sentence:
                    yield _retokenize(sentence)
                    sentence = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            sentence.append((cols[1], cols[4], "SpaceAfter=No" in cols[9]))
    if sentence:
        yield _retokenize(sentence)


def _retokenize(sentence: list[tuple[str, str, bool]]) -> list[Tagged]:
    out: list[list] = []  # [word, tag, space_after]
    for word, tag, glued in sentence:
        if tag in ("``", "''") and not _WORD_RE.search(word):
            word = tag
        prev_hyphen = len(out) >= 2 and out[-1][0] == "-" and out[-1][1] == "HYPH" and not out[-1][2]
        if prev_hyphen and not out[-2][2] and _WORD_RE.search(word) and _WORD_RE.search(out[-2][0]):
            out.pop()
            out[-1] = [out[-1][0] + "-" + word, tag, not glued]
        else:
            out.append([word, tag, not glued])
    return [(w, t) for w, t, _ in out]
