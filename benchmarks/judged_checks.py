"""The automatic checks of the judged benchmark (issue 12 §2, issue 13 §1): pure functions over printed text.

They are heuristics (regular expressions and word lists), a cheap screen that runs on every post, not a
judge: a line can pass them and still be dropped by a reader, and a rare good line can fail one. Each check
returns the names of the rules a line breaks, so the report can say which rule failed how often.

Kept free of project imports except jieba (through the package's own tokenizer) for Chinese term boundaries.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

MAX_WORDS_EN = 60
MAX_CHARS_ZH = 150

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")

# ----------------------------------------------------------------------------- takeaways: openings

_EN_PRONOUN = r"(?:it|it's|its|they|they're|them|their|he|she|his|her|him)"
_EN_DEMONSTRATIVE = r"(?:this|that|these|those|such|both|either|neither)"
_EN_OTHER = r"(?:the\s+other|the\s+latter|the\s+former|the\s+same|another\s+one|the\s+rest)"
_EN_ORDINAL = (r"(?:(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|last|final)"
               r"(?:\s+one|\s+thing|\s+point|\s+issue|\s+problem|\s+reason|\s+step|\s+part)?\s*[,:]|"
               r"the\s+(?:second|third|fourth|fifth|next|last)\b|secondly|thirdly|finally|lastly)")
_EN_HEDGE = (r"(?:i\s+(?:think|thought|would\s+say|'d\s+say|believe|guess|mean|feel|suppose|know)|i'd\s+say|"
             r"as\s+(?:i|we)\s+(?:mentioned|said|discussed)|like\s+i\s+said|you\s+know|to\s+be\s+honest|"
             r"honestly|basically|actually|in\s+my\s+opinion|personally)")
_EN_CONNECTIVE = (r"(?:and|but|so|also|or|then|however|therefore|thus|hence|plus|because\s+of\s+(?:this|that)|"
                  r"in\s+addition|on\s+the\s+other\s+hand|yeah|yes|okay|ok|well|right|now|um|uh)")
EN_OPENINGS = (
    ("the-other", re.compile(rf"^{_EN_OTHER}\b", re.I)),
    ("ordinal", re.compile(rf"^{_EN_ORDINAL}", re.I)),
    ("hedge", re.compile(rf"^{_EN_HEDGE}\b", re.I)),
    ("pronoun", re.compile(rf"^{_EN_PRONOUN}\b", re.I)),
    ("demonstrative", re.compile(rf"^{_EN_DEMONSTRATIVE}\b", re.I)),
    ("connective", re.compile(rf"^{_EN_CONNECTIVE}\b", re.I)),
)
# "It's clear that …", "It is important to …", "It's good timing for …": a dummy "it" that points nowhere.
_EN_DUMMY_IT = re.compile(
    r"^it(?:'s|’s|\s+is|\s+was|\s+will\s+be|\s+would\s+be|\s+has\s+been)\s+(?:(?:not|very|really|also|so|quite)\s+)?"
    r"(?!(?:a|an|the)\b)\w+(?<!ed)(?:\s+\w+(?<!ed))?\s+(?:that|to|for|when|whether|if|how)\b",
    re.I,
)
ZH_OPENINGS = (
    ("the-other", re.compile(r"^(?:另一(?:个|方面|种|点)?|其余|其他的|后者|前者|同样地)")),
    ("ordinal", re.compile(r"^(?:第[一二三四五六七八九十\d]+|首先|其次|再次|最后|最终|接下来|其一|其二)")),
    ("hedge", re.compile(r"^(?:我(?:个人)?(?:觉得|认为|想|猜|相信)|我们(?:觉得|认为)|其实|说实话|坦白说|就是说|正如(?:我|前面|上面|上文|之前)|如前所述)")),
    ("pronoun", re.compile(r"^(?:他|她|它)(?:们)?")),
    ("demonstrative", re.compile(r"^(?:这|那(?!么)|该(?!不)|此(?!外)|上述|以上|前述|这些|那些)")),
    ("connective", re.compile(r"^(?:但是|但|所以|因此|因而|而且|并且|此外|另外|同时|然而|不过|于是|那么|然后|而|嗯|对，|好，|就是)")),
)
# A label before a colon at the very start: "Note:", "Update:", "译者按：", "TL;DR:", "HOST:".
_LABEL_EN = re.compile(r"^[\W_]*(?:[A-Za-z][\w;&'.-]*)(?:\s+[A-Za-z][\w'.-]*){0,2}\s*:\s")
_LABEL_ZH = re.compile(rf"^[\W_]*[{_CJK}A-Za-z0-9]{{1,8}}\s*[：:]")


def is_zh(text: str) -> bool:
    """Chinese when CJK characters are at least a fifth of the letters (product names mix into Chinese prose)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(bool(_CJK_RE.match(c)) for c in letters) >= 0.2 * len(letters)


