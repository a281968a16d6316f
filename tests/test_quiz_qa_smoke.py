"""Smoke tests of benchmarks/quiz_qa.py: its metrics on hand-made paragraphs (no ../shared needed).

Every expected number below is worked out by hand in the comments, so a change to a metric's
definition shows up here before it silently changes docs/BENCHMARKS.md.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _load() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    if "quiz_qa" in sys.modules:
        return sys.modules["quiz_qa"]
    spec = importlib.util.spec_from_file_location("quiz_qa", BENCH / "quiz_qa.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["quiz_qa"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def qa() -> ModuleType:
    return _load()


def _records(context: str, lang: str, items: list[tuple[str, list[str]]], prefix: str) -> list[dict]:
    return [
        {"id": f"{prefix}{n}", "lang": lang, "title": "t", "context": context, "question": q,
         "answers": [{"text": a, "answer_start": 0} for a in answers]}
        for n, (q, answers) in enumerate(items)
    ]


EN_CONTEXT = ("The Denver Broncos defeated the Carolina Panthers 24–10 in 2016. "
              "The game was played at Levi's Stadium in Santa Clara.")
EN_ITEMS = [
    ("Who won the game?", ["Denver Broncos", "the Denver Broncos"]),  # two variants, one question
    ("When was the game played?", ["2016"]),
    ("Where was the game played?", ["Levi's Stadium in Santa Clara"]),
    ("How many points did the Panthers score?", ["10"]),
]
ZH_CONTEXT = "北大西洋公约于1949年签订，共有12个成员国。总部位于布鲁塞尔。"
ZH_ITEMS = [
    ("北大西洋公约是哪一年签订的？", ["1949年"]),
    ("最初有多少个成员国？", ["12个"]),
    ("总部在哪里？", ["布鲁塞尔"]),
]
EN2_CONTEXT = "Oxygen was discovered by Carl Scheele."
EN2_ITEMS = [("Who discovered oxygen?", ["Carl Scheele"])]


@pytest.fixture(scope="module")
def paragraphs(qa: ModuleType) -> list:
    return [
        *qa.group_paragraphs(_records(EN_CONTEXT, "en", EN_ITEMS, "en-a-"), "en"),
        *qa.group_paragraphs(_records(ZH_CONTEXT, "zh", ZH_ITEMS, "zh-a-"), "zh"),
        *qa.group_paragraphs(_records(EN2_CONTEXT, "en", EN2_ITEMS, "en-b-"), "en"),
    ]


def _cards(qa: ModuleType) -> list[list]:
    G = qa.Generated
    return [
        [
            G("who", "t-who", "Who won?", "Broncos."),            # Q1 lenient only (1 of 2 gold words)
            G("when", "t-when", "When?", "In 2016."),             # Q2 strict, not exact
            G("cloze", "t-cloze", "...", "Levi's Stadium"),       # Q3 lenient only (3 of 6 gold words)
            G("what", "t-what", "What?", "The Panthers lost the final."),  # not in the paragraph
        ],
        [
            G("how-many", "t-hm", "多少？", "12"),                 # Q2 lenient only (1 of 2 units: 12, 个)
            G("when", "t-when", "何时？", "1949年"),               # Q1 exact
            G("cloze", "t-cloze", "...", "总部位于布鲁塞尔"),        # Q3 strict, by a cloze card
            G("how-many", "t-hm", "多少？", "9"),                  # "9" is not a unit of "1949": ungrounded
        ],
        [],
    ]


def test_tokens_and_matching(qa: ModuleType) -> None:
    assert qa.tokens("The Denver Broncos!", "en") == ["denver", "broncos"]
    assert qa.tokens("The Denver Broncos!", "en", drop_articles=False) == ["the", "denver", "broncos"]
    assert qa.tokens("１９９７年 ω-Force", "zh") == ["1997", "年", "ω", "force"]
    assert qa.tokens("TSR1996年推出的G7412次", "zh") == ["tsr", "1996", "年", "推", "出", "的", "g", "7412", "次"]
    assert qa.contains(["in", "2016"], ["2016"]) and not qa.contains(["20160"], ["2016"])
    assert not qa.contains(["a"], [])
    # Gold of 3 units needs a common run of 2; of 2 units, a run of 1.
    assert qa.lenient_match(["a", "b", "c"], ["x", "b", "c"])
    assert not qa.lenient_match(["a", "b", "c"], ["c", "x", "a"])
    assert qa.lenient_match(["12", "个"], ["12"])


def test_wh_classes(qa: ModuleType) -> None:
    cases = {
        ("Who won the game?", "en"): "who",
        ("In what year did it open?", "en"): "when",
        ("How many points did they score?", "en"): "how-many",
        ("How long was he ill?", "en"): "how",
        ("Why did it fail?", "en"): "why",
        ("Which team won?", "en"): "what",
        ("Name the team.", "en"): "other",
        ("北大西洋公约是哪一年签订的？", "zh"): "when",
        ("最初有多少个成员国？", "zh"): "how-many",
        ("总部在哪里？", "zh"): "where",
        ("朱皇后是谁的妻子？", "zh"): "who",
        ("长鼻王是由哪个公司生产的？", "zh"): "what",
    }
    for (question, lang), kind in cases.items():
        assert qa.wh_class(question, lang) == kind, question


def test_baseline_spans(qa: ModuleType) -> None:
    text = 'Super Bowl 50 was played in (NFL) Santa Clara, California on February 7, 2016 by the "Golden" team.'
    assert qa.baseline_answers(text, "en") == [
        "Super Bowl 50", "NFL", "Santa Clara", "California", "February 7", "2016", "Golden"]
    assert qa.baseline_answers("由光荣和ω-force开发，１９９７年11月，Leandro Netto 进11球。", "zh") == [
        "force", "1997", "11", "Leandro Netto"]  # the second "11" is a duplicate


def test_paragraph_metrics(qa: ModuleType, paragraphs: list) -> None:
    en, zh, en2 = (qa.score_paragraph(p, c) for p, c in zip(paragraphs, _cards(qa)))
    assert [p.questions[i].kind for p in paragraphs[:1] for i in range(4)] == ["who", "when", "where", "how-many"]
    assert [(q.strict, q.lenient, q.exact) for q in en.questions] == [
        (False, True, False), (True, True, False), (False, True, False), (False, False, False)]
    assert en.grounded == [True, True, True, False]
    assert en.card_hits_strict == [False, True, False, False]
    assert en.card_hits_lenient == [True, True, True, False]
    assert [(q.strict, q.lenient, q.exact) for q in zh.questions] == [
        (True, True, True), (False, True, False), (True, True, False)]
    assert zh.grounded == [True, True, True, False]
    assert [qa.type_agreement(q) for q in zh.questions] == ["agrees", None, "cloze"]
    assert en2.n_cards == 0 and [q.strict for q in en2.questions] == [False]


def test_aggregate(qa: ModuleType, paragraphs: list) -> None:
    results = [qa.score_paragraph(p, c) for p, c in zip(paragraphs, _cards(qa))]
    a = qa.aggregate(results)
    assert a["questions"] == 8 and a["cards"] == 8
    assert a["strict_micro"] == pytest.approx(3 / 8)                     # 1 + 2 + 0 of 4 + 3 + 1
    assert a["strict_macro"] == pytest.approx((1 / 4 + 2 / 3 + 0) / 3)
    assert a["lenient_micro"] == pytest.approx(6 / 8)                    # 3 + 3 + 0
    assert a["lenient_macro"] == pytest.approx((3 / 4 + 1 + 0) / 3)
    assert a["exact_micro"] == pytest.approx(1 / 8)
    assert a["cards_mean"] == pytest.approx(8 / 3) and a["cards_median"] == 4
    assert a["zero_cards"] == pytest.approx(1 / 3)
    assert a["recalled_per_10_cards"] == pytest.approx(3.75)
    assert a["card_hit_strict"] == pytest.approx(3 / 8)
    assert a["card_hit_lenient"] == pytest.approx(6 / 8)
    assert a["grounded"] == pytest.approx(6 / 8)
    assert a["agreement"] == {"agrees": 2, "cloze": 1}
    assert a["types"]["how-many"] == 2 and a["templates"]["t-cloze"] == 2


def test_main_skips_without_data(qa: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert qa.main(["--eval-dir", str(tmp_path / "absent"), "--no-write"]) == 0
    assert "skipped" in capsys.readouterr().out


def test_main_end_to_end(qa: ModuleType, tmp_path: Path) -> None:
    """A tiny SQuAD-shaped set through the real engine, written between the markers only."""
    (tmp_path / "qa").mkdir()
    context = ("Envoy is a proxy that was written in C++ at Lyft. Istio picked Envoy over Nginx because Envoy "
               "supported hot restarts. The project was released in 2016 and has more than 500 contributors.")
    rows = _records(context, "en", [("When was it released?", ["2016"]), ("Who wrote Envoy?", ["Lyft"])], "e2e-")
    (tmp_path / "qa" / "squad.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# B\n\n<!-- other:start -->\nkeep me\n<!-- other:end -->\n", encoding="utf-8")
    dump = tmp_path / "cards.jsonl"
    assert qa.main(["--eval-dir", str(tmp_path), "--sets", "squad", "--output", str(out), "--quiet",
                    "--cards-jsonl", str(dump)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "keep me" in text and "<!-- quiz-qa:start -->" in text and "<!-- quiz-qa:end -->" in text
    assert "Heilman & Smith" in text and "python benchmarks/quiz_qa.py" in text
    (row,) = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert all(c["grounded"] for c in row["cards"])
