"""The per-sentence memos are for speed only: a result never depends on what was computed before it.

Tokens and terms are worked out once per distinct (language, clean text) of a document, and the
rejection rules, edits and leaning checks are memoised across documents. A key that left out an
input that matters (the language, whether the post is spoken, the token counts) would hand one
sentence another's result; these tests ask in both orders and against the unmemoised functions.
"""

from __future__ import annotations

from hypothesis import given, settings
from strategies import transcript_doc

from summarize.model import Sentence
from summarize.pipeline import load
from summarize.score import editing, quality, standalone
from summarize.score.analysis import analyse, sentence_terms
from summarize.segment import words

REPEATS = (
    "Alice: Yeah. We moved the control plane into its own cluster.\n"
    "Bob: Right. The sidecars talk to it over mTLS.\n"
    "Alice: Yeah. We moved the control plane into its own cluster.\n"
    "Bob: 对。我们把控制面迁到了独立的集群。\n"
    "Alice: 对。我们把控制面迁到了独立的集群。\n"
)


def _check_analysis(text: str) -> None:
    doc = load(text)
    analysis = analyse(doc)
    for s in doc.sentences:
        tokens = tuple(w.lower() for w in words(s))
        assert analysis.tokens[s.id] == tokens
        assert analysis.terms[s.id] == sentence_terms(s, tokens)


def test_repeated_sentences_get_their_own_tokens_and_terms() -> None:
    _check_analysis(REPEATS)
    assert len({s.clean for s in load(REPEATS).sentences}) < len(load(REPEATS).sentences)  # it does repeat


@settings(max_examples=10, deadline=None)
@given(transcript_doc())
def test_analysis_matches_each_sentence_worked_out_alone(text: str) -> None:
    _check_analysis(text)


def _sentence(text: str) -> Sentence:
    return load(text).sentences[0]


def test_edit_depends_on_spoken_whatever_was_asked_first() -> None:
    s = _sentence("Yeah, we moved the control plane into its own cluster.")
    for order in ((True, False), (False, True)):
        editing._edit.cache_clear()
        got = {spoken: editing.edit(s, spoken) for spoken in order}
        assert got == {spoken: editing._edit.__wrapped__(s.clean.strip(), False, spoken) for spoken in order}
    assert got[True] != got[False]  # the spoken edit drops "Yeah," and the written one keeps it


def test_rejection_depends_on_the_counts_whatever_was_asked_first() -> None:
    s = _sentence("The sidecars talk to the control plane over mutual TLS.")
    for order in ((3, 12), (12, 3)):
        quality._text_rejection.cache_clear()
        got = {n: quality.rejection(s, n_tokens=n, n_terms=n) for n in order}
        assert got == {n: quality._text_rejection.__wrapped__(s.clean.strip(), "en", n, n) for n in order}
    assert got[3] == "fragment" and got[12] is None


def test_leans_outside_depends_on_the_language() -> None:
    standalone.leans_outside.cache_clear()
    assert standalone.leans_outside("这就是原因。", "zh") is True
    assert standalone.leans_outside("这就是原因。", "en") is standalone.leans_outside.__wrapped__("这就是原因。", "en")


def test_the_terms_of_a_text_alone_depend_on_its_language_whatever_was_asked_first() -> None:
    """``sentence_terms`` of a probe (a heading, a tag) is memoised on (language, clean text): the same text
    in the other language gets its own terms, and each equals the terms worked out from the tokens."""
    from summarize.score import analysis

    text = "我们在生产环境使用服务网格"
    probes = [Sentence(id=0, text=text, lang=lang, block=0, start=0, end=len(text), line=1) for lang in ("en", "zh")]
    for order in (probes, probes[::-1]):
        analysis._text_terms.cache_clear()
        got = {s.lang: sentence_terms(s) for s in order}
        assert got == {s.lang: sentence_terms(s, tuple(w.lower() for w in words(s))) for s in order}
    assert got["en"] != got["zh"]  # Treebank keeps the hanzi run whole; jieba cuts it into words


def test_a_word_said_in_many_sentences_is_one_token_string() -> None:
    """Issue 15: tokens are interned, so a word a document repeats is held once (a 1M-cue caption file held a
    lowercased copy of "mesh" per cue); values are unchanged, only shared."""
    doc = load("Mesh one is up. The mesh two is down. MESH three waits.\n")
    tokens = analyse(doc).tokens
    meshes = [t for toks in tokens for t in toks if t == "mesh"]
    assert len(meshes) == 3 and all(t is meshes[0] for t in meshes)
