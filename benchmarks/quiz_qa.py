"""Quiz cards against reading-comprehension questions: SQuAD v1.1 (en) and CMRC 2018 (zh).

Why this exists: issue 4 asks whether the quiz engine picks the facts people ask about. The
shared QA sets give, per paragraph, the questions people wrote and their answer spans; a card
whose answer holds a gold answer span asks (roughly) about the same fact. Measured per paragraph:

* gold answer recall (strict containment, lenient overlap, exact), macro over paragraphs and
  micro over questions, and recall per card, so the cost in cards is visible;
* grounding: the share of generated answers that are spans of the paragraph;
* cards per paragraph, the mix of card types and templates, and whether a card that recalls a
  gold answer asks the same kind of question (what/who/when/how many/why).

A trivial named-entity "cloze" baseline runs in the same pass as a reference point.

Usage (from the repository root)::

    python benchmarks/quiz_qa.py                            # every paragraph of both sets
    python benchmarks/quiz_qa.py --sample 100 --no-write    # a quick look
    python benchmarks/quiz_qa.py --cards-jsonl /tmp/quiz_cards.jsonl   # every card, for reading

All metric code is plain functions over strings, so tests/test_quiz_qa_smoke.py checks it on
hand-made paragraphs without the shared data.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402  (after the path tweak)
    ROOT,
    code_version,
    command_line,
    load_average,
    machine_facts,
    markdown_table,
    read_jsonl,
    sample_records,
    write_section,
)

SECTION = "quiz-qa"
SCRIPT = "quiz_qa.py"
DEFAULT_EVAL_DIR = Path("../shared/eval")


@dataclass(frozen=True)
class QASet:
    name: str
    path: str
    label: str
    lang: str


SETS: tuple[QASet, ...] = (
    QASet("squad", "qa/squad.jsonl", "SQuAD v1.1 dev, half (en)", "en"),
    QASet("cmrc2018", "qa/cmrc2018.jsonl", "CMRC 2018 dev, half (zh)", "zh"),
)

# --------------------------------------------------------------------------- normalisation

_ARTICLES = frozenset({"a", "an", "the"})
_EN_TOKEN_RE = re.compile(r"[^\W_]+")
# Chinese: a run of ASCII letters is one token, a run of ASCII digits another ("TSR1996年" is
# tsr, 1996, 年); any other letter or digit (hanzi, kana, Greek ...) is a token of its own;
# punctuation and spaces are dropped.
_ZH_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+|[^\W_a-z0-9]")


def tokens(text: str, lang: str, *, drop_articles: bool = True) -> list[str]:
    """Matching units: NFKC, lower case, punctuation and spaces dropped.

    English: words (articles a/an/the dropped unless ``drop_articles`` is False, as the
    official SQuAD scorer does). Chinese: characters, with each run of ASCII letters and each
    run of ASCII digits as one unit, so "2013" never matches inside "20130".
    """
    text = unicodedata.normalize("NFKC", text).lower()
    if lang == "zh":
        return _ZH_TOKEN_RE.findall(text)
    words = _EN_TOKEN_RE.findall(text)
    return [w for w in words if w not in _ARTICLES] if drop_articles else words


def _joined(toks: Sequence[str]) -> str:
    """Tokens as a space-delimited string, so substring search is contiguous-token search."""
    return " " + " ".join(toks) + " "


def contains(hay: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether ``needle`` is a contiguous run of ``hay`` (whole tokens); an empty needle never is."""
    return bool(needle) and _joined(needle) in _joined(hay)


def lenient_match(gold: Sequence[str], answer: Sequence[str]) -> bool:
    """The two share a contiguous run of at least half the gold's tokens (rounded up).

    Covers a gold span inside the answer (the strict case), an answer inside the gold that covers
    half of it ("Broncos" for "Denver Broncos"), and partial overlaps. Any common run of length
    >= L holds one of length exactly L, so checking the gold's windows of length L suffices.
    """
    if not gold or not answer:
        return False
    need = (len(gold) + 1) // 2
    hay = _joined(answer)
    return any(_joined(gold[i:i + need]) in hay for i in range(len(gold) - need + 1))


