"""Speed and memory of `summarize`: whole processes against their floor and against sumy, and growth to 1 MB.

Why this exists (issue 16): a user runs the process, not the library, so the targets are ratios
of whole processes measured side by side in one run:

- the 160 KB English transcript (seed 004 four times) through ``python -m summarize FILE`` within
  1.5x of the floor, a process that imports nltk and runs Punkt on the same text, and at least
  20x faster than sumy's LexRank ranking the same sentences in-process;
- a Chinese post (seed 003) through ``python -m summarize FILE`` in at most half the time of
  ``sumy lex-rank --language=chinese`` on the same file, with a smaller peak RSS, loading only
  what it needs (no nltk for a Chinese post, no jieba for an English one);
- warm library throughput of at least 1 MB/s on English prose, and time growing about linearly to
  1 MB for every input kind (prose, transcript, captions, unpunctuated speech, Chinese);
- unpunctuated English and Chinese speech (1 MB each, built as ``benchmarks/asr_boundaries.py`` builds
  it) through ``python -m summarize FILE`` at 300 KB/s or more.

Usage (from the repository root)::

    python benchmarks/speed.py                     # seeds from ../shared/seeds; writes docs/BENCHMARKS.md
    python benchmarks/speed.py --quick             # fewer repeats, sizes up to 100 KB (a smoke run)
    python benchmarks/speed.py --parts cd          # only the whole-process parts

Every timing is the median of several runs (the machine may be shared: the load average at the
start is printed; rerun on a quiet machine for absolute figures, the ratios hold better).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402  (after the path tweak)
    ROOT,
    code_version,
    command_line,
    load_average,
    machine_facts,
    markdown_table,
    write_section,
)
from _inprocess import (  # noqa: E402  (after the path tweak)
    growth_text,
    loglog_slope,
    median_of,
    time_pipeline,
    time_summarize,
    time_summarize_cpu,
)
from _processes import first_line, median_processes, run_process  # noqa: E402  (after the path tweak)
from batch import snapshot_package  # noqa: E402  (after the path tweak)

SECTION = "speed"
DEFAULT_SEEDS = Path("../shared/seeds")
TRANSCRIPT_SEED = "004_c5d979977d439f4c.txt"
CAPTION_SEED = "002_25197252806f71c2.txt"
CHINESE_SEED = "003_0c018799b3330545.txt"
#: Written English posts among our fixtures (no front matter is repeated: it is cut off each copy).
PROSE_FIXTURES = ("gateway-api-hugo.md", "kafka-seven-lessons.md", "kubeflare-release-notes.md")
CHINESE_FIXTURES = ("ebpf-cilium.zh.md",)
GROWTH_SIZES = (10_000, 30_000, 100_000, 300_000, 1_000_000)
TARGET_LEXRANK = 20.0
TARGET_FLOOR = 1.5
TARGET_SUMY_ZH = 0.5
TARGET_MB_S = 1.0
TARGET_SPEECH_KB_S = 300.0
SPEECH_SIZE = 1_000_000
HEAVY_MODULES = ("nltk", "jieba", "sumy", "scipy", "numpy", "requests")

#: The floor: a process that imports nltk and runs Punkt (default parameters) over the file.
FLOOR = (
    "import sys\n"
    "from nltk.tokenize.punkt import PunktSentenceTokenizer\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "print(len(list(PunktSentenceTokenizer().span_tokenize(text))))\n"
)
#: The same floor with SciPy kept out of nltk's import, as ``summarize`` imports it (``_resources.nltk_module``).
FLOOR_NO_SCIPY = "import sys\nsys.modules['scipy'] = None\n" + FLOOR
#: Which heavy packages summarizing a file loads (run in a fresh process).
MODULES_PROBE = (
    "import sys, summarize\n"
    "summarize.summarize(sys.argv[1])\n"
    "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[2].split(',')))))\n"
)


# --------------------------------------------------------------------------- in-process timing


def transcript_160k(seeds: Path) -> str:
    return "\n\n".join([(seeds / TRANSCRIPT_SEED).read_text(encoding="utf-8")] * 4)


def part_a(seeds: Path, repeat: int, sumy_repeat: int) -> tuple[str, list[str], dict[str, float]]:
    """Ours (whole pipeline, in-process) against sumy LexRank ranking the same sentences."""
    from summarize.pipeline import load
    from summarize.score import get_scorer

    text = transcript_160k(seeds)
    size_kb = len(text.encode("utf-8")) / 1000
    time_pipeline(text, 1)  # warm-up: imports, Punkt, caches
    ours = time_pipeline(text, repeat)
    doc = load(text)
    lexrank = get_scorer("lexrank")
    sumy_score, _ = median_of(lambda: lexrank(doc), sumy_repeat)
    rows = [
        ["ours: load + takeaways + select(n=5), warm", f"{ours.total:.3f}",
         f"load {ours.load:.3f}, score {ours.score:.3f}, select {ours.select:.3f}; median of {repeat}"],
        ["sumy LexRank: ranking only", f"{sumy_score:.3f}",
         f"sumy's LexRankSummarizer on our {len(doc.sentences)} sentences (scorer `lexrank`), median of {sumy_repeat}"],
    ]
    md = [f"### (a) In-process: seed 004 ×4 ({size_kb:.0f} KB, {ours.n_sentences} sentences, format `{ours.fmt}`)\n",
          markdown_table(["what", "seconds", "how"], rows, align="lrl"),
          f"sumy LexRank ÷ our warm pipeline: {sumy_score / ours.total:.1f}×. Part (c) divides it by our whole "
          "process instead.\n"]
    return "\n".join(md), [], {"lexrank": sumy_score}


# --------------------------------------------------------------------------- growth per input kind


def _strip_front_matter(text: str) -> str:
    return re.sub(r"\A---\n.*?\n---\n", "", text, count=1, flags=re.S)


def kind_sources(seeds: Path) -> dict[str, Callable[[], list[str]]]:
    """Each input kind and the texts it is built from (repeated to each size)."""
    posts = ROOT / "tests" / "fixtures" / "posts"

    def read(path: Path) -> str:
        return path.read_text(encoding="utf-8")

    def unpunctuated() -> list[str]:
        from summarize.segment.asr import unpunctuate

        return [unpunctuate(read(seeds / TRANSCRIPT_SEED), labelled_lines=True)[0]]

    return {
        "prose (English posts)": lambda: [_strip_front_matter(read(posts / n)) for n in PROSE_FIXTURES],
        "transcript (seed 004)": lambda: [read(seeds / TRANSCRIPT_SEED)],
        "captions (seed 002)": lambda: [read(seeds / CAPTION_SEED)],
        "unpunctuated speech (seed 004, stripped)": unpunctuated,
        "Chinese (seed 003 and a Chinese post)": lambda: [
            _strip_front_matter(read(seeds / CHINESE_SEED)), *(_strip_front_matter(read(posts / n)) for n in CHINESE_FIXTURES)
        ],
    }


def part_b(seeds: Path, sizes: Sequence[int], repeat: int, kinds: Sequence[str] | None) -> tuple[str, list[str], dict]:
    """``summarize.summarize(text)`` (warm) as each kind of input grows; the fitted exponent of each."""
    big_repeat = max(1, repeat // 2)
    md = [f"### (b) Growth: warm `summarize.summarize(text)`, median of {repeat} runs (300 KB and up: median of "
          f"{big_repeat})\n",
          "Each input is its texts repeated in turn, joined by a blank line, cut at a line break to the size shown. "
          "The exponent is the least-squares slope of log(time) on log(bytes) over the sizes; 1.0 = linear. "
          "CPU s is this process's CPU time (user + system), steadier than wall time on a shared machine. "
          "Each timed run starts with no sentence remembered, but a repeated text repeats its sentences, and "
          "scoring works once per distinct sentence: past one copy of the source, these inputs are cheaper than "
          "as much distinct text.\n"]
    checks: list[str] = []
    exponents: dict[str, float] = {}
    throughput: dict[str, float] = {}
    prose_cpu = 0.0
    for label, source in kind_sources(seeds).items():
        if kinds and not any(k in label for k in kinds):
            continue
        parts = source()
        time_summarize(growth_text(parts, 20_000), 1)  # warm-up: this kind's resources
        rows, xs, ys = [], [], []
        for size in sizes:
            text = growth_text(parts, size)
            nbytes = len(text.encode("utf-8"))
            seconds, cpu = time_summarize_cpu(text, repeat if size < 300_000 else big_repeat)
            xs.append(nbytes)
            ys.append(max(seconds, 1e-6))
            rows.append([f"{nbytes / 1000:,.0f} KB", f"{seconds:.3f}", f"{nbytes / 1e6 / seconds:.2f}", f"{cpu:.3f}",
                         f"{nbytes / 1e6 / max(cpu, 1e-6):.2f}"])
            if label.startswith("prose") and size == sizes[-1]:
                prose_cpu = nbytes / 1e6 / max(cpu, 1e-6)
        throughput[label] = xs[-1] / 1e6 / ys[-1]
        table = markdown_table(["input", "seconds", "MB/s", "CPU s", "MB/s (CPU)"], rows)
        if len(xs) < 2:  # one size (--sizes): no growth to fit
            md += [f"**{label}**\n", table]
            continue
        slope = loglog_slope(xs, ys)
        exponents[label] = slope
        md += [f"**{label}**: exponent **{slope:.2f}**\n", table]
        checks.append(f"{'PASS' if slope <= 1.2 else 'FAIL'}  growth exponent, {label}: {slope:.2f} "
                      "(≤ 1.2 counts as about linear)")
    prose = next((v for k, v in throughput.items() if k.startswith("prose")), None)
    if prose is not None:
        checks.append(f"{'PASS' if prose >= TARGET_MB_S else 'FAIL'}  warm library throughput on English prose at "
                      f"{sizes[-1] / 1e6:g} MB: {prose:.2f} MB/s (target ≥ {TARGET_MB_S:g}; "
                      f"{prose_cpu:.2f} MB/s of CPU time)")
    return "\n".join(md), checks, exponents


# --------------------------------------------------------------------------- whole processes


def loaded_modules(path: Path) -> str:
    """The heavy packages ``summarize.summarize(path)`` imports in a fresh process."""
    out = subprocess.run([sys.executable, "-c", MODULES_PROBE, str(path), ",".join(HEAVY_MODULES)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600, check=False)
    return out.stdout.strip() or "none" if out.returncode == 0 else f"exit {out.returncode}"


def speech_inputs(seeds: Path) -> dict[str, tuple[str, str]]:
    """Unpunctuated speech in each language, as ``benchmarks/asr_boundaries.py`` builds it: English, seed 004
    stripped by ``unpunctuate`` in 150-word paragraphs; Chinese, the first six VCSum dev meetings
    (``../shared/eval``) stripped by ``unpunctuate_zh``, 60 phrases a paragraph (seed 003 when VCSum is absent).
    Each as (text, what it is)."""
    from summarize.segment.asr import unpunctuate
    from summarize.segment.asr_zh import unpunctuate_zh

    words = unpunctuate((seeds / TRANSCRIPT_SEED).read_text(encoding="utf-8"))[0].split()
    out = {"en": ("\n\n".join(" ".join(words[i : i + 150]) for i in range(0, len(words), 150)),
                  "seed 004 stripped, 150-word paragraphs")}
    meetings = seeds.parent / "eval" / "vcsum" / "meeting_dev.jsonl"
    if meetings.is_file():
        rows = [json.loads(line) for line in meetings.read_text(encoding="utf-8").splitlines()[:6]]
        texts, what = [r["text"] for r in rows], "six VCSum dev meetings stripped, 60 phrases a paragraph"
    else:
        texts, what = [(seeds / CHINESE_SEED).read_text(encoding="utf-8")], "seed 003 stripped, 60 phrases a paragraph"
    phrases = [p for t in texts for p in unpunctuate_zh(t)[0]]
    out["zh"] = ("\n\n".join(" ".join(phrases[i : i + 60]) for i in range(0, len(phrases), 60)), what)
    return out


def _sized(text: str, size: int) -> str:
    """``text`` repeated (a blank line between copies) to ``size`` bytes, cut at a space or line break."""
    data = ((text + "\n\n") * (size // max(len(text.encode("utf-8")), 1) + 1)).encode("utf-8")[:size]
    text = data.decode("utf-8", errors="ignore")
    return text[: max(text.rfind(" "), text.rfind("\n"))]


@contextlib.contextmanager
def _installed_package(tmp: Path) -> Iterator[None]:
    """Run the processes on a copy of the package compiled to bytecode, as ``pip install`` leaves it.

    The floor's nltk and sumy's CLI run from their installed bytecode; with ``PYTHONDONTWRITEBYTECODE`` set
    (as on the machine these figures come from) our package was compiled from source in every run, about
    0.1 s of CPU that no user of an installed package pays. The copy is made once per run
    (``batch.snapshot_package``), and the child processes find it first on ``PYTHONPATH``."""
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = snapshot_package(tmp)["PYTHONPATH"]
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


def part_c(seeds: Path, repeat: int, sumy_lexrank: float | None, only: Sequence[str] | None = None,
           baseline: Path | None = None) -> tuple[str, list[str], dict]:
    """The targets on whole processes: the 160 KB transcript against its floor, a Chinese post against sumy.

    ``only``: just the processes whose name contains one of these words. ``baseline``: another checkout's ``src``
    folder; each ``summarize`` process runs on it too, interleaved, and the table gives the CPU ratio."""
    py = sys.executable
    checks: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="speed-") as tmp, _installed_package(Path(tmp)):
        transcript = Path(tmp) / "transcript-160k.txt"
        transcript.write_text(transcript_160k(seeds), encoding="utf-8")
        chinese = seeds / CHINESE_SEED
        cmds: dict[str, list[str]] = {
            "floor": [py, "-c", FLOOR, str(transcript)],
            "floor-no-scipy": [py, "-c", FLOOR_NO_SCIPY, str(transcript)],
            "ours-en": [py, "-m", "summarize", str(transcript)],
            "ours-zh": [py, "-m", "summarize", str(chinese)],
        }
        sumy_exe = _which("sumy")
        if sumy_exe:
            cmds["sumy-zh"] = [sumy_exe, "lex-rank", "--language=chinese", "--length=5", f"--file={chinese}"]
        else:
            notes.append("sumy's command line is not on PATH: the Chinese comparison is left out")
        speech = speech_inputs(seeds)
        for lang, (text, _what) in speech.items():
            path = Path(tmp) / f"speech-{lang}.txt"
            path.write_text(_sized(text, SPEECH_SIZE), encoding="utf-8")
            cmds[f"speech-{lang}"] = [py, "-m", "summarize", str(path)]
        speech_bytes = {f"speech-{lang}": (Path(tmp) / f"speech-{lang}.txt").stat().st_size for lang in speech}
        if only:
            cmds = {name: cmd for name, cmd in cmds.items() if any(word in name for word in only)}
        if baseline is not None:
            cmds.update(_baseline_commands(cmds, baseline, Path(tmp) / "baseline"))
        run_process([py, "-m", "summarize", str(chinese)])  # builds jieba's bucketed dictionary if absent
        runs = median_processes(cmds, repeat)
        modules = {name: loaded_modules(path) for name, path in (("ours-en", transcript), ("ours-zh", chinese))
                   if name in cmds}
        size_kb = transcript.stat().st_size / 1000
    rows = []
    labels = {"floor": "floor: `import nltk` + Punkt on the 160 KB transcript",
              "floor-no-scipy": "the same floor with SciPy hidden from nltk's import (as summarize imports it)",
              "ours-en": "`python -m summarize` on the 160 KB transcript",
              "ours-zh": f"`python -m summarize` on seed 003 ({chinese.stat().st_size / 1000:.1f} KB Chinese post)",
              "sumy-zh": "`sumy lex-rank --language=chinese --length=5` on seed 003"}
    for lang, (_text, what) in speech.items():
        name = f"speech-{lang}"
        labels[name] = (f"`python -m summarize` on {speech_bytes[name] / 1e6:.1f} MB of unpunctuated "
                        f"{'English' if lang == 'en' else 'Chinese'} speech ({what})")
    for name, run in runs.items():
        if name.endswith(BASELINE_SUFFIX):
            own = runs.get(name[: -len(BASELINE_SUFFIX)])
            labels[name] = f"the same on the baseline `{baseline}`" + (
                f" (this checkout's CPU ÷ the baseline's: {own.cpu_seconds / run.cpu_seconds:.2f})"
                if own and own.returncode == 0 == run.returncode else "")
        if run.returncode != 0:
            rows.append([labels[name], f"exit {run.returncode}", "", "", modules.get(name, "")])
            notes.append(f"{name}: exit {run.returncode}: {first_line(run.stderr)}")
            continue
        rows.append([labels[name], f"{run.seconds:.3f}", f"{run.cpu_seconds:.3f}", f"{run.max_rss_mb:.0f}",
                     modules.get(name, "")])
    md = [f"### (c) Whole processes: median of {repeat} fresh runs each, the commands interleaved\n",
          "Wall and CPU (user + system) seconds and peak RSS of the command itself (from `os.wait4` in a small "
          "launcher). Our package runs from a copy compiled to bytecode, as installed (nltk and sumy run from "
          "theirs). Heavy packages: which of " + ", ".join(HEAVY_MODULES) + " the same summary leaves in "
          "`sys.modules` (an English post loads nltk's Punkt and Treebank modules on their own and takes them out "
          "again: `_resources.nltk_tokenizer_module`).\n",
          markdown_table(["process", "wall s", "CPU s", "peak MB", "heavy packages"], rows, align="lrrrl")]
    ours_en, floor, ours_zh, sumy_zh = (runs.get(k) for k in ("ours-en", "floor", "ours-zh", "sumy-zh"))
    if ours_en and floor and ours_en.returncode == 0 == floor.returncode:
        wall, cpu = ours_en.seconds / floor.seconds, ours_en.cpu_seconds / floor.cpu_seconds
        checks.append(f"{'PASS' if wall <= TARGET_FLOOR else 'FAIL'}  160 KB transcript: whole process ÷ floor = "
                      f"{wall:.2f} wall ({ours_en.seconds:.3f} s ÷ {floor.seconds:.3f} s), {cpu:.2f} CPU "
                      f"(target ≤ {TARGET_FLOOR:g})")
        bare = runs.get("floor-no-scipy")
        if bare and bare.returncode == 0:
            checks.append(f"{'PASS' if ours_en.seconds <= TARGET_FLOOR * bare.seconds else 'FAIL'}  160 KB transcript: "
                          f"whole process ÷ floor with SciPy hidden = {ours_en.seconds / bare.seconds:.2f} wall, "
                          f"{ours_en.cpu_seconds / bare.cpu_seconds:.2f} CPU (target ≤ {TARGET_FLOOR:g})")
        if sumy_lexrank:
            ratio = sumy_lexrank / ours_en.seconds
            checks.append(f"{'PASS' if ratio >= TARGET_LEXRANK else 'FAIL'}  160 KB transcript: sumy LexRank ranking "
                          f"in-process ({sumy_lexrank:.2f} s, part a) ÷ our whole process = {ratio:.1f}× "
                          f"(target ≥ {TARGET_LEXRANK:g}×)")
    if ours_zh and sumy_zh and ours_zh.returncode == 0 == sumy_zh.returncode:
        wall, cpu = ours_zh.seconds / sumy_zh.seconds, ours_zh.cpu_seconds / sumy_zh.cpu_seconds
        ok = wall <= TARGET_SUMY_ZH and ours_zh.max_rss_mb < sumy_zh.max_rss_mb
        checks.append(f"{'PASS' if ok else 'FAIL'}  Chinese post: ours ÷ sumy CLI = {wall:.2f} wall, {cpu:.2f} CPU "
                      f"(target ≤ {TARGET_SUMY_ZH:g}); peak RSS {ours_zh.max_rss_mb:.0f} MB vs {sumy_zh.max_rss_mb:.0f} MB")
    for name, nbytes in speech_bytes.items():
        run = runs.get(name)
        if run and run.returncode == 0:
            wall_rate, cpu_rate = nbytes / 1000 / run.seconds, nbytes / 1000 / run.cpu_seconds
            checks.append(f"{'PASS' if wall_rate >= TARGET_SPEECH_KB_S else 'FAIL'}  unpunctuated speech ({name}, "
                          f"{nbytes / 1e6:.1f} MB): {wall_rate:.0f} KB/s wall, {cpu_rate:.0f} KB/s CPU "
                          f"(target ≥ {TARGET_SPEECH_KB_S:g} KB/s)")
    for name, expect_absent in (("ours-en", "jieba"), ("ours-en", "scipy"), ("ours-zh", "nltk")):
        if name not in modules:
            continue  # left out by --processes
        loaded = modules[name].split()
        checks.append(f"{'PASS' if expect_absent not in loaded else 'FAIL'}  {name} loads no {expect_absent} "
                      f"(loads: {' '.join(loaded) or 'none'})")
    md.append(f"The transcript is {size_kb:.0f} KB.")
    md += [f"- {n}" for n in notes]
    md.append("")
    return "\n".join(md), checks, {}


BASELINE_SUFFIX = "@baseline"


def _baseline_commands(cmds: dict[str, list[str]], src: Path, dest: Path) -> dict[str, list[str]]:
    """Each ``python -m summarize`` command of ``cmds`` run on a compiled copy of the package in ``src`` instead."""
    path = snapshot_package(dest, src)["PYTHONPATH"].split(os.pathsep)[0]
    out = {}
    for name, cmd in cmds.items():
        if cmd[1:3] == ["-m", "summarize"]:
            run = (f"import runpy, sys; sys.path.insert(0, {path!r}); sys.argv = ['summarize', *sys.argv[1:]]; "
                   "runpy.run_module('summarize', run_name='__main__')")
            out[name + BASELINE_SUFFIX] = [cmd[0], "-c", run, *cmd[3:]]
    return out


def part_d(seeds: Path, repeat: int) -> tuple[str, list[str], dict]:
    """jieba's start: its own cache, our bucketed dictionary, or a smaller dictionary (and what the last costs)."""
    py = sys.executable
    chinese_texts = [(seeds / CHINESE_SEED).read_text(encoding="utf-8")]
    for folder in (ROOT / "corpora", ROOT / "tests" / "fixtures" / "posts"):
        chinese_texts += [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if ".zh." in p.name]
    probe = (seeds / CHINESE_SEED).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="speed-jieba-") as tmp:
        text_file = Path(tmp) / "post.txt"
        text_file.write_text(probe, encoding="utf-8")
        small_dict, kept, total_words = _small_dictionary(Path(tmp))
        scripts = {
            "jieba's own Tokenizer, from its marshal cache": _JIEBA_OWN,
            "ours: bucketed dictionary in our cache folder": _JIEBA_OURS,
            f"a smaller dictionary ({kept:,} of {total_words:,} words, jieba's cache)": _JIEBA_SMALL,
        }
        cmds = {label: [py, "-c", code, str(text_file), tmp, str(small_dict)] for label, code in scripts.items()}
        for cmd in cmds.values():
            run_process(cmd)  # each builds its cache once
        runs = median_processes(cmds, repeat)
        differ = _cut_differences(small_dict, chinese_texts)
    rows = [[label, f"{r.seconds:.3f}" if r.returncode == 0 else f"exit {r.returncode}", f"{r.cpu_seconds:.3f}",
             f"{r.max_rss_mb:.0f}"] for label, r in runs.items()]
    md = [f"### (d) jieba's start: a process that imports jieba, loads a dictionary and cuts seed 003 (median of {repeat})\n",
          markdown_table(["dictionary", "wall s", "CPU s", "peak MB"], rows, align="lrrr"),
          f"The smaller dictionary (jieba's words with frequency ≥ {_SMALL_MIN_FREQ}, plus our domain terms) cuts "
          f"{differ[0]} of {differ[1]} Chinese sentences of seed 003, `corpora/` and the fixtures differently from the "
          "full one, so it would change summaries; the bucketed copy of the full dictionary gives jieba's own cuts "
          "(tests/segment/test_jieba_dict.py) and is what `summarize` uses.\n"]
    return "\n".join(md), [], {}


