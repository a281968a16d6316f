"""Build ``src/summarize/data/en_finite_verbs.txt``: which English word forms can be a clause's finite verb.

Why: a takeaway must be a sentence, and the cheapest sure sign of one is a verb that can carry a
clause ("supports", "was", "will", "handled"). A list item such as "Fields that are considered
experimental …" or a caption such as "Functionalities of Kubernetes ingress, Istio gateway and API
gateway" has none outside a relative clause. The part-of-speech tagger would say the same, but it
takes about a second to load; this list loads in milliseconds.

From the UD English Web Treebank (CC BY-SA 4.0; the same source as the tagger, see
``en_pos_tagger.md``), train split only. Three lists, all lowercase:

- ``finite``: forms tagged VBZ, VBP, VBD or MD in at least 5% of their uses (or 20 times);
- ``base``: forms tagged VB as often (an imperative opens with one: "Make sure …", "Avoid …");
- ``not_finite``: forms ending in -s or -ed seen at least twice and never with a finite tag ("services",
  "proxies", "based"), so that an unseen -s or -ed word ("autoscales") can still count as a verb.

Usage::

    python tools/build_finite_verbs.py --treebank ../shared/treebank/ud-english-ewt \
        -o src/summarize/data/en_finite_verbs.txt
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from summarize.segment.pos import read_conllu  # noqa: E402

FINITE = {"VBZ", "VBP", "VBD", "MD"}


def build(train: Path) -> dict[str, list[str]]:
    finite_n: collections.Counter[str] = collections.Counter()
    base_n: collections.Counter[str] = collections.Counter()
    seen: collections.Counter[str] = collections.Counter()
    for sentence in read_conllu(train):
        for word, tag in sentence:
            low = word.lower().replace("’", "'")
            if not low.replace("'", "").replace("-", "").isalpha():
                continue
            seen[low] += 1
            if tag in FINITE:
                finite_n[low] += 1
            elif tag == "VB":
                base_n[low] += 1

    def usual(counts: collections.Counter[str]) -> set[str]:
        # A tag seen once in a thousand uses is an annotation slip ("a" as VBP), not a verb.
        return {w for w, c in counts.items() if c >= 20 or (c >= 1 and c / seen[w] >= 0.05 and (c >= 2 or seen[w] <= 3))}

    finite, base = usual(finite_n), usual(base_n)
    not_finite = {w for w, c in seen.items() if c >= 2 and w.endswith(("s", "ed")) and w not in finite}
    return {"finite": sorted(finite), "base": sorted(base - finite), "not_finite": sorted(not_finite)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--treebank", type=Path, required=True, help="folder with en_ewt-ud-train.conllu(.gz)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    ns = parser.parse_args(argv)
    train = next(ns.treebank.glob("en_ewt-ud-train.conllu*"))
    lists = build(train)
    lines = [
        "# English word forms that can be a clause's finite verb; read by summarize.score.quality.",
        "# Built by tools/build_finite_verbs.py from the UD English Web Treebank (UD_English-EWT, train split),",
        "# annotations (c) 2013-2021 The Board of Trustees of the Leland Stanford Junior University, CC BY-SA 4.0",
        "# (https://creativecommons.org/licenses/by-sa/4.0/); this file is derived from it and shared under the same licence.",
    ]
    for name, words in lists.items():
        lines.append(f"[{name}]")
        lines.extend(words)
    ns.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(", ".join(f"{name}: {len(words)}" for name, words in lists.items()), f"-> {ns.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
