"""The judged benchmark: sheets for readers, their verdicts as data, keep-rates per register, automatic checks.

Readers (helper sessions that did not write the code) judge the default takeaways and quiz cards of a fixed
set of posts (``benchmarks/judged_set.tsv``) by ``benchmarks/RUBRIC.md``. Verdicts are keyed by post and
normalised text, so an unchanged line keeps its verdict and only new lines go on a sheet.

Usage::

    python benchmarks/judged.py sheets [--cards] [--label L] [--out DIR]   # one sheet per post, unjudged items only
    python benchmarks/judged.py sheets --ab REV_A REV_B [--cards]          # blind A/B: one merged sheet per post
    python benchmarks/judged.py sheets --ab REV_A REV_B --set FRESH.tsv --all-lines   # fresh pages: A/B and the gate
    python benchmarks/judged.py ingest VERDICTS.jsonl... --judge ID        # append to benchmarks/judgments/
    python benchmarks/judged.py report [--outputs DIR/outputs.json]        # keep-rates; docs/BENCHMARKS.md
    python benchmarks/judged.py check [--cards]                            # the automatic checks (a measurement)

Keys in the set resolve as ``seeds/…`` and ``corpus-dev/…`` → ``../shared/``, ``fixtures/…`` →
``tests/fixtures/``; a post that does not exist here is skipped. Add a post by adding a row.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCHMARKS_MD, ROOT, command_line, markdown_table, write_section  # noqa: E402

SECTION = "judged"
SET_TSV = ROOT / "benchmarks" / "judged_set.tsv"
JUDGMENTS = ROOT / "benchmarks" / "judgments"
SHEETS = ROOT / "benchmarks" / "out" / "sheets"
RUBRIC = ROOT / "benchmarks" / "RUBRIC.md"
KEY_ROOTS = {"seeds": ROOT.parent / "shared" / "seeds", "corpus-dev": ROOT.parent / "shared" / "corpus-dev",
             "fixtures": ROOT / "tests" / "fixtures"}
REGISTERS = ("written-en", "written-zh", "interview", "asr")
LICENCES = ("apache-2.0", "cc-by-4.0", "none", "cc-by-nc-sa-4.0", "own")
FIT_LICENCES = frozenset({"apache-2.0", "cc-by-4.0", "own"})  # issue 12 §3: only these may fit anything shipped
TAKEAWAY_REASONS = ("fragment", "trivial", "chit-chat", "promo", "dangling", "wrong-language", "markup",
                    "duplicate", "wrong", "run-on")
CARD_REASONS = ("ungrammatical", "ambiguous", "wrong-answer", "trivial", "ungrounded", "leaky")
KINDS = {"takeaway": ("takeaways.jsonl", ("kept", "dropped"), TAKEAWAY_REASONS),
         "card": ("cards.jsonl", ("acceptable", "rejected"), CARD_REASONS)}
TOP_CARDS = 5
FRESH = {"fixtures/unseen/": "fresh pages", "fixtures/unseen2/": "fresh pages, second batch",
         "fixtures/unseen3/": "fresh pages, third batch", "fixtures/unseen4/": "fresh pages, fourth batch",
         "fixtures/unseen5/": "fresh pages, fifth batch (English speech)",
         "fixtures/unseen6/": "fresh pages, sixth batch (Chinese)",
         "fixtures/unseen7/": "fresh pages, seventh batch (English written)",
         "fixtures/unseen8/": "fresh pages, eighth batch (English, mixed)",
         "fixtures/unseen9/": "fresh pages, ninth batch (Chinese, mixed)",
         "fixtures/unseen10/": "fresh pages, tenth batch (English speech)",
         "fixtures/unseen11/": "fresh pages, eleventh batch (Chinese speech, English written)",
         "fixtures/unseen12/": "fresh pages, twelfth batch (English speech, Chinese written)",
         "fixtures/unseen13/": "fresh pages, thirteenth batch (Chinese speech, English written)",
         "fixtures/unseen14/": "fresh pages, fourteenth batch (English speech, Chinese written)",
         "fixtures/unseen15/": "fresh pages, fifteenth batch (Chinese speech, English written)",
         "fixtures/unseen16/": "fresh pages, sixteenth batch (English speech, Chinese written)",
         "fixtures/unseen17/": "fresh pages, seventeenth batch (Chinese speech, English written)",
         "fixtures/unseen18/": "fresh pages, eighteenth batch (English speech, Chinese written)",
         "fixtures/unseen19/": "fresh pages, nineteenth batch (Chinese speech, English written)",
         "fixtures/unseen20/": "fresh pages, twentieth batch (English speech, Chinese written)"}
"""Folders of pages written by sessions that never saw the program, each after the rules of its day: no rule was
tuned on them when they were first judged (their README says when)."""
INSTRUCTIONS = ("Read the whole post at `read` first. Then judge each item on its own by benchmarks/RUBRIC.md and "
                "write one JSON line per item: {\"item\": ID, \"verdict\": \"kept\"|\"dropped\" (takeaways) or "
                "\"acceptable\"|\"rejected\" (cards), \"reason\": ONE REASON when dropped/rejected, \"note\": optional}. "
                "A card with a `context` is judged as a learner sees it in a deck: its context line, then its question.")
SHUFFLE_SEED = 0


class JudgedError(Exception):
    """A bad set row, verdict or sheet folder; the message names the value and the fix."""


# ----------------------------------------------------------------------------- the set


@dataclass(frozen=True, slots=True)
class Post:
    key: str
    register: str
    licence: str
    lang: str
    path: Path


def resolve(key: str, roots: Mapping[str, Path] = KEY_ROOTS) -> Path:
    head, _, rest = key.partition("/")
    if head not in roots or not rest:
        raise JudgedError(f"post key {key!r} must start with one of {', '.join(sorted(roots))}/")
    return roots[head] / rest


def read_set(path: Path = SET_TSV, roots: Mapping[str, Path] = KEY_ROOTS) -> list[Post]:
    """Every row of the set (``key register licence lang``, tab-separated, a header first); bad values raise."""
    posts = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            key, register, licence = row["key"].strip(), row["register"].strip(), row["licence"].strip()
            lang = (row.get("lang") or ("zh" if register == "written-zh" else "en")).strip()
            if register not in REGISTERS:
                raise JudgedError(f"{path}:{n}: register {register!r}; choose one of {', '.join(REGISTERS)}")
            if licence not in LICENCES:
                raise JudgedError(f"{path}:{n}: licence {licence!r}; choose one of {', '.join(LICENCES)}")
            posts.append(Post(key, register, licence, lang, resolve(key, roots)))
    return posts


# ----------------------------------------------------------------------------- identity of an item


def normalise(text: str) -> str:
    """NFKC, whitespace collapsed, stripped: the key a verdict is stored under."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def card_text(question: str, answer: str, context: str | None = None) -> str:
    """A card's key text: its question and answer together, and the context line shown with them. A card with
    no context line keeps the key it had before context lines existed, so its verdicts on file still match;
    a card shown with one is judged anew, since the line changes what the learner reads."""
    key = f"{normalise(question)} || {normalise(answer)}"
    return f"{key} || {normalise(context)}" if context and normalise(context) else key