_SMALL_MIN_FREQ = 30
_JIEBA_OWN = (
    "import sys, logging, jieba\n"
    "logging.getLogger('jieba').setLevel(logging.WARNING)\n"
    "t = jieba.Tokenizer(); t.tmp_dir = sys.argv[2]; t.cache_file = 'jieba-own.cache'\n"
    "print(len(t.lcut(open(sys.argv[1], encoding='utf-8').read())))\n"
)
_JIEBA_OURS = (
    "import sys\n"
    "from pathlib import Path\n"
    "from summarize import _jieba_dict\n"
    "from summarize._resources import _import_jieba\n"
    "t = _jieba_dict.tokenizer(_import_jieba(), Path(sys.argv[2]), [])\n"
    "print(len(t.lcut(open(sys.argv[1], encoding='utf-8').read())))\n"
)
_JIEBA_SMALL = (
    "import sys, logging, jieba\n"
    "logging.getLogger('jieba').setLevel(logging.WARNING)\n"
    "t = jieba.Tokenizer(sys.argv[3]); t.tmp_dir = sys.argv[2]; t.cache_file = 'jieba-small.cache'\n"
    "print(len(t.lcut(open(sys.argv[1], encoding='utf-8').read())))\n"
)


def _small_dictionary(folder: Path) -> tuple[Path, int, int]:
    """jieba's dictionary cut to words of frequency ≥ ``_SMALL_MIN_FREQ``, plus our domain terms."""
    from summarize._resources import _import_jieba, data_lines

    jieba = _import_jieba()
    source = Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME
    lines = source.read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if int(ln.split(" ")[1]) >= _SMALL_MIN_FREQ]
    terms = []
    for entry in data_lines("zh_terms.txt"):
        word, *rest = entry.split()
        terms.append(" ".join([word, rest[0] if rest else "100", *rest[1:2]]))
    path = folder / "dict.small.txt"
    path.write_text("\n".join(kept + terms) + "\n", encoding="utf-8")
    return path, len(kept) + len(terms), len(lines)


