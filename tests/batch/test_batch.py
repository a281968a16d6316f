"""summarize_many / digest: same results as `summarize FILE`, errors as values, order, engines, rendering."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPORA

import summarize
from summarize.batch import Digest, Result, digest, find_posts, summarize_many
from summarize.batch.engines import MissingDependencyError, ProcessEngine, make_engine
from summarize.batch.task import Options, normalise_date, process_chunk
from summarize.errors import UnknownChoiceError, UsageError

GOOD = ["alpha.md", "bravo.md", "delta.txt", "echo.zh.md", "sub/charlie.markdown"]


def test_find_posts_recurses_in_a_stable_order_and_skips_hidden(posts: Path) -> None:
    """Folders give their posts (any depth, known endings), never hidden ones; duplicates collapse."""
    found = find_posts([posts, posts / "alpha.md", str(posts) + "/"])
    rel = sorted(Path(p).relative_to(posts).as_posix() for p in found)
    assert rel == sorted(["broken.md", "empty.txt", *GOOD])
    assert found == find_posts(posts)


def test_find_posts_refuses_stdin() -> None:
    """A digest reads files, not standard input; the message says so."""
    with pytest.raises(UsageError, match="not standard input"):
        find_posts(["-"])


def test_same_result_as_summarize_one_post(posts: Path) -> None:
    """Each result's summary is exactly summarize.summarize(FILE, n=3).to_dict()."""
    for path in [str(posts / "alpha.md"), str(posts / "echo.zh.md"),
                 str(CORPORA / "istio-lin-sun-kubecon-chicago-2023.md")]:
        (result,) = summarize_many([path], n=3)
        assert result.ok and result.summary.to_dict() == summarize.summarize(Path(path), n=3).to_dict()


def test_summarize_many_yields_errors_as_values(posts: Path) -> None:
    """A binary file and an empty file are error results; every other post still comes back."""
    results = {Path(r.path).relative_to(posts).as_posix(): r for r in summarize_many(posts, quiz=True)}
    assert sorted(results) == sorted(["broken.md", "empty.txt", *GOOD])
    assert results["broken.md"].error_type == "DecodeError" and "PNG image" in results["broken.md"].error
    assert results["empty.txt"].error_type == "EmptyInputError" and results["empty.txt"].summary is None
    assert all(results[name].ok and results[name].summary.takeaways for name in GOOD)
    assert not any(r.cached for r in results.values())


def test_too_large_and_missing_files_are_errors(posts: Path) -> None:
    """max_bytes and a missing path give per-file errors that name the fix, like `summarize FILE`."""
    results = {Path(r.path).name: r for r in summarize_many([posts / "alpha.md", posts / "nope.md"], max_bytes=100)}
    assert "--max-bytes" in results["alpha.md"].error and results["alpha.md"].error_type == "InputError"
    assert "no such file" in results["nope.md"].error


def test_options_are_checked_before_any_work(posts: Path) -> None:
    """Bad options raise at call time, naming the valid choices, not at the first next()."""
    with pytest.raises(UnknownChoiceError, match="choose one of: auto, en, zh"):
        summarize_many(posts, lang="fr")
    with pytest.raises(UnknownChoiceError, match="dask, process, serial"):
        summarize_many(posts, engine="threads")
    with pytest.raises(UsageError, match="--jobs must be 1 or more"):
        summarize_many(posts, jobs=0)
    with pytest.raises(UnknownChoiceError, match="--sort"):
        digest(posts, sort="newest")
    with pytest.raises(UsageError, match="--since 'yesterday' is not a date"):
        digest(posts, since="yesterday")
    with pytest.raises(TypeError, match="max_card"):
        digest(posts, max_card=2)  # type: ignore[call-arg]  # a typo fails at the call, by name


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without dask.distributed the error gives the pip command and the alternative."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "summarize\[dask\]"'):
        make_engine("dask", scheduler="tcp://127.0.0.1:1")


def test_digest_orders_by_date_then_path(posts: Path) -> None:
    """Dated posts oldest first, equal dates by path, undated posts last; errors listed apart."""
    d = digest(posts)
    names = [Path(p["path"]).name for p in d.to_dict()["posts"]]
    assert names == ["echo.zh.md", "bravo.md", "alpha.md", "charlie.markdown", "delta.txt"]
    assert [p["date"] for p in d.to_dict()["posts"]] == ["2022-12-31", "2023-01-05", "2024-03-01", "2024-03-01", None]
    assert [Path(e["path"]).name for e in d.to_dict()["errors"]] == ["broken.md", "empty.txt"]


@pytest.mark.parametrize(("raw", "iso"), [
    ("2024-03-01", "2024-03-01"), ("2024-3-1", "2024-03-01"), ("2024-03-01T09:30:00+08:00", "2024-03-01"),
    ("2024/03/01", "2024-03-01"), ("March 1, 2024", "2024-03-01"), ("1 Mar 2024", "2024-03-01"),
    ("2024年3月1日", "2024-03-01"), ("someday", None),
])
def test_normalise_date(raw: str, iso: str | None) -> None:
    """The date forms posts use become YYYY-MM-DD; anything else is left alone."""
    assert normalise_date(raw) == iso


_SEED_PROBE = (
    "import json, sys\n"
    "from summarize.batch.task import Options, process_file\n"
    "print(json.dumps(process_file(sys.argv[1], Options(quiz=True, max_cards=20, n=5)).payload(), sort_keys=True))\n"
)


