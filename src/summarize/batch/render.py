"""Digest renderers: pure functions from the digest's plain-dict form to Markdown, HTML or JSON text.

They see only ``Digest.to_dict()`` (never timings or cache flags), so the same posts and
options give the same bytes whichever engine, cache state or machine produced them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from .._urls import safe_url
from ..takeaways import _md_escape, format_time

FORMATS = ("md", "html", "json")

_LABELS = {
    "en": {"quiz": "Quiz", "q": "Q:", "a": "A:"},
    "zh": {"quiz": "小测验", "q": "问：", "a": "答："},
}


def render(data: Mapping[str, Any], fmt: str) -> str:
    """``data`` (a ``Digest.to_dict()``) as ``fmt``: md, html or json."""
    from ..errors import UnknownChoiceError

    if fmt not in FORMATS:
        raise UnknownChoiceError("--format", fmt, FORMATS)
    if fmt == "json":
        return to_json(data)
    return {"md": to_markdown, "html": to_html}[fmt](_for_readers(data))


def to_json(data: Mapping[str, Any]) -> str:
    """Sorted keys, readable Chinese, two-space indent, a trailing newline."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def _stamp(takeaway: Mapping[str, Any]) -> str:
    time = takeaway.get("time")
    return f" ({format_time(time)})" if time is not None else ""


def _code_span(text: str) -> str:
    return f"`{text}`" if "`" not in text and "\n" not in text else _md_escape(text)


def _for_readers(value: Any) -> Any:
    """Every string of a digest as it may reach a reader (:func:`summarize._text.display_text`): no control
    characters, bidi controls balanced. JSON keeps the values as they are (escaped)."""
    from .._text import display_text

    if isinstance(value, str):
        return display_text(value)
    if isinstance(value, Mapping):
        return {k: _for_readers(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_for_readers(v) for v in value]
    return value


def to_markdown(data: Mapping[str, Any]) -> str:
    """One ``##`` section per post: linked title, date (and the path when there is no link), takeaways, cards."""
    sections = []
    for post in data["posts"]:
        title = _md_escape(post["title"])
        link = safe_url(post["link"])
        lines = [f"## [{title}](<{link}>)" if link else f"## {title}", ""]
        facts = [_md_escape(post["date"]) if post["date"] else "", "" if link else _code_span(post["path"])]
        if any(facts):
            lines += [" · ".join(f for f in facts if f), ""]
        for number, t in enumerate(post["takeaways"], start=1):
            lines.append(f"{number}. {_md_escape(t['text'])}{_stamp(t)}")
        if post["cards"]:
            label = _LABELS.get(post["lang"], _LABELS["en"])
            lines += ["", f"**{label['quiz']}**", ""]
            for card in post["cards"]:
                lines.append(f"- **{label['q']}** {_md_escape(card['question'])}  ")
                lines.append(f"  **{label['a']}** {_md_escape(card['answer'])}")
        sections.append("\n".join(lines).rstrip() + "\n")
    return "\n".join(sections)


def to_html(data: Mapping[str, Any]) -> str:
    """A self-contained fragment to embed in a newsletter template: no <html>, no scripts, no styles.

    Semantic elements with ``summarize-`` class names for the template's stylesheet; every
    text and attribute value is escaped; every link passes :func:`~summarize.parse.metadata.safe_url`
    (http(s) or relative, whatever its origin: front matter, a cache entry). Each takeaway links to
    the post (at its section's heading when known), or to the video at its second for captions.
    """
    out = ['<section class="summarize-digest">']
    for post in data["posts"]:
        lang = f' lang="{escape(post["lang"])}"' if post["lang"] else ""
        out.append(f'<article class="summarize-post"{lang}>')
        title = escape(post["title"])
        link = safe_url(post["link"])
        if link:
            title = f'<a href="{escape(link)}">{title}</a>'
        out.append(f'<h2 class="summarize-title">{title}</h2>')
        facts = []
        if post["date"]:
            date = escape(post["date"])
            facts.append(f'<time datetime="{date}">{date}</time>' if _iso(post["date"]) else date)
        if not link:
            facts.append(f'<code class="summarize-path">{escape(post["path"])}</code>')
        if facts:
            out.append(f'<p class="summarize-meta">{" · ".join(facts)}</p>')
        out.append('<ol class="summarize-takeaways">')
        for t in post["takeaways"]:
            target = safe_url(t.get("link"))
            text = f'<a href="{escape(target)}">{escape(t["text"])}</a>' if target else escape(t["text"])
            out.append(f"<li>{text}{escape(_stamp(t))}</li>")
        out.append("</ol>")
        if post["cards"]:
            out.append('<dl class="summarize-cards">')
            for card in post["cards"]:
                out.append(f"<dt>{escape(card['question'])}</dt>")
                out.append(f"<dd>{escape(card['answer'])}</dd>")
            out.append("</dl>")
        out.append("</article>")
    out.append("</section>")
    return "\n".join(out) + "\n"


def _iso(date: str) -> bool:
    return len(date) == 10 and date[4] == "-" and date[7] == "-" and (date[:4] + date[5:7] + date[8:]).isdigit()
