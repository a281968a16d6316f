"""Quiz template packs: TOML data in ``quizzes/`` (shipped in the package) and user folders.

A pack is validated when it is loaded, so a typo in a user's template is reported with the
file and template id before any post is read, not as a crash halfway through a deck.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import TemplatePackError
from ..model import CARD_TYPES

BUILDERS = ("why", "choice", "when", "how-many", "version", "cloze")

#: Seconds one user template may spend on one sentence. A sane pattern takes microseconds on a
#: sentence (at most ``MAX_TEMPLATE_CHARS`` long); nested quantifiers such as ``(a|aa)+$`` can take
#: years, so user patterns run under the ``regex`` package's ``timeout=``.
USER_PATTERN_TIMEOUT = 1.0
FOLLOWS = ("", "previous")


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    type: str
    pattern: Any  # re.Pattern (built-in packs) or regex.Pattern (user packs, matched under a timeout)
    question: str
    answer: str
    confidence: float
    follow: str = ""
    requires: tuple[str, ...] = ()
    pack: str = ""


@dataclass(frozen=True, slots=True)
class Pack:
    lang: str
    templates: tuple[Template, ...]
    entities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _load_toml(text: str, where: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise TemplatePackError(f"{where}: not valid TOML ({e}); fix the file or remove it from --templates") from None


def parse_pack(text: str, where: str, *, trusted: bool = False) -> dict[str, Any]:
    """A pack's templates, entities and cues; ``trusted`` (the built-in packs) compiles patterns with
    ``re``, anything else with ``regex`` so that :func:`search` can bound them in time."""
    data = _load_toml(text, where)
    lang = data.get("pack", {}).get("lang")
    if lang not in ("en", "zh"):
        raise TemplatePackError(f"{where}: [pack] lang is {lang!r}; set it to \"en\" or \"zh\"")
    templates = []
    for n, raw in enumerate(data.get("template", []), start=1):
        templates.append(_template(raw, f"{where} (template #{n} {raw.get('id', '?')!r})", where, lang, trusted))
    return {
        "lang": lang,
        "templates": templates,
        "entities": {k: tuple(v) for k, v in data.get("entities", {}).items()},
        "cues": {k: tuple(v) for k, v in data.get("cues", {}).items()},
    }


def _template(raw: dict[str, Any], where: str, pack: str, lang: str, trusted: bool = False) -> Template:
    for key in ("id", "type", "question", "answer"):
        if not isinstance(raw.get(key), str) or (key != "pattern" and not raw[key]):
            raise TemplatePackError(f"{where}: missing or empty {key!r}; every template needs id, type, question, answer")
    if raw["type"] not in CARD_TYPES:
        raise TemplatePackError(f"{where}: type {raw['type']!r} is not one of {', '.join(CARD_TYPES)}")
    follow = raw.get("follow", "")
    if follow not in FOLLOWS:
        raise TemplatePackError(f"{where}: follow {follow!r} is not one of: previous (or leave it out)")
    try:
        confidence = float(raw.get("confidence", 0.5))
    except (TypeError, ValueError):
        raise TemplatePackError(f"{where}: confidence must be a number from 0 to 1") from None
    if not 0 <= confidence <= 1:
        raise TemplatePackError(f"{where}: confidence {confidence} is outside 0..1")
    pattern_text = raw.get("pattern", "")
    try:
        pattern = _compile(pattern_text, trusted) if pattern_text else None
    except Exception as e:  # re.error, regex.error (an Exception), or a ValueError from regex's flag parsing
        raise TemplatePackError(f"{where}: pattern is not a valid regular expression ({e})") from None
    question = raw["question"]
    if question not in BUILDERS:
        groups = set(re.findall(r"\{(\w+)\}", question))
        known = set(pattern.groupindex) if pattern else set()
        if groups - known:
            raise TemplatePackError(
                f"{where}: question uses {sorted(groups - known)} but the pattern only has groups {sorted(known)}"
            )
    answer = raw["answer"]
    if answer not in ("sentence", "previous", "term") and pattern is not None and answer not in pattern.groupindex:
        raise TemplatePackError(
            f"{where}: answer {answer!r} is not a group of the pattern ({sorted(pattern.groupindex)}), 'sentence' or 'previous'"
        )
    requires = tuple(raw.get("requires", ()))
    for req in requires:
        kind, _, group = req.partition(":")
        if kind not in ("np", "proper", "clause") or (pattern is not None and group not in pattern.groupindex):
            raise TemplatePackError(f"{where}: requires {req!r} should be np:GROUP, proper:GROUP or clause:GROUP")
    if pattern is None and raw["type"] != "cloze":
        raise TemplatePackError(f"{where}: only cloze templates may leave the pattern empty")
    return Template(raw["id"], raw["type"], pattern, question, answer, confidence, follow, requires, pack)


def _compile(pattern: str, trusted: bool) -> Any:
    if trusted:
        return re.compile(pattern)
    import regex

    return regex.compile(pattern, regex.VERSION0)  # VERSION0: the re module's syntax and semantics


def search(t: Template, text: str) -> Any:
    """``t.pattern.search(text)``, bounded in time for user templates; a template that takes longer
    than :data:`USER_PATTERN_TIMEOUT` on one sentence is a :class:`TemplatePackError` naming it."""
    if isinstance(t.pattern, re.Pattern):
        return t.pattern.search(text)
    try:
        return t.pattern.search(text, timeout=USER_PATTERN_TIMEOUT)
    except TimeoutError:
        raise TemplatePackError(
            f"{t.pack}: template {t.id!r} took over {USER_PATTERN_TIMEOUT:g} s on one sentence "
            f"({text[:60]!r}…); its pattern backtracks catastrophically (overlapping repeats such as (a|aa)+ or (.|..)+): "
            "simplify it, or leave the pack out of --templates"
        ) from None


def _builtin_texts() -> list[tuple[str, str]]:
    root = resources.files("summarize").joinpath("quizzes")
    return sorted((f"quizzes/{p.name}", p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".toml"))


@functools.cache
def _builtin() -> tuple[dict[str, Any], ...]:
    return tuple(parse_pack(text, name, trusted=True) for name, text in _builtin_texts())


def load_packs(extra_dirs: Sequence[str | Path] = ()) -> dict[str, Pack]:
    """Packs by language: the built-in ones, then every ``*.toml`` in ``extra_dirs``.

    A user template with the same id as a built-in one replaces it; entity classes and cue
    lists are merged.
    """
    parsed = list(_builtin())
    for folder in extra_dirs:
        path = Path(folder)
        if not path.is_dir():
            raise TemplatePackError(f"--templates {folder}: not a folder; give a folder of *.toml template packs")
        files = sorted(path.glob("*.toml"))
        if not files:
            raise TemplatePackError(f"--templates {folder}: no *.toml packs in it; see quizzes/en.toml for the format")
        parsed += [parse_pack(f.read_text(encoding="utf-8"), str(f)) for f in files]
    packs: dict[str, Pack] = {}
    for data in parsed:
        lang = data["lang"]
        old = packs.get(lang, Pack(lang, ()))
        by_id = {t.id: t for t in old.templates}
        by_id.update({t.id: t for t in data["templates"]})
        entities = {**old.entities}
        for k, v in data["entities"].items():
            entities[k] = tuple(dict.fromkeys(entities.get(k, ()) + v))
        cues = {**old.cues}
        for k, v in data["cues"].items():
            cues[k] = tuple(dict.fromkeys(cues.get(k, ()) + v))
        packs[lang] = Pack(lang, tuple(by_id.values()), entities, cues)
    return packs