def test_results_do_not_depend_on_the_hash_seed() -> None:
    """Two interpreters with different str hash seeds give the same result, as spawned Dask workers must.

    Guards against set iteration order leaking into scores (forked pool workers would hide it:
    they share the parent's seed).
    """
    post = str(CORPORA / "istio-community-roadmap-craig-box-2020.captions.txt")
    runs = [subprocess.Popen([sys.executable, "-c", _SEED_PROBE, post], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("0", "1")]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert outputs[0] == outputs[1]


def _all_formats(d: Digest) -> dict[str, str]:
    return {fmt: d.render(fmt) for fmt in ("md", "html", "json")}


def test_jobs_1_and_jobs_2_give_identical_bytes(posts: Path, warm: None) -> None:
    """Serial and a two-process pool render the same Markdown, HTML and JSON, byte for byte."""
    paths = [posts, CORPORA]
    serial = digest(paths, quiz=True, jobs=1)
    pooled = digest(paths, quiz=True, jobs=2)
    assert _all_formats(serial) == _all_formats(pooled)
    assert len(serial.posts) == len(GOOD) + len(list(CORPORA.iterdir())) - 1  # corpora/SOURCES.md: not a post


def test_rendered_output_carries_no_run_details(posts: Path) -> None:
    """Timings and cache flags never reach the output: results differing only in them render the same."""
    d = digest([posts / "bravo.md"])
    slower = Digest(tuple(Result(**{**r.__dict__, "seconds": 99.0, "cached": True}) for r in d.results), d.options)
    assert _all_formats(d) == _all_formats(slower)


def test_html_is_an_escaped_self_contained_fragment(posts: Path) -> None:
    """A title with <script> and & is escaped; no document tags, scripts or inline styles; classes prefixed."""
    html = digest(posts, quiz=True).to_html()
    assert "<script" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; friends" in html
    assert 'href="https://example.com/alpha?a=1&amp;b=2"' in html
    for tag in ("<html", "<head", "<body", "<style", "style=", "<link", "onclick"):
        assert tag not in html
    assert html.startswith('<section class="summarize-digest">') and html.endswith("</section>\n")
    classes = {c for part in html.split('class="')[1:] for c in [part.split('"')[0]]}
    assert classes and all(c.startswith("summarize-") for c in classes)
    assert '<article class="summarize-post" lang="zh">' in html and '<time datetime="2022-12-31">' in html


def test_markdown_sections(posts: Path) -> None:
    """One `##` section per post; a link makes the title a link, otherwise the path is shown; text is escaped."""
    md = digest(posts, quiz=True).to_markdown()
    assert md.count("\n## ") + md.startswith("## ") == len(GOOD)
    assert "## [Alpha \\<script\\>alert('x')\\</script\\> & friends](<https://example.com/alpha?a=1&b=2>)" in md
    assert f"`{posts / 'delta.txt'}`" in md and "\n1. " in md and md.endswith("\n") and not md.endswith("\n\n")


def test_json_shape(posts: Path) -> None:
    """JSON: posts (path, title, date, link, lang, algorithm, takeaways, cards, error), errors, options."""
    data = json.loads(digest(posts, quiz=True).to_json())
    assert set(data) == {"posts", "errors", "options"}
    post = data["posts"][2]
    assert {"path", "title", "date", "link", "lang", "algorithm", "takeaways", "cards", "error"} <= set(post)
    assert {"author", "authors", "description", "tags", "categories", "videos", "datetime", "publishDate",
            "lastmod", "dated"} <= set(post)
    assert post["link"] == "https://example.com/alpha?a=1&b=2" and post["error"] is None
    assert {"text", "sentence_ids", "line", "time", "speaker", "link"} <= set(post["takeaways"][0])
    assert post["cards"] and {"question", "answer", "id", "type"} <= set(post["cards"][0])
    message = data["errors"][0]["message"]
    assert data["errors"][0] == {"path": str(posts / "broken.md"), "type": "DecodeError", "message": message,
                                 "error_type": "DecodeError", "error": message}
    assert data["options"]["n"] == 3 and data["options"]["quiz"] is True


def test_dict_form_feeds_a_template(posts: Path) -> None:
    """to_dict() holds only plain values: it survives a JSON round trip unchanged (what Jinja2 needs)."""
    data = digest(posts).to_dict()
    assert json.loads(json.dumps(data)) == data


def test_lazy_exports() -> None:
    """summarize.digest and summarize.summarize_many resolve lazily to the batch functions."""
    assert summarize.digest is digest and summarize.summarize_many is summarize_many
    assert {"digest", "summarize_many"} <= set(dir(summarize))


def crashy_chunk(chunk: list[tuple[str, bytes | None]], options: Options) -> list[Result]:
    """Kills its worker process on a post named crash.md, like a segfault would."""
    if any(Path(path).name == "crash.md" for path, _ in chunk):
        os._exit(1)
    return process_chunk(chunk, options)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the crashing helper is found by fork")
def test_a_post_that_kills_its_worker_is_the_only_casualty(posts: Path, warm: None) -> None:
    """A worker holds one post at a time: when it dies, only its post is an error, and a new worker goes on."""
    (posts / "crash.md").write_text("Crash here. It will die.", encoding="utf-8")
    files = find_posts(posts)
    engine = ProcessEngine(2, func=crashy_chunk, warm_up=False)
    options = Options()
    results = {Path(r.path).name: r for r in engine.map(((p, None) for p in files), options, len(files))}
    assert sorted(results) == sorted(Path(p).name for p in files)
    assert results["crash.md"].error_type == "WorkerError" and "died" in results["crash.md"].error
    assert all(results[Path(name).name].ok for name in GOOD)