# --------------------------------------------------------------------------- question kinds

WH_CLASSES = ("what", "who", "when", "where", "how-many", "why", "how", "other")

_EN_WH: tuple[tuple[str, str], ...] = (
    ("why", r"\bwhy\b|\bwhat (?:is|was|were|are) the reasons?\b|\bfor what reason\b"),
    ("how-many", r"\bhow (?:many|much)\b|\bwhat (?:percentage|percent|proportion|fraction|number|amount)\b"),
    ("when", r"\bwhen\b|\b(?:what|which) (?:year|years|date|day|month|decade|century|time|era|period|season)\b"),
    ("who", r"\bwho\b|\bwhom\b|\bwhose\b|\b(?:what|which) (?:person|people)\b"),
    ("where", r"\bwhere\b|\b(?:what|which) (?:city|country|state|place|location|region|area|town|continent)\b"),
    ("what", r"\bwhat\b|\bwhich\b"),
    ("how", r"\bhow\b"),
)
_ZH_WH: tuple[tuple[str, str], ...] = (
    ("why", r"为什么|为何|什么原因|原因是什么|原因为何"),
    ("when", r"什么时候|何时|何年|哪一?年|哪一?天|哪个时期|哪个朝代|什么时间|几月|几号|什么年代"),
    ("how-many", r"多少|几"),
    ("who", r"谁|哪一?位|什么人"),
    ("where", r"哪里|哪儿|何处|何地|什么地方|哪个(?:国家|城市|地区|省|地方)|在哪"),
    ("what", r"什么|哪|何"),
    ("how", r"怎么|怎样|如何"),
)
_WH_PATTERNS = {
    "en": [(k, re.compile(p, re.IGNORECASE)) for k, p in _EN_WH],
    "zh": [(k, re.compile(p)) for k, p in _ZH_WH],
}

#: Which gold question kinds a card type asks the same way. cloze and interview cards carry no
#: wh-word and agree with none; "where" has no card type.
TYPE_AGREES: dict[str, frozenset[str]] = {
    "what": frozenset({"what"}),
    "who": frozenset({"who"}),
    "when": frozenset({"when"}),
    "how-many": frozenset({"how-many"}),
    "why": frozenset({"why"}),
    "choice": frozenset({"why"}),
}


def wh_class(question: str, lang: str) -> str:
    """The kind of a gold question: the earliest wh-cue in it; at one position the more specific cue.

    "In what year did ..." is "when" (the "what year" cue outranks "what" at the same spot);
    "Who was king when ..." is "who" (it comes first). Rough by design.
    """
    best: tuple[int, int, str] | None = None
    for rank, (kind, pattern) in enumerate(_WH_PATTERNS["zh" if lang == "zh" else "en"]):
        m = pattern.search(question)
        if m and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, kind)
    return best[2] if best else "other"


# --------------------------------------------------------------------------- baseline

_OPENING = "\"'([{“‘«"
_CLOSING = "\"')]}”’»"
_BREAK_AFTER = ",.;:!?" + _CLOSING
_ZH_BASELINE_RE = re.compile(r"[A-Za-z0-9]+(?:[ .,'&+\-·][A-Za-z0-9]+)*")


def baseline_answers(context: str, lang: str) -> list[str]:
    """What a trivial named-entity extractor would offer as cloze answers, first occurrence order.

    English: maximal runs of whitespace-separated tokens that start (after opening quotes or
    brackets) with a capital letter or a digit; a run ends at a token ending in punctuation or a
    closing bracket/quote, and a token opening a bracket/quote starts a new run.
    Chinese (after NFKC): maximal runs of ASCII letters/digits, joined by single spaces or . , ' & + - ·.
    Duplicates (after normalisation) are kept once.
    """
    spans: list[str] = []
    if lang == "zh":
        spans = [m.group(0).strip(" .,'&+-·") for m in _ZH_BASELINE_RE.finditer(unicodedata.normalize("NFKC", context))]
    else:
        run: list[str] = []
        for raw in context.split():
            opens = raw[:1] in _OPENING
            core = raw.strip(_OPENING + _CLOSING + ",.;:!?")
            if opens and run:
                spans.append(" ".join(run))
                run = []
            if core and (core[0].isupper() or core[0].isdigit()):
                run.append(core)
                if raw[-1:] in _BREAK_AFTER:
                    spans.append(" ".join(run))
                    run = []
            elif run:
                spans.append(" ".join(run))
                run = []
        if run:
            spans.append(" ".join(run))
    seen: set[str] = set()
    out: list[str] = []
    for span in spans:
        key = " ".join(tokens(span, lang, drop_articles=False))
        if key and key not in seen:
            seen.add(key)
            out.append(span)
    return out


