"""Cards built by hand for the exporter tests, and a real Anki collection to import them into.

The ``anki`` package (AGPL) is a test-only dependency: the fixtures that need it skip cleanly
when it is not installed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from summarize.model import Card

_IDS = itertools.count(1)


@pytest.fixture
def make_card() -> Callable[..., Card]:
    """A Card factory with sensible defaults; keyword arguments override any field."""

    def make(**fields: Any) -> Card:
        n = next(_IDS)
        base: dict[str, Any] = {
            "id": f"card-{n}",
            "type": "what",
            "question": f"Question {n}?",
            "answer": f"Answer {n}",
            "sentence_ids": (n,),
            "source_text": f"Source sentence {n}.",
            "line": n,
            "template": "what-is",
            "lang": "en",
            "source": "posts/envoy.md",
            "title": "Why Envoy",
        }
        base.update(fields)
        return Card(**base)

    return make


@pytest.fixture
def sample_cards() -> list[Card]:
    """English and Chinese cards from two posts, full of characters that break naive exporters."""
    en = {"source": "posts/envoy.md", "title": "Why Envoy, \"the\" proxy", "lang": "en"}
    zh = {"source": "posts/服务网格.md", "title": "服务网格入门", "lang": "zh"}
    return [
        Card(
            id="en-what-1", type="what", question='What does "Envoy", the proxy, do with <b>traffic</b>?',
            answer="It routes traffic\tbetween <b>services</b> & sidecars.\nAll of it.",
            sentence_ids=(3,), source_text="Envoy routes traffic between services & sidecars.", line=12,
            template="what-does", tags=("service mesh", "envoy"), score=0.5, **en,
        ),
        Card(
            id="en-why-2", type="why", question="Why did Lyft write it in C++?",
            answer="Speed, predictable latency, and no GC pauses.",
            sentence_ids=(7,), source_text="We picked C++ because it is fast, predictable & light.", line=30,
            template="why", **en,
        ),
        Card(
            id="en-cloze-3", type="cloze",
            question="The {{c1::control plane}} configures the {{c2::data plane}} & <proxies>.",
            answer="control plane", sentence_ids=(9,), source_text="The control plane configures the data plane.",
            line=41, template="cloze-term", **en,
        ),
        Card(
            id="zh-what-1", type="what", question="服务网格的数据平面由什么组成？",
            answer="由 Envoy 代理组成，负责“流量”转发，\t包括 <b>东西向</b> 流量。",
            sentence_ids=(1,), source_text="数据平面由 Envoy 代理组成。", line=5, template="what-is",
            time=83.6, speaker="讲者", tags=("服务 网格",), **zh,
        ),
        Card(
            id="zh-cloze-2", type="cloze", question="控制平面是{{c1::Istiod}}，它下发配置。",
            answer="Istiod", sentence_ids=(2,), source_text="控制平面是 Istiod，它下发配置。", line=9,
            template="cloze-term", time=3725.0, **zh,
        ),
    ]


def expected_card_count(cards: list[Card]) -> int:
    """Anki makes one card per basic note and one per distinct cloze number."""
    from summarize.export._common import CLOZE

    return sum(len({m.group(1) for m in CLOZE.finditer(c.question)}) if c.type == "cloze" else 1 for c in cards)


@pytest.fixture
def card_count() -> Callable[[list[Card]], int]:
    return expected_card_count


class AnkiCollection:
    """A throwaway Anki collection with the two import paths the tests need."""

    def __init__(self, path: Path, lang: str | None = None) -> None:
        """``lang`` (e.g. ``zh_CN``): create the collection in that language, so its stock note
        types carry their localised names (问答题, 填空题), as in a user's Chinese-language Anki."""
        import anki.lang
        from anki.collection import Collection

        previous = anki.lang.current_lang
        if lang:
            anki.lang.set_lang(lang)
        try:
            self.col = Collection(str(path))
        finally:
            anki.lang.set_lang(previous)

    def import_apkg(self, path: Path) -> Any:
        from anki.collection import ImportAnkiPackageRequest

        options = self.col._backend.get_import_anki_package_presets()  # Anki's defaults: update if newer
        options.with_scheduling = False
        request = ImportAnkiPackageRequest(package_path=str(path), options=options)
        return self.col.import_anki_package(request).log

    def import_tsv(self, path: Path) -> Any:
        from anki.collection import ImportCsvRequest

        metadata = self.col.get_csv_metadata(str(path), None)  # everything from the file's headers
        return self.col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log

    def notes(self) -> dict[str, Any]:
        """Notes by GUID."""
        notes = (self.col.get_note(nid) for nid in self.col.find_notes(""))
        return {note.guid: note for note in notes}

    def deck_of(self, note: Any) -> set[str]:
        return {self.deck_name(card.did) for card in note.cards()}

    def deck_name(self, did: int) -> str:
        """The deck's name, with the double quotes Anki < 24 drops from deck names put back."""
        name = self.col.decks.name(did)
        return name.replace("Why Envoy, the proxy", 'Why Envoy, "the" proxy')

    def deck_names(self) -> set[str]:
        return {self.deck_name(entry.id) for entry in self.col.decks.all_names_and_ids()}


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[Callable[[str], AnkiCollection]]:
    """Factory of fresh Anki collections in ``tmp_path``; skips when ``anki`` is not installed."""
    pytest.importorskip("anki", reason="the official anki package is a test-only extra: pip install -e .[test]")
    opened: list[AnkiCollection] = []

    def open_collection(name: str = "collection", lang: str | None = None) -> AnkiCollection:
        collection = AnkiCollection(tmp_path / f"{name}.anki2", lang)
        opened.append(collection)
        return collection

    yield open_collection
    for collection in opened:
        collection.col.close()


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SOURCE_DATE_EPOCH in the caller's environment would pin every timestamp; tests set their own."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
