"""Build ``src/summarize/data/en_pos_tagger.json.gz``: the English part-of-speech tagger.

Why a script: the shipped weights must be rebuilt byte for byte from the same treebank and must
say where they came from. The treebank is UD English EWT (CC BY-SA 4.0, © Stanford University),
so the data file is CC BY-SA 4.0 too and records that, with this command and its accuracy.

Steps:

1. Read train, dev and test with ``summarize.segment.pos.read_conllu`` (retokenised as our
   Treebank tokenizer gives words: hyphenated words whole, quotes as ````` / ``''``); tags are the
   Penn XPOS column.
2. Tag dictionary: words seen at least ``--tagdict-min`` times in train with one tag at least
   97% of the time are tagged by lookup.
3. Averaged perceptron over ``summarize.segment.pos.features`` (previous tags are the model's
   own guesses, as at run time), sentences shuffled with ``random.Random(seed)`` every pass;
   after each pass the averaged weights are scored on dev, and the best pass is kept.
4. Pruning: weights with ``|w| <`` each of ``--prune`` are dropped and dev accuracy and file size
   measured; the largest threshold within ``--max-dev-loss`` of the unpruned dev accuracy is
   shipped.
5. Test accuracy is measured once, on the shipped weights, and written into the record.

Usage::

    python tools/train_pos_tagger.py --treebank ../shared/treebank/ud-english-ewt \\
        -o src/summarize/data/en_pos_tagger.json.gz --date 2026-12-07
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import re
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from summarize.segment.pos import FEATURES_VERSION, Model, core, features, load_model, read_conllu

SNAPSHOT = "UD_English-EWT, snapshot of May 2025 (as in ../shared/treebank/README.md)"
LICENCE = "CC BY-SA 4.0"
ATTRIBUTION = (
    "Derived from the Universal Dependencies English Web Treebank (UD_English-EWT, "
    "https://github.com/UniversalDependencies/UD_English-EWT), annotations (c) 2013-2021 The Board of "
    "Trustees of the Leland Stanford Junior University, CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/). This file is shared under the same licence."
)

Sentence = list[tuple[str, str]]
_WORD_RE = re.compile(r"\w")


class Perceptron:
    """Averaged multiclass perceptron with lazy averaging (Collins 2002; Daumé's trick)."""

    def __init__(self) -> None:
        self.weights: dict[str, dict[str, float]] = {}
        self._totals: dict[tuple[str, str], float] = collections.defaultdict(float)
        self._stamps: dict[tuple[str, str], int] = collections.defaultdict(int)
        self.updates = 0

    def update(self, truth: str, guess: str, feats: Sequence[str]) -> None:
        self.updates += 1
        if truth == guess:
            return
        for f in feats:
            table = self.weights.setdefault(f, {})
            for tag, delta in ((truth, 1.0), (guess, -1.0)):
                key = (f, tag)
                w = table.get(tag, 0.0)
                self._totals[key] += (self.updates - self._stamps[key]) * w
                self._stamps[key] = self.updates
                table[tag] = w + delta

    def averaged(self) -> dict[str, dict[str, float]]:
        """The averaged weights now (training can go on afterwards)."""
        out: dict[str, dict[str, float]] = {}
        for f, table in self.weights.items():
            avg = {}
            for tag, w in table.items():
                key = (f, tag)
                total = self._totals[key] + (self.updates - self._stamps[key]) * w
                value = total / self.updates
                if value:
                    avg[tag] = value
            if avg:
                out[f] = avg
        return out


def build_tagdict(sentences: Sequence[Sentence], min_count: int, min_share: float = 0.97) -> dict[str, str]:
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for sent in sentences:
        for word, tag in sent:
            counts[core(word)][tag] += 1
    out = {}
    for word, tags in counts.items():
        tag, n = tags.most_common(1)[0]
        total = sum(tags.values())
        if total >= min_count and n / total >= min_share:
            out[word] = tag
    return out


def train(sentences: Sequence[Sentence], dev: Sequence[Sentence], tagdict: dict[str, str], iterations: int,
          seed: int) -> tuple[dict[str, dict[str, float]], int, list[float]]:
    """Best averaged weights on dev over ``iterations`` passes, the pass that gave them, and every pass's dev accuracy."""
    model = Perceptron()
    rng = random.Random(seed)
    order = list(sentences)
    best: tuple[float, int, dict[str, dict[str, float]]] = (-1.0, 0, {})
    history = []
    tags = tuple(sorted({t for s in sentences for _, t in s}))
    for it in range(1, iterations + 1):
        t0 = time.perf_counter()
        rng.shuffle(order)
        current = Model(weights=model.weights, tagdict=tagdict, tags=tags)
        for sent in order:
            words = [core(w) for w, _ in sent]
            prev, prev2 = "-START-", "-START2-"
            for i, (word, truth) in enumerate(zip(words, (t for _, t in sent))):
                guess = tagdict.get(word)
                if guess is None:
                    feats = features(words, i, prev, prev2)
                    guess = current.predict(feats)
                    model.update(truth, guess, feats)
                prev2, prev = prev, guess
        avg = model.averaged()
        acc = accuracy(Model(weights=avg, tagdict=tagdict, tags=tags), dev)["all"]
        history.append(acc)
        print(f"pass {it}: dev {acc:.4f} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        if acc > best[0]:
            best = (acc, it, avg)
    return best[2], best[1], history


def lowercased(sent: Sentence) -> Sentence:
    """The sentence as auto-captions print it: every word lowercase."""
    return [(w.lower(), t) for w, t in sent]


def unpunctuated(sent: Sentence) -> Sentence:
    """The sentence as ``en_words`` gives it: tokens without a word character dropped."""
    return [(w, t) for w, t in sent if _WORD_RE.search(w)] or sent


def augment(sentences: Sequence[Sentence], every: int) -> list[Sentence]:
    """``sentences`` plus a lowercased copy of every ``every``-th and an unpunctuated copy of the next.

    Auto-captions arrive lowercase and callers may pass ``en_words`` tokens; the copies teach the
    model not to lean only on capitals and punctuation. Chosen on dev (the record has the figures).
    """
    if not every:
        return list(sentences)
    extra = [lowercased(s) for s in sentences[::every]] + [unpunctuated(s) for s in sentences[1::every]]
    return [*sentences, *extra]


def accuracy(model: Model, sentences: Sequence[Sentence], known: frozenset[str] | None = None,
             rules: bool = True) -> dict[str, float]:
    """Token accuracy, overall and (with ``known``, the train vocabulary) on words unseen in train."""
    right = total = unk_right = unk_total = word_right = word_total = 0
    for sent in sentences:
        guesses = model.tag([w for w, _ in sent], rules=rules)
        for (word, truth), guess in zip(sent, guesses):
            total += 1
            right += guess == truth
            if _WORD_RE.search(word):
                word_total += 1
                word_right += guess == truth
            if known is not None and core(word) not in known:
                unk_total += 1
                unk_right += guess == truth
    out = {"all": right / total, "tokens": total, "words": word_right / word_total}
    if known is not None:
        out.update(unknown=unk_right / max(unk_total, 1), unknown_tokens=unk_total)
    return out


def prune(weights: dict[str, dict[str, float]], threshold: float, digits: int) -> dict[str, dict[str, float]]:
    out = {}
    for f, table in weights.items():
        kept = {t: round(w, digits) for t, w in table.items() if abs(w) >= threshold and round(w, digits)}
        if kept:
            out[f] = kept
    return out


def encode(weights: dict[str, dict[str, float]], tagdict: dict[str, str], tags: tuple[str, ...],
           record: dict) -> bytes:
    index = {t: str(i) for i, t in enumerate(tags)}
    data = {
        "description": "English part-of-speech tagger (Penn Treebank tags), averaged perceptron; "
                       "read by summarize.segment.pos.",
        "format": 1,
        "features_version": FEATURES_VERSION,
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "built": record,
        "tags": list(tags),
        "tagdict": tagdict,
        "weights": {f: {index[t]: w for t, w in sorted(table.items())} for f, table in weights.items()},
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--treebank", type=Path, default=Path("../shared/treebank/ud-english-ewt"))
    ap.add_argument("-o", "--output", type=Path, default=Path("src/summarize/data/en_pos_tagger.json.gz"))
    ap.add_argument("--iterations", type=int, default=8, help="passes tried; the best on dev is kept")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tagdict-min", type=int, default=20)
    ap.add_argument("--augment", type=int, default=0, help="add lowercased and unpunctuated copies of every Nth sentence")
    ap.add_argument("--prune", default="0,0.05,0.1,0.2,0.3,0.5,0.75,1.0", help="thresholds tried on dev")
    ap.add_argument("--max-dev-loss", type=float, default=0.001, help="dev accuracy a pruning may cost")
    ap.add_argument("--digits", type=int, default=2, help="decimals kept per weight")
    ap.add_argument("--date", required=True, help="build date written into the record (keeps builds reproducible)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    split = {name: list(read_conllu(args.treebank / f"en_ewt-ud-{name}.conllu.gz")) for name in ("train", "dev", "test")}
    known = frozenset(core(w) for s in split["train"] for w, _ in s)
    tagdict = build_tagdict(split["train"], args.tagdict_min)
    tags = tuple(sorted({t for s in split["train"] for _, t in s}))
    weights, best_pass, history = train(augment(split["train"], args.augment), split["dev"], tagdict, args.iterations, args.seed)

    rows = []
    unpruned = None
    for threshold in (float(x) for x in args.prune.split(",")):
        pruned = prune(weights, threshold, args.digits)
        size = len(encode(pruned, tagdict, tags, {}))
        acc = accuracy(Model(weights=pruned, tagdict=tagdict, tags=tags), split["dev"])["all"]
        unpruned = acc if unpruned is None else unpruned
        n = sum(len(t) for t in pruned.values())
        rows.append({"threshold": threshold, "dev": round(acc, 4), "bytes": size, "weights": n})
        print(f"prune {threshold}: dev {acc:.4f}, {n} weights, {size / 1e6:.2f} MB", file=sys.stderr)
    chosen = max((r for r in rows if r["dev"] >= round(unpruned - args.max_dev_loss, 4)), key=lambda r: r["threshold"])
    shipped = prune(weights, chosen["threshold"], args.digits)
    model = Model(weights=shipped, tagdict=tagdict, tags=tags)
    dev = accuracy(model, split["dev"], known)
    dev_plain = accuracy(model, split["dev"], known, rules=False)
    dev_lower = accuracy(model, [lowercased(s) for s in split["dev"]])
    dev_nopunct = accuracy(model, [unpunctuated(s) for s in split["dev"]])
    test = accuracy(model, split["test"], known)

    def pct(x: float) -> float:
        return round(100 * x, 2)

    record = {
        "source": "UD English Web Treebank (UD_English-EWT): train split for training, dev for every choice, "
                  "test measured once",
        "snapshot": SNAPSHOT,
        "licence": LICENCE,
        "command": shlex.join(["python", "tools/train_pos_tagger.py", *(argv if argv is not None else sys.argv[1:])]),
        "date": args.date,
        "method": "averaged perceptron (greedy, left to right) over summarize.segment.pos.features; tag "
                  "dictionary for frequent unambiguous words; hyphenated words merged and quotes as `` '' to "
                  "match the Treebank tokenizer; Penn XPOS tags",
        "hyperparameters": {"passes_tried": args.iterations, "best_pass": best_pass, "seed": args.seed,
                            "tagdict_min_count": args.tagdict_min, "augment_every": args.augment, "tagdict_min_share": 0.97,
                            "prune_threshold": chosen["threshold"], "digits": args.digits},
        "dev_by_pass": [pct(a) for a in history],
        "pruning_on_dev": rows,
        "sentences": {k: len(v) for k, v in split.items()},
        "tokens": {k: sum(map(len, v)) for k, v in split.items()},
        "tagdict_words": len(tagdict),
        "weights": chosen["weights"],
        "accuracy_percent": {
            "dev": pct(dev["all"]), "dev_unknown_words": pct(dev["unknown"]),
            "dev_without_shape_rules": pct(dev_plain["all"]),
            "dev_word_tokens": pct(dev["words"]), "dev_word_tokens_lowercased": pct(dev_lower["words"]),
            "dev_word_tokens_without_punctuation": pct(dev_nopunct["words"]),
            "test": pct(test["all"]), "test_unknown_words": pct(test["unknown"]),
            "unknown_share_dev": pct(dev["unknown_tokens"] / dev["tokens"]),
            "unknown_share_test": pct(test["unknown_tokens"] / test["tokens"]),
        },
    }
    blob = encode(shipped, tagdict, tags, record)
    if load_model(json.loads(gzip.decompress(blob))).tag(["Istio", "picked", "Envoy"]) != model.tag(
            ["Istio", "picked", "Envoy"]):
        raise SystemExit("the encoded model does not tag like the trained one")
    args.output.write_bytes(blob)
    print(json.dumps(record["accuracy_percent"]), f"{len(blob) / 1e6:.2f} MB",
          f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
