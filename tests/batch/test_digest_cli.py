"""`summarize digest`: outputs, warnings for broken posts, exit codes, cache use, jobs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.cli import main


def _digest(argv: list[str], cache: Path) -> int:
    return main(["digest", *argv, "--cache-dir", str(cache)])


def test_html_file_with_warnings_for_broken_posts(posts: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """-o digest.html picks HTML; each broken post is one `summarize: warning: FILE: …` line; exit 0."""
    out = tmp_path / "digest.html"
    assert _digest([str(posts), "-o", str(out), "-j", "1"], tmp_path / "c") == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith('<section class="summarize-digest">') and html.count("<article") == 5
    err = capsys.readouterr().err.splitlines()
    warnings = [line for line in err if line.startswith("summarize: warning:")]
    assert len(warnings) == 2
    assert any(f"{posts / 'empty.txt'} is empty (or only whitespace): nothing to summarize" in w for w in warnings)
    assert any(str(posts / "broken.md") in w and "PNG image" in w for w in warnings)
    assert "digest of 5 posts (0 from the cache, 7 processed, 2 failed)" in err[-1]


def test_rebuild_reports_cache_hits(posts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After one post changes, the second build takes the rest from the cache and prints the same bytes."""
    cache = tmp_path / "c"
    assert _digest([str(posts), "--format", "json", "-j", "1"], cache) == 0
    first = capsys.readouterr().out
    (posts / "delta.txt").write_text("Caching makes rebuilds fast. Only changed posts are read again.\n",
                                     encoding="utf-8")
    out = tmp_path / "d.json"
    assert _digest([str(posts), "-o", str(out), "-j", "1"], cache) == 0
    assert "(6 from the cache, 1 processed, 2 failed)" in capsys.readouterr().err
    before, after = json.loads(first), json.loads(out.read_text(encoding="utf-8"))
    assert [p for p in after["posts"] if not p["path"].endswith("delta.txt")] == \
           [p for p in before["posts"] if not p["path"].endswith("delta.txt")]
    assert len(after["errors"]) == 2 and after["errors"][0]["type"] == "DecodeError"


def test_jobs_2_prints_the_same_bytes_as_jobs_1(posts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                warm: None) -> None:
    """The command line gives identical Markdown for --jobs 1 and --jobs 2 (no cache involved)."""
    outputs = []
    for jobs in ("1", "2"):
        assert main(["digest", str(posts), "--quiz", "--no-cache", "--jobs", jobs]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and outputs[0].count("\n## ") == 4


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--format", "pdf"], 2, "choose one of: html, json, md"),
        (["--engine", "threads"], 2, "choose one of: dask, process, serial"),
        (["--jobs", "0"], 2, "--jobs must be 1 or more"),
        (["--sort", "newest"], 2, "choose one of: -date, date, path, title"),
        (["--timeout", "-1"], 2, "--timeout must be 0"),
        (["--since", "soon"], 2, "is not a date"),
        (["--no-cache"], 2, "contradict each other"),
        (["--lang", "fr"], 2, "choose one of: auto, en, zh"),
        (["-o", "missing/dir/out.md"], 2, "does not exist"),
    ],
)
def test_usage_errors(argv: list[str], code: int, message: str, posts: Path, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    """Bad options exit 2 with one line naming the value and the choices or the fix."""
    assert _digest([str(posts), *argv], tmp_path / "c") == code
    err = capsys.readouterr().err
    assert err.startswith("summarize: error:") and message in err and err.count("\n") == 1


def test_every_post_failing_exits_1(posts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only broken posts: the warnings, then an error line; no output written."""
    out = tmp_path / "out.md"
    assert _digest([str(posts / "broken.md"), str(posts / "empty.txt"), "-o", str(out)], tmp_path / "c") == 1
    err = capsys.readouterr().err
    assert err.count("summarize: warning:") == 2 and "summarize: error: none of the 2 posts" in err
    assert not out.exists()


def test_no_posts_found_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder without posts says which endings were looked for."""
    (tmp_path / "empty").mkdir()
    assert _digest([str(tmp_path / "empty")], tmp_path / "c") == 1
    assert "looked for *.md, *.markdown, *.txt, *.srt, *.vtt" in capsys.readouterr().err