def opening(text: str) -> str | None:
    """What the line opens on that points outside it (pronoun, demonstrative, the-other, ordinal, hedge,
    connective, label), or None. Leading quotes, brackets and list marks are skipped."""
    body = unicodedata.normalize("NFKC", text).strip()
    body = re.sub(r"^[\s\"'“”‘’「」(\[*#>\-–—•·]+", "", body)
    if (_LABEL_ZH if is_zh(body) else _LABEL_EN).match(body):
        return "label"
    for name, rule in (ZH_OPENINGS if is_zh(body) else EN_OPENINGS):
        if rule.match(body) and not (name == "pronoun" and _EN_DUMMY_IT.match(body)):
            return name
    return None


# ----------------------------------------------------------------------------- takeaways: furniture

_BIO_EN = re.compile(
    r"^(?:[A-Z][\w.'-]+\s+){1,3}(?:is|was|has been|serves as)\s+(?:a|an|the)\s+(?:[\w,&-]+\s+){0,5}?"
    r"(?:engineer|manager|director|architect|developer|advocate|evangelist|founder|co-founder|cto|ceo|vp|lead|"
    r"maintainer|pm|consultant|author|researcher|scientist|head|chair|member|contributor|specialist)\b.*?\b(?:at|of|for|with|in)\b",
    re.I,
)
_BIO_EN_EXTRA = re.compile(
    r"(?:@\w{2,}|\b(?:in (?:his|her|their) (?:spare|free) time|(?:he|she) lives in|holds \d+ patents|"
    r"(?:product|program|engineering|marketing) manager (?:in|at)|founding (?:pm|engineer)|"
    r"prior to (?:joining|that)|before joining)\b)",
    re.I,
)
_BIO_ZH = re.compile(
    r"^[^，。；的]{1,20}?(?:是|担任|任职于|现任|曾任|就职于)[^，。；,;]{0,40}?(?:总监|工程师|经理|架构师|布道师|创始人|负责人|"
    r"作者|研究员|专家|CTO|CEO|VP|主席|成员|维护者|技术专家)(?:之一)?(?:[，。；,;]|$)"
)
_BIO_ZH_EXTRA = re.compile(r"(?:在加入.{1,20}之前|业余时间|拥有\s*\d+\s*多?项专利|住在|与妻子|与丈夫)")
_LINK_TITLE_END = re.compile(
    r"\b(?:blog(?: post)?|docs?|documentation|website|site|page|repo(?:sitory)?|video|talk|slides|podcast|episode|"
    r"github|twitter|linkedin)\s*[.)]?$",
    re.I,
)
# A link list's line opens on the link ("* [Title](url) blog"); a sentence with a linked phrase does not.
_LINE_OPENS_ON_LINK = re.compile(r"^[\s>*+-]*(?:\d+[.)]\s*)?(?:!?\[|<a\s|https?://)")
# A show-note title is a noun phrase or a headline; "… will exist in future official docs." is a sentence.
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|can|could|should|must|does|do|did)\b", re.I)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<a\s[^>]*>(.*?)</a>|https?://\S+")


