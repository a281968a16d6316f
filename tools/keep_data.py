"""The keep model's training and evaluation rows, one per candidate of every judged page: shared by
``tools/fit_keep_model.py`` (what is shipped) and ``tools/keep_folds.py`` (the leave-one-batch-out table).

Why one place: the trainer and the fold table must read the same rows, or the fold table measures a model that is
not the one shipped. Every candidate is a row (not only the judged ones) because the writer-oracle recall asks
where the writer's points rank among all of a page's candidates.

A row carries: the post key, its batch (``unseen12`` …, or ``other``), licence and register; the candidate's id,
edited text and language; the keep model's inputs as the scorer computes them today (``takeaways.keep_inputs``),
the weighted score, whether it is in the selection reserve; the judges' verdict when one matches it (by normalised
text, as edited, cleaned or raw), and for a fresh page whether it is the best match of one of the writer's
README takeaways (ROUGE-1 F1, English stemmed, Chinese by character).
"""

from __future__ import annotations

import pickle
import re
import sys
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

import judged  # noqa: E402
from writer_reference import writer_takeaways  # noqa: E402

FITTED_LICENCES = {"apache-2.0": "Apache-2.0", "cc-by-4.0": "CC BY 4.0", "own": "our own fixtures"}
_BATCH_RE = re.compile(r"^fixtures/(unseen\d*)/")
FRESH_BATCHES = tuple(f"unseen{n}" for n in range(4, 19))
"""The batches the fold table holds out one at a time (batches 1-3 predate the writer-first rule's README)."""


HELD_FOR_AB = 19
"""Batches from this number on (``unseen16`` …) are never read: they are the pages the end-of-session blind A/B
judges main against a change on, so nothing fitted may have seen them."""


def batch_of(key: str) -> str:
    m = _BATCH_RE.match(key)
    return m.group(1) if m else "other"


def _oracle(candidates: list[tuple[int, str, str]], reference: list[str]) -> dict[int, float]:
    """Candidate id → how many writer lines it is the best match of (ROUGE-1 F1 ≥ 0.2)."""
    from rouge_score import rouge_scorer

    from _common import ChineseCharTokenizer

    scorers = {"en": rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True),
               "zh": rouge_scorer.RougeScorer(["rouge1"], tokenizer=ChineseCharTokenizer())}
    hits: dict[int, float] = {}
    for ref in reference:
        best, best_id = 0.0, None
        for i, text, lang in candidates:
            f = scorers[lang].score(ref, text)["rouge1"].fmeasure
            if f > best:
                best, best_id = f, i
        if best_id is not None and best >= 0.2:
            hits[best_id] = hits.get(best_id, 0.0) + 1.0
    return hits


def build_rows(all_licences: bool = True) -> list[dict[str, Any]]:
    """Every candidate of every judged page (the licensed ones only unless ``all_licences``)."""
    from summarize.pipeline import load
    from summarize.score import takeaways as T

    verdicts = judged.load_judgments()["takeaway"]
    by_post: dict[str, dict[str, str]] = {}
    for (key, text), v in verdicts.items():
        by_post.setdefault(key, {})[text] = v["verdict"]
    readmes: dict[str, dict[str, list[str]]] = {}
    rows: list[dict[str, Any]] = []
    for post in judged.read_set():
        if not all_licences and post.licence not in FITTED_LICENCES:
            continue
        number = batch_of(post.key).removeprefix("unseen")
        if number.isdigit() and int(number) >= HELD_FOR_AB:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = load(post.path)
        feats = T.features(doc)
        base = T.combine(feats, T.shipped_weights()[T.register_of(doc)])
        if not base:
            continue
        inputs = T.keep_inputs(doc, feats, base)
        reserve = T.selection_reserve(doc)
        text = T.edited(doc)
        where: dict[str, int] = {}
        by_id = {s.id: s for s in doc.sentences}
        for s in doc.sentences:
            for variant in (text[s.id], s.clean, s.text):
                where.setdefault(judged.normalise(variant), s.id)
        said = {}
        for line, verdict in by_post.get(post.key, {}).items():
            i = where.get(line)
            if i is not None and i in inputs:
                said[i] = verdict == "kept"
        batch = batch_of(post.key)
        oracle: dict[int, float] = {}
        if batch != "other":
            folder = post.path.parent
            if str(folder) not in readmes:
                readme = folder / "README.md"
                readmes[str(folder)] = writer_takeaways(readme.read_text(encoding="utf-8")) if readme.exists() else {}
            reference = readmes[str(folder)].get(post.path.name, [])
            if reference:
                oracle = _oracle([(i, text[i], by_id[i].lang) for i in inputs], reference)
        register = "captions" if T._from_captions(doc) else T.register_of(doc)
        for i, values in inputs.items():
            s = by_id[i]
            rows.append({
                "post": post.key, "batch": batch, "licence": post.licence, "set_register": post.register,
                "register": register, "id": i, "text": text[i], "lang": s.lang, "block": s.block,
                "kind": s.kind, "inputs": values, "base": base[i], "reserve": i in reserve,
                "measured": i in feats.measured, "kept": said.get(i), "oracle": oracle.get(i, 0.0),
                "has_oracle": bool(oracle),
            })
    return rows


def cached_rows(path: Path = Path("/tmp/rank13-keep-rows.pkl"), refresh: bool = False) -> list[dict[str, Any]]:
    if path.exists() and not refresh:
        return pickle.loads(path.read_bytes())
    rows = build_rows()
    path.write_bytes(pickle.dumps(rows))
    return rows


if __name__ == "__main__":
    import collections
    import time

    t = time.time()
    rows = cached_rows(refresh=True)
    print(len(rows), "rows", f"{time.time() - t:.0f} s")
    c = collections.Counter((r["batch"], r["kept"]) for r in rows if r["licence"] in FITTED_LICENCES)
    for k in sorted(c, key=str):
        print(k, c[k])
