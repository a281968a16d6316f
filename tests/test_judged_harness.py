"""The judged benchmark's harness (benchmarks/judged.py) on small fake data: sheets, ingest, report, checks."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from conftest import bench_module


@pytest.fixture(scope="module")
def judged() -> ModuleType:
    return bench_module("judged")


@pytest.fixture(scope="module")
def checks() -> ModuleType:
    return bench_module("judged_checks")


POST_A = ("Istio moves its control plane into one binary called istiod. Istiod replaces Pilot, Citadel and Galley. "
          "The single binary makes upgrades simpler. Operators now scale one component instead of four.\n")
POST_B = ("# Envoy Gateway\n\nEnvoy Gateway is an API gateway built on Envoy. It uses the Kubernetes Gateway API as its "
          "configuration. The project reached version 1.0 in 2024. Users no longer write xDS configuration by hand.\n")


@pytest.fixture()
def small_set(tmp_path: Path, judged: ModuleType) -> dict:
    """A set of two tiny posts under fake roots, and empty judgment and sheet folders."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "fixtures" / "posts").mkdir(parents=True)
    (tmp_path / "seeds" / "a.txt").write_text(POST_A, encoding="utf-8")
    (tmp_path / "fixtures" / "posts" / "b.md").write_text(POST_B, encoding="utf-8")
    tsv = tmp_path / "set.tsv"
    tsv.write_text("key\tregister\tlicence\tlang\nseeds/a.txt\twritten-en\tnone\ten\n"
                   "fixtures/posts/b.md\tinterview\town\ten\nfixtures/posts/missing.md\tasr\town\ten\n", encoding="utf-8")
    roots = {"seeds": tmp_path / "seeds", "fixtures": tmp_path / "fixtures", "corpus-dev": tmp_path / "none"}
    args = ["--set", str(tsv), "--judgments", str(tmp_path / "judgments"), "--out", str(tmp_path / "sheets"),
            *(f"--root={k}={v}" for k, v in roots.items())]
    return {"tmp": tmp_path, "tsv": tsv, "roots": roots, "args": args, "posts": judged.read_set(tsv, roots)}


def _outputs(posts, by_label: dict[str, dict[str, list[str]]], cards: dict[str, list[tuple[str, str, int]]] | None = None):
    """outputs.json-shaped data: label → post key → takeaway texts (and cards as (question, answer, rank))."""
    out = {"labels": {label: f"rev-{label}" for label in by_label}, "cards": cards is not None, "created": "t",
           "posts": {}}
    for p in posts:
        out["posts"][p.key] = {"register": p.register, "licence": p.licence, "lang": p.lang, "path": str(p.path),
                               "outputs": {}}
        for label, texts in by_label.items():
            if p.key in texts:
                out["posts"][p.key]["outputs"][label] = {
                    "takeaways": [{"text": t} for t in texts[p.key]],
                    "cards": [{"question": q, "answer": a, "type": "what-is", "rank": r}
                              for q, a, r in (cards or {}).get(p.key, [])]}
    return out


