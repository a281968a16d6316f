"""The bounded path for long inputs (score/bounded.py, issue 15): taken only past the threshold, and then it picks
sentences of the input, from its first pass's pool, while the scorer's rules read only that pool.

The real threshold (20,000 sentences) is far too big for a unit test: each test lowers it on the module, which
every caller reads at call time, and builds fresh documents (the scorer's memos are per document).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import caption_doc, markdown_doc, transcript_doc

from summarize.errors import SummarizeError
from summarize.pipeline import load, summarize
from summarize.score import bounded, editing
from summarize.score.analysis import analyse
from summarize.score.takeaways import edited, reserve_of, score_takeaways

_WORDS = ("mesh", "proxy", "sidecar", "gateway", "latency", "cluster", "policy", "certificate", "traffic", "tenant",
          "rollout", "envoy", "istio", "budget", "memory", "retry", "timeout", "canary", "upgrade", "quota")


def _post(n: int, seed: int = 0) -> str:
    """A plain post of ``n`` sentences of different words and lengths, some of them questions and fragments."""
    out = []
    for i in range(n):
        k = (i * 7 + seed) % len(_WORDS)
        words = [_WORDS[(k + j * 3) % len(_WORDS)] for j in range(3 + (i + seed) % 9)]
        end = "?" if i % 11 == 5 else "."
        out.append(f"We tuned the {' '.join(words)} for team {i}{end}")
        if i % 6 == 5:
            out.append("\n\n")
    return " ".join(out)


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "BOUNDED_ABOVE", 40)
    monkeypatch.setattr(bounded, "POOL_SIZE", 12)


def test_below_the_threshold_the_scope_is_every_sentence() -> None:
    """An ordinary post is scored exactly as before: the scope is the document's own tuple of sentences."""
    doc = load(_post(60))
    assert not bounded.is_long(doc)
    assert bounded.scope(doc) is doc.sentences
    assert isinstance(analyse(doc).terms, tuple)


def test_a_long_document_reads_only_its_pool(small_threshold: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the threshold the rules read the pool (and the sentence before each, for pairing), not the rest."""
    doc = load(_post(120))
    assert bounded.is_long(doc)
    pool = bounded.scope(doc)
    assert len(pool) == bounded.POOL_SIZE
    assert [s.id for s in pool] == sorted(s.id for s in pool)
    assert all(doc.sentences[s.id] is s for s in pool)
    read: list[int] = []
    real_edit = editing.edit

    def counting_edit(s, spoken):  # type: ignore[no-untyped-def]
        read.append(s.id)
        return real_edit(s, spoken)

    monkeypatch.setattr("summarize.score.takeaways.edit", counting_edit)
    scores = score_takeaways(doc)
    pool_ids = {s.id for s in pool}
    assert scores and set(scores) <= pool_ids
    assert set(read) <= pool_ids | {i - 1 for i in pool_ids}
    assert reserve_of(doc) <= pool_ids
    assert len(edited(doc)) == len(doc.sentences)  # a mapping over every sentence, filled only where asked


def test_the_first_pass_ranks_what_the_cheap_rules_let_through_first(small_threshold: None) -> None:
    """Questions and fragments enter the pool only when there are too few other sentences."""
    doc = load(_post(120))
    pool = bounded.scope(doc)
    assert not any(s.clean.rstrip().endswith("?") for s in pool)
    assert bounded.first_pass(doc, 12) == tuple(s.id for s in pool)  # deterministic


def test_lazy_analysis_equals_the_eager_one(small_threshold: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The long path's analysis tokenises on demand, with the same tokens and terms as the eager one."""
    text = _post(80)
    lazy = analyse(load(text))
    monkeypatch.setattr(bounded, "BOUNDED_ABOVE", 10_000)
    eager = analyse(load(text))
    assert isinstance(eager.terms, tuple) and not isinstance(lazy.terms, tuple)
    assert len(lazy.terms) == len(eager.terms)
    for i in reversed(range(len(eager.terms))):
        assert lazy.tokens[i] == eager.tokens[i]
        assert lazy.terms[i] == eager.terms[i]
    assert list(lazy.terms) == list(eager.terms)
    assert lazy.terms[-1] == eager.terms[-1]
    with pytest.raises(IndexError):
        lazy.terms[len(eager.terms)]


_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.one_of(markdown_doc(), caption_doc(), transcript_doc(), st.integers(41, 90).map(_post)))
def test_bounded_picks_are_sentences_of_the_input(text: str) -> None:
    """Whatever the input, the bounded path's takeaways are sentences of it, drawn from the pool, in order."""
    old = bounded.BOUNDED_ABOVE, bounded.POOL_SIZE
    bounded.BOUNDED_ABOVE, bounded.POOL_SIZE = 3, 4
    try:
        try:
            doc = load(text)
        except SummarizeError:
            return  # a caption file with no readable cue: nothing to score
        if not doc.sentences:
            return
        summary = summarize(doc, n=3)
        pool = {s.id for s in bounded.scope(doc)} if bounded.is_long(doc) else {s.id for s in doc.sentences}
    finally:
        bounded.BOUNDED_ABOVE, bounded.POOL_SIZE = old
    ids = [i for t in summary.takeaways for i in t.sentence_ids]
    assert ids == sorted(ids)
    for i in ids:
        assert 0 <= i < len(doc.sentences)
    # Each takeaway's main sentence is scored, so it is in the pool (a pair's anchor is its neighbour).
    assert all(t.sentence_ids[-1] in pool or t.sentence_ids[0] in pool for t in summary.takeaways)