def item_id(kind: str, post: str, text: str) -> str:
    """Opaque and stable: the same line on the same post gets the same id, whichever version printed it."""
    digest = hashlib.sha1(f"{kind}\0{post}\0{text}".encode()).hexdigest()[:10]
    return f"{kind[0]}-{digest}"


# ----------------------------------------------------------------------------- outputs


def card_rank(cards: Sequence[Any]) -> list[int]:
    """1-based rank of each card in the default ranking (``quiz`` returns post order; it ranks by score)."""
    order = sorted(range(len(cards)), key=lambda i: (-cards[i].score, cards[i].line, cards[i].id))
    rank = [0] * len(cards)
    for r, i in enumerate(order, start=1):
        rank[i] = r
    return rank


def produce(posts: Sequence[tuple[str, str]], *, cards: bool, min_confidence: float | None = None
            ) -> dict[str, dict[str, Any]]:
    """The default takeaways (and quiz) of each (key, path), as plain data; a failing post records its error.
    ``min_confidence`` 0 prints every line the gate would leave out (``--all-lines``)."""
    import warnings

    import summarize

    out: dict[str, dict[str, Any]] = {}
    for key, path in posts:
        entry: dict[str, Any] = {"takeaways": [], "cards": [], "error": None, "lang": None}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                summary = (summarize.summarize(path) if min_confidence is None
                           else summarize.summarize(path, min_confidence=min_confidence))
                entry["lang"] = summary.lang
                entry["takeaways"] = [t.to_dict() for t in summary.takeaways]
                if cards:
                    from summarize.quiz import quiz

                    made = quiz(path)
                    entry["cards"] = [
                        {"question": c.question, "answer": c.answer, "type": c.type, "rank": r, "score": c.score,
                         "line": c.line, "sentence_ids": list(c.sentence_ids), "context": getattr(c, "context", None)}
                        for c, r in zip(made, card_rank(made))
                    ]
        except Exception as e:  # noqa: BLE001 - a post that fails is a result, not a crash
            entry["error"] = f"{type(e).__name__}: {e}"
        print(f"  {key}: {len(entry['takeaways'])} takeaways, {len(entry['cards'])} cards"
              + (f" ({entry['error']})" if entry["error"] else ""), file=sys.stderr, flush=True)
        out[key] = entry
    return out


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def revision_here() -> str:
    """The last commit that changed the package (src/, quizzes/) in this checkout, ``+dirty`` with uncommitted
    changes there: what decides the outputs, and unlike HEAD it survives a branch being merged."""
    try:
        head = _git("log", "-1", "--format=%h", "--", "src", "quizzes") or _git("rev-parse", "--short", "HEAD")
        dirty = _git("status", "--porcelain", "--", "src", "quizzes")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def produce_at(rev: str, posts: Sequence[tuple[str, str]], *, cards: bool, repo: Path = ROOT,
               min_confidence: float | None = None) -> tuple[str, dict[str, dict[str, Any]]]:
    """Outputs of revision ``rev``: a temporary ``git worktree`` of it, this script run there in a subprocess
    with PYTHONPATH pointing at its src/ (so nothing of this checkout's package leaks in)."""
    commit = _git("rev-parse", "--short", f"{rev}^{{commit}}", cwd=repo)
    with tempfile.TemporaryDirectory(prefix="judged-") as tmp:
        tree = Path(tmp) / "tree"
        _git("worktree", "add", "--detach", str(tree), commit, cwd=repo)
        try:
            request, result = Path(tmp) / "posts.json", Path(tmp) / "outputs.json"
            request.write_text(json.dumps(list(posts)), encoding="utf-8")
            env = dict(os.environ, PYTHONPATH=str(tree / "src"))
            argv = [sys.executable, str(Path(__file__).resolve()), "_produce", str(request), str(result)]
            argv += ["--cards"] if cards else []
            argv += [] if min_confidence is None else ["--min-confidence", str(min_confidence)]
            subprocess.run(argv, cwd=tree, env=env, check=True)
            return commit, json.loads(result.read_text(encoding="utf-8"))
        finally:
            _git("worktree", "remove", "--force", str(tree), cwd=repo)


