"""Point cues: a line's wording as one input of the keep model (summarize/score/cues.py, tools/keep_cues.py)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import summarize
from summarize._resources import data_text
from summarize.score.cues import CueModel, ngrams, shipped_cue_model, vocabulary
from summarize.score.keep import KEEP_INPUTS, shipped_keep_model
from summarize.score.takeaways import combine, edited, features, keep_inputs, register_of, shipped_weights

from strategies import en_sentence, zh_sentence

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def test_english_grams_mark_the_opening_and_read_digits_as_one() -> None:
    """ "So we …" opens the line (its own feature), case is ignored, and 12 and 3 are the same digit."""
    grams = ngrams("So we moved from 12 pods to 3.", "en")
    assert {"^so", "^so we", "so we", "moved from", "from 0", "0 pods", "pods to", "to 0"} <= grams
    assert "^we" not in grams and "So" not in grams
    assert ngrams("So we moved from 12 pods to 3.", "en") == ngrams("so WE moved from 7 pods to 40!", "en")


def test_chinese_grams_are_character_pairs_and_triples_with_words_kept_whole() -> None:
    grams = ngrams("后来改成了异步 Kafka 写入。", "zh")
    assert {"^后来", "后来", "改成", "改成了", "kafka", "写入"} <= grams
    assert "了异步" in grams and "异步写" not in grams  # a run ends at the English word


@given(st.one_of(en_sentence(), st.lists(en_sentence(), min_size=1, max_size=3).map(" ".join)))
@settings(max_examples=60, deadline=None)
def test_a_score_is_the_bias_plus_each_present_gram_once(text: str) -> None:
    """Presence, not counts: saying a line twice adds only the pair across the join (and the opening pair, when the
    line was one word), and a table's score is exactly its bias plus the weights of the line's grams (unknown grams
    count nothing)."""
    grams = ngrams(text, "en")
    table = {g: float(len(g) % 5) - 2.0 for g in sorted(grams)[::2]}
    table["never seen gram"] = 100.0
    model = CueModel(table, 0.25)
    assert model.score(text, "en") == pytest.approx(0.25 + sum(table.get(g, 0.0) for g in grams))
    doubled = ngrams(text + " " + text, "en")
    one_word = not any(" " in g for g in grams)
    assert grams <= doubled and len(doubled - grams) <= (2 if one_word else 1)


@given(zh_sentence())
@settings(max_examples=60, deadline=None)
def test_chinese_scores_ignore_digits_and_case(text: str) -> None:
    model = shipped_cue_model()
    assert model.score(text, "zh") == model.score(text.upper().replace("1", "9"), "zh")


def _plain_ngrams(text: str, lang: str) -> frozenset[str]:
    """The cue features by their definition, each gram added to the set one at a time in the order the module
    docstring gives (so the set's table, and the order it iterates in, are those of any code that adds them so)."""
    text = re.sub(r"\d+", "0", text.lower())
    if lang == "zh":
        runs = re.findall(r"[\u3400-\u9fff]+|[a-z0-9]+", text)
        hanzi = "".join(r for r in runs if not r.isascii())
        order = ["^" + hanzi[:2]] if hanzi else []
        for r in runs:  # a Latin word or number whole; a run of hanzi as its pairs, then its triples
            order += [r] if r.isascii() else [r[k:k + 2] for k in range(len(r) - 1)] + [r[k:k + 3] for k in range(len(r) - 2)]
    else:
        w = re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", text.replace("’", "'"))
        order = (["^" + w[0]] + (["^" + w[0] + " " + w[1]] if len(w) > 1 else []) if w else []) + w
        order += [w[k] + " " + w[k + 1] for k in range(len(w) - 1)]
    grams: set[str] = set()
    for g in order:
        grams.add(g)
    return frozenset(grams)


@given(st.one_of(zh_sentence(), en_sentence(), st.lists(zh_sentence(), min_size=1, max_size=4).map("".join),
                 st.text(max_size=40)),
       st.sampled_from(["en", "zh"]))
@settings(max_examples=150, deadline=None)
def test_grams_and_scores_are_the_plain_statements(text: str, lang: str) -> None:
    """The same grams put in the set in the same order (so the set iterates alike and a score adds its weights in
    the same order: the same float to the last bit), and a remembered score is the one a fresh model gives."""
    plain = _plain_ngrams(text, lang)
    assert ngrams(text, lang) == plain and list(ngrams(text, lang)) == list(plain)
    shipped = shipped_cue_model()
    expected = shipped.bias + sum(shipped.weights.get(g, 0.0) for g in plain)
    fresh = CueModel(shipped.weights, shipped.bias)
    assert fresh.score(text, lang) == expected and fresh.score(text, lang) == expected  # computed, then remembered
    assert shipped.score(text, lang) == expected


def test_the_memo_is_bounded_and_not_part_of_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its size the memo starts again (so a caption file of a million distinct lines holds a bounded number of
    them); two models with the same table are equal whatever each remembers."""
    from summarize.score import cues

    monkeypatch.setattr(cues, "_MEMO_SIZE", 3)
    model = CueModel({"we": 1.0, "moved": 0.5}, 0.25)
    lines = [f"we moved {w}" for w in ("a", "b", "c", "d", "e")]
    scores = [model.score(line, "en") for line in lines]
    assert scores == [1.75] * 5 and len(model._memo) <= 3
    assert model == CueModel({"we": 1.0, "moved": 0.5}, 0.25) and "_memo" not in repr(model)


def test_shipped_table_is_small_licensed_and_round_trips() -> None:
    raw = data_text("takeaways_cue_model.json")
    assert len(raw.encode()) < 1_000_000
    record = json.loads(raw)
    assert "Apache-2.0" in record["sources"]["pages"] and "zhaohuabing" not in record["sources"]["pages"]
    assert record["sources"]["writer_oracle_positives"] > 0 and record["sources"]["cue_verdict_texts"] > 0
    model = shipped_cue_model()
    assert CueModel.from_dict(model.to_dict()) == model
    assert all(" " not in g.strip() or g.count(" ") == 1 for g in model.weights)  # words and word pairs only


def test_keep_inputs_carry_the_cue_score_of_the_edited_line() -> None:
    """The keep model reads "cue" as the shipped table scores the line the reader would see (the edited text)."""
    doc = summarize.load("# Rollouts\n\nWe started talking to the team in March.\n\n"
                         "Instead of a big-bang cutover, roll out the new gateway one namespace at a time.\n")
    feats = features(doc)
    inputs = keep_inputs(doc, feats, combine(feats, shipped_weights()[register_of(doc)]))
    text = edited(doc)
    model = shipped_cue_model()
    assert inputs and all(values["cue"] == model.score(text[i], doc.sentences[i].lang) for i, values in inputs.items())
    assert "cue" in KEEP_INPUTS and shipped_keep_model().inputs == KEEP_INPUTS


def test_vocabulary_keeps_grams_seen_often_enough() -> None:
    lines = [("so we cut it", "en"), ("so we moved", "en"), ("we moved", "en")]
    assert vocabulary(lines, 2) == sorted({"so", "so we", "we", "^so", "^so we", "moved", "we moved"})


def test_the_fitter_learns_a_cue_its_labels_carry() -> None:
    """On made-up lines where "instead" marks the kept ones, the fitted table weighs "instead" up and the scene words
    down: the trainer fits what the labels say (tools/keep_cues.py, which needs SciPy: a tool's dependency, not the
    package's, so a fresh install without it skips this)."""
    pytest.importorskip("scipy", reason="tools/keep_cues.py fits with SciPy, which the package does not install")
    sys.path.insert(0, str(TOOLS))
    try:
        from keep_cues import fit_cues
    finally:
        sys.path.remove(str(TOOLS))
    kept = [f"Instead we cache the {w} tokens." for w in ("auth", "route", "mesh", "pod", "node", "quota")]
    dropped = [f"We started talking about the {w} last year." for w in ("auth", "route", "mesh", "pod", "node", "quota")]
    examples = [(t, "en", 1.0, 1.0, "p") for t in kept] + [(t, "en", 0.0, 1.0, "p") for t in dropped]
    model = fit_cues(examples, l2=1.0, min_count=2)
    assert model.weights["instead"] > 0 > model.weights["started"]
    assert model.score("Instead we shard the queue.", "en") > model.score("We started talking last year.", "en")