def _verdicts(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


def test_set_file_covers_every_page(judged: ModuleType) -> None:
    """The shipped set names 42 corpus-dev pages, every seed, every fixture post and site, with valid registers and licences."""
    posts = judged.read_set()
    keys = [p.key for p in posts]
    assert len(keys) == len(set(keys))
    assert sum(k.startswith("corpus-dev/") for k in keys) == 42
    for folder in ("posts", "sites", "unseen", "unseen2", "unseen3", "unseen4"):  # every fixture post has a row (a folder's README.md is not a post)
        fixtures = sorted(p.name for p in (judged.ROOT / "tests" / "fixtures" / folder).iterdir() if p.name != "README.md")
        assert sorted(k.split("/")[-1] for k in keys if k.startswith(f"fixtures/{folder}/")) == fixtures
    assert all(p.licence == "own" for p in posts if p.key.startswith("fixtures/"))
    shared = judged.ROOT.parent / "shared"
    if shared.exists():
        assert all(p.path.exists() for p in posts)
        seeds = sorted(p.name for p in (shared / "seeds").iterdir())
        assert sorted(k.split("/")[-1] for k in keys if k.startswith("seeds/")) == seeds


def test_sheets_run_and_exclude_judged_items(judged: ModuleType, small_set: dict) -> None:
    """`sheets` runs the package on the posts that exist; after a verdict is stored, that line leaves the sheet."""
    assert judged.main(["sheets", *small_set["args"]]) == 0
    sheets = small_set["tmp"] / "sheets"
    manifest = json.loads((sheets / "manifest.json").read_text(encoding="utf-8"))
    outputs = json.loads((sheets / "outputs.json").read_text(encoding="utf-8"))
    assert set(outputs["posts"]) == {"seeds/a.txt", "fixtures/posts/b.md"}
    sheet = json.loads((sheets / "seeds__a.txt.json").read_text(encoding="utf-8"))
    assert sheet["post"] == "seeds/a.txt" and Path(sheet["read"]).exists() and sheet["takeaways"]
    assert "rev" not in json.dumps(sheet) and all(set(t) == {"item", "text"} for t in sheet["takeaways"])
    first = sheet["takeaways"][0]
    _verdicts(small_set["tmp"] / "v.jsonl", [{"item": first["item"], "verdict": "kept"}])
    assert judged.main(["ingest", str(small_set["tmp"] / "v.jsonl"), "--judge", "j1", *small_set["args"]]) == 0
    assert len(manifest["items"]) > 1
    assert judged.main(["sheets", *small_set["args"]]) == 0
    again = json.loads((sheets / "manifest.json").read_text(encoding="utf-8"))
    assert first["item"] not in again["items"]
    assert set(again["items"]) == set(manifest["items"]) - {first["item"]}


def test_all_lines_adds_what_the_gate_leaves_out(judged: ModuleType, small_set: dict) -> None:
    """`--all-lines` adds each version once more with every line the confidence gate would leave out: the same or
    more takeaways per post, a superset of the gated ones, under LABEL+all."""
    assert judged.main(["sheets", "--label", "v", "--all-lines", *small_set["args"]]) == 0
    outputs = json.loads((small_set["tmp"] / "sheets" / "outputs.json").read_text(encoding="utf-8"))
    assert set(outputs["labels"]) == {"v", "v+all"}
    for entry in outputs["posts"].values():
        gated = [t["text"] for t in entry["outputs"]["v"]["takeaways"]]
        every = [t["text"] for t in entry["outputs"]["v+all"]["takeaways"]]
        assert set(gated) <= set(every) and len(every) >= len(gated)


def test_normalised_text_is_the_key(judged: ModuleType, small_set: dict) -> None:
    """A verdict covers the same line printed with other spacing or compatibility characters."""
    posts = small_set["posts"]
    judgments = {"takeaway": {("seeds/a.txt", "Istiod replaces Pilot."): {"verdict": "kept"}}, "card": {}}
    outputs = _outputs(posts, {"v": {"seeds/a.txt": ["  Istiod\u00a0replaces   Pilot.\n", "Another line."]}})
    _sheets, manifest = judged.build_sheets(posts, outputs["posts"], outputs["labels"], judgments)
    assert [m["text"] for m in manifest.values()] == ["Another line."]



def test_a_card_is_keyed_and_shown_with_its_context_line(judged: ModuleType, small_set: dict) -> None:
    """A card without a context line keeps its old key (old verdicts match); the same question shown under a
    context line is a new item, printed on the sheet with that line, since it changes what a learner reads."""
    posts = small_set["posts"]
    assert judged.card_text("What is istiod?", "A binary.") == "What is istiod? || A binary."
    assert judged.card_text("What is istiod?", "A binary.", "  ") == "What is istiod? || A binary."
    assert judged.card_text("What is istiod?", "A binary.", " Istio\u00a01.5 ") == "What is istiod? || A binary. || Istio 1.5"
    verdict = {"verdict": "acceptable"}
    judgments = {"takeaway": {}, "card": {("seeds/a.txt", judged.card_text("What is istiod?", "A binary.")): verdict}}
    outputs = _outputs(posts, {"v": {"seeds/a.txt": []}}, cards={"seeds/a.txt": [("What is istiod?", "A binary.", 1)]})
    entry = outputs["posts"]["seeds/a.txt"]["outputs"]["v"]
    assert judged.build_sheets(posts, outputs["posts"], outputs["labels"], judgments)[1] == {}
    entry["cards"][0]["context"] = "Istio 1.5"
    sheets, manifest = judged.build_sheets(posts, outputs["posts"], outputs["labels"], judgments)
    (sheet,) = sheets.values()
    assert [(c["context"], c["question"]) for c in sheet["cards"]] == [("Istio 1.5", "What is istiod?")]
    (item,) = manifest.values()
    assert item["context"] == "Istio 1.5" and item["text"].endswith("|| Istio 1.5")

def test_ab_merge_has_the_union_once(judged: ModuleType, small_set: dict) -> None:
    """Two versions sharing a line give one merged sheet with that line once, and no version named on it."""
    posts = small_set["posts"]
    outputs = _outputs(posts, {"A": {"seeds/a.txt": ["Shared line.", "Only in A."]},
                               "B": {"seeds/a.txt": ["Only in B.", "Shared  line."]}})
    sheets, manifest = judged.build_sheets(posts, outputs["posts"], outputs["labels"], {"takeaway": {}, "card": {}})
    (sheet,) = sheets.values()
    assert sorted(t["text"] for t in sheet["takeaways"]) == ["Only in A.", "Only in B.", "Shared line."]
    assert "rev-A" not in json.dumps(sheet) and "rev-B" not in json.dumps(sheet)
    shared = next(m for m in manifest.values() if m["text"] == "Shared line.")
    assert sorted(shared["revisions"]) == ["rev-A", "rev-B"]
    again, _ = judged.build_sheets(posts, outputs["posts"], outputs["labels"], {"takeaway": {}, "card": {}})
    assert again == sheets  # the shuffle is seeded


FAKE_PACKAGE = """
class _Takeaway:
    def __init__(self, text):
        self.text = text

    def to_dict(self):
        return {"text": self.text, "sentence_ids": [0], "line": 1}


class _Summary:
    lang = "en"

    def __init__(self, texts):
        self.takeaways = [_Takeaway(t) for t in texts]


def summarize(path):
    return _Summary([VERSION + " says so.", "Both versions say this."])
"""


def test_ab_runs_each_revision_from_its_own_worktree(judged: ModuleType, small_set: dict) -> None:
    """`produce_at` checks a revision out in a temporary worktree and imports that revision's package."""
    import subprocess

    repo = small_set["tmp"] / "repo"
    (repo / "src" / "summarize").mkdir(parents=True)

    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                              capture_output=True, text=True).stdout.strip()

    git("init", "-q")
    revs = []
    for version in ("Version A", "Version B"):
        (repo / "src" / "summarize" / "__init__.py").write_text(f"VERSION = {version!r}\n" + FAKE_PACKAGE)
        git("add", "-A")
        git("commit", "-qm", version)
        revs.append(git("rev-parse", "--short", "HEAD"))
    posts = [("seeds/a.txt", str(small_set["tmp"] / "seeds" / "a.txt"))]
    got = {rev: judged.produce_at(rev, posts, cards=False, repo=repo) for rev in revs}
    assert [got[r][0] for r in revs] == revs
    assert [got[r][1]["seeds/a.txt"]["takeaways"][0]["text"] for r in revs] == ["Version A says so.", "Version B says so."]
    assert git("worktree", "list").count("\n") == 0  # the temporary worktrees are gone


