"""Card precision: which generator and which check the judged cards come from, before and after a change.

Issue 13 asks for cards a learner keeps, five good ones rather than twenty to sift. This script measures, on the
blind verdicts on file (``benchmarks/judgments/cards.jsonl``, judged by ``benchmarks/RUBRIC.md``):

1. **Generators.** For every printed card of the judged set (``benchmarks/judged_set.tsv``), its template (the
   card's ``template`` field), and the judged acceptable / rejected counts per template, in the top 5 and overall,
   for the reference revision (``--before``, run in a temporary worktree) and for this checkout.
2. **Checks.** Every draft of this checkout as the checks saw it (``make_cards(…, trace=[])``): a judged card
   whose question and answer a draft still makes is attributed to the first check that removes it (or to none);
   so each check's row says how many judged-acceptable and judged-rejected cards it takes away.
3. **Features** of the judged drafts that pass every check: acceptable / rejected by register, type, answer kind,
   question length, names, hedges, numbers: what a ranker or a floor could see.
4. **What the change removes**: judged cards printed before and not after (acceptable, rejected), overall and in
   the top 5, fresh pages (``fixtures/unseen*``) apart; cards per post before and after.

A card without a verdict is counted as unjudged, never as acceptable.

Usage::

    python benchmarks/card_precision.py --before main          # both runs; writes the "card-precision" section
    python benchmarks/card_precision.py --before 5bed5ed --no-write
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCHMARKS_MD, ROOT, command_line, markdown_table, publish  # noqa: E402
from judged import JUDGMENTS, SET_TSV, TOP_CARDS, card_rank, card_text, load_judgments, rate, read_set  # noqa: E402

SECTION = "card-precision"
FRESH_PREFIX = "fixtures/unseen"
_HEDGE_RE = re.compile(r"(?i:\b(?:may|might|could|probably|perhaps|maybe|usually|often|some|sometimes)\b)|可能|也许|通常|一些|有时")


# ----------------------------------------------------------------------------- running the package


def cards_of(path: str, *, trace: bool) -> dict[str, Any]:
    """One post's printed cards (template, rank) and, with ``trace``, every draft as the checks saw it."""
    import warnings

    from summarize.pipeline import load
    from summarize.quiz.engine import make_cards
    from summarize.quiz.packs import load_packs
    from summarize.quiz.post import with_post
    from summarize.score.takeaways import register_of

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = load(path)
        lang = doc.lang or "en"
        checked: list[Any] = []
        kwargs = {"trace": checked} if trace else {}
        made = with_post(make_cards(doc, load_packs(())[lang], lang=lang, max_cards=20, **kwargs), doc)
    cards = [{"question": c.question, "answer": c.answer, "type": c.type, "template": c.template, "rank": r,
              "score": c.score, "sentence_ids": list(c.sentence_ids), "context": getattr(c, "context", None)}
             for c, r in zip(made, card_rank(made))]
    drafts = [{"question": x.question, "answer": x.answer, "type": x.draft.type, "template": x.draft.template,
               "fault": x.fault, "confidence": x.draft.confidence} for x in checked]
    return {"lang": lang, "spoken": register_of(doc) == "spoken", "cards": cards, "drafts": drafts}


def run_here(posts: Sequence[tuple[str, str]], *, trace: bool) -> dict[str, dict[str, Any]]:
    out = {}
    for key, path in posts:
        try:
            out[key] = cards_of(path, trace=trace)
        except Exception as e:  # noqa: BLE001 - a post that fails is a result
            out[key] = {"error": f"{type(e).__name__}: {e}", "cards": [], "drafts": []}
    return out


def run_at(rev: str, posts: Sequence[tuple[str, str]]) -> tuple[str, dict[str, dict[str, Any]]]:
    """Printed cards of revision ``rev`` (no trace: an older revision may not have one), in a temporary worktree."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()

    commit = git("rev-parse", "--short", f"{rev}^{{commit}}")
    with tempfile.TemporaryDirectory(prefix="card-precision-") as tmp:
        tree = Path(tmp) / "tree"
        git("worktree", "add", "--detach", str(tree), commit)
        try:
            request, result = Path(tmp) / "posts.json", Path(tmp) / "cards.json"
            request.write_text(json.dumps(list(posts)), encoding="utf-8")
            env = dict(os.environ, PYTHONPATH=str(tree / "src"))
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "_cards", str(request), str(result)],
                           cwd=tree, env=env, check=True)
            return commit, json.loads(result.read_text(encoding="utf-8"))
        finally:
            git("worktree", "remove", "--force", str(tree))


# ----------------------------------------------------------------------------- tallies


def verdict_of(judged: Mapping[tuple[str, str], Mapping[str, Any]], key: str, card: Mapping[str, Any]) -> str:
    """"acceptable", "rejected" or "unjudged"."""
    v = judged.get((key, card_text(card["question"], card["answer"], card.get("context"))))
    return "unjudged" if v is None else v["verdict"]


def by_template(runs: Mapping[str, Mapping[str, Any]], judged: Mapping[Any, Any]) -> dict[str, Counter[str]]:
    """template → counts of acceptable / rejected / unjudged printed cards, all and top 5."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for key, entry in runs.items():
        for c in entry.get("cards", []):
            v = verdict_of(judged, key, c)
            for name in (c["template"], "all"):
                out[name][v] += 1
                if c["rank"] <= TOP_CARDS:
                    out[name][f"top {v}"] += 1
    return out


