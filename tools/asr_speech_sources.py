"""Punctuated talk and podcast transcripts for the English boundary model, as turn-a-line text.

Why apart from the trainer: the trainer and ``benchmarks/asr_boundaries.py`` must read the same
documents the same way (one held-out episode scored on text the trainer never saw), so both
import these readers instead of each keeping a copy.

Two sources, both licensed for what we ship (weights derived from the text, never the text):

- **gcppodcast** (Apache-2.0): Google Cloud Platform Podcast episode pages in
  ``../shared/corpus-dev/gcppodcast``, listed with repository, path and commit in
  ``../shared/corpus-dev/SOURCES.tsv``. Only the transcript is read: the first turn is the
  ``{{< transcript "…" >}}`` shortcode's argument, the rest is every line after it up to
  ``{{< /transcript >}}`` (or the end of the page). The show notes, links and bios above the
  shortcode are never read.
- **our fixtures** (the project's MIT licence): the punctuated English speech files listed in
  :data:`FIXTURE_TRANSCRIPTS`, read with the project's own reader (``summarize.parse``), so a
  label, a cue number or a time stamp goes exactly as it goes for a user's file. The folders
  held out for blind judging (:data:`NEVER_FIXTURE_DIRS`) are refused.

Each document comes back as text with one speaker turn, paragraph or caption run a line; a
line end is a gold boundary (``summarize.segment.asr.unpunctuate``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

GCPPODCAST = "GoogleCloudPlatform/podcast"
FIXTURES = "summarize:tests/fixtures"
GCPPODCAST_DOMAIN = "Podcast(gcppodcast)"
FIXTURES_DOMAIN = "Talk/podcast(fixtures)"

#: Fixture folders written for blind judging this session: never read, whatever the command line says.
NEVER_FIXTURE_DIRS = frozenset({"unseen12", "unseen13"})

#: The punctuated English speech among our fixtures (interviews, podcasts, panels, meeting exports,
#: punctuated SRT/VTT talks, Whisper-style talk text), chosen by reading each file. Left out: the
#: unpunctuated caption files (``*-asr.*``, ``unseen/meetup-talk-en.srt``, the YouTube dump
#: ``unseen8/talk-container-runtime-youtube-en.txt``: they are what the model is for, and carry
#: no gold), written posts, Chinese and bilingual files, and the two podcast pages whose
#: transcript sits inside ``<details>`` HTML the reader does not open
#: (``unseen4/podcast-mesh-telemetry-cost-en.md``, ``unseen8/podcast-workload-identity-en.md``).
FIXTURE_TRANSCRIPTS = (
    "unseen/interview-plain-en.txt",
    "unseen/podcast-episode-en.md",
    "unseen/release-lead-interview.md",
    "unseen2/interview-logs-en.txt",
    "unseen2/panel-multitenancy-en.md",
    "unseen2/podcast-ambient-en.md",
    "unseen2/talk-signing-en.srt",
    "unseen3/interview-oncall-en.txt",
    "unseen3/panel-edge-en.md",
    "unseen3/podcast-keda-en.md",
    "unseen3/talk-chaos-en.srt",
    "unseen4/interview-etcd-scaling-en.txt",
    "unseen4/panel-platform-adoption-en.md",
    "unseen4/talk-image-slimming-en.srt",
    "unseen5/fireside-falco-runtime-security-en.txt",
    "unseen5/interview-incident-reviews-en.txt",
    "unseen5/interview-registry-scale-en.txt",
    "unseen5/livestream-wasm-server-en.txt",
    "unseen5/meeting-cluster-api-review.en.vtt",
    "unseen5/panel-cost-allocation-en.md",
    "unseen5/podcast-karpenter-nodes-en.md",
    "unseen5/podcast-mtls-migration-en.md",
    "unseen5/talk-argo-rollouts-en.srt",
    "unseen8/interview-jobs-at-scale-en.txt",
    "unseen8/meeting-api-deprecations-otter-en.txt",
    "posts/kubecon-cost-talk.srt",
    "posts/platform-slo.vtt",
    "posts/wasm-podcast.txt",
    "posts/whisper-lecture.txt",
    "sites/gcp-style-podcast.md",
    "sites/k8s-release-interview.md",
    "sites/podcast-plain-transcript.txt",
    "sites/sig-spotlight.md",
    "sites/whisper-talk-en.txt",
)

#: Punctuated English speech of unseen10 (judged blind in an earlier session): never trained on, so the boundary
#: and comma benchmarks measure on it as on text no model has seen (``benchmarks/asr_boundaries.py``).
FIXTURE_MEASURE_ONLY = (
    "unseen10/fireside-long-term-metrics-otter-en.txt",
    "unseen10/interview-arm-nodes-en.txt",
    "unseen10/interview-mesh-egress-en.txt",
    "unseen10/livestream-scheduler-tuning-youtube-en.txt",
    "unseen10/meeting-thanos-compactor-postmortem-en.vtt",
    "unseen10/panel-feature-flags-at-scale-en.md",
    "unseen10/podcast-cardinality-control-en.md",
    "unseen10/podcast-openfeature-flags-en.md",
    "unseen10/talk-descheduler-en.srt",
)

#: A fixture read as speech must end a sentence at least once per this many words: a file that
#: does not is unpunctuated (no gold) and is refused rather than taught as one long sentence.
MAX_WORDS_PER_END = 30

_TRANSCRIPT_RE = re.compile(r'\{\{<\s*transcript\s+"((?:[^"\\]|\\.)*)"\s*>\}\}')
_TRANSCRIPT_END_RE = re.compile(r"\{\{<\s*/transcript\s*>\}\}")
#: "NADIA [00:00:04]:": a capitalised label with a time stamp, which the reader leaves in the text of a markdown page.
_TIMED_LABEL_RE = re.compile(r"^[A-Z][A-Z.' -]{1,30}\s*\[[\d:]+\]:\s+")
_END_RE = re.compile(r"[.?!][\"'”’)\]]*(?=\s|$)")


@dataclass(frozen=True)
class SpeechDoc:
    """One transcript: its id (``gcppodcast:EPISODE`` or ``fixtures:DIR/FILE``), provenance and turn-a-line text."""

    doc_id: str
    source: str  # key of the trainer's ALLOWED_SOURCES
    source_path: str
    commit: str
    license_note: str
    domain: str
    text: str


def transcript_turns(page: str) -> str:
    """The transcript of a gcppodcast episode page: the shortcode's first turn, then the lines after it.

    Raises ValueError when the page has no ``{{< transcript "…" >}}`` shortcode."""
    found = _TRANSCRIPT_RE.search(page)
    if not found:
        raise ValueError('no {{< transcript "..." >}} shortcode on the page')
    rest = page[found.end():]
    closing = _TRANSCRIPT_END_RE.search(rest)
    if closing:
        rest = rest[: closing.start()]
    first = re.sub(r"\\(.)", r"\1", found.group(1))
    return "\n".join(line.strip() for line in [first, *rest.splitlines()] if line.strip())


def gcppodcast_docs(corpus_dev: Path) -> list[SpeechDoc]:
    """Every gcppodcast episode that ``SOURCES.tsv`` lists, as transcript text (show notes left out)."""
    docs = []
    with (corpus_dev / "SOURCES.tsv").open(encoding="utf-8") as fh:
        rows = [row for row in csv.reader(fh, delimiter="\t") if row and row[0] == "gcppodcast"]
    for _site, repo, path, commit in rows:
        if repo != GCPPODCAST:
            raise SystemExit(f"SOURCES.tsv lists a gcppodcast page from {repo!r}; only {GCPPODCAST} (Apache-2.0) is allowed")
        page = (corpus_dev / "gcppodcast" / path).read_text(encoding="utf-8")
        episode = Path(path).parent.name
        try:
            text = transcript_turns(page)
        except ValueError as exc:
            raise SystemExit(f"{corpus_dev / 'gcppodcast' / path}: {exc}; leave the page out of SOURCES.tsv") from exc
        docs.append(SpeechDoc(f"gcppodcast:{episode}", GCPPODCAST, path, commit,
                              "Apache-2.0 (GoogleCloudPlatform/podcast LICENSE)", GCPPODCAST_DOMAIN, text))
    return docs


def speech_lines(text: str, source: str) -> list[str]:
    """The speech of a fixture, one turn, paragraph or caption run a line, read by ``summarize.parse``.

    A page with speaker turns keeps only what follows its first labelled turn (show notes come
    before it), and only the turns where the reader found the labels; a caption file or plain talk
    text keeps every prose block. Furniture (bios, link lists) never counts.
    """
    from summarize.parse import read_text
    from summarize.parse.speech import split_speaker_label

    doc = read_text(text, source=source)
    blocks = [b for b in doc.blocks if b.kind in ("paragraph", "caption", "quote") and b.furniture is None]
    labelled = [k for k, b in enumerate(blocks)
                if b.speaker or split_speaker_label(b.text)[0] or _TIMED_LABEL_RE.match(b.text)]
    if labelled:
        blocks = blocks[labelled[0]:]
    if any(b.speaker for b in blocks):
        blocks = [b for b in blocks if b.speaker]
    lines = (" ".join(_TIMED_LABEL_RE.sub("", b.text, count=1).split()) for b in blocks)
    return [line for line in lines if line]


def fixture_docs(fixtures: Path, names: tuple[str, ...] = FIXTURE_TRANSCRIPTS) -> list[SpeechDoc]:
    """The listed fixture transcripts; a blind-judging folder or an unpunctuated file is refused."""
    docs = []
    for name in names:
        if Path(name).parts[0] in NEVER_FIXTURE_DIRS:
            raise SystemExit(f"{name}: fixtures in {sorted(NEVER_FIXTURE_DIRS)} are held out for blind judging; never train on them")
        path = fixtures / name
        lines = speech_lines(path.read_text(encoding="utf-8"), str(path))
        text = "\n".join(lines)
        words, ends = len(text.split()), len(_END_RE.findall(text)) + len(lines)
        if not words or words / ends > MAX_WORDS_PER_END:
            raise SystemExit(f"{path}: {words} words and {ends} sentence ends read as unpunctuated speech; "
                             f"take it out of FIXTURE_TRANSCRIPTS (at most {MAX_WORDS_PER_END} words per end)")
        docs.append(SpeechDoc(f"fixtures:{name}", FIXTURES, f"tests/fixtures/{name}", "",
                              "MIT (this project; written for it)", FIXTURES_DOMAIN, text))
    return docs