# --------------------------------------------------------------------------- paragraphs and scoring


@dataclass
class Question:
    question: str
    answers: list[str]
    kind: str


@dataclass
class Paragraph:
    id: str
    lang: str
    context: str
    questions: list[Question]


@dataclass(frozen=True)
class Generated:
    """One card as the metrics see it (engine cards and baseline spans alike)."""

    type: str
    template: str
    question: str
    answer: str


@dataclass
class QuestionResult:
    kind: str
    exact: bool
    strict: bool
    lenient: bool
    strict_types: tuple[str, ...]
    """Types of the cards whose answers strictly contain a gold answer."""
    lenient_types: tuple[str, ...]


@dataclass
class ParagraphResult:
    id: str
    n_cards: int
    questions: list[QuestionResult]
    grounded: list[bool]
    card_hits_strict: list[bool]
    card_hits_lenient: list[bool]
    answer_lengths: list[int]
    types: Counter[str] = field(default_factory=Counter)
    templates: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    error: str | None = None


def group_paragraphs(records: Iterable[dict[str, Any]], lang: str) -> list[Paragraph]:
    """One paragraph per distinct ``context``, in first-seen order; its id is its first question's id.

    Gold answers are de-duplicated per question (SQuAD repeats one span for each annotator);
    a question whose answers are all empty after normalisation is dropped.
    """
    by_context: dict[str, Paragraph] = {}
    for r in records:
        answers = list(dict.fromkeys(a["text"] for a in r.get("answers", []) if tokens(a["text"], lang)))
        p = by_context.get(r["context"])
        if p is None:
            p = by_context[r["context"]] = Paragraph(str(r["id"]), lang, r["context"], [])
        if answers:
            p.questions.append(Question(r["question"], answers, wh_class(r["question"], lang)))
    return [p for p in by_context.values() if p.questions]


def score_paragraph(p: Paragraph, cards: Sequence[Generated]) -> ParagraphResult:
    """Every metric of one paragraph, given its cards.

    A gold question counts as recalled when any of its answer variants matches any card answer.
    Strict: the gold's tokens are a contiguous run of the card answer's. Lenient: see
    ``lenient_match``. Exact: equal token sequences. Grounded: the answer's tokens (articles
    kept) are a contiguous run of the paragraph's.
    """
    lang = p.lang
    answer_toks = [tokens(c.answer, lang) for c in cards]
    context_full = tokens(p.context, lang, drop_articles=False)
    grounded = [contains(context_full, tokens(c.answer, lang, drop_articles=False)) for c in cards]
    hits_strict = [False] * len(cards)
    hits_lenient = [False] * len(cards)
    results: list[QuestionResult] = []
    for q in p.questions:
        golds = [tokens(a, lang) for a in q.answers]
        strict_by: list[int] = []
        lenient_by: list[int] = []
        exact = False
        for i, at in enumerate(answer_toks):
            if any(contains(at, g) for g in golds):
                strict_by.append(i)
                hits_strict[i] = True
            if any(lenient_match(g, at) for g in golds):
                lenient_by.append(i)
                hits_lenient[i] = True
            exact = exact or any(g == at for g in golds)
        results.append(QuestionResult(
            q.kind, exact, bool(strict_by), bool(lenient_by),
            tuple(cards[i].type for i in strict_by), tuple(cards[i].type for i in lenient_by),
        ))
    return ParagraphResult(
        p.id, len(cards), results, grounded, hits_strict, hits_lenient,
        [len(t) for t in answer_toks],
        Counter(c.type for c in cards), Counter(c.template for c in cards),
    )


