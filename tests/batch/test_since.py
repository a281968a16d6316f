"""--since chooses posts by the date in the file, before anything is summarized."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import CORPORA

import summarize.pipeline
import summarize.segment
from summarize.batch import digest, summarize_many
from summarize.batch.since import UNKNOWN, keeps, published
from summarize.cli import main
from summarize.errors import SummarizeError
from summarize.pipeline import load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

POST = "---\ntitle: {title}\ndate: {date}\n---\n\nEnvoy is a proxy built at Lyft. It routes traffic between services.\n"
# Nothing worth a takeaway: summarizing it fails, so a digest that summarized it would list it as an error.
NO_PROSE = "---\ntitle: Old code dump\ndate: 2001-01-01\n---\n\n```sh\nls -l\n```\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    for name, title, when in [("new.md", "New", "2024-03-02"), ("zone.md", "Zone", "2024-03-01T23:30:00-08:00"),
                              ("old.md", "Old", "2023-12-31")]:
        (root / name).write_text(POST.format(title=title, date=when), encoding="utf-8")
    (root / "published.md").write_text("---\ntitle: P\npublishDate: 2024-05-01\n---\n\nHelm packages charts.\n",
                                       encoding="utf-8")
    (root / "undated.md").write_text("Helm packages charts. Teams share them.\n", encoding="utf-8")
    (root / "old-dump.md").write_text(NO_PROSE, encoding="utf-8")
    (root / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return root


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every post that reaches segmentation, the first costly step of summarizing a post."""
    seen: list[str] = []
    real = summarize.segment.segment

    def spy(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(Path(doc.source).name)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(summarize.segment, "segment", spy)
    monkeypatch.setattr(summarize.pipeline, "segment", spy)  # load(path) calls it by this name
    return seen


def test_excluded_posts_are_never_summarised(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only posts dated on or after --since reach the summarising step; the old post that would fail is not
    even listed as an error, while a file whose date cannot be read is still tried and reported."""
    seen = _spy(monkeypatch)
    d = digest(site, since="2024-03-01", sort="path")
    assert sorted(seen) == ["new.md", "published.md", "zone.md"]
    assert [Path(r.path).name for r in d.posts] == ["new.md", "published.md", "zone.md"]
    assert [Path(r.path).name for r in d.errors] == ["binary.md"]


def test_without_since_the_same_posts_are_all_summarised(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: without --since the old post is summarised and fails, so the test above can fail."""
    seen = _spy(monkeypatch)
    d = digest(site, sort="path")
    assert {"old.md", "old-dump.md", "undated.md"} <= set(seen)
    assert "old-dump.md" in [Path(r.path).name for r in d.errors]


def test_since_skips_cache_hits_and_misses_alike(site: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm cache holding the old posts changes nothing: the choice is made from the files, not the results."""
    cache = tmp_path / "cache"
    everything = list(summarize_many(site, cache_dir=cache))
    assert len(everything) == 7
    seen = _spy(monkeypatch)
    cached = digest(site, since=date(2024, 3, 1), sort="path", cache_dir=cache)
    assert seen == []  # all hits
    assert cached.to_json() == digest(site, since="2024-03-01", sort="path").to_json()


def test_cli_since_never_summarises_older_posts(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """`summarize digest --since` takes the same path (and prints the kept posts only)."""
    seen = _spy(monkeypatch)
    assert main(["digest", str(site), "--since", "2024-03-02", "--jobs", "1", "--no-cache", "--format", "json"]) == 0
    assert sorted(seen) == ["new.md", "published.md"]
    assert "old-dump" not in capsys.readouterr().out


def _fixture_files() -> list[Path]:
    return sorted(p for root in (FIXTURES, CORPORA) for p in root.rglob("*")
                  if p.is_file() and p.suffix in (".md", ".txt", ".srt", ".vtt"))


@pytest.mark.filterwarnings("ignore")  # broken fixtures warn while they load
@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: p.name)
def test_the_early_date_is_the_summary_date(path: Path) -> None:
    """For every fixture and bundled post, the date read early is the date its summary would carry
    (``Summary.meta`` is the loaded document's ``meta``), so --since never disagrees with the digest."""
    from summarize.parse.metadata import post_meta

    data = path.read_bytes()
    try:
        meta = load(path).meta  # what process_file reads, from the same bytes and name
    except SummarizeError:
        assert published(data, source=str(path)) in (UNKNOWN, None)
        return
    assert published(data, source=str(path)) == post_meta(meta).published


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("\ufeff---\r\ndate: 2024-01-02\r\n---\r\nBody.\r\n", "a.md", datetime(2024, 1, 2)),
    ('+++\ntitle = "T"\ndate = "2024-01-03"\n+++\nBody.\n', "b.md", datetime(2024, 1, 3)),
    ("title: Hexo\ndate: 2024-01-04\n---\nBody text here.\n", "c.md", datetime(2024, 1, 4)),
    ("Title: Talk\nPublication date: 2024-01-05\nCaptions:\n00:00:01.000 --> 00:00:02.000\nhello there\n",
     "d.txt", datetime(2024, 1, 5)),
    ("Just some text. Dated nowhere.\n", "e.txt", None),
    ("", "f.md", None),
])
def test_early_date_forms(text: str, name: str, expected: datetime | None) -> None:
    """BOM and CRLF, TOML, Hexo's fence-less front matter and a caption dump's header are read early too,
    each as the reader reads it."""
    data = text.encode("utf-8")
    from summarize.parse import read_bytes
    from summarize.parse.metadata import post_meta

    assert published(data, source=name) == expected == post_meta(read_bytes(data, source=name).meta).published


def test_keeps() -> None:
    """On or after the day (by the date as written), or unknown; never undated."""
    day = date(2024, 3, 1)
    assert keeps(datetime(2024, 3, 1, 23, 30), day) and keeps(UNKNOWN, day)
    assert not keeps(datetime(2024, 2, 29, 23, 59), day) and not keeps(None, day)