# ----------------------------------------------------------------------------- verdicts on file


def load_judgments(folder: Path = JUDGMENTS) -> dict[str, dict[tuple[str, str], dict[str, Any]]]:
    """kind → (post, text) → the first verdict stored for it."""
    out: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    for kind, (name, _verdicts, _reasons) in KINDS.items():
        index: dict[tuple[str, str], dict[str, Any]] = {}
        path = folder / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    index.setdefault((record["post"], record["text"]), record)
        out[kind] = index
    return out


# ----------------------------------------------------------------------------- sheets


def items_of(key: str, entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The judgeable items of one version's output for a post."""
    items = []
    for t in entry.get("takeaways", []):
        text = normalise(t["text"])
        items.append({"kind": "takeaway", "text": text, "item": item_id("takeaway", key, text), "show": {"text": t["text"]}})
    for c in entry.get("cards", []):
        text = card_text(c["question"], c["answer"], c.get("context"))
        show = {"type": c["type"], **({"context": c["context"]} if c.get("context") else {}),
                "question": c["question"], "answer": c["answer"]}
        items.append({"kind": "card", "text": text, "item": item_id("card", key, text), "show": show})
    return items


def sheet_name(key: str) -> str:
    return key.replace("/", "__") + ".json"


def build_sheets(posts: Sequence[Post], outputs: Mapping[str, Mapping[str, Any]], labels: Mapping[str, str],
                 judged: Mapping[str, Mapping[tuple[str, str], Any]], seed: int = SHUFFLE_SEED
                 ) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(sheets by file name, manifest items by id): the union over versions of each post's unjudged items,
    each once, shuffled with a per-post seed; the sheet never says which version printed an item."""
    sheets, manifest = {}, {}
    for post in posts:
        if post.key not in outputs:
            continue
        union: dict[str, dict[str, Any]] = {}
        for label, entry in outputs[post.key]["outputs"].items():
            for it in items_of(post.key, entry):
                if (post.key, it["text"]) in judged.get(it["kind"], {}):
                    continue
                kept = union.setdefault(it["item"], {**it, "revisions": []})
                if labels[label] not in kept["revisions"]:
                    kept["revisions"].append(labels[label])
        if not union:
            continue
        order = sorted(union)
        random.Random(f"{seed}:{post.key}").shuffle(order)
        sheet: dict[str, Any] = {
            "post": post.key, "read": str(post.path), "main_language": post.lang, "instructions": INSTRUCTIONS,
            "rubric": "benchmarks/RUBRIC.md", "rubric_version": rubric_version(),
            "takeaways": [], "cards": [],
        }
        for item in order:
            it = union[item]
            sheet["takeaways" if it["kind"] == "takeaway" else "cards"].append({"item": item, **it["show"]})
            manifest[item] = {"post": post.key, "kind": it["kind"], "text": it["text"], "revisions": it["revisions"],
                              **({"question": it["show"]["question"], "answer": it["show"]["answer"],
                                  **({"context": it["show"]["context"]} if it["show"].get("context") else {})}
                                 if it["kind"] == "card" else {})}
        sheets[sheet_name(post.key)] = sheet
    return sheets, manifest


def rubric_version(path: Path = RUBRIC) -> str:
    try:
        m = re.search(r"^Rubric version:\s*(\S+)", path.read_text(encoding="utf-8"), re.M)
    except OSError:
        return "unknown"
    return m.group(1) if m else "unknown"


def write_json(path: Path, data: Any, *, sort_keys: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=sort_keys) + "\n", encoding="utf-8")


def cmd_sheets(ns: argparse.Namespace) -> int:
    posts = [p for p in read_set(ns.set, ns.roots) if p.path.exists()]
    missing = len(read_set(ns.set, ns.roots)) - len(posts)
    request = [(p.key, str(p.path)) for p in posts]
    outputs: dict[str, dict[str, Any]] = {p.key: {"register": p.register, "licence": p.licence, "lang": p.lang,
                                                   "path": str(p.path), "outputs": {}} for p in posts}
    labels: dict[str, str] = {}
    if ns.ab:
        for rev in ns.ab:
            print(f"producing outputs of {rev} …", file=sys.stderr)
            commit, produced = produce_at(rev, request, cards=ns.cards)
            labels[rev] = commit
            for key, entry in produced.items():
                outputs[key]["outputs"][rev] = entry
            if ns.all_lines:
                _, produced = produce_at(rev, request, cards=False, min_confidence=0.0)
                labels[f"{rev}+all"] = f"{commit}+all-lines"
                for key, entry in produced.items():
                    outputs[key]["outputs"][f"{rev}+all"] = entry
    else:
        label = ns.label or revision_here()
        labels[label] = revision_here()
        for key, entry in produce(request, cards=ns.cards).items():
            outputs[key]["outputs"][label] = entry
        if ns.all_lines:
            labels[f"{label}+all"] = f"{labels[label]}+all-lines"
            for key, entry in produce(request, cards=False, min_confidence=0.0).items():
                outputs[key]["outputs"][f"{label}+all"] = entry
    judged = load_judgments(ns.judgments)
    sheets, manifest = build_sheets(posts, outputs, labels, judged)
    out = ns.out
    old = out / "manifest.json"
    if old.exists():  # remove the previous run's sheets, nothing else
        for name in json.loads(old.read_text(encoding="utf-8")).get("sheets", []):
            (out / name).unlink(missing_ok=True)
    for name, sheet in sheets.items():
        write_json(out / name, sheet, sort_keys=False)  # in reading order: the post first, then the items
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    write_json(out / "manifest.json", {"created": now, "labels": labels, "sheets": sorted(sheets), "items": manifest})
    write_json(out / "outputs.json", {"created": now, "labels": labels, "cards": ns.cards, "posts": outputs})
    counts: Counter[tuple[str, str]] = Counter()
    for item in manifest.values():
        counts[(outputs[item["post"]]["register"], item["kind"])] += 1
    for (register, kind), n in sorted(counts.items()):
        print(f"{register:11s} {kind:9s} {n:4d} items to judge")
    print(f"{len(sheets)} sheets, {len(manifest)} items to judge, in {out}"
          + (f"; {missing} posts of the set not found here" if missing else ""))
    return 0


# ----------------------------------------------------------------------------- ingest


def parse_verdict(kind: str, raw: Mapping[str, Any], where: str) -> tuple[str, str | None]:
    """(verdict, reason) in canonical form; a reason given as the verdict means dropped/rejected."""
    _file, (good, bad), reasons = KINDS[kind]
    verdict = str(raw.get("verdict", "")).strip().lower()
    reason = raw.get("reason")
    reason = str(reason).strip().lower() if reason not in (None, "") else None
    if verdict in reasons and reason in (None, verdict):
        verdict, reason = bad, verdict
    if verdict in ("unacceptable", "not acceptable", "not-acceptable") and kind == "card":
        verdict = bad
    if verdict not in (good, bad):
        raise JudgedError(f"{where}: verdict {raw.get('verdict')!r} for a {kind}; use {good!r}, or {bad!r} with a reason")
    if verdict == good and reason is not None:
        raise JudgedError(f"{where}: a {good} {kind} takes no reason (got {reason!r}); drop the reason or say {bad!r}")
    if verdict == bad and reason not in reasons:
        raise JudgedError(f"{where}: bad reason {raw.get('reason')!r} for a {kind}; choose one of: {', '.join(reasons)}")
    return verdict, reason


def find_item(raw: Mapping[str, Any], manifest: Mapping[str, Mapping[str, Any]], where: str) -> str:
    if raw.get("item"):
        item = str(raw["item"])
    elif raw.get("post") and (raw.get("text") or raw.get("question")):
        if raw.get("question") is not None:
            item = item_id("card", raw["post"], card_text(raw["question"], raw.get("answer", ""), raw.get("context")))
        else:
            item = item_id("takeaway", raw["post"], normalise(raw["text"]))
    else:
        raise JudgedError(f"{where}: no 'item' (or 'post' with 'text', or with 'question' and 'answer')")
    if item not in manifest:
        raise JudgedError(f"{where}: unknown item {raw.get('item') or raw.get('text') or raw.get('question')!r}: "
                          "not on the current sheets; judge the sheets `judged.py sheets` wrote last, or pass --sheets")
    return item


def ingest(files: Sequence[Path], *, sheets: Path, judgments: Path, judge: str | None, today: str | None = None
           ) -> tuple[Counter[str], list[str]]:
    """Validate every verdict first (nothing is written when one is bad), then append the new ones.

    Returns (counts: added/unchanged per kind, conflict messages). A second verdict on an item never replaces
    the first: when it differs, it is reported and left out.
    """
    manifest_path = sheets / "manifest.json"
    if not manifest_path.exists():
        raise JudgedError(f"{manifest_path} not found: run `judged.py sheets` first, or pass --sheets DIR")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))["items"]
    today = today or datetime.date.today().isoformat()
    version = rubric_version()
    records, errors = [], []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                raw = json.loads(line)
                if not isinstance(raw, dict):
                    raise JudgedError(f"{where}: a verdict is one JSON object per line, not {type(raw).__name__}")
                item = find_item(raw, manifest, where)
                entry = manifest[item]
                verdict, reason = parse_verdict(entry["kind"], raw, where)
                who = raw.get("judge") or judge
                if not who:
                    raise JudgedError(f"{where}: no judge id; pass --judge ID or add \"judge\" to the line")
            except json.JSONDecodeError as e:
                errors.append(f"{where}: not JSON ({e.msg})")
                continue
            except JudgedError as e:
                errors.append(str(e))
                continue
            record = {"post": entry["post"], "text": entry["text"], "verdict": verdict, "reason": reason,
                      "note": raw.get("note") or None, "judge": str(who), "date": today, "rubric": version,
                      "revisions": entry["revisions"], "item": item}
            if entry["kind"] == "card":
                record.update(question=entry["question"], answer=entry["answer"],
                              **({"context": entry["context"]} if entry.get("context") else {}))
            records.append((entry["kind"], record))
    if errors:
        raise JudgedError("no verdict was stored:\n  " + "\n  ".join(errors))
    known = load_judgments(judgments)
    counts: Counter[str] = Counter()
    conflicts = []
    new: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for kind, record in records:
        key = (record["post"], record["text"])
        first = known[kind].get(key)
        if first is None:
            known[kind][key] = record
            new[kind].append(record)
            counts[f"{kind} added"] += 1
        elif (first["verdict"], first.get("reason")) == (record["verdict"], record["reason"]):
            counts[f"{kind} unchanged"] += 1
        else:
            counts[f"{kind} conflicts"] += 1
            conflicts.append(f"conflict on {record['post']}: {record['text'][:80]!r}: kept {_said(first)}; "
                             f"not stored {_said(record)}")
    for kind, rows in new.items():
        path = judgments / KINDS[kind][0]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            for record in rows:
                fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return counts, conflicts


def _said(record: Mapping[str, Any]) -> str:
    what = record["verdict"] + (f"/{record['reason']}" if record.get("reason") else "")
    return f"{what} by {record['judge']} on {record['date']}"


def cmd_ingest(ns: argparse.Namespace) -> int:
    counts, conflicts = ingest(ns.files, sheets=ns.out, judgments=ns.judgments, judge=ns.judge)
    for message in conflicts:
        print(message, file=sys.stderr)
    print(", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing to store")
    return 0


# ----------------------------------------------------------------------------- report


def tally(outputs: Mapping[str, Any], judged: Mapping[str, Mapping[tuple[str, str], Mapping[str, Any]]], label: str
          ) -> dict[str, Any]:
    """Counts for one version: takeaways per register, reasons, cards per language (top 5 and all)."""
    take: dict[str, Counter[str]] = defaultdict(Counter)
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    cards: dict[str, Counter[str]] = defaultdict(Counter)
    card_reasons: dict[str, Counter[str]] = defaultdict(Counter)
    licensed: Counter[str] = Counter()
    for key, post in outputs["posts"].items():
        entry = post["outputs"].get(label)
        if entry is None:
            continue
        reg, lang = post["register"], post["lang"]
        groups = [reg, *(folder for folder in FRESH if key.startswith(folder))]
        for group in groups:
            take[group]["posts"] += 1
        for t in entry.get("takeaways", []):
            v = judged["takeaway"].get((key, normalise(t["text"])))
            outcome = "unjudged" if v is None else "kept" if v["verdict"] == "kept" else "dropped"
            for group in groups:
                take[group]["items"] += 1
                take[group][outcome] += 1
                take[group]["judged"] += v is not None
            if v is None:
                continue
            licensed["fit" if post["licence"] in FIT_LICENCES else "other"] += 1
            if v["verdict"] != "kept":
                reasons[reg][v["reason"]] += 1
        if outputs.get("cards"):
            cards[lang]["posts"] += 1
        for c in entry.get("cards", []):
            top = c.get("rank", TOP_CARDS + 1) <= TOP_CARDS
            cards[lang]["items"] += 1
            v = judged["card"].get((key, card_text(c["question"], c["answer"], c.get("context"))))
            if v is None:
                cards[lang]["unjudged"] += 1
                continue
            licensed["fit" if post["licence"] in FIT_LICENCES else "other"] += 1
            for scope in ("all",) + (("top",) if top else ()):
                cards[lang][f"{scope} judged"] += 1
                cards[lang][f"{scope} acceptable"] += v["verdict"] == "acceptable"
            if v["verdict"] != "acceptable":
                card_reasons[lang][v["reason"]] += 1
    return {"takeaways": take, "reasons": reasons, "cards": cards, "card_reasons": card_reasons, "licensed": licensed}


def rate(num: int, den: int) -> str:
    return f"{num / den:.2f} ({num}/{den})" if den else "—"


def report_markdown(outputs: Mapping[str, Any], judged: Mapping[str, Any], argv: Sequence[str]) -> str:
    lines = ["## Judged benchmark", "",
             f"Reproduce: `{command_line('judged.py', ['sheets', *(['--cards'] if outputs.get('cards') else [])])}`, "
             f"have the sheets judged by `benchmarks/RUBRIC.md`, `python benchmarks/judged.py ingest …`, then "
             f"`{command_line('judged.py', ['report', *argv])}`.", "",
             f"Outputs of {outputs.get('created', '?')}; verdicts in `benchmarks/judgments/` (rubric version "
             f"{rubric_version()}; {len(judged['takeaway'])} takeaway and {len(judged['card'])} card verdicts on file). "
             "Keep-rate = kept ÷ judged takeaways of that version; unjudged lines are left out of the rate and "
             "counted. Targets (issue 12): written ≥ 0.90 per language, interviews and podcasts ≥ 0.80, raw ASR and "
             "captions ≥ 0.60; cards (issue 13): ≥ 0.90 acceptable among each post's top 5, ≥ 0.75 overall.", ""]
    for label, revision in outputs["labels"].items():
        t = tally(outputs, judged, label)
        head = f"### {label}" + (f" ({revision})" if revision != label else "")
        rows = []
        total: Counter[str] = Counter()
        for reg in REGISTERS:
            c = t["takeaways"].get(reg, Counter())
            total.update(c)
            rows.append([reg, c["posts"], c["items"], c["judged"], rate(c["kept"], c["judged"]), c["unjudged"]])
        rows.append(["all", total["posts"], total["items"], total["judged"], rate(total["kept"], total["judged"]),
                     total["unjudged"]])
        for folder, name in FRESH.items():
            fresh = t["takeaways"].get(folder)
            if fresh:
                rows.append([f"of which {name} (`{folder}`)", fresh["posts"], fresh["items"], fresh["judged"],
                             rate(fresh["kept"], fresh["judged"]), fresh["unjudged"]])
        lines += [head, "", markdown_table(["register", "posts", "takeaways", "judged", "keep-rate", "unjudged"], rows)]
        used = sorted({r for c in t["reasons"].values() for r in c})
        if used:
            rows = [[r, *(t["reasons"].get(reg, Counter())[r] for reg in REGISTERS),
                     sum(c[r] for c in t["reasons"].values())] for r in TAKEAWAY_REASONS if r in used]
            lines += ["Reasons for dropped takeaways:", "", markdown_table(["reason", *REGISTERS, "all"], rows)]
        if outputs.get("cards"):
            rows = []
            for lang in sorted(t["cards"]):
                c = t["cards"][lang]
                rows.append([lang, c["posts"], c["items"], c["all judged"], rate(c["top acceptable"], c["top judged"]),
                             rate(c["all acceptable"], c["all judged"]), c["unjudged"]])
            lines += ["Quiz cards (top 5 = rank 1–5 of each post in the default ranking):", "",
                      markdown_table(["language", "posts", "cards", "judged", f"top {TOP_CARDS} acceptable",
                                      "all acceptable", "unjudged"], rows)]
            used = sorted({r for c in t["card_reasons"].values() for r in c})
            if used:
                langs = sorted(t["cards"])
                rows = [[r, *(t["card_reasons"].get(lang, Counter())[r] for lang in langs)]
                        for r in CARD_REASONS if r in used]
                lines += ["Reasons for rejected cards:", "", markdown_table(["reason", *langs], rows)]
        lic = t["licensed"]
        lines += [f"Of the verdicts on this version's lines, {lic['fit']} of {lic['fit'] + lic['other']} are on pages "
                  "whose licence allows fitting (apache-2.0, cc-by-4.0, own; see `benchmarks/judgments/README.md`).", ""]
    return "\n".join(lines)


def cmd_report(ns: argparse.Namespace) -> int:
    path = ns.outputs or ns.out / "outputs.json"
    if not path.exists():
        raise JudgedError(f"{path} not found: run `judged.py sheets` first, or pass --outputs FILE")
    outputs = json.loads(path.read_text(encoding="utf-8"))
    argv = [a for a in (["--outputs", str(ns.outputs)] if ns.outputs else [])]
    markdown = report_markdown(outputs, load_judgments(ns.judgments), argv)
    print(markdown)
    if not ns.no_write:
        write_section(SECTION, markdown, ns.output)
        print(f"wrote section {SECTION!r} to {ns.output}")
    return 0


# ----------------------------------------------------------------------------- check


def cmd_check(ns: argparse.Namespace) -> int:
    """Run the package (or read ``--outputs``) and print the automatic checks; a measurement, so always 0."""
    import judged_checks

    posts = [p for p in read_set(ns.set, ns.roots) if p.path.exists()]
    if ns.outputs:
        produced = json.loads(ns.outputs.read_text(encoding="utf-8"))
        label = next(iter(produced["labels"]))
        outputs = {k: v["outputs"][label] for k, v in produced["posts"].items() if label in v["outputs"]}
    else:
        outputs = produce([(p.key, str(p.path)) for p in posts], cards=ns.cards)
    judged_checks.print_checks(posts, outputs, cards=ns.cards)
    return 0


# ----------------------------------------------------------------------------- command line


def _roots(values: Iterable[str]) -> dict[str, Path]:
    roots = dict(KEY_ROOTS)
    for value in values:
        name, _, folder = value.partition("=")
        roots[name] = Path(folder)
    return roots


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--set", type=Path, default=SET_TSV, help="the post set (default benchmarks/judged_set.tsv)")
    common.add_argument("--judgments", type=Path, default=JUDGMENTS, help="verdict folder (default benchmarks/judgments)")
    common.add_argument("--out", "--sheets", dest="out", type=Path, default=SHEETS,
                        help="sheet folder (default benchmarks/out/sheets)")
    common.add_argument("--root", action="append", default=[], metavar="PREFIX=DIR", help=argparse.SUPPRESS)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sheets", parents=[common], help="run the default takeaways (and quiz) and write sheets")
    p.add_argument("--label", help="name of this version in outputs.json (default: the commit)")
    p.add_argument("--cards", action="store_true", help="also the default quiz")
    p.add_argument("--ab", nargs=2, metavar=("REV_A", "REV_B"), help="blind A/B of two revisions, one merged sheet per post")
    p.add_argument("--all-lines", action="store_true",
                   help="also every line the confidence gate leaves out (each version once more, as LABEL+all), so "
                        "fresh pages measure the gate as well")
    p = sub.add_parser("ingest", parents=[common], help="store judges' verdicts")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--judge", help="judge id, for lines that do not carry one")
    p = sub.add_parser("report", parents=[common], help="keep-rates per register; docs/BENCHMARKS.md")
    p.add_argument("--outputs", type=Path, help="outputs.json (default: the sheet folder's)")
    p.add_argument("--output", type=Path, default=BENCHMARKS_MD, help=argparse.SUPPRESS)
    p.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    p = sub.add_parser("check", parents=[common], help="the automatic checks (always exits 0)")
    p.add_argument("--cards", action="store_true", help="also check the quiz cards")
    p.add_argument("--outputs", type=Path, help="check this outputs.json instead of running the package")
    p = sub.add_parser("_produce")  # the A/B child: outputs of the package on PYTHONPATH
    p.add_argument("request", type=Path)
    p.add_argument("result", type=Path)
    p.add_argument("--cards", action="store_true")
    p.add_argument("--min-confidence", type=float)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    ns = build_parser().parse_args(argv)
    if ns.command == "_produce":
        posts = [tuple(p) for p in json.loads(ns.request.read_text(encoding="utf-8"))]
        write_json(ns.result, produce(posts, cards=ns.cards, min_confidence=ns.min_confidence))  # type: ignore[arg-type]
        return 0
    ns.roots = _roots(ns.root)
    try:
        return {"sheets": cmd_sheets, "ingest": cmd_ingest, "report": cmd_report, "check": cmd_check}[ns.command](ns)
    except JudgedError as e:
        print(f"judged: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