def type_agreement(r: QuestionResult) -> str | None:
    """For a strictly recalled question: "agrees" (some recalling card's type asks the same kind),
    "cloze" (none agrees, but a cloze card recalls it) or "other"; None when not recalled."""
    if not r.strict:
        return None
    if any(r.kind in TYPE_AGREES.get(t, ()) for t in r.strict_types):
        return "agrees"
    return "cloze" if "cloze" in r.strict_types else "other"


def aggregate(results: Sequence[ParagraphResult]) -> dict[str, Any]:
    """Set-level numbers: macro (mean of per-paragraph shares) and micro (pooled questions)."""
    qs = [q for r in results for q in r.questions]
    n_q = len(qs)
    per_para = [r for r in results if r.questions]

    def macro(attr: str) -> float:
        return statistics.fmean(sum(getattr(q, attr) for q in r.questions) / len(r.questions) for r in per_para) if per_para else 0.0

    def micro(attr: str) -> float:
        return sum(getattr(q, attr) for q in qs) / n_q if n_q else 0.0

    cards = [r.n_cards for r in results]
    n_cards = sum(cards)
    grounded = [g for r in results for g in r.grounded]
    lengths = [n for r in results for n in r.answer_lengths]
    agreement = Counter(a for a in map(type_agreement, qs) if a)
    return {
        "paragraphs": len(results),
        "questions": n_q,
        "cards": n_cards,
        "cards_mean": statistics.fmean(cards) if cards else 0.0,
        "cards_median": statistics.median(cards) if cards else 0.0,
        "zero_cards": sum(c == 0 for c in cards) / len(cards) if cards else 0.0,
        "strict_macro": macro("strict"),
        "strict_micro": micro("strict"),
        "lenient_macro": macro("lenient"),
        "lenient_micro": micro("lenient"),
        "exact_micro": micro("exact"),
        "recalled_per_10_cards": 10 * sum(q.strict for q in qs) / n_cards if n_cards else 0.0,
        "card_hit_strict": sum(h for r in results for h in r.card_hits_strict) / n_cards if n_cards else 0.0,
        "card_hit_lenient": sum(h for r in results for h in r.card_hits_lenient) / n_cards if n_cards else 0.0,
        "grounded": sum(grounded) / len(grounded) if grounded else 0.0,
        "answer_tokens_median": statistics.median(lengths) if lengths else 0,
        "types": sum((r.types for r in results), Counter()),
        "templates": sum((r.templates for r in results), Counter()),
        "gold_kinds": Counter(q.kind for q in qs),
        "recalled_kinds": Counter(q.kind for q in qs if q.strict),
        "agreement": agreement,
        "agreement_by_kind": Counter((q.kind, type_agreement(q)) for q in qs if q.strict),
        "errors": sum(r.error is not None for r in results),
        "seconds": sum(r.seconds for r in results),
    }


# --------------------------------------------------------------------------- running


QuizFn = Callable[[str, str, int], list[Generated]]


def engine_cards(text: str, lang: str, max_cards: int) -> list[Generated]:
    """The engine's cards for one paragraph, as the public API returns them."""
    from summarize.quiz import quiz

    # A trailing newline keeps the loader from ever reading a one-line paragraph as a file name.
    cards = quiz(text + "\n", lang=lang, max_cards=max_cards)
    return [Generated(c.type, c.template, c.question, c.answer) for c in cards]


def baseline_cards(text: str, lang: str, max_cards: int | None = None) -> list[Generated]:
    """Every baseline span as a cloze card (the first ``max_cards`` in text order when capped)."""
    spans = baseline_answers(text, lang)
    if max_cards is not None:
        spans = spans[:max_cards]
    return [Generated("cloze", "baseline-ne", "", s) for s in spans]