def furniture(text: str, source_line: str | None = None) -> str | None:
    """"bio" or "link" when the line looks like page furniture, else None (a heuristic).

    Link: the raw source line it came from opens on a link and is mostly link text (Markdown or HTML links,
    bare URLs), or the line is short, has no auxiliary verb and ends on "blog", "docs", "video"… as show-note
    titles do. Bio: a third-person job
    title at an organisation, a handle, or the usual bio phrases.
    """
    body = unicodedata.normalize("NFKC", text).strip()
    if is_zh(body):
        if _BIO_ZH.match(body) or _BIO_ZH_EXTRA.search(body):
            return "bio"
    elif _BIO_EN.match(body) or _BIO_EN_EXTRA.search(body):
        return "bio"
    if source_line is not None and _LINE_OPENS_ON_LINK.match(source_line) and link_share(source_line) >= 0.6:
        return "link"
    words = body.split()
    if (not is_zh(body) and len(words) <= 12 and _LINK_TITLE_END.search(body)
            and not re.match(r"(?:we|i|you|they|it|he|she)\b", body, re.I) and not _AUXILIARY.search(body)):
        return "link"
    return None


def link_share(line: str) -> float:
    """The share of a raw Markdown/HTML line's visible text that is link text or a bare URL."""
    visible = re.sub(r"<[^>]+>", "", _MD_LINK.sub(lambda m: m.group(1) or m.group(2) or m.group(0), line))
    visible = re.sub(r"^[\s*>#\-+\d.]+", "", visible).strip()
    if not visible:
        return 0.0
    linked = sum(len((m.group(1) or m.group(2) or m.group(0)).strip()) for m in _MD_LINK.finditer(line))
    return min(1.0, linked / len(visible))


def too_long(text: str) -> bool:
    """Over 60 words, or over 150 characters (not counting spaces) for Chinese."""
    if is_zh(text):
        return len(re.sub(r"\s", "", text)) > MAX_CHARS_ZH
    return len(text.split()) > MAX_WORDS_EN


def takeaway_failures(text: str, source_line: str | None = None) -> list[str]:
    """Every automatic rule the takeaway breaks: ``opens:<kind>``, ``furniture:<kind>``, ``too-long``."""
    out = []
    kind = opening(text)
    if kind:
        out.append(f"opens:{kind}")
    kind = furniture(text, source_line)
    if kind:
        out.append(f"furniture:{kind}")
    if too_long(text):
        out.append("too-long")
    return out


