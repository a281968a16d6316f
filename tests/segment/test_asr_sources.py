"""What the English boundary model may learn from: transcript turns only, licensed sources only, hold-outs kept out."""

from __future__ import annotations

import gzip
import json
import sys
from importlib import resources
from pathlib import Path

import pytest
from conftest import shared_path

from summarize.segment import asr
from summarize.segment.asr import unpunctuate

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import asr_speech_sources as sources  # noqa: E402
import train_asr_boundaries as trainer  # noqa: E402

PAGE = '''+++
title = "Episode 9: Meshes with Ada"
+++
Ada Lovelace joins Mark to talk about [service meshes](https://example.com/mesh). SHOWNOTESWORD.

##### Ada Lovelace
Ada is a bio line, BIOWORD.

## Transcript

{{< transcript "[MUSIC PLAYING] MARK: Hi, and welcome to episode 9. I'm Mark. And I'm here with Ada \\"the\\" Lovelace." >}}

ADA: Hi, Mark. Thanks for having me.

MARK: So what is a mesh? Tell us.
{{< /transcript >}}

FOOTERWORD after the transcript.
'''


def _data(name: str = asr.DATA_FILE) -> dict:
    return json.loads(gzip.decompress(resources.files("summarize").joinpath("data", name).read_bytes()))


def test_transcript_turns_reads_the_shortcode_and_the_turns_only() -> None:
    """Show notes, bio and whatever follows the closing shortcode are never read; labels and tags go in unpunctuate."""
    text = sources.transcript_turns(PAGE)
    assert text.splitlines()[0].startswith("[MUSIC PLAYING] MARK: Hi, and welcome")
    assert 'Ada "the" Lovelace.' in text
    for word in ("SHOWNOTESWORD", "BIOWORD", "FOOTERWORD", "example.com", "Transcript"):
        assert word not in text
    words, gold = unpunctuate(text)
    assert words == ("hi and welcome to episode 9 i'm mark and i'm here with ada the lovelace "
                     "hi mark thanks for having me so what is a mesh tell us")
    # "... episode 9." "I'm Mark." "... Lovelace." end of turn, "Hi, Mark." "... me." end, "So what is a mesh?"
    assert len(gold) == 6


def test_a_page_without_a_transcript_is_refused() -> None:
    with pytest.raises(ValueError, match="transcript"):
        sources.transcript_turns("Just show notes, no transcript.")


def test_blind_judging_fixtures_are_refused(tmp_path: Path) -> None:
    """The folders held out for blind judging this session (unseen12, unseen13) stop the build when named,
    whatever is in them."""
    for folder in sorted(sources.NEVER_FIXTURE_DIRS):
        with pytest.raises(SystemExit, match="blind judging"):
            sources.fixture_docs(tmp_path, (f"{folder}/talk.txt",))
    assert not any(Path(n).parts[0] in sources.NEVER_FIXTURE_DIRS for n in sources.FIXTURE_TRANSCRIPTS)


def test_an_unpunctuated_fixture_is_refused(tmp_path: Path) -> None:
    """A caption dump has no gold: read as speech it would teach 'no boundary anywhere', so it stops the build."""
    (tmp_path / "talk.txt").write_text(" ".join(["so we moved the cluster to the new region"] * 20) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="unpunctuated"):
        sources.fixture_docs(tmp_path, ("talk.txt",))


def test_fixture_speech_keeps_turns_after_the_show_notes(tmp_path: Path) -> None:
    """A podcast page: the description before the first labelled turn is not speech; timed labels are stripped."""
    page = (
        "# Episode 3\n\nThis week SHOWNOTESWORD we talk about queues.\n\n"
        "NADIA [00:00:04]: Hi, and welcome to episode 3. I'm Nadia.\n\n"
        "FELIX [00:00:09]: Hey, Nadia. Queues today?\n\n"
        "NADIA [00:00:12]: Queues today. Let's go.\n"
    )
    lines = sources.speech_lines(page, str(tmp_path / "episode.md"))
    assert lines == ["Hi, and welcome to episode 3. I'm Nadia.", "Hey, Nadia. Queues today?", "Queues today. Let's go."]


def test_every_listed_fixture_is_punctuated_english_speech() -> None:
    """Each fixture the trainer reads yields speech with gold boundaries, and none of the hand list's exclusions."""
    docs = sources.fixture_docs(ROOT / "tests" / "fixtures")
    assert len(docs) == len(sources.FIXTURE_TRANSCRIPTS)
    for doc in docs:
        words, gold = unpunctuate(doc.text)
        assert len(words.split()) >= 300 and len(words.split()) / (len(gold) + 1) < 20, doc.doc_id
        assert "-asr." not in doc.doc_id and "/zh" not in doc.doc_id


