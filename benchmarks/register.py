"""Does punctuated text without fillers get read as speech? The spoken-register detector, per set.

Transcribed speech often arrives punctuated and free of "um" (Whisper, YouTube's auto-captions,
lecture captions), with no speaker labels: nothing but its language says it is speech. The
detector (``summarize.segment.disfluency.sounds_spoken``) counts sentences opening with a
discourse marker ("So", "And", "Okay") and first- and second-person words.

Spoken sets: QMSum, AMI and VCSum meetings (the thresholds were set between these and written
posts) and ICSI and VT-SSum (measured only), each with its speaker labels removed. Written sets:
CNN/DM news (measured only), and the long descriptions of the Python packages installed
where the benchmark runs (project READMEs: technical prose like the posts users summarise).
Missing paths are skipped.

Usage::

    python benchmarks/register.py --eval-dir ../shared/eval
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    add_common_arguments, command_line, from_root, markdown_table, publish, read_jsonl, sample_records,
)

SECTION = "register"
SPOKEN_SETS = (("qmsum", "qmsum/meeting_val.jsonl", None), ("ami", "ami/dev.jsonl", None),
               ("vcsum", "vcsum/segment_dev.jsonl", None), ("icsi", "icsi/dev.jsonl", None),
               ("vtssum", "vtssum/video_dev.jsonl", 150))
WRITTEN_SETS = (("cnndm", "cnndm/dev.jsonl", None),)
MIN_README_WORDS = 400


def without_labels(text: str) -> str:
    """A transcript as a recogniser without diarisation prints it: no speaker label at line starts
    (the reader's own label rule, so "We met at 10:30" keeps its words)."""
    from summarize.parse.speech import split_speaker_label

    lines = []
    for line in text.split("\n"):
        name, offset = split_speaker_label(line)
        lines.append(line[offset:] if name is not None else line)
    return "\n".join(lines)


def readmes() -> list[tuple[str, str]]:
    """(package, long description) of installed distributions with enough prose to judge."""
    out = {}
    for dist in metadata.distributions():
        name = dist.metadata.get("Name") or "?"
        body = dist.metadata.get_payload() or dist.metadata.get("Description") or ""  # type: ignore[attr-defined]
        if isinstance(body, str) and len(body.split()) >= MIN_README_WORDS:
            out.setdefault(name.lower(), body)
    return sorted(out.items())


def judge(text: str) -> tuple[bool, bool]:
    """(the detector alone, the scorer's register: detector or fillers) for one text."""
    from summarize.pipeline import load
    from summarize.score.takeaways import register_of
    from summarize.segment import reads_as_speech

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = load(text)
    return reads_as_speech(doc.sentences), register_of(doc) == "spoken"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(ap)
    ap.add_argument("--no-readmes", action="store_true",
                    help="leave out the installed packages' READMEs (they differ from machine to machine)")
    ns = ap.parse_args(argv)
    eval_dir = from_root(ns.eval_dir)

    started = time.perf_counter()
    groups: list[tuple[str, str, list[str]]] = []
    skipped = []
    for kind, specs in (("spoken", SPOKEN_SETS), ("written", WRITTEN_SETS)):
        for name, rel, sample in specs:
            path = eval_dir / rel
            if not path.exists():
                skipped.append(name)
                continue
            records = sample_records(read_jsonl(path), sample, name)
            texts = [without_labels(r["text"]) if kind == "spoken" else r["text"] for r in records]
            groups.append((name + (f" (sample of {sample})" if sample else ""), kind, texts))
    packages = [] if ns.no_readmes else readmes()
    if packages:
        groups.append((f"installed packages' READMEs ({len(packages)})", "written", [body for _, body in packages]))

    rows = []
    for name, kind, texts in groups:
        judged = [judge(t) for t in texts]
        detector = sum(d for d, _ in judged) / len(judged)
        register = sum(r for _, r in judged) / len(judged)
        rows.append([name, kind, len(texts), f"{detector:.2f}", f"{register:.2f}"])
        print(f"{name:40s} {kind:8s} n={len(texts):4d} detector {detector:.2f} register {register:.2f}", flush=True)
    table = markdown_table(["set", "really", "texts", "read as speech: detector", "register (detector or fillers)"], rows)
    lines = [
        "## Spoken register",
        "",
        f"Reproduce: `{command_line('register.py', list(argv) if argv is not None else sys.argv[1:])}`.",
        "",
        "Share of texts read as speech. Spoken sets have their `Name:` labels removed first, as a recogniser "
        "without speaker labels prints them. The detector needs 8 or more sentences in one language, at "
        "least 15% of them opening with a discourse marker (So, And, But, Yeah, Okay, Well, Now, Right …; "
        "10% for Chinese: 然后, 就是, 所以, 对，, 其实 …), and at least 0.5 first- or second-person words per "
        "100 words (per 100 characters of Chinese). The thresholds were set between the licensed meetings "
        "(QMSum, AMI, VCSum) and written posts (these READMEs; the project's Chinese posts). ICSI, VT-SSum "
        "and CNN/DM are measured only. "
        "The register column also counts filler-rich text.",
        "",
        table,
    ]
    if skipped:
        lines.append(f"Skipped (not found under {ns.eval_dir}): {', '.join(skipped)}.")
        lines.append("")
    lines.append(f"Run time {time.perf_counter() - started:.0f} s.")
    markdown = "\n".join(lines)
    publish(SECTION, markdown, ns.output, write=not ns.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