def _write_sheets(judged: ModuleType, small_set: dict, outputs: dict) -> dict:
    sheets, manifest = judged.build_sheets(small_set["posts"], outputs["posts"], outputs["labels"],
                                           {"takeaway": {}, "card": {}})
    judged.write_json(small_set["tmp"] / "sheets" / "manifest.json", {"items": manifest, "sheets": list(sheets)})
    return {m["text"]: item for item, m in manifest.items()}


def test_ingest_rejects_bad_reason_and_unknown_item(judged: ModuleType, small_set: dict) -> None:
    """A bad reason or an unknown item is an error naming it, and nothing at all is stored."""
    outputs = _outputs(small_set["posts"], {"v": {"seeds/a.txt": ["One.", "Two."]}},
                       cards={"seeds/a.txt": [("What is istiod?", "One binary.", 1)]})
    ids = _write_sheets(judged, small_set, outputs)
    tmp = small_set["tmp"]
    kw = {"sheets": tmp / "sheets", "judgments": tmp / "judgments", "judge": "j1"}
    good = {"item": ids["One."], "verdict": "kept"}
    with pytest.raises(judged.JudgedError, match="bad reason 'boring'"):
        judged.ingest([_verdicts(tmp / "v1.jsonl", [good, {"item": ids["Two."], "verdict": "dropped", "reason": "boring"}])], **kw)
    with pytest.raises(judged.JudgedError, match="unknown item 't-0000000000'"):
        judged.ingest([_verdicts(tmp / "v2.jsonl", [good, {"item": "t-0000000000", "verdict": "kept"}])], **kw)
    card = ids["What is istiod? || One binary."]
    with pytest.raises(judged.JudgedError, match="bad reason 'dangling'"):  # a takeaway reason on a card
        judged.ingest([_verdicts(tmp / "v3.jsonl", [{"item": card, "verdict": "rejected", "reason": "dangling"}])], **kw)
    assert not (tmp / "judgments").exists()
    counts, conflicts = judged.ingest([_verdicts(tmp / "v4.jsonl", [
        good, {"post": "seeds/a.txt", "text": " Two. ", "verdict": "fragment"},
        {"item": card, "verdict": "leaky", "note": "says it"}])], **kw)
    assert counts == {"takeaway added": 2, "card added": 1} and conflicts == []
    stored = judged.load_judgments(tmp / "judgments")
    assert stored["takeaway"][("seeds/a.txt", "Two.")]["reason"] == "fragment"
    record = stored["card"][("seeds/a.txt", "What is istiod? || One binary.")]
    assert (record["verdict"], record["reason"], record["judge"], record["revisions"]) == ("rejected", "leaky", "j1", ["rev-v"])