def test_gcppodcast_episodes_read_transcripts_only() -> None:
    """On the real pages: every SOURCES.tsv episode yields its transcript, none of its show-note links or shortcodes."""
    corpus_dev = shared_path("corpus-dev")
    docs = sources.gcppodcast_docs(corpus_dev)
    assert len(docs) >= 2
    for doc in docs:
        assert doc.source == sources.GCPPODCAST and doc.commit and doc.doc_id.startswith("gcppodcast:episode-")
        assert "](" not in doc.text and "{{<" not in doc.text and "audioFile" not in doc.text
        assert "welcome to episode" in doc.text.splitlines()[0].casefold()


def test_held_out_and_repeated_transcripts_in_training_and_provenance(tmp_path: Path) -> None:
    """A held-out transcript is logged and never trained on; a repeated one is recorded once, with its licence."""
    fixtures = ROOT / "tests" / "fixtures"
    names = sources.FIXTURE_TRANSCRIPTS[:2]
    speech = sources.fixture_docs(fixtures, names)
    docs, skipped = trainer.read_speech_docs(speech, {f"fixtures:{names[0]}"})
    assert [d.row_id for d in docs] == [f"fixtures:{names[1]}"] and skipped == [f"fixtures:{names[0]}: held out"]
    record = trainer.provenance(docs * 3)
    assert record[0]["documents"] == [f"fixtures:{names[1]}"] and record[0]["license"] == "MIT"
    assert record[0]["words"] == len(docs[0].words)
    assert "this project's own fixture transcripts (MIT)" in trainer.licence_statement(docs)


def test_shipped_data_records_only_allowed_sources() -> None:
    """Every source the shipped weights name is in the trainer's ALLOWED_SOURCES with its licence, the
    attribution names each, and no held-out document (meeting or transcript) is among the trained ones."""
    data = _data()
    allowed = {(name, licence) for name, licence, _where in trainer.ALLOWED_SOURCES.values()}
    held = set(data["built"]["holdout"])
    for source in data["source"]:
        assert (source["dataset"], source["license"]) in allowed
        assert source["license_source"] and source["documents"] and source["words"] > 0
        for doc in source["documents"]:
            assert doc not in held and doc.split("-", 2)[-1] not in held
            assert not any(part in sources.NEVER_FIXTURE_DIRS for part in Path(doc.split(":", 1)[-1]).parts)
    statement = data["license"]
    for needle, dataset in (("QMSum (MIT", "QMSum"), ("AMI Meeting Corpus (CC BY 4.0", "AMI Meeting Corpus"),
                            ("Google Cloud Platform Podcast transcripts (Apache-2.0",
                             "Google Cloud Platform Podcast transcripts"),
                            ("fixture transcripts (MIT)", "summarize test fixtures")):
        assert (needle in statement) == any(s["dataset"] == dataset for s in data["source"])


def test_measure_only_fixtures_are_never_trained_on() -> None:
    """The unseen10 transcripts are measured as text no model has seen: the trainer refuses them, neither shipped
    model lists them, and they are not among the training transcripts."""
    assert not set(sources.FIXTURE_MEASURE_ONLY) & set(sources.FIXTURE_TRANSCRIPTS)
    doc = sources.SpeechDoc(f"fixtures:{sources.FIXTURE_MEASURE_ONLY[0]}", sources.FIXTURES, "", "", "MIT",
                            sources.FIXTURES_DOMAIN, "Hello there. We moved.")
    with pytest.raises(SystemExit, match="FIXTURE_MEASURE_ONLY"):
        trainer.read_speech_docs([doc], set())
    for name in (asr.DATA_FILE, asr.PAUSE_FILE):
        trained = {d for s in _data(name)["source"] for d in s["documents"]}
        assert not {f"fixtures:{n}" for n in sources.FIXTURE_MEASURE_ONLY} & trained


def test_pause_model_keeps_the_boundary_models_sources_hold_out_and_features() -> None:
    """The comma model learns from the same licensed documents as the boundary model, minus the same hold-out,
    with the same feature templates, and records a threshold its trainer chose for precision."""
    pauses, boundaries = _data(asr.PAUSE_FILE), _data()
    assert pauses["templates"] == boundaries["templates"] == list(asr.TEMPLATES)
    assert pauses["built"]["holdout"] == boundaries["built"]["holdout"]
    assert pauses["license"] == boundaries["license"]
    allowed = {(name, licence) for name, licence, _where in trainer.ALLOWED_SOURCES.values()}
    assert {(s["dataset"], s["license"]) for s in pauses["source"]} <= allowed
    held = set(pauses["built"]["holdout"])
    assert not any(d in held or d.split("-", 2)[-1] in held for s in pauses["source"] for d in s["documents"])
    assert pauses["built"]["threshold_cv_precision"] >= pauses["built"]["hyperparameters"]["min_precision"] >= 0.7