def run_system(paragraphs: Sequence[Paragraph], make: QuizFn, max_cards: int,
               dump: list[dict[str, Any]] | None = None, progress: str | None = None) -> list[ParagraphResult]:
    """Make each paragraph's cards once and score them; an exception counts as zero cards."""
    results: list[ParagraphResult] = []
    for n, p in enumerate(paragraphs, 1):
        t0 = time.perf_counter()
        error = None
        try:
            cards = make(p.context, p.lang, max_cards)
        except Exception as e:  # noqa: BLE001  (a crash on one paragraph is a finding, not the end)
            cards, error = [], f"{type(e).__name__}: {e}"
        seconds = time.perf_counter() - t0
        r = score_paragraph(p, cards)
        r.seconds, r.error = seconds, error
        results.append(r)
        if dump is not None:
            dump.append({
                "id": p.id, "lang": p.lang, "context": p.context, "error": error,
                "questions": [{"question": q.question, "answers": q.answers, "kind": q.kind,
                               "strict": qr.strict, "lenient": qr.lenient, "types": list(qr.strict_types)}
                              for q, qr in zip(p.questions, r.questions)],
                "cards": [{"type": c.type, "template": c.template, "question": c.question, "answer": c.answer,
                           "grounded": g, "hit_strict": hs, "hit_lenient": hl}
                          for c, g, hs, hl in zip(cards, r.grounded, r.card_hits_strict, r.card_hits_lenient)],
            })
        if progress and n % 100 == 0:
            print(f"{progress}: {n}/{len(paragraphs)} paragraphs", file=sys.stderr, flush=True)
    return results


# --------------------------------------------------------------------------- report


def _pct(x: float, digits: int = 1) -> str:
    return f"{100 * x:.{digits}f}"


def _share(n: int, total: int) -> str:
    return f"{n:,} ({_pct(n / total) if total else '0.0'}%)"


def recall_table(rows: Sequence[tuple[str, dict[str, Any]]]) -> str:
    header = ["system", "cards/para (mean / median)", "zero-card paras", "recall strict (macro / micro)",
              "recall lenient (macro / micro)", "exact (micro)", "recalled per 10 cards",
              "cards hitting a gold answer (strict / lenient)", "answers grounded", "median answer tokens"]
    body = []
    for name, a in rows:
        body.append([
            name,
            f"{a['cards_mean']:.1f} / {a['cards_median']:g}",
            f"{_pct(a['zero_cards'])}%",
            f"{_pct(a['strict_macro'])} / {_pct(a['strict_micro'])}",
            f"{_pct(a['lenient_macro'])} / {_pct(a['lenient_micro'])}",
            _pct(a["exact_micro"]),
            f"{a['recalled_per_10_cards']:.2f}",
            f"{_pct(a['card_hit_strict'])}% / {_pct(a['card_hit_lenient'])}%",
            f"{_pct(a['grounded'])}%",
            f"{a['answer_tokens_median']:g}",
        ])
    return markdown_table(header, body)


def mix_table(counters: Sequence[tuple[str, Counter[str]]], first: str) -> str:
    keys = sorted({k for _, c in counters for k in c}, key=lambda k: (-sum(c[k] for _, c in counters), k))
    header = [first, *(name for name, _ in counters)]
    body = [[k, *(_share(c[k], sum(c.values())) if c[k] else "—" for _, c in counters)] for k in keys]
    body.append(["total", *(f"{sum(c.values()):,}" for _, c in counters)])
    return markdown_table(header, body)


def agreement_table(name_aggs: Sequence[tuple[str, dict[str, Any]]]) -> str:
    header = ["gold question kind", *(f"{n}: gold share · recalled · by agreeing type / cloze / other" for n, _ in name_aggs)]
    body = []
    for kind in WH_CLASSES:
        row = [kind]
        for _, a in name_aggs:
            gold = a["gold_kinds"][kind]
            if not gold:
                row.append("—")
                continue
            rec = a["recalled_kinds"][kind]
            by = a["agreement_by_kind"]
            row.append(f"{_pct(gold / a['questions'])}% · {_pct(rec / gold)}% · "
                       f"{by[(kind, 'agrees')]} / {by[(kind, 'cloze')]} / {by[(kind, 'other')]}")
        body.append(row)
    total = ["all"]
    for _, a in name_aggs:
        ag, rec = a["agreement"], sum(a["agreement"].values())
        total.append(f"100% · {_pct(rec / a['questions'])}% · {ag['agrees']} / {ag['cloze']} / {ag['other']}"
                     + (f" (agree {_pct(ag['agrees'] / rec)}%)" if rec else ""))
    body.append(total)
    return markdown_table(header, body, align="l" + "r" * len(name_aggs))


