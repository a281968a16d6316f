"""Order and selection (--sort, --exclude, --since, what is not a post), -o picking the format, Dask set-up."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from summarize.batch import digest, find_posts
from summarize.batch.engines import MIN_PARALLEL_POSTS, ProcessEngine, SerialEngine, free_cores, make_engine
from summarize.cli import main

POST = "---\ntitle: {title}\ndate: {date}\n---\n\nEnvoy is a proxy built at Lyft. It routes traffic between services.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "posts").mkdir(parents=True)
    (root / "drafts").mkdir()
    for name, title, date in [("b.md", "Beta", "2024-03-01T23:30:00-08:00"), ("a.md", "alpha", "2024-03-02"),
                              ("c.md", "Gamma", "2023-12-31")]:
        (root / "posts" / name).write_text(POST.format(title=title, date=date), encoding="utf-8")
    (root / "posts" / "undated.md").write_text("Helm packages charts. Teams share them.\n", encoding="utf-8")
    (root / "drafts" / "d.md").write_text(POST.format(title="Draft", date="2024-05-01"), encoding="utf-8")
    for name in ("README.md", "SOURCES.md", "CHANGELOG.txt", "_index.md"):
        (root / "posts" / name).write_text("# Not a post\n\nThis file lists sources. It is not a post.\n")
    return root


def _names(d) -> list[str]:
    return [Path(r.path).name for r in d.results]


def test_files_that_are_not_posts_are_skipped_unless_asked(site: Path) -> None:
    """README, SOURCES, CHANGELOG and Hugo's _index.md are left out of a folder; include_all reads them;
    a file named explicitly is always read."""
    found = [Path(p).name for p in find_posts(site)]
    assert sorted(found) == ["a.md", "b.md", "c.md", "d.md", "undated.md"]
    assert {"README.md", "SOURCES.md", "CHANGELOG.txt", "_index.md"} <= {Path(p).name for p in
                                                                       find_posts(site, include_all=True)}
    assert [Path(p).name for p in find_posts(site / "posts" / "README.md")] == ["README.md"]


def test_exclude_globs(site: Path) -> None:
    """A glob matches a path under the folder (drafts/*, drafts) or a file name (*.md)."""
    assert "d.md" not in [Path(p).name for p in find_posts(site, exclude=["drafts/*"])]
    assert "d.md" not in [Path(p).name for p in find_posts(site, exclude=["drafts"])]
    assert [Path(p).name for p in find_posts(site, exclude=["[abc].md"])] == ["d.md", "undated.md"]


def test_sort_orders_and_since(site: Path) -> None:
    """date: oldest first by the instant (zones count); -date newest first; undated last either way."""
    d = digest(site, exclude=["drafts/*"])
    assert _names(d) == ["c.md", "a.md", "b.md", "undated.md"]  # 2024-03-01T23:30-08:00 is after 03-02 00:00
    assert _names(digest(site, exclude=["drafts/*"], sort="-date")) == ["b.md", "a.md", "c.md", "undated.md"]
    assert _names(digest(site, exclude=["drafts/*"], sort="title")) == ["a.md", "b.md", "c.md", "undated.md"]
    assert _names(digest(site, since="2024-03-01", sort="path")) == ["d.md", "a.md", "b.md"]
    post = digest(site / "posts" / "b.md").to_dict()["posts"][0]
    assert post["date"] == "2024-03-01" and post["datetime"] == "2024-03-01T23:30:00-08:00" and post["dated"]


def test_cli_sort_exclude_since(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", str(site), "--no-cache", "--jobs", "1", "--format", "json", "--sort", "-date",
                 "--exclude", "drafts/*", "--since", "2024-01-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [Path(p["path"]).name for p in data["posts"]] == ["b.md", "a.md"]


@pytest.mark.parametrize(("argv", "name", "check"), [
    (["POST"], "s.json", lambda text: json.loads(text)["takeaways"]),
    (["POST"], "s.txt", lambda text: not text.startswith("#") and text.count("\n") >= 1),
    (["POST", "--format", "md"], "s.json", lambda text: text.startswith("# ")),
    (["sentences", "POST"], "s.txt", lambda text: not text.startswith("{")),
    (["sentences", "POST"], "s.json", lambda text: json.loads(text)["sentences"]),
    (["quiz", "POST"], "cards.txt", lambda text: "\t" in text),
    (["digest", "POST", "--no-cache"], "d.html", lambda text: text.startswith("<section")),
])
def test_output_format_follows_the_file_ending(argv: list[str], name: str, check, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """-o picks the format from the ending for every command; --format overrides."""
    post = tmp_path / "post.md"
    post.write_text("# Envoy\n\nEnvoy was built at Lyft because Nginx lacked features. Envoy is a proxy.\n"
                    "Istio was created in 2017 by Google, IBM and Lyft.\n", encoding="utf-8")
    out = tmp_path / name
    assert main([str(post) if a == "POST" else a for a in argv] + ["-o", str(out)]) == 0
    assert check(out.read_text(encoding="utf-8"))


def test_quiz_with_an_unknown_ending_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "post.md"
    post.write_text("Envoy was built at Lyft because Nginx lacked features.\n", encoding="utf-8")
    assert main(["quiz", str(post), "-o", str(tmp_path / "cards.csv")]) == 2
    err = capsys.readouterr().err
    assert "cannot tell the card format from the ending of -o" in err and "--format" in err


def test_auto_jobs_stays_in_this_process_for_a_few_posts_or_a_busy_machine(posts: Path) -> None:
    """jobs='auto': serial below the break-even; never more workers than idle cores."""
    assert isinstance(make_engine(jobs="auto", count=MIN_PARALLEL_POSTS - 1), SerialEngine)
    engine = make_engine(jobs="auto")  # the count unknown: decided per map()
    assert isinstance(engine, ProcessEngine) and engine.auto
    list(engine.map([(str(posts / "alpha.md"), None)] * (MIN_PARALLEL_POSTS - 1), _options(), MIN_PARALLEL_POSTS - 1))
    assert engine.workers_used == 0
    busy = (0.0, 100.0), (0.0, 10_000.0)  # no idle tick between the samples: every core busy
    assert free_cores(*busy) == 1
    idle = (0.0, 100.0), (9_900.0, 10_000.0)
    assert free_cores(*idle) >= 1


def _options():
    from summarize.batch.task import Options

    return Options()


distributed = pytest.importorskip("distributed")


def test_dask_without_a_scheduler_starts_a_local_cluster(posts: Path) -> None:
    """--engine dask alone: a local cluster, the same output as serial, closed afterwards."""
    serial = digest(posts / "alpha.md", jobs=1)
    on_dask = digest(posts / "alpha.md", engine="dask", jobs=1)
    assert on_dask.to_json() == serial.to_json()


def test_a_wrong_scheduler_address_fails_within_5_seconds() -> None:
    """A port that accepts but never answers (the slow case), and one nobody listens on: an EngineError
    naming the address within about the 5 s limit."""
    import socket

    from summarize.batch.engines import DaskEngine, EngineError

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        start = time.perf_counter()
        with pytest.raises(EngineError, match=rf"cannot reach the Dask scheduler at '{address}'"):
            DaskEngine(scheduler=address)
        assert time.perf_counter() - start < 7


def test_takeaways_link_to_their_section_or_their_second(tmp_path: Path) -> None:
    """A takeaway links to the post at its section's heading (the post's own id first); a caption
    takeaway links to the video at its second."""
    from summarize.batch.task import Result
    from summarize.takeaways import Summary, Takeaway

    post = tmp_path / "p.md"
    post.write_text("---\nurl: https://blog.example/p/\n---\n# T\n\n## Setup {#my-setup}\n\n"
                    "Envoy was built at Lyft because Nginx lacked features. Envoy is a proxy.\n\n## Why It Matters\n\n"
                    "Istio was created in 2017 by Google. Teams adopt it because TLS matters.\n", encoding="utf-8")
    takeaways = digest(post, n=3).to_dict()["posts"][0]["takeaways"]
    assert takeaways
    for t in takeaways:  # each links to the heading of the section it comes from
        section = "#my-setup" if t["text"].startswith("Envoy") else "#why-it-matters"
        assert t["link"] == "https://blog.example/p/" + section, t
    html = digest(post, n=3).to_html()
    assert all(f'href="{t["link"]}"' in html for t in takeaways)
    summary = Summary("talk.srt", "Talk", "en", "takeaways", (Takeaway("Envoy is fast.", (0,), 3, 75.4),),
                      {"videos": ["https://www.youtube.com/watch?v=O-bHqDpStoE"]})
    (takeaway,) = Result("talk.srt", summary).to_dict()["takeaways"]
    assert takeaway["link"] == "https://www.youtube.com/watch?v=O-bHqDpStoE&t=75s"


def test_lookahead_routes_chinese_posts_to_the_worker_with_jieba() -> None:
    """A worker without jieba gets the posts without Chinese while there are any; one with jieba the Chinese."""
    from summarize.batch.engines import _Lookahead

    tasks = [("zh1.md", "服务网格".encode()), ("en1.md", b"Envoy."), ("zh2.md", "网格".encode()), ("en2.md", b"Mesh.")]
    pending = _Lookahead(iter(tasks), 3)
    assert pending.take(False)[0][0] == "en1.md"
    assert pending.take(True)[0][0] == "zh1.md"
    assert pending.take(False)[0][0] == "en2.md"  # read ahead as the buffer empties
    assert pending.take(False)[0][0] == "zh2.md"  # nothing else left: it takes a Chinese post after all
    assert pending.take(True) is None


def test_lookahead_hands_out_the_largest_post_first() -> None:
    """Of the posts read ahead, a worker gets the largest of its kind, so the small ones are left for the
    end (a large post handed out last keeps one worker busy while the other has nothing left)."""
    from summarize.batch.engines import _Lookahead

    sizes = [3, 9, 1, 7, 5, 2]
    tasks = [(f"p{i}.md", b"x" * size) for i, size in enumerate(sizes)]
    pending = _Lookahead(iter(tasks), 4)
    order = []
    while (taken := pending.take(False)) is not None:
        order.append(len(taken[0][1] or b""))
    assert order == [9, 7, 5, 3, 2, 1]  # read ahead 4 at a time: the largest of what has been read
    unreadable = _Lookahead(iter([("gone.md", None), ("p.md", b"x")]), 2)
    assert unreadable.take(True)[0][0] == "gone.md"  # unread (None) counts as Chinese, and as size 0


def test_digest_min_confidence_is_summarize_s(capsys: pytest.CaptureFixture[str]) -> None:
    """`digest --min-confidence` reaches each post's summarize(): 0 prints all -n, a bad bound names the fix."""
    from summarize import summarize as summarize_one
    from summarize.errors import UsageError

    post = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / "explainer-en.md"
    results = {bound: digest(post, n=5, min_confidence=bound).to_dict()["posts"][0]["takeaways"] for bound in (0, None)}
    assert [t["text"] for t in results[0]] == [t.text for t in summarize_one(post, n=5, min_confidence=0).takeaways]
    assert [t["text"] for t in results[None]] == [t.text for t in summarize_one(post, n=5).takeaways]
    assert len(results[0]) == 5 and len(results[None]) <= 5
    with pytest.raises(UsageError, match="--min-confidence"):
        digest(post, min_confidence=1.5)
    assert main(["digest", str(post), "--min-confidence", "0", "-n", "5", "--no-cache", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["options"]["min_confidence"] == 0
