"""benchmarks/batch.py without running it for real: the corpus builder, the report, the clean skip."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def batch() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_batch", BENCH / "batch.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_batch"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_skips_without_data(batch: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Absent data directories are a clean skip, not an error."""
    assert batch.main(["--eval-dir", str(tmp_path / "nope"), "--corpus-dir", str(tmp_path / "no"), "--no-write"]) == 0
    assert "skipped" in capsys.readouterr().out


def test_corpus_and_report(batch: ModuleType, tmp_path: Path) -> None:
    """48 posts: corpus-dev posts (not its README), corpora/, then sampled documents; the report has the
    command, the table and each floor with its ratio."""
    corpus = tmp_path / "corpus"
    (corpus / "blog").mkdir(parents=True)
    (corpus / "README.md").write_text("# About\n", encoding="utf-8")
    (corpus / "blog" / "post.md").write_text("A post. It is short.", encoding="utf-8")
    eval_dir = tmp_path / "eval"
    (eval_dir / "cnndm").mkdir(parents=True)
    records = [{"id": f"a/{i}", "lang": "en", "text": f"Story {i}. It is short."} for i in range(60)]
    (eval_dir / "cnndm" / "dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    counts = batch.build_corpus(corpus, eval_dir, tmp_path / "posts")
    assert sum(counts.values()) == 48 and counts["corpus-dev"] == 1 and counts["corpora/"] >= 5
    names = sorted(p.name for p in (tmp_path / "posts").iterdir())
    assert names[0] == "000-post.md" and not any("README" in n for n in names)
    rows = {key: _row(batch, key, [seconds] * 3, workers=[workers] * 3)
            for key, seconds, workers in [("48/1", 10.0, 0), ("48/2", 5.5, 2), ("48/8", 5.4, 2), ("48/auto", 5.5, 2)]}
    rows["48/auto"].workers = [2, 0, 2]
    for size in batch.SIZES:
        if size != 48:
            rows[f"{size}/1"] = _row(batch, f"{size}/1", [2.0] * 3)
            rows[f"{size}/auto"] = _row(batch, f"{size}/auto", [2.0] * 3)
    for size in (8, 48):
        rows[f"hog {size}/1"] = _row(batch, "h", [3.0] * 3)
        rows[f"hog {size}/auto"] = _row(batch, "h", [3.05] * 3)
    rows["hog 48/8"] = _row(batch, "h", [2.5] * 3, workers=[2] * 3)
    text = batch.report(rows, counts, ["--repeat", "3"], 3, (1.0, 2.0), True)
    assert text.startswith("## Batch digest: does parallelism pay?\n\nReproduce: `python benchmarks/batch.py --repeat 3`.")
    assert "| `--jobs 2` against `--jobs 1`, 48 posts cold | ×1.82 | 3 of 3 | ×1.82 | ≥ 1.7 | yes |" in text
    assert "| 48/auto | 5.50 | 5.50–5.50 | 1.00 | 0.10 | 0 of 3 | 0 (1×) or 2 (2×) |" in text  # workers, run by run
    assert "not judged (" not in text and "disturbed 0 of" not in text
    assert "| default against `--jobs 1` beside a CPU hog, smallest ratio | ×0.98 | 6 of 6 | ×0.98 | ≥ 1.0 | yes |" in text
    assert "beside a CPU hog (more workers than free cores: no slower) | ×1.20 | 3 of 3 | ×1.20 | ≥ 1.0 | yes |" in text
    rows["48/8"] = _row(batch, "48/8", [6.0] * 3)
    assert "| `--jobs 8` against `--jobs 2` (≥ 1: no slower) | ×0.92 | 3 of 3 | ×0.92 | ≥ 1.0 | **no** |" in batch.report(
        rows, counts, [], 3, (0.1, 0.4), True)
    # Another session's burst during two of the three 4-post serial runs: the by-size floor has one pair left.
    rows["4/1"].others = [1.0, 0.0, 1.0]
    text = batch.report(rows, counts, [], 3, (0.1, 0.4), True)
    assert ("| default against `--jobs 1`, smallest ratio over batch sizes | ×1.00 | 16 of 18 | ×1.00 | ≥ 1.0 | "
            "not judged (under 3 undisturbed pairs) |") in text
    assert "**The rest of the machine disturbed 2 of " in text and "4: ×1.00, CPU ×1.00 (1 of 3) (serial both)" in text
    # By size, the CPU seconds' ratio beside the wall one; "serial both" only where neither command had a worker.
    rows["2/1"].cpu = [1.1] * 3
    rows["8/auto"].workers = [2, 2, 2]
    text = batch.report(rows, counts, [], 3, (0.1, 0.4), True)
    assert "2: ×1.00, CPU ×1.10 (3 of 3) (serial both)" in text and "8: ×1.00, CPU ×1.00 (3 of 3)," in text
    assert "| 4 posts | 2.00 | 2.00–2.00 | 1.00 | 1.00 | 2 of 3 | 0 |" not in text  # the row's label is its key here
    assert "| 4/1 | 2.00 | 2.00–2.00 | 1.00 | 1.00 | 2 of 3 | 0 |" in text


def _row(batch: ModuleType, label: str, seconds: list[float], *, others: float = 0.1,
         workers: list[int] | None = None) -> object:
    """A row of runs, one per attempt 0, 1, 2 …, each the rest of the machine using ``others`` CPU s."""
    return batch.Row(label, 48, list(seconds), [1.0] * len(seconds), [others] * len(seconds),
                     workers or [0] * len(seconds), list(range(len(seconds))))


def test_ratios_pair_runs_made_back_to_back(batch: ModuleType) -> None:
    """A slow phase of the machine that hits both runs of one repeat cancels out of the ratio, where a
    ratio of medians taken over different repeats would see it on one side only."""
    slow = batch.Row("serial", 48, [6.0, 6.0, 12.0], attempts=[0, 1, 2])  # the third repeat ran while busy
    fast = batch.Row("pool", 48, [3.0, 6.0, 6.0], attempts=[0, 1, 2])  # ... and so did the second pair's pool run
    slow.others = fast.others = [0.0, 0.0, 0.0]
    assert batch.pairs(slow, fast).ratio == 2.0 and batch.pairs(slow, fast).judged
    assert slow.median / fast.median == 1.0
    # Runs pair by attempt, not by position: a retried group's runs pair with each other.
    late = batch.Row("pool", 48, [3.0, 4.0], [1.0, 1.0], [0.0, 0.0], [2, 2], attempts=[2, 0])
    assert batch.pairs(slow, late).every == [1.5, 4.0]


def test_pairs_are_dropped_for_the_machine_never_for_their_ratio(batch: ModuleType) -> None:
    """A pair is dropped when the rest of the machine used more than the stated share of a core during
    either run, whatever its ratio: an outlier on a quiet machine stays, a typical ratio beside a burst goes."""
    assert batch.disturbed(4.0, 0.41) and not batch.disturbed(4.0, 0.39)  # 0.1 of a core over 4 s
    assert batch.disturbed(4.0, 0.21, share=0.05) and not batch.disturbed(4.0, 0.21, share=0.06)
    slow = batch.Row("serial", 48, [8.0, 8.0, 8.0, 8.0], [8.0] * 4, [0.1, 0.1, 2.0, 0.1], [0] * 4, [0, 1, 2, 3])
    fast = batch.Row("pool", 48, [4.0, 2.0, 4.0, 4.0], [8.0] * 4, [0.1, 0.1, 0.1, 0.5], [2] * 4, [0, 1, 2, 3])
    got = batch.pairs(slow, fast)
    assert got.kept == [2.0, 4.0]  # attempt 1 (×4, an outlier) kept; 2 (serial disturbed) and 3 (pool) dropped
    assert got.every == [2.0, 4.0, 2.0, 2.0] and got.dropped == 2 and not got.judged
    assert slow.median == 8.0 and fast.median == 4.0  # each row's seconds: the median of its undisturbed runs
    quiet = batch.Row("q", 48, [1.0], [1.0], [5.0], [0], [0])
    assert quiet.median == 1.0  # every run disturbed: the median of all, rather than nothing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_hog_dies_with_the_benchmark(batch: ModuleType) -> None:
    """A benchmark killed outright (SIGKILL; ``timeout`` sends SIGTERM, which skips ``finally`` too) takes its
    CPU hog with it, instead of leaving a core busy for everyone else on the machine."""
    script = f"import sys, time; sys.path.insert(0, {str(BENCH)!r}); import batch; print(batch.hog().pid, flush=True); " \
             "time.sleep(60)"
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pid = int(parent.stdout.readline())
    try:
        time.sleep(0.3)
        assert _alive(pid)  # it runs while the benchmark does
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid)
    finally:
        parent.kill()
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """Whether ``pid`` is running (a zombie, or a process gone, is not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