def test_conflicting_verdict_keeps_the_first(judged: ModuleType, small_set: dict) -> None:
    """A later, different verdict on a judged line is reported and not stored; a repeat of the same is a no-op."""
    outputs = _outputs(small_set["posts"], {"v": {"seeds/a.txt": ["One."]}})
    ids = _write_sheets(judged, small_set, outputs)
    tmp = small_set["tmp"]
    kw = {"sheets": tmp / "sheets", "judgments": tmp / "judgments"}
    judged.ingest([_verdicts(tmp / "a.jsonl", [{"item": ids["One."], "verdict": "dropped", "reason": "trivial"}])],
                  judge="first", **kw)
    counts, conflicts = judged.ingest([_verdicts(tmp / "b.jsonl", [
        {"item": ids["One."], "verdict": "kept"}, {"item": ids["One."], "verdict": "dropped", "reason": "trivial"}])],
        judge="second", **kw)
    assert counts == {"takeaway conflicts": 1, "takeaway unchanged": 1}
    assert len(conflicts) == 1 and "kept dropped/trivial by first" in conflicts[0] and "kept by second" in conflicts[0]
    lines = (tmp / "judgments" / "takeaways.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["judge"] == "first"


def test_report_arithmetic(judged: ModuleType, small_set: dict) -> None:
    """Keep-rate = kept ÷ judged per register; unjudged lines counted apart; cards' top 5 by rank."""
    posts = small_set["posts"]
    outputs = _outputs(posts, {"v": {"seeds/a.txt": ["K1.", "K2.", "D1.", "U1."], "fixtures/posts/b.md": ["K3.", "D2."]}},
                       cards={"seeds/a.txt": [(f"Q{i}?", "A.", i) for i in range(1, 8)]})
    a, b = "seeds/a.txt", "fixtures/posts/b.md"
    take = {(a, "K1."): {"verdict": "kept"}, (a, "K2."): {"verdict": "kept"},
            (a, "D1."): {"verdict": "dropped", "reason": "dangling"},
            (b, "K3."): {"verdict": "kept"}, (b, "D2."): {"verdict": "dropped", "reason": "chit-chat"}}
    cards = {(a, f"Q{i}? || A."): ({"verdict": "acceptable"} if i in (1, 2, 3, 6) else {"verdict": "rejected", "reason": "trivial"})
             for i in range(1, 7)}  # Q7 unjudged
    t = judged.tally(outputs, {"takeaway": take, "card": cards}, "v")
    assert (t["takeaways"]["written-en"]["kept"], t["takeaways"]["written-en"]["judged"],
            t["takeaways"]["written-en"]["unjudged"]) == (2, 3, 1)
    assert t["reasons"]["interview"] == {"chit-chat": 1}
    c = t["cards"]["en"]
    assert (c["top acceptable"], c["top judged"], c["all acceptable"], c["all judged"], c["unjudged"]) == (3, 5, 4, 6, 1)
    assert t["licensed"] == {"fit": 2, "other": 9}
    md = judged.report_markdown(outputs, {"takeaway": take, "card": cards}, [])
    assert md.startswith("## Judged benchmark")
    assert "| written-en | 1 | 4 | 3 | 0.67 (2/3) | 1 |" in md
    assert "| interview | 1 | 2 | 2 | 0.50 (1/2) | 0 |" in md
    assert "| all | 2 | 6 | 5 | 0.60 (3/5) | 1 |" in md
    assert "| en | 2 | 7 | 6 | 0.60 (3/5) | 0.67 (4/6) | 1 |" in md  # b.md: no cards, still a post


def test_report_writes_its_section_only(judged: ModuleType, small_set: dict) -> None:
    """`report` replaces its own section of BENCHMARKS.md and leaves the others byte for byte."""
    tmp = small_set["tmp"]
    outputs = _outputs(small_set["posts"], {"v": {"seeds/a.txt": ["K1."]}})
    judged.write_json(tmp / "outputs.json", outputs)
    doc = tmp / "BENCHMARKS.md"
    other = "<!-- speed:start -->\n## Speed\nfast\n<!-- speed:end -->\n"
    doc.write_text("# Benchmarks\n\n" + other, encoding="utf-8")
    argv = ["report", "--outputs", str(tmp / "outputs.json"), "--output", str(doc), *small_set["args"]]
    assert judged.main(argv) == 0 and judged.main(argv) == 0
    text = doc.read_text(encoding="utf-8")
    assert other in text and text.count("## Judged benchmark") == 1


def test_takeaway_checks(checks: ModuleType) -> None:
    """Openings that point outside, furniture and length are caught; a plain claim passes."""
    assert checks.takeaway_failures("Istiod merges Pilot, Citadel and Galley into one binary.") == []
    assert checks.takeaway_failures("Istio 把控制平面合并成了一个二进制文件 istiod。") == []
    assert checks.opening("This promotes a portable core API.") == "demonstrative"
    assert checks.opening("It graduated in 2018.") == "pronoun"
    assert checks.opening("It is used for caching.") == "pronoun"
    assert checks.opening("It's clear that sidecars cost memory.") is None  # a dummy "it"
    assert checks.opening("The other command is istioctl analyze.") == "the-other"
    assert checks.opening("I would say Envoy is the standard.") == "hedge"
    assert checks.opening("第二个问题是云厂商更倾向于托管服务。") == "ordinal"
    assert checks.opening("译者按：本文写于 2022 年。") == "label"
    assert checks.opening("这意味着不再需要重启。") == "demonstrative"
    assert checks.opening("Thistle is a plant.") is None  # whole words only
    assert checks.furniture("Jane Doe is a senior engineer at Example Corp, where she works on proxies.") == "bio"
    assert checks.furniture("Managing microservices with the mesh blog.") == "link"
    assert checks.furniture("Read the guide.", "* [Read the guide](https://example.com/guide).") == "link"
    assert checks.furniture("网关已经支持它。", "网关[已经支持它](https://example.com/)。") is None  # a linked phrase
    assert checks.furniture("The migration guide will be in the docs.") is None  # a sentence, not a link title
    assert checks.too_long(" ".join(["word"] * 61)) and not checks.too_long(" ".join(["word"] * 60))
    assert checks.too_long("字" * 151) and not checks.too_long("字" * 150)


def test_card_checks(checks: ModuleType) -> None:
    """Question mark, pronouns outside quotes, and the four cloze rules."""
    assert checks.card_failures("What is istiod?", "One binary.", "what-is", "en") == []
    assert checks.card_failures("What is istiod", "x", "what-is", "en") == ["no-question-mark"]
    assert checks.card_failures("Why did they switch?", "x", "why", "en") == ["pronoun"]
    assert checks.card_failures("Why was that choice made?", "x", "why", "en") == ["pronoun"]
    assert checks.card_failures("What does the \"it just works\" slogan mean?", "x", "what-is", "en") == []
    assert checks.card_failures("What is the proxy that handles L7 traffic?", "x", "what-is", "en") == []
    assert checks.card_failures("为什么团队预计这将节省资源？", "x", "why", "zh") == ["pronoun"]
    assert checks.card_failures("其他组件由谁维护？", "x", "who", "zh") == []
    ok = checks.card_failures("The {{c1::Gateway API}} replaces Ingress.", "Gateway API", "cloze", "en")
    assert ok == []
    assert "punctuation-inside" in checks.card_failures("Projects join the {{c1::CNCF.}}", "CNCF.", "cloze", "en")
    assert "answer-differs" in checks.card_failures("Projects join the {{c1::CNCF}}.", "CNCF.", "cloze", "en")
    assert "partial-term" in checks.card_failures("Service {{c1::Mesh}} is a pattern.", "Mesh", "cloze", "en")
    assert "partial-term" in checks.card_failures("We run {{c1::Jenkins Actually}} here.", "Jenkins Actually", "cloze", "en")
    assert "not-every-occurrence" in checks.card_failures("{{c1::Envoy}} filters extend Envoy.", "Envoy", "cloze", "en")
    # a digit group's comma and a sentence-opening "Every" are no faults of the term; a comma after a figure is
    assert checks.card_failures("Teams of around {{c1::1,100}} engineers run it.", "1,100", "cloze", "en") == []
    assert "punctuation-inside" in checks.card_failures("It took {{c1::3, 4}} days.", "3, 4", "cloze", "en")
    assert checks.card_failures("Every {{c1::PersistentVolumeClaim}} was snapshotted.", "PersistentVolumeClaim", "cloze", "en") == []
    words = lambda s: [("服务", 0, 2), ("网格", 2, 4), ("很", 4, 5), ("流行", 5, 7)]  # noqa: E731
    assert "partial-term" in checks.card_failures("服{{c1::务网}}格很流行", "务网", "cloze", "zh", words)
    assert checks.card_failures("{{c1::服务网格}}很流行", "服务网格", "cloze", "zh", words) == []


def test_judge_agreement_kappa() -> None:
    """Raw agreement and Cohen's kappa of two judges: chance agreement is taken out."""
    import judge_agreement

    same = [("p", True, True), ("p", False, False)] * 5
    assert judge_agreement.kappa(same) == (1.0, 1.0)
    # Both judges keep half, independently of each other: agreement by chance only, kappa 0.
    chance = [("p", True, True), ("p", True, False), ("p", False, True), ("p", False, False)]
    assert judge_agreement.kappa(chance) == (0.5, 0.0)
    first = {("p", "a"): {"verdict": "kept"}, ("p", "b"): {"verdict": "dropped"}}
    second = [{"post": "p", "text": "a", "verdict": "dropped"}, {"post": "p", "text": "zzz", "verdict": "kept"}]
    assert judge_agreement.pairs(first, second) == [("p", True, False)]  # a line with no first verdict is skipped
