"""Smoke tests of benchmarks/: the ROUGE and speed code paths on tiny synthetic inputs (no ../shared)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import bench_module

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"

try:
    import rouge_score  # noqa: F401
except ImportError:  # the `bench` extra; CI installs only `test`
    HAVE_ROUGE = False
else:
    HAVE_ROUGE = True
needs_rouge = pytest.mark.skipif(not HAVE_ROUGE, reason="the `bench` extra (rouge-score) is not installed")


_module = bench_module


@pytest.fixture(scope="module")
def common() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    return _module("_common")


@pytest.fixture(scope="module")
def rouge(common: ModuleType) -> ModuleType:
    return _module("rouge")


@pytest.fixture(scope="module")
def speed(common: ModuleType) -> ModuleType:
    return _module("speed")


@pytest.fixture(scope="module")
def register(common: ModuleType) -> ModuleType:
    return _module("register")


EN_DOC = {
    "id": "en-1", "lang": "en",
    "text": ("The city council approved a new budget for public parks on Monday. "
             "The budget adds two million dollars for playground repairs. "
             "Council members argued for hours about the cost of the plan. "
             "Residents had asked for safer playgrounds for years. "
             "The mayor said the repairs will start in the spring. "
             "Some members wanted the money spent on roads instead."),
    "summary": ["The council approved two million dollars for park playground repairs, starting in spring."],
}
EN_DOC_2 = {
    "id": "en-2", "lang": "en",
    "text": ("Heavy rain flooded several streets downtown overnight. "
             "Firefighters rescued two drivers trapped in their cars. "
             "The storm knocked out power to thousands of homes. "
             "Officials expect the water to recede by Wednesday."),
    "summary": "Rain flooded downtown streets and cut power to thousands; two drivers were rescued.",
}
ZH_DOC = {
    "id": "zh-1", "lang": "zh",
    "text": "今天公司发布了新的手机。这款手机的电池容量很大。价格比上一代便宜了五百元。很多用户表示非常满意。",
    "summary": "公司发布新手机，电池大，价格便宜",
}


def _write_sets(root: Path) -> Path:
    for rel, records in (("cnndm/dev.jsonl", [EN_DOC_2, EN_DOC]), ("lcsts/dev.jsonl", [ZH_DOC])):
        path = root / rel
        path.parent.mkdir(parents=True)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return root


def test_chinese_tokenizer_keeps_hanzi_and_ascii_runs(common: ModuleType) -> None:
    """CJK characters are one token each; ASCII runs are lowercased; punctuation is dropped."""
    assert common.ChineseCharTokenizer().tokenize("用Python 3写，ＡＩ好！") == ["用", "python", "3", "写", "ai", "好"]


@needs_rouge
def test_rouge_scores_are_fractions_of_100(common: ModuleType) -> None:
    """Identical text scores 100; unrelated text scores 0; Chinese is scored by character."""
    r = common.Rouge()
    assert r.score("The cat sat. It slept.", ["The cat sat.", "It slept."], "en")["rougeLsum"] == pytest.approx(100)
    assert r.score("今天天气很好", ["明日下雨"], "zh")["rouge1"] == 0
    assert 0 < r.score("今天天气很好", ["今天下雨"], "zh")["rouge1"] < 100


def test_sample_is_deterministic_and_sorted(common: ModuleType) -> None:
    """The same records come back whatever the file order, in id order."""
    records = [{"id": f"d{i:02d}"} for i in range(30)]
    a = common.sample_records(records, 5, "set")
    b = common.sample_records(list(reversed(records)), 5, "set")
    assert a == b and [r["id"] for r in a] == sorted(r["id"] for r in a) and len(a) == 5
    assert common.sample_records(records, 50, "set") == records


def test_write_section_replaces_only_its_own_markers(common: ModuleType, tmp_path: Path) -> None:
    """Another script's section survives byte for byte; a second write replaces, not appends."""
    md = tmp_path / "BENCHMARKS.md"
    md.write_text("# B\n\n<!-- asr:start -->\nASR TABLE\n<!-- asr:end -->\n", encoding="utf-8")
    md.chmod(0o644)
    common.write_section("rouge", "first", path=md)
    common.write_section("rouge", "second", path=md)
    text = md.read_text(encoding="utf-8")
    assert "<!-- asr:start -->\nASR TABLE\n<!-- asr:end -->" in text
    assert text.count("<!-- rouge:start -->") == 1 and "second" in text and "first" not in text
    assert md.stat().st_mode & 0o777 == 0o644 and sorted(p.name for p in tmp_path.iterdir()) == ["BENCHMARKS.md"]