def render(cmd: str, ns: argparse.Namespace, per_set: list[tuple[QASet, int, int, dict[str, dict[str, Any]]]],
           notes: Sequence[str], wall: float) -> str:
    out = [
        "## Quiz cards vs. reading-comprehension questions (SQuAD, CMRC 2018)",
        "",
        f"Reproduce: `{cmd}`.",
        "",
        ("Anchor for context: Heilman & Smith (2010), *Good Question! Statistical Ranking for Question "
         "Generation*, had 27% of all generated questions rated acceptable by people, 52% in the top-ranked "
         "fifth. That is human acceptability of questions; the numbers below are automatic recall of "
         "gold answer spans, a different measure, and not comparable with it."),
        "",
    ]
    for spec, n_par, n_total, aggs in per_set:
        eng = aggs["engine"]
        sampled = f"{n_par:,} of {n_total:,} paragraphs" if n_par < n_total else f"all {n_par:,} paragraphs"
        out += [
            f"### {spec.label}: {sampled}, {eng['questions']:,} gold questions",
            "",
            recall_table([
                (f"**engine** (`quiz`, max_cards={ns.max_cards})", eng),
                (f"baseline: NE-ish spans, first {ns.max_cards}", aggs["baseline_capped"]),
                ("baseline: all NE-ish spans", aggs["baseline"]),
            ]),
            f"Engine time: {eng['seconds']:.1f} s for {n_par:,} paragraphs "
            f"({1000 * eng['seconds'] / max(n_par, 1):.0f} ms each)"
            + (f"; {eng['errors']} paragraph(s) raised an exception (counted as zero cards)." if eng["errors"] else "."),
            "",
        ]
    engines = [(spec.name, aggs["engine"]) for spec, _, _, aggs in per_set]
    out += [
        "### Engine card types and templates",
        "",
        mix_table([(n, a["types"]) for n, a in engines], "card type"),
        mix_table([(n, a["templates"]) for n, a in engines], "template"),
        "### Do recalling cards ask the same kind of question?",
        "",
        ("Per gold question kind: its share of the gold questions · the share of them whose answer the engine "
         "recalls (strict) · how many of those are recalled by a card of the agreeing type / only by cloze "
         "cards / only by cards of another type."),
        "",
        agreement_table(engines),
        "### Definitions",
        "",
        "- Paragraphs: questions are grouped by `context`; each paragraph's cards are made once, "
        "`quiz(context, lang=..., max_cards=N)`. "
        + ("Sampling: " + _sample_rule_text() + "." if ns.sample else "No sampling: every paragraph of each set."),
        ("- Normalisation: NFKC, lower case, punctuation and spaces dropped. English is compared by words with "
         "*a/an/the* dropped (as the official SQuAD scorer does); Chinese by characters, each run of ASCII "
         "letters and each run of digits being one unit (so `3` does not match inside `13`, and `TSR1996年` is "
         "`tsr 1996 年`). A gold question's answer variants are "
         "de-duplicated; it counts as recalled when any variant matches any card answer."),
        ("- **Strict**: the gold answer's units are a contiguous run of a card answer's. **Lenient**: gold and card "
         "answer share a contiguous run of at least half the gold's units, rounded up (covers strict, a card answer "
         "inside the gold covering half of it, and partial overlaps). **Exact**: equal unit sequences. "
         "Macro = mean over paragraphs of the share recalled; micro = pooled over questions."),
        ("- Strict containment rewards long answers (a why-card's reason clause holds many spans); the exact column, "
         "the median answer length and *cards hitting a gold answer* (share of cards whose answer recalls at least one "
         "of the paragraph's gold answers) show that trade-off. *Recalled per 10 cards* = strictly recalled questions "
         "× 10 ÷ cards."),
        "- **Grounded**: the card answer's units (articles kept) are a contiguous run of the paragraph's.",
        ("- Gold question kind: the earliest wh-cue in the question, the more specific cue winning at one position "
         "(en: why/what reason → why; how many/how much/what percentage → how-many; when/what year/which century → "
         "when; who/whom/whose → who; where/which city → where; then what/which, how. zh: 为什么/为何 → why; "
         "什么时候/哪一年/何时 → when; 多少/几 → how-many; 谁/哪位 → who; 哪里/什么地方 → where; 什么/哪 → what; "
         "怎么/如何 → how). Agreeing card types: what→what, who→who, when→when, how-many→how-many, why and "
         "choice→why; cloze and interview cards ask no wh-question; no card type asks *where*."),
        ("- Baseline (a trivial named-entity extractor used as cloze answers). English: maximal runs of "
         "whitespace-separated tokens starting with a capital letter or digit, broken at punctuation. Chinese: "
         "maximal runs of ASCII letters/digits (NFKC), joined by single spaces or `. , ' & + - ·`. Each distinct "
         "span is one card; the capped row keeps the first max-cards spans in text order."),
        f"- Run: {wall:.0f} s wall in total. {machine_facts()}; load average {load_average()}; {code_version()}.",
    ]
    out += [f"- {n}" for n in notes]
    return "\n".join(out) + "\n"