# ----------------------------------------------------------------------------- cards

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》|`[^`]*`|(?<!\w)'[^']*'(?!\w)")
_EN_CARD_PRONOUN = re.compile(r"\b(?:he|she|it|they|this|these|those)\b", re.I)
# "that" is a pronoun or demonstrative after a wh-word, an auxiliary or a preposition ("Why was that
# chosen?", "What is that?", "with that"), and a conjunction or relative pronoun after a noun or a
# verb ("the proxy that handles …"), which the brief does not mean.
_EN_THAT = re.compile(
    r"(?:^|\b(?:what|why|how|who|when|where|which|is|was|are|were|did|does|do|has|have|had|of|in|on|for|with|"
    r"to|from|by|about|after|before|like|into|use|used|choose|chose|pick|picked)\s+)that\b|\bthat\s*\?",
    re.I,
)
_ZH_NOT_PRONOUN = re.compile(r"其他|其它|那么|吉他|应该|该不该|因此|此外|如此|从此|彼此|这样做的原因")
_ZH_CARD_PRONOUN = re.compile(r"[他她它这那]|该|此")
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}")
# (a comma grouping a number's digits, "1,100", is no punctuation: the figure is one term)
_PUNCT_INSIDE = re.compile(r"[;:!?，。；：！？、\"“”'‘’「」()（）\[\]【】]|(?<!\d),|,(?!\d{3}(?!\d))|\.(?!\w)|(?<!\w)\.")
_FILLER_IN_TERM = re.compile(r"\b(?:actually|basically|um|uh|like|so|yeah|okay|you know)\b", re.I)
_EN_OPENERS = {"the", "a", "an", "in", "on", "at", "for", "with", "and", "but", "so", "to", "of", "by", "from", "is",
               "are", "was", "were", "this", "that", "it", "our", "we", "i", "you", "they", "when", "if", "as",
               "how", "what", "why", "who", "where", "which", "every", "each", "all", "some", "most", "many", "any", "no",
               "both"}  # "Every {{c1::PersistentVolumeClaim}} …": a capital only because it starts the sentence


def _sentence_opener(word: str) -> bool:
    w = word.lower()
    return w in _EN_OPENERS or w.endswith(("ing", "ed", "ly")) or w in {"today", "now", "here", "there", "then",
                                                                      "once", "after", "before", "using", "with"}


def unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def question_failures(question: str, lang: str) -> list[str]:
    """Rules a non-cloze question breaks: ``no-question-mark``, ``pronoun``."""
    out = []
    q = question.strip()
    if not q.endswith(("?", "？")):
        out.append("no-question-mark")
    bare = unquoted(q)
    if lang == "zh" or is_zh(q):
        if _ZH_CARD_PRONOUN.search(_ZH_NOT_PRONOUN.sub(" ", bare)):
            out.append("pronoun")
    elif _EN_CARD_PRONOUN.search(bare) or _EN_THAT.search(bare):
        out.append("pronoun")
    return out


def cloze_failures(text: str, answer: str, lang: str, zh_words=None) -> list[str]:
    """Rules a cloze breaks: ``no-deletion``, ``partial-term``, ``not-every-occurrence``, ``punctuation-inside``,
    ``answer-differs``. ``zh_words(text)`` gives (word, start, end) tokens for Chinese term boundaries."""
    deletions = list(_CLOZE.finditer(text))
    if not deletions:
        return ["no-deletion"]
    out: set[str] = set()
    plain = _CLOZE.sub(lambda m: m.group(1), text)
    shown = _CLOZE.sub(" ", text)
    offset = 0
    spans = []
    for m in deletions:  # the deletion's span in the plain sentence
        start = m.start() - offset
        spans.append((start, start + len(m.group(1))))
        offset += len(m.group(0)) - len(m.group(1))
    zh = lang == "zh" or is_zh(plain)
    for (start, end), m in zip(spans, deletions):
        term = m.group(1)
        if _PUNCT_INSIDE.search(term) or term != term.strip():
            out.add("punctuation-inside")
        if not zh and _FILLER_IN_TERM.search(term):
            out.add("partial-term")
        if zh:
            if zh_words is not None:
                bounds = {0, len(plain)}
                for _w, s, e in zh_words(plain):
                    bounds.update((s, e))
                if start not in bounds or end not in bounds:
                    out.add("partial-term")
        else:
            before, after = plain[:start], plain[end:]
            if (before and before[-1].isalnum()) or (after and after[0].isalnum()):
                out.add("partial-term")
            prev = re.search(r"([A-Za-z][\w.-]*)[ -]$", before)
            if prev and not before[:prev.start()].strip() and _sentence_opener(prev.group(1)):
                prev = None  # "Running {{c1::Kafka}} …", "Today {{c1::I}} …": a capital only because it starts
            nxt = re.match(r"^[ -]([A-Z][\w.-]*)", after)
            if term[:1].isupper() and ((prev and prev.group(1)[:1].isupper() and prev.group(1).lower() not in _EN_OPENERS)
                                       or (nxt and nxt.group(1).lower() not in _EN_OPENERS)):
                out.add("partial-term")
        core = term.strip().strip(".,;:!?，。；：！？")
        if core:
            pattern = re.escape(core) if zh else rf"(?<!\w){re.escape(core)}(?!\w)"
            if re.search(pattern, shown, 0 if zh else re.I):
                out.add("not-every-occurrence")
    deleted = " ".join(m.group(1) for m in deletions) if len({m.group(1) for m in deletions}) > 1 else deletions[0].group(1)
    if answer.strip() != deleted.strip() or answer != answer.strip():
        out.add("answer-differs")
    return sorted(out)


def card_failures(question: str, answer: str, card_type: str, lang: str, zh_words=None) -> list[str]:
    """Every automatic rule a card breaks."""
    if card_type == "cloze" or _CLOZE.search(question):
        return cloze_failures(question, answer, lang, zh_words)
    return question_failures(question, lang)


# ----------------------------------------------------------------------------- the report


def _jieba_words(text: str) -> list[tuple[str, int, int]]:
    from summarize._resources import jieba_tokenizer

    return list(jieba_tokenizer().tokenize(text))


def print_checks(posts: Sequence[Any], outputs: Mapping[str, Mapping[str, Any]], *, cards: bool) -> None:
    """Print every failing item and the rates, for seeds + corpus-dev (the issues' targets) and fixtures apart."""
    zh_words = _jieba_words if cards else None

    groups = {"seeds + corpus-dev": lambda p: not p.key.startswith("fixtures/"), "fixtures": lambda p: p.key.startswith("fixtures/")}
    for group, member in groups.items():
        chosen = [p for p in posts if member(p) and p.key in outputs]
        if not chosen:
            continue
        t_fail: Counter[str] = Counter()
        c_fail: Counter[str] = Counter()
        n_take = n_card = n_cloze = 0
        bad_take = bad_card = 0
        print(f"== {group}: {len(chosen)} posts")
        for post in chosen:
            entry = outputs[post.key]
            lines = _source_lines(post.path)
            for t in entry.get("takeaways", []):
                n_take += 1
                line = t.get("line")
                source = lines[line - 1] if isinstance(line, int) and 0 < line <= len(lines) else None
                failures = takeaway_failures(t["text"], source)
                t_fail.update(failures)
                if failures:
                    bad_take += 1
                    print(f"  takeaway {post.key}: {','.join(failures)}: {t['text'][:140]}")
            for c in entry.get("cards", []):
                n_card += 1
                n_cloze += c["type"] == "cloze"
                failures = card_failures(c["question"], c["answer"], c["type"], post.lang, zh_words)
                c_fail.update(failures)
                if failures:
                    bad_card += 1
                    print(f"  card {post.key}: {','.join(failures)}: {c['question'][:120]} → {c['answer'][:60]}")
        opens = sum(n for k, n in t_fail.items() if k.startswith("opens:"))
        strict = opens - t_fail["opens:connective"]
        print(f"-- {group}: {n_take} takeaways; opening on nothing outside: {_share(n_take - opens, n_take)} "
              f"(target ≥ 0.97; not counting connectives such as But/So/因此: {_share(n_take - strict, n_take)}); "
              f"link/bio lines: {sum(n for k, n in t_fail.items() if k.startswith('furniture:'))} "
              f"(target 0); over 60 words / 150 characters: {t_fail['too-long']} (target 0); "
              f"any failure: {bad_take}")
        for k, n in sorted(t_fail.items()):
            print(f"     {k:24s} {n}")
        if cards:
            print(f"-- {group}: {n_card} cards ({n_cloze} cloze); passing every check: {_share(n_card - bad_card, n_card)}")
            for k, n in sorted(c_fail.items()):
                print(f"     {k:24s} {n}")


def _share(good: int, n: int) -> str:
    return f"{good / n:.3f} ({good}/{n})" if n else "—"


def _source_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