def _cut_differences(small_dict: Path, texts: Sequence[str]) -> tuple[int, int]:
    """How many Chinese sentences the smaller dictionary cuts differently from ours, of how many."""
    from summarize._resources import _import_jieba, jieba_tokenizer
    from summarize.segment.zh import zh_spans

    jieba = _import_jieba()
    small = jieba.Tokenizer(str(small_dict))
    small.tmp_dir = str(small_dict.parent)
    full = jieba_tokenizer()
    sentences = [t[a:b] for t in texts for a, b in zh_spans(t) if re.search(r"[\u4e00-\u9fff]", t[a:b])]
    return sum(small.lcut(s) != full.lcut(s) for s in sentences), len(sentences)


def _which(name: str) -> str | None:
    from shutil import which

    return which(name)


# --------------------------------------------------------------------------- driver


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS,
                        help="the shared seed posts (default ../shared/seeds, relative to the repository root)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing, median kept (default 5)")
    parser.add_argument("--sumy-repeat", type=int, default=3,
                        help="runs of sumy's LexRank in part (a), median kept (default 3: each takes 10-20 s)")
    parser.add_argument("--parts", default="abcd", help="which parts to run, e.g. 'cd' (default abcd)")
    parser.add_argument("--kinds", nargs="*", default=None,
                        help="part (b): only the input kinds whose label contains one of these words")
    parser.add_argument("--quick", action="store_true", help="smoke run: repeat 1, sizes up to 100 KB")
    parser.add_argument("--sizes", type=int, nargs="+", default=None,
                        help="part (b): input sizes in bytes (default 10000 30000 100000 300000 1000000); with "
                             "--parts b --kinds prose --sizes 1000000 --no-write, a quick look at the prose target")
    parser.add_argument("--processes", nargs="*", default=None,
                        help="part (c): only the processes whose name contains one of these words (floor, ours-en, "
                             "ours-zh, sumy-zh, speech-en, speech-zh)")
    parser.add_argument("--baseline-src", type=Path, default=None,
                        help="part (c): also run each summarize process on another checkout's src folder (e.g. "
                             "/work/main/src), interleaved, for a before/after ratio in one run")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    parser.add_argument("--output", type=Path, default=None, help=argparse.SUPPRESS)  # tests: another BENCHMARKS.md
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    ns = build_parser().parse_args(args_list)
    seeds = ns.seeds if ns.seeds.is_absolute() else ROOT / ns.seeds
    if not (seeds / TRANSCRIPT_SEED).is_file():
        print(f"speed.py: skipped: {seeds / TRANSCRIPT_SEED} not found (the shared seeds are optional)")
        return 0
    repeat = 1 if ns.quick else ns.repeat
    sizes = ns.sizes or [s for s in GROWTH_SIZES if not ns.quick or s <= 100_000]
    md = ["## Speed\n", "```sh", command_line("speed.py", args_list), "```\n",
          f"Code: {code_version()}. Machine: {machine_facts()}; load average {load_average()} at the start "
          "(other work on the machine slows wall times; the ratios of runs interleaved in one run hold better).\n"]
    checks: list[str] = []
    found: dict[str, Any] = {}
    t0 = time.perf_counter()
    parts: dict[str, Callable[[], tuple[str, list[str], dict]]] = {
        "a": lambda: part_a(seeds, repeat, 1 if ns.quick else ns.sumy_repeat),
        "b": lambda: part_b(seeds, sizes, repeat, ns.kinds),
        "c": lambda: part_c(seeds, repeat, found.get("lexrank"), ns.processes, ns.baseline_src),
        "d": lambda: part_d(seeds, repeat),
    }
    for part, run in parts.items():
        if part in ns.parts:
            print(f"speed.py: part ({part}) …", file=sys.stderr, flush=True)
            text, part_checks, facts = run()
            md.append(text)
            checks += part_checks
            found.update(facts)
    if checks:
        md += ["### Checks\n", "```", *checks, "```"]
    md.append(f"\nTotal benchmark time {time.perf_counter() - t0:.0f} s; load average {load_average()} at the end.")
    section = "\n".join(md) + "\n"
    print(section)
    if not ns.no_write:
        target = write_section(SECTION, section, ns.output)
        print(f"wrote section `{SECTION}` of {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