def _sample_rule_text() -> str:
    return ("a set's N paragraphs (ids = the first question id of each) are drawn with "
            "`random.Random('0:<set name>').sample` from the paragraphs sorted by id, then processed in id order")


# --------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR,
                        help="folder holding qa/*.jsonl, relative to the repository root (default ../shared/eval)")
    parser.add_argument("--sample", type=int, default=None, metavar="N",
                        help="N paragraphs per set, a fixed random draw (default: every paragraph; ~2 min for both sets)")
    parser.add_argument("--max-cards", type=int, default=20, help="cards per paragraph (default 20)")
    parser.add_argument("--sets", nargs="+", default=[s.name for s in SETS], choices=[s.name for s in SETS])
    parser.add_argument("--cards-jsonl", type=Path, default=None, metavar="OUT",
                        help="write every paragraph's gold questions and engine cards to OUT")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    parser.add_argument("--output", type=Path, default=None, help=argparse.SUPPRESS)  # tests: another BENCHMARKS.md
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ns = build_parser().parse_args(argv)
    eval_dir = ns.eval_dir if ns.eval_dir.is_absolute() else (ROOT / ns.eval_dir)
    if not eval_dir.is_dir():
        print(f"{SCRIPT}: skipped: {eval_dir} not found (the shared evaluation data is optional)")
        return 0
    specs = [s for s in SETS if s.name in ns.sets]
    present = [s for s in specs if (eval_dir / s.path).is_file()]
    notes = [f"{s.name}: `{s.path}` not found, skipped" for s in specs if s not in present]
    if not present:
        print(f"{SCRIPT}: skipped: none of {', '.join(s.path for s in specs)} found under {eval_dir}")
        return 0
    started = time.perf_counter()
    dump: list[dict[str, Any]] | None = [] if ns.cards_jsonl else None
    per_set = []
    for spec in present:
        paragraphs = group_paragraphs(read_jsonl(eval_dir / spec.path), spec.lang)
        chosen_ids = {r["id"] for r in sample_records([{"id": p.id} for p in paragraphs], ns.sample, spec.name)}
        chosen = sorted((p for p in paragraphs if p.id in chosen_ids), key=lambda p: p.id)
        progress = None if ns.quiet else spec.name
        aggs = {
            "engine": aggregate(run_system(chosen, engine_cards, ns.max_cards, dump, progress)),
            "baseline": aggregate(run_system(chosen, lambda t, l, _n: baseline_cards(t, l), ns.max_cards)),
            "baseline_capped": aggregate(run_system(chosen, baseline_cards, ns.max_cards)),
        }
        per_set.append((spec, len(chosen), len(paragraphs), aggs))
    wall = time.perf_counter() - started
    markdown = render(command_line(SCRIPT, argv), ns, per_set, notes, wall)
    print(markdown)
    if dump is not None:
        with ns.cards_jsonl.open("w", encoding="utf-8") as fh:
            for row in dump:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if not ns.no_write:
        path = write_section(SECTION, markdown, ns.output)
        print(f"{SCRIPT}: wrote section {SECTION!r} of {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