def by_check(runs: Mapping[str, Mapping[str, Any]], judged: Mapping[Any, Any]) -> dict[str, Counter[str]]:
    """first failing check → judged acceptable / rejected drafts it removes (each judged card counted once)."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for key, entry in runs.items():
        seen: dict[str, str | None] = {}
        for d in entry.get("drafts", []):
            text = card_text(d["question"], d["answer"], d.get("context"))
            if (key, text) in judged and (text not in seen or seen[text] is not None):
                seen[text] = d["fault"]  # a card made by any draft that passes is printed-eligible
        for text, fault in seen.items():
            out[fault or "(passes every check)"][judged[(key, text)]["verdict"]] += 1
    return out


def features(key: str, entry: Mapping[str, Any], d: Mapping[str, Any]) -> dict[str, str]:
    """What a ranker or a floor could see of a card, as buckets."""
    q, a, lang = d["question"], d["answer"], entry.get("lang", "en")
    size = len(q.split()) if lang == "en" else len(q)
    long_q = size > (15 if lang == "en" else 30)
    return {"register": f"{lang} {'spoken' if entry.get('spoken') else 'written'}",
            "type": d["type"],
            "fresh page": str(key.startswith(FRESH_PREFIX)).lower(),
            "long question": str(long_q).lower(),
            "number in answer": str(bool(re.search(r"\d", a))).lower(),
            "hedge in question or answer": str(bool(_HEDGE_RE.search(q + " " + a))).lower(),
            "we/our/I in answer": str(bool(re.search(r"(?i:\b(?:we|our|us|i)\b)|我们|我", a))).lower()}


def by_feature(runs: Mapping[str, Mapping[str, Any]], judged: Mapping[Any, Any]) -> dict[tuple[str, str], Counter[str]]:
    out: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for key, entry in runs.items():
        done = set()
        for d in entry.get("drafts", []):
            text = card_text(d["question"], d["answer"], d.get("context"))
            if d["fault"] or text in done or (key, text) not in judged:
                continue
            done.add(text)
            for name, value in features(key, entry, d).items():
                out[(name, value)][judged[(key, text)]["verdict"]] += 1
    return out


def removed(before: Mapping[str, Any], after: Mapping[str, Any], judged: Mapping[Any, Any]) -> dict[str, Counter[str]]:
    """Judged cards printed before and not after (and the other way), by scope: all / top 5, fresh pages apart."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for key in before:
        groups = ["all", "fresh" if key.startswith(FRESH_PREFIX) else "earlier pages"]
        old = {card_text(c["question"], c["answer"], c.get("context")): c for c in before[key].get("cards", [])}
        new = {card_text(c["question"], c["answer"], c.get("context")): c for c in after.get(key, {}).get("cards", [])}
        for text, c in old.items():
            v = verdict_of(judged, key, c)
            gone, left_top = text not in new, c["rank"] <= TOP_CARDS and (text not in new or new[text]["rank"] > TOP_CARDS)
            for g in groups:
                out[g][f"removed {v}"] += gone
                out[g][f"top-5 removed {v}"] += left_top
        for text, c in new.items():
            for g in groups:
                out[g][f"added {verdict_of(judged, key, c)}"] += text not in old
    return out