@_SETTINGS
@given(st.one_of(markdown_doc(), caption_doc(), transcript_doc()))
def test_below_the_threshold_the_first_pass_never_runs(text: str) -> None:
    """For inputs at or under the threshold the bounded path is never taken (the first pass is not even called)."""
    try:
        doc = load(text)
    except SummarizeError:
        return
    real = bounded.first_pass

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the first pass ran on an ordinary input")

    bounded.first_pass = refuse  # type: ignore[assignment]
    try:
        assert len(doc.sentences) <= bounded.BOUNDED_ABOVE
        summarize(doc)
    finally:
        bounded.first_pass = real  # type: ignore[assignment]


def test_the_pool_does_not_depend_on_the_hash_seed() -> None:
    """The first pass sums in a fixed order: two processes with different hash seeds pick the same pool."""
    code = (
        "import sys\nfrom summarize.pipeline import load\nfrom summarize.score import bounded\n"
        "print(bounded.first_pass(load(sys.stdin.read()), 20))"
    )
    outs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], input=_post(150, seed=3), env=env, capture_output=True,
                              text=True, check=True)
        outs.add(done.stdout)
    assert len(outs) == 1 and outs.pop().startswith("(")


def test_the_first_pass_reads_a_repeated_line_as_it_reads_each_copy() -> None:
    """Each distinct (clean text, language) is read once: the pool is the one the per-sentence reading gives, which
    a copy of the document whose lines are all distinct (a zero-width space more per sentence, in text and clean
    alike, so no word, length, question or fluency changes) still takes."""
    import dataclasses

    lines = [f"We tuned the {w} proxy for the {v} team today." for w in _WORDS[:6] for v in ("blue", "red")]
    text = "\n\n".join(["## " + lines[0], *(lines * 4), "Did we tune the mesh proxy for the blue team today?",
                        "Gateway budget.", *lines[:5]])
    doc = load(text, fmt="markdown")
    assert not doc.spoken and all(s.clean == s.text for s in doc.sentences)
    assert len({s.clean for s in doc.sentences}) < len(doc.sentences) / 3
    distinct = [dataclasses.replace(s, text=s.text + "\u200b" * (s.id + 1), clean=s.clean + "\u200b" * (s.id + 1))
                for s in doc.sentences]
    copy = dataclasses.replace(doc, sentences=tuple(distinct))
    assert len({s.clean for s in copy.sentences}) == len(copy.sentences)
    for k in (1, 5, 12, 30):
        assert bounded.first_pass(doc, k) == bounded.first_pass(copy, k)
    heading = next(s.id for s in doc.sentences if s.kind == "heading")  # its text passes, as its paragraph copies do
    assert heading not in bounded.first_pass(doc, 30)
