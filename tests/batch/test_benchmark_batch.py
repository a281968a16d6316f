"""benchmarks/batch.py without running it for real: the corpus builder, the report, the clean skip."""

from __future__ import annotations

import importlib.util
import json
import sys
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
    rows = {}
    for key, seconds, workers in [("48/1", 10.0, 0), ("48/2", 5.5, 2), ("48/8", 5.4, 2), ("48/auto", 5.5, 2)]:
        rows[key] = batch.Row(key, 48, [seconds], [1.0], [0.1], [workers])
    rows["48/auto"].workers = [2, 0, 2]
    for size in batch.SIZES:
        if size != 48:
            rows[f"{size}/1"] = batch.Row(f"{size}/1", size, [2.0], [1.0], [0.1], [0])
            rows[f"{size}/auto"] = batch.Row(f"{size}/auto", size, [2.0], [1.0], [0.1], [0])
    for size in (8, 48):
        rows[f"hog {size}/1"] = batch.Row("h", size, [3.0], [1.0], [3.0], [0])
        rows[f"hog {size}/auto"] = batch.Row("h", size, [3.05], [1.0], [3.0], [0])
    rows["hog 48/8"] = batch.Row("h", 48, [2.5], [1.1], [2.5], [2])
    text = batch.report(rows, counts, ["--repeat", "1"], 1, (1.0, 2.0), True)
    assert text.startswith("## Batch digest: does parallelism pay?\n\nReproduce: `python benchmarks/batch.py --repeat 1`.")
    assert "| `--jobs 2` against `--jobs 1`, 48 posts cold | ×1.82 | ≥ 1.7 | yes |" in text
    assert "**The machine was busy (load average 1.0 before" in text
    assert "| 48/auto | 5.50 | — | 1.00 | 0.10 | 0 (1×) or 2 (2×) |" in text  # how many workers, run by run
    assert "machine was busy" not in batch.report(rows, counts, [], 1, (0.1, 0.4), True)
    assert "| default against `--jobs 1` beside a CPU hog, smallest ratio | ×0.98 | ≥ 1.0 | yes |" in text
    assert "beside a CPU hog (more workers than free cores: no slower) | ×1.20 | ≥ 1.0 | yes |" in text
    rows["48/8"] = batch.Row("48/8", 48, [6.0], [1.0], [0.1])
    assert "| `--jobs 8` against `--jobs 2` (≥ 1: no slower) | ×0.92 | ≥ 1.0 | **no** |" in batch.report(
        rows, counts, [], 1, (0.1, 0.4), True)


def test_ratios_pair_runs_made_back_to_back(batch: ModuleType) -> None:
    """A slow phase of the machine that hits both runs of one repeat cancels out of the ratio, where a
    ratio of medians taken over different repeats would see it on one side only."""
    slow = batch.Row("serial", 48, [6.0, 6.0, 12.0])  # the third repeat ran while the machine was busy
    fast = batch.Row("pool", 48, [3.0, 6.0, 6.0])  # ... and so did the second pair's pool run
    assert batch.paired_ratio(slow, fast) == 2.0
    assert slow.median / fast.median == 1.0
    with pytest.raises(ValueError):
        batch.paired_ratio(slow, batch.Row("short", 48, [1.0]))
