"""What an English post or transcript loads: only what it needs (issue 16, the whole process against its floor).

Each check runs in a fresh interpreter, since the test session has imported everything already. Loading the
caption reader to say "not captions", or compiling patterns over the CJK ranges (``re`` builds such a class
one code point at a time, ~3 ms each) for text with no hanzi, cost a transcript about 30 ms of each run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"

_PROBE = """
import json, sys
import summarize
from summarize._text import lazy_pattern
summary = summarize.summarize(sys.argv[1])
from summarize.parse import blocks, furniture
from summarize.segment import zh
import summarize.segment as segment
lazy = {"zh._end_re": zh._end_re, "zh._latin_end_re": zh._latin_end_re, "segment._cjk_or_mark_re": segment._cjk_or_mark_re,
        "blocks._hanzi_re": blocks._hanzi_re, "furniture._bio_zh_re": furniture._bio_zh_re}
print(json.dumps({"modules": sorted(m for m in sys.modules if m.startswith(("summarize.", "lemminflect", "numpy"))),
                  "compiled": sorted(name for name, get in lazy.items() if get.cache_info().currsize),
                  "takeaways": len(summary.takeaways)}))
"""


def _probe(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_an_english_transcript_loads_no_caption_reader_and_compiles_no_chinese_pattern(tmp_path: Path) -> None:
    transcript = tmp_path / "talk.txt"
    transcript.write_text(
        "Alice: So we moved the control plane into its own cluster last spring.\n\n"
        "Bob: Right, and the sidecars talk to it over mTLS. Dr. Smith measured the latency for a month.\n\n"
        "Alice: It cost about two milliseconds a request, which we could live with.\n",
        encoding="utf-8",
    )
    found = _probe(transcript)
    assert found["takeaways"] > 0
    loaded = set(found["modules"])
    assert not loaded & {"summarize.parse.captions", "summarize.parse.cue_scan", "summarize.parse.cue_text",
                         "summarize.parse.caption_blocks", "summarize.segment.asr_zh"}
    assert found["compiled"] == []


def test_takeaways_load_no_tagger(tmp_path: Path) -> None:
    """The takeaways path reads English sentences by word shapes: a post whose lines open on "We ran it …" or carry a
    labelled lead-in must not load the POS model and lemminflect (with numpy, a second of start-up)."""
    post = tmp_path / "post.md"
    post.write_text(
        "# Upgrading the mesh\n\nWe ran it in dry-run against every release in the production clusters.\n\n"
        "We adopt Option C: a node agent DaemonSet and a gateway Deployment per cluster.\n\n"
        "Frame pointers: the case for turning them back on in every build of the fleet.\n\n"
        "Sidecars doubled the memory bill of small pods, so we moved most namespaces to ambient mode.\n",
        encoding="utf-8",
    )
    found = _probe(post)
    assert found["takeaways"] > 0
    assert not set(found["modules"]) & {"summarize.segment.pos", "lemminflect"}


def test_a_chinese_post_still_compiles_what_it_uses() -> None:
    """The other side: the lazy patterns are the ones Chinese text reaches (else laziness would hide a dead one)."""
    found = _probe(FIXTURES / "posts" / "ebpf-cilium.zh.md")
    assert found["takeaways"] > 0
    assert "zh._end_re" in found["compiled"]
