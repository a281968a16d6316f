"""The writer-reference benchmark reads each fresh page's own takeaways from its batch README."""

from __future__ import annotations

from conftest import bench_module


def test_writer_takeaways_are_the_bullets_of_each_pages_section() -> None:
    writer = bench_module("writer_reference")
    readme = (
        "# batch\n\nIntro with a list:\n- not a page's takeaway\n\n"
        "## talk.srt\nWhat it imitates, in prose.\n- First point, which wraps\n  onto a second line.\n"
        "- Second point.\n\n## `post.md`\n1. 第一点。\n\n## notes\nNo bullets here.\n"
    )
    assert writer.writer_takeaways(readme) == {
        "talk.srt": ["First point, which wraps onto a second line.", "Second point."],
        "post.md": ["第一点。"],
    }


def test_every_fresh_page_has_its_writers_takeaways() -> None:
    writer = bench_module("writer_reference")
    fixtures = writer.ROOT / "tests" / "fixtures"
    pages = writer.fresh_pages(fixtures)
    on_disk = {(p.parent.name, p.name) for folder in fixtures.glob("unseen*") for p in folder.iterdir()
               if p.name != "README.md"}
    assert {(batch, path.name) for batch, path, _lines in pages} == on_disk
    assert all(len(lines) >= 3 for _batch, _path, lines in pages)