def rates(runs: Mapping[str, Mapping[str, Any]], judged: Mapping[Any, Any], keys: Sequence[str]) -> dict[str, Counter[str]]:
    """Per language: posts, cards, judged acceptable in the top 5 and overall, unjudged."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for key in keys:
        entry = runs.get(key, {})
        c = out[entry.get("lang") or "en"]
        c["posts"] += 1
        c["posts with none"] += not entry.get("cards")
        for card in entry.get("cards", []):
            v = verdict_of(judged, key, card)
            c["cards"] += 1
            c[v] += 1
            if card["rank"] <= TOP_CARDS:
                c[f"top {v}"] += 1
    return out


# ----------------------------------------------------------------------------- report


def _ar(c: Counter[str], prefix: str = "") -> str:
    return f"{c[prefix + 'acceptable']}/{c[prefix + 'rejected']}" + (f" +{c[prefix + 'unjudged']}?" if c[prefix + "unjudged"] else "")


def report(before: Mapping[str, Any], after: Mapping[str, Any], judged: Mapping[Any, Any], ref: str,
           argv: Sequence[str]) -> str:
    lines = ["## Card precision (issue 13)", "",
             f"Reproduce: `{command_line('card_precision.py', argv)}` (before = {ref}, after = this checkout).", "",
             "Blind verdicts on file (`benchmarks/judgments/cards.jsonl`, "
             f"{len(judged)} cards) applied to the cards each version prints for the judged set; a card without a "
             "verdict is *unjudged* (shown as `+N?`), never counted acceptable. `a/r` = judged acceptable / rejected.", ""]
    scopes = {"all posts": list(before), "fresh pages (`fixtures/unseen*`)": [k for k in before if k.startswith(FRESH_PREFIX)]}
    rows = []
    for scope, keys in scopes.items():
        for name, runs in (("before", before), ("after", after)):
            for lang, c in sorted(rates(runs, judged, keys).items()):
                rows.append([scope, name, lang, c["posts"], c["cards"], f"{c['cards'] / max(c['posts'], 1):.2f}",
                             c["posts with none"], rate(c["top acceptable"], c["top acceptable"] + c["top rejected"]),
                             rate(c["acceptable"], c["acceptable"] + c["rejected"]), c["unjudged"]])
    lines += [markdown_table(["posts", "version", "lang", "posts", "cards", "cards/post", "posts with none",
                              "top 5 acceptable", "all acceptable", "unjudged"], rows), ""]
    rem = removed(before, after, judged)
    rows = [[g, c["removed acceptable"], c["removed rejected"], c["removed unjudged"], c["top-5 removed acceptable"],
             c["top-5 removed rejected"], c["added acceptable"], c["added rejected"], c["added unjudged"]]
            for g, c in rem.items()]
    lines += ["What the change removes (judged cards printed before and not after; *top 5* also counts a card that "
              "fell out of its post's top 5) and adds:", "",
              markdown_table(["pages", "removed acceptable", "removed rejected", "removed unjudged",
                              "top-5 removed acceptable", "top-5 removed rejected", "added acceptable",
                              "added rejected", "added unjudged"], rows), ""]
    tb, ta = by_template(before, judged), by_template(after, judged)
    names = sorted(set(tb) | set(ta), key=lambda n: (n == "all", -(tb[n]["acceptable"] + tb[n]["rejected"]), n))
    lines += ["Generators (template of each printed card): judged a/r before → after, top 5 and all.", "",
              markdown_table(["template", "top 5 before", "top 5 after", "all before", "all after"],
                             [[n, _ar(tb[n], "top "), _ar(ta[n], "top "), _ar(tb[n]), _ar(ta[n])] for n in names]), ""]
    checks = by_check(after, judged)
    order = sorted(checks, key=lambda n: (n.startswith("("), -sum(checks[n].values()), n))
    lines += ["Checks (this checkout): every judged card a draft still makes, by the first check that removes it. "
              "A row's a/r is how many judged-acceptable and judged-rejected cards that check takes away.", "",
              markdown_table(["check", "acceptable", "rejected"], [[n, checks[n]["acceptable"], checks[n]["rejected"]]
                                                                   for n in order]), ""]
    feats = by_feature(after, judged)
    lines += ["Features of the judged cards that pass every check here (printed or capped): acceptable / rejected.", "",
              markdown_table(["feature", "value", "acceptable", "rejected", "acceptable share"],
                             [[n, v, c["acceptable"], c["rejected"], rate(c["acceptable"], c["acceptable"] + c["rejected"])]
                              for (n, v), c in sorted(feats.items())]), ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command")
    child = sub.add_parser("_cards")  # the --before child: printed cards of the package on PYTHONPATH
    child.add_argument("request", type=Path)
    child.add_argument("result", type=Path)
    ap.add_argument("--before", default="main", help="reference revision (default main)")
    ap.add_argument("--save", type=Path, help="write both runs to this JSON file")
    ap.add_argument("--runs", type=Path, help="read both runs from a file --save wrote (no package run)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    ap.add_argument("--output", type=Path, default=BENCHMARKS_MD, help=argparse.SUPPRESS)
    ns = ap.parse_args(argv)
    if ns.command == "_cards":
        posts = json.loads(ns.request.read_text(encoding="utf-8"))
        ns.result.write_text(json.dumps(run_here(posts, trace=False), ensure_ascii=False), encoding="utf-8")
        return 0
    if ns.runs:
        saved = json.loads(ns.runs.read_text(encoding="utf-8"))
        ref, before, after = saved["ref"], saved["before"], saved["after"]
    else:
        posts = [(p.key, str(p.path)) for p in read_set(SET_TSV) if p.path.exists()]
        ref, before = run_at(ns.before, posts)
        after = run_here(posts, trace=True)
        if ns.save:
            ns.save.write_text(json.dumps({"ref": ref, "before": before, "after": after}, ensure_ascii=False),
                               encoding="utf-8")
    markdown = report(before, after, load_judgments(JUDGMENTS)["card"], ref, ["--before", ns.before])
    print(markdown)
    publish(SECTION, markdown, ns.output, write=not ns.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
