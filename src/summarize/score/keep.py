"""Would an editor keep it? A small logistic model fitted on what judges kept and dropped.

The takeaways scorer's weights were fitted on meeting summaries (ROUGE), which cannot see what readers
drop: generic restatements of the post's topic, scene-setting, a tutorial's steps. The judged benchmark
(``benchmarks/judged.py``, ``benchmarks/RUBRIC.md``) records which takeaways blind judges kept; this
model is fitted on those verdicts, from openly licensed pages only (istio.io, kubernetes.io, gcppodcast
and our own fixtures: see ``data/takeaways_keep_model.json`` for the sources, counts and held-out AUC),
and rescores the candidates the editor's rules let through. It is pure arithmetic over features the
scorer already has and one more, the line's wording (``cue``: a table of n-gram weights, :mod:`.cues`, fitted
with it on verdicts and on the fresh pages' writers' own takeaways); nothing downloaded.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: The inputs, by name, in the order the shipped file lists them (``takeaways.keep_inputs`` computes them).
KEEP_INPUTS = (
    "centrality", "lead", "early", "section_start", "fluency",
    "dangling", "signposted", "narrative", "pointed", "summarising", "procedural", "reserve",
    "title_share", "intro", "list_item", "spoken", "repeated_share", "score_share", "cue",
)


MIN_KEEP_PROBABILITY = 0.45
"""Past a post's first two takeaways, one the keep model gives a lower probability than this is not printed by
default (``summarize(min_confidence=...)``, ``--min-confidence``). Chosen on the judged set: see
docs/BENCHMARKS.md, "Fewer, surer takeaways"."""


@dataclass(frozen=True, slots=True)
class KeepModel:
    """Standardised logistic regression: ``p = 1 / (1 + exp(-(b + Σ w·(x - mean) / scale)))``."""

    inputs: tuple[str, ...]
    weights: tuple[float, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    bias: float
    blends: tuple[tuple[str, float], ...] = ()
    """By register ("spoken", "written"), how much the probability counts against the weighted features:
    the ranking score is ``p ** blend * share ** (1 - blend)`` (share = the weighted score over the post's
    best); 1 where a register is not listed."""
    _terms: tuple[tuple[str, float, float, float], ...] = field(init=False, repr=False, compare=False)
    """(input, weight, mean, scale) in order, a zero scale read as 1: zipped once, not once per candidate."""

    def __post_init__(self) -> None:
        n = len(self.inputs)
        if not (len(self.weights) == len(self.means) == len(self.scales) == n):
            raise ValueError("keep model: inputs, weights, means and scales differ in length")
        for register, blend in self.blends:
            if not 0.0 <= blend <= 1.0:
                raise ValueError(f"keep model: blend {blend} for {register!r} is outside [0, 1]")
        unknown = set(self.inputs) - set(KEEP_INPUTS)
        if unknown:
            raise ValueError(f"keep model: unknown inputs {sorted(unknown)}")
        terms = tuple(zip(self.inputs, self.weights, self.means, (scale or 1.0 for scale in self.scales)))
        object.__setattr__(self, "_terms", terms)

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.bias
        for name, w, mean, scale in self._terms:
            z += w * (values[name] - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def blend(self, register: str) -> float:
        """How much the keep probability counts in ``register`` (see :attr:`blends`)."""
        return dict(self.blends).get(register, 1.0)

    def rank_score(self, values: Mapping[str, float], register: str, probability: float | None = None) -> float:
        """The ranking score of a candidate: its keep probability (computed unless given) blended with its
        weighted score's share."""
        blend = self.blend(register)
        share = max(values["score_share"], 1e-9)
        p = self.probability(values) if probability is None else probability
        return p ** blend * share ** (1.0 - blend)

    def to_dict(self) -> dict[str, object]:
        return {"inputs": list(self.inputs), "weights": list(self.weights), "means": list(self.means),
                "scales": list(self.scales), "bias": self.bias, "blends": dict(self.blends)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> KeepModel:
        def floats(key: str) -> tuple[float, ...]:
            value = data[key]
            assert isinstance(value, Sequence)
            return tuple(float(v) for v in value)

        inputs = data["inputs"]
        assert isinstance(inputs, Sequence)
        given = data.get("blends") or {}
        assert isinstance(given, Mapping)
        blends = tuple(sorted((str(k), float(v)) for k, v in given.items()))
        return cls(tuple(str(i) for i in inputs), floats("weights"), floats("means"), floats("scales"),
                   float(data["bias"]), blends)  # type: ignore[arg-type]


@functools.cache
def shipped_keep_model() -> KeepModel:
    """The model in ``data/takeaways_keep_model.json``, read once."""
    from .._resources import data_text

    return KeepModel.from_dict(json.loads(data_text("takeaways_keep_model.json"))["model"])
