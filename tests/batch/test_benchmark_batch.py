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


def test_skips_without_eval_dir(batch: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An absent data directory is a clean skip, not an error."""
    assert batch.main(["--eval-dir", str(tmp_path / "nope"), "--no-write"]) == 0
    assert "skipped" in capsys.readouterr().out


def test_corpus_and_report(batch: ModuleType, tmp_path: Path) -> None:
    """The corpus holds corpora/ plus the sampled documents as .txt; the report has the command and a table."""
    eval_dir = tmp_path / "eval"
    (eval_dir / "cnndm").mkdir(parents=True)
    records = [{"id": f"a/{i}", "lang": "en", "text": f"Story {i}. It is short."} for i in range(3)]
    (eval_dir / "cnndm" / "dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    counts = batch.build_corpus(eval_dir, tmp_path / "posts")
    assert counts["cnndm/dev.jsonl"] == 3 and counts["corpora/"] >= 5
    assert sorted(p.name for p in (tmp_path / "posts" / "cnndm").iterdir()) == ["a_0.txt", "a_1.txt", "a_2.txt"]
    runs = [batch.Run("serial, cold cache", 1, "empty", [2.0, 3.0], [1.5, 1.6], 8, 0, True),
            batch.Run("--jobs 2, cold cache", 2, "empty", [1.0], [1.8], 8, 0, True)]
    text = batch.report(runs, counts, 0.1, ["--eval-dir", "x"], 2, (1.0, 2.0))
    assert text.startswith("## Batch digest throughput\n\nReproduce: `python benchmarks/batch.py --eval-dir x`.")
    assert "| serial, cold cache | empty | 2.50 | 2.00–3.00 |" in text and "×2.50" in text