@needs_rouge
def test_rouge_benchmark_end_to_end(rouge: ModuleType, tmp_path: Path) -> None:
    """Two tiny sets run through main(): numbers in [0, 100], a table with every algorithm, the checks."""
    eval_dir = _write_sets(tmp_path / "eval")
    out = tmp_path / "BENCHMARKS.md"
    docs = tmp_path / "docs.json"
    algos = ["takeaways", "lead", "lexrank", "kl"]
    assert rouge.main(["--eval-dir", str(eval_dir), "--sets", "cnndm", "lcsts", "--algorithms", *algos,
                       "--workers", "1", "--sample", "5", "--quiet", "--output", str(out),
                       "--docs-json", str(docs)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<!-- rouge:start -->" in text and "### ROUGE-2" in text and "| lead-3 |" in text
    payload = json.loads(docs.read_text(encoding="utf-8"))
    assert [d["id"] for d in payload["cnndm"]] == ["en-1", "en-2"] and len(payload["lcsts"]) == 1
    for name in ("cnndm", "lcsts"):
        for doc in payload[name]:
            for algo, result in doc["algorithms"].items():
                assert result["error"] is None, (name, algo, result["error"])
                assert all(0.0 <= v <= 100.0 for v in result["scores"].values())
                assert result["chosen"]
    assert payload["cnndm"][0]["algorithms"]["lead-3"]["chosen"] == [0, 1, 2]
    assert "| takeaways-3 |" in text and 1 <= len(payload["cnndm"][0]["algorithms"]["takeaways-3"]["chosen"]) <= 3
    assert "takeaways-3" not in payload["lcsts"][0]["algorithms"]
    # two worker processes give the same summaries and scores (only timings differ)
    docs2 = tmp_path / "docs2.json"
    assert rouge.main(["--eval-dir", str(eval_dir), "--sets", "cnndm", "lcsts", "--algorithms", *algos,
                       "--workers", "2", "--sample", "5", "--quiet", "--no-write", "--docs-json", str(docs2)]) == 0
    again = json.loads(docs2.read_text(encoding="utf-8"))
    strip = lambda p: [[{a: (r["chosen"], r["scores"]) for a, r in d["algorithms"].items()} for d in p[k]]  # noqa: E731
                       for k in sorted(p)]
    assert strip(again) == strip(payload)


def test_rouge_skips_without_eval_dir(rouge: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An absent data directory is a clean skip, not an error."""
    assert rouge.main(["--eval-dir", str(tmp_path / "nope"), "--no-write"]) == 0
    assert "skipped" in capsys.readouterr().out


def test_truncated_kl_keeps_sumys_first_picks(rouge: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """The early-stopped KL ranks its first picks exactly as sumy's full KL does, the rest below them."""
    from summarize.pipeline import load
    from summarize.score import get_scorer
    from summarize.score.sumy_adapter import sumy_scores

    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()
    text = " ".join(f"The {words[i % 12]} team met the {words[(i * 5) % 12]} group about {words[(i * 7) % 12]} "
                    f"plans number {i}." for i in range(30)) + " Yeah. Yeah."
    doc = load(text)
    full = get_scorer("kl")(doc)
    monkeypatch.setattr(rouge, "KL_MIN_PICKS", 5)
    short = sumy_scores(doc, rouge._kl_factory(10))  # stop once the picks hold 10 words, after >= 5 picks
    picks = sum(v != rouge._UNRANKED for v in short.values())
    assert 5 <= picks < len(short)
    top = sorted(full, key=lambda i: (-full[i], i))[:picks]
    assert sorted(short, key=lambda i: (-short[i], i))[:picks] == top
    assert all(short[i] == rouge._UNRANKED for i in short if i not in top)
    assert sumy_scores(doc, rouge._kl_factory(None)) == full


def test_speed_helpers(speed: ModuleType, tmp_path: Path) -> None:
    """Pipeline timing, the slope fit, a timed child process, and a clean skip without seeds."""
    timing = speed.time_pipeline("One short sentence here. Another short sentence there. And a third.", 1, "lead")
    assert timing.total > 0 and timing.n_sentences == 3
    assert speed.loglog_slope([1, 10, 100], [2, 20, 200]) == pytest.approx(1.0)
    run = speed.run_process([sys.executable, "-c", "x = bytearray(30_000_000)"])
    assert run.returncode == 0 and run.seconds > 0 and run.max_rss_mb > 25
    assert speed.main(["--seeds", str(tmp_path), "--no-write"]) == 0


def test_first_line_quotes_the_exception(speed: ModuleType) -> None:
    """A traceback is summarised by its last exception line; other output by its first line."""
    err = "Traceback (most recent call last):\n  File x\nLookupError: punkt missing\nDownload it\n"
    assert speed.first_line(err) == "LookupError: punkt missing"
    assert speed.first_line("usage: sumy\nmore") == "usage: sumy"


def test_register_benchmark_reads_a_talk_as_speech_and_news_as_prose(register: ModuleType, tmp_path: Path) -> None:
    """Labels are stripped from the spoken sets first; the table gives each set's share read as speech."""
    talk = "\n".join(f"Lecturer: {line}" for line in (
        "So today I want to show you how the scheduler works.", "Okay, let's look at the first slide.",
        "And you can see the queue here on the left.", "The pods wait in it until a node has room.",
        "Now, what happens when no node has room?", "Well, the pod stays pending and you get an event.",
        "I think that is the part people miss.", "So the queue is the signal.",
    ))
    assert register.without_labels(talk).startswith("So today")
    assert register.without_labels("We met at 10:30 and shipped.") == "We met at 10:30 and shipped."
    eval_dir = tmp_path / "eval"
    for rel, record in (("ami/dev.jsonl", {"id": "t", "text": talk}), ("cnndm/dev.jsonl", {"id": "n", "text": EN_DOC["text"]})):
        (eval_dir / rel).parent.mkdir(parents=True)
        (eval_dir / rel).write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "BENCHMARKS.md"
    assert register.main(["--eval-dir", str(eval_dir), "--output", str(out), "--no-readmes"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| ami | spoken | 1 | 1.00 | 1.00 |" in text
    assert "| cnndm | written | 1 | 0.00 | 0.00 |" in text
    assert "Skipped" in text and "qmsum" in text and "| installed packages' READMEs" not in text


def test_hostile_benchmark_runs_its_cases_and_judges_them(common: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    """A few cases of benchmarks/hostile.py at a tiny scale: each runs as a process and gets a verdict row."""
    hostile = bench_module("hostile")
    code = hostile.main(["--scale", "0.001", "--only", "input-fifo,output-empty-name,hardening-empty", "--no-write"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "| `input-fifo` | 3 |" in out and "is a FIFO (named pipe)" in out
    assert "3 of 3 cases pass" in out
