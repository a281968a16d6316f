"""Markdown posts (CommonMark + tables + footnotes) through markdown-it-py tokens.

Only prose survives into block text: emphasis markers, link URLs, images, inline HTML,
SVG/iframe bodies and shortcodes go; link anchor text and inline code text stay. Code
fences stay as ``code`` blocks and tables as ``table`` blocks, never as prose.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from .._resources import paused_gc
from ..model import Document
from .blocks import RawBlock, accepted_speakers, build_blocks, drop_editorial_lines
from .frontmatter import split_front_matter
from .furniture import LINK_TYPE_WORDS, is_link_title, without_source_lines
from .markdown_fast import inline_rule, plain_lines, plain_paragraph, tasks_where_possible
from .shortcodes import Shortcodes, read_shortcodes

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: HTML elements whose whole content is not prose.
_OPAQUE_TAGS = frozenset("svg script style iframe object embed noscript math template canvas video audio picture".split())
_TAG_RE = re.compile(r"<\s*(/)?\s*([A-Za-z][\w:-]*)[^>]*?(/)?\s*>", re.DOTALL)
_STRAY_MARKUP_RE = re.compile(r"(?<![\w*])(\*\*|__|\*|~~)(?=\S)|(?<=\S)(\*\*|__|~~)(?![\w*])")


@functools.cache
def _parser() -> MarkdownIt:
    md = _markdown_it()
    # Plain paragraphs skip the block rules that cannot take them, plain text the inline rule chain, and a post
    # without a task box the task-list rule: the same tokens (see markdown_fast).
    md.block.ruler.before("table", "plain_paragraph", plain_paragraph)
    md.core.ruler.at("inline", inline_rule)
    core_rules = dict(zip(md.core.ruler.get_active_rules(), md.core.ruler.getRules("")))
    md.core.ruler.at("github-tasklists", tasks_where_possible(core_rules["github-tasklists"]))
    return md


def _parse(body: str) -> list[Token]:
    """markdown-it's tokens for ``body``, built with the garbage collector paused (:func:`paused_gc`: a token
    list holds no reference cycles, and the collector's passes cost 10-20% of the parse of a long post)."""
    with paused_gc():
        return _parser().parse(body)


def _markdown_it() -> MarkdownIt:
    """markdown-it as we configure it, with its own inline stage: the reference the fast one is tested against."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    # maxNesting: posts with deeply nested lists keep their text (markdown-it's default of 20
    # levels drops what is deeper); 100 stays far from Python's recursion limit.
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 100}).enable(["table", "strikethrough"])
    return md.use(footnote_plugin).use(deflist_plugin).use(tasklists_plugin)


def read_markdown(text: str, *, source: str) -> Document:
    meta, front_lines = split_front_matter(text, source=source)
    lines = text.split("\n")
    body = "\n" * front_lines + "\n".join(lines[front_lines:])
    shortcodes = read_shortcodes(body)
    body = shortcodes.text
    if shortcodes.embeds:
        meta["embeds"] = shortcodes.embeds
    body, link = without_source_lines(body)
    if link and "source_url" not in meta:
        meta["source_url"] = link
    body, cards = _without_link_cards(body)
    body = _without_unclosable_brackets(body)
    tokens = _parse(body)
    closed = _close_unclosed_fence(body, tokens, source)
    if closed is not None:
        body, tokens = closed, _parse(closed)
    raws = list(_raw_blocks(tokens)) + _uncovered_lines(body, tokens) + _shortcode_code(shortcodes) + cards
    raws.sort(key=lambda raw: raw.lines[0][0] if raw.lines else 0)
    _apply_shortcodes(raws, shortcodes)
    raws = drop_editorial_lines(raws)
    speakers = accepted_speakers(raws)
    blocks = build_blocks(raws, speakers)
    title = _title(meta, blocks)
    return Document(
        source=source,
        format="markdown",
        blocks=tuple(blocks),
        title=title,
        meta=meta,
        spoken=bool(speakers),
    )


# A link whose text runs over blank lines is not a link to CommonMark, but on pages converted from HTML
# it is an author card: "[Name\n\nName is … at …](https://linkedin…)". The lines from the lone "[" to
# the "](url)" are a biography; read them as one, without the brackets.
_LINK_CARD_RE = re.compile(r"(?m)^[ \t]*\[(?P<body>[^\[\]]{1,1500}?\n[ \t]*\n[^\[\]]{0,1500}?)\]\((?:https?://|/)[^)\s]*\)(?:[ \t]*\[\]\([^)\s]*\))*[ \t]*$")


def _without_link_cards(body: str) -> tuple[str, list[RawBlock]]:
    if "](" not in body:
        return body, []
    cards: list[RawBlock] = []

    def card(m: re.Match[str]) -> str:
        first = body.count("\n", 0, m.start()) + 1
        lines = [(first + n, text.strip()) for n, text in enumerate(m.group("body").split("\n")) if text.strip()]
        if lines:
            cards.append(RawBlock("paragraph", lines, furniture="bio"))
        return "\n" * m.group(0).count("\n")

    return _LINK_CARD_RE.sub(card, body), cards


# A "[" that no "]" follows in its paragraph can start no link, but markdown-it still tries each one as a link
# label, up to its nesting limit: 40 KB of "[" took 2 s, 80 KB 5 s (issue 15). Past a few dozen such brackets,
# each is read as the fullwidth "［" (same length, so every offset and line stays); a post has none of them.
_UNCLOSABLE_BRACKETS = 32
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")


def _without_unclosable_brackets(body: str) -> str:
    if body.count("[") - body.count("]") < _UNCLOSABLE_BRACKETS:
        return body
    pieces, start = [], 0
    for m in [*_PARAGRAPH_BREAK_RE.finditer(body), None]:
        end = m.start() if m else len(body)
        chunk = body[start:end]
        tail = chunk.rfind("]") + 1
        if chunk.count("[", tail) >= _UNCLOSABLE_BRACKETS:
            chunk = chunk[:tail] + chunk[tail:].replace("[", "［")
        pieces.append(chunk)
        if m:
            pieces.append(m.group(0))
            start = m.end()
    return "".join(pieces)


def _clipped(value: str, limit: int = 40) -> str:
    """A value quoted in a warning, cut to ``limit`` characters: a hostile file must not fill the terminal."""
    return value if len(value) <= limit else value[:limit] + f"… ({len(value):,} characters)"


def _shortcode_code(shortcodes: Shortcodes) -> list[RawBlock]:
    """Code from paired code shortcodes, as code blocks carrying the shortcode's name, arguments and language."""
    raws = []
    for code in shortcodes.code:
        if not code.lines:
            continue
        attrs = {"shortcode": code.name, "args": code.args}
        if code.language:
            attrs["language"] = code.language
        raws.append(RawBlock("code", [(code.line + n, line) for n, line in enumerate(code.lines)], attrs=attrs))
    return raws


def _apply_shortcodes(raws: list[RawBlock], shortcodes: Shortcodes) -> None:
    """Prose inside a paired shortcode records it (innermost wins); a transcript shortcode starts a new part."""
    for wrapper in sorted(shortcodes.wrappers, key=lambda w: w.last_line - w.first_line, reverse=True):
        for raw in raws:
            if raw.kind != "code" and raw.lines and wrapper.first_line <= raw.lines[0][0] <= wrapper.last_line:
                raw.attrs = {"shortcode": wrapper.name, "args": wrapper.args} if wrapper.args else {"shortcode": wrapper.name}
    for line in shortcodes.transcript_lines:
        following = next((raw for raw in raws if raw.lines and raw.lines[-1][0] >= line), None)
        if following is not None:
            following.new_section = True


_LEAF_TOKENS = frozenset(
    "paragraph_open heading_open fence code_block html_block hr table_open footnote_reference_open dt_open dd_open".split()
)
_LINK_DEFINITION_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_LIST_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")


def _uncovered_lines(body: str, tokens: list[Token]) -> list[RawBlock]:
    """Lines no block token claims, read as paragraphs: nothing a parser limit skips is lost.

    markdown-it stops descending past its nesting limit and silently skips what is deeper;
    this brings such text back (list markers removed) instead of dropping it.
    """
    covered: set[int] = set()
    for tok in tokens:
        # Leaf blocks only: a list item's map spans everything nested under it, read or not.
        if tok.map and tok.type in _LEAF_TOKENS:
            covered.update(range(tok.map[0], tok.map[1]))
    raws: list[RawBlock] = []
    current: RawBlock | None = None
    for number, line in enumerate(body.split("\n")):
        if number in covered or not line.strip() or _LINK_DEFINITION_RE.match(line):
            current = None
            continue
        marker = _LIST_MARKER_RE.match(line)
        text = line[marker.end() :].strip() if marker else line.strip()
        if current is None or marker:
            current = RawBlock("list_item" if marker else "paragraph", [], level=1 if marker else 0)
            raws.append(current)
        current.lines.append((number + 1, text))
    return raws


def _close_unclosed_fence(body: str, tokens: list[Token], source: str) -> str | None:
    """A fence never closed would turn the rest of the post into code; close it at the next blank line.

    CommonMark runs such a fence to the end of the file, but in a post that is almost always a
    forgotten ```, and the prose after it matters more than the letter of the spec.
    """
    import warnings

    from .markdown_warnings import MarkdownWarning

    lines = body.split("\n")
    for tok in tokens:
        if tok.type != "fence" or not tok.map or tok.map[1] < len(lines) - 1:
            continue
        closing = lines[tok.map[1] - 1].strip()
        if closing and set(closing) == {tok.markup[0]} and len(closing) >= len(tok.markup) and tok.map[1] - 1 > tok.map[0]:
            continue
        blank = next((j for j in range(tok.map[0] + 1, len(lines)) if not lines[j].strip()), None)
        if blank is None or not any(line.strip() for line in lines[blank:]):
            return None
        warnings.warn(
            f"{source}:{tok.map[0] + 1}: code fence {_clipped(tok.markup)!r} is never closed; "
            f"treating it as closed at line {blank + 1} so the prose after it is read (close it to silence this)",
            MarkdownWarning,
            stacklevel=3,
        )
        lines[blank] = tok.markup
        return "\n".join(lines)
    return None


def _title(meta: dict[str, Any], blocks: list[Any]) -> str | None:
    value = meta.get("title")
    if isinstance(value, str) and value.strip():
        return value.strip()
    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            return str(block.text)
    return None


def _raw_blocks(tokens: list[Token]) -> Any:
    """Walk the flat token stream, keeping nesting (lists, quotes) as a small stack."""
    list_depth = 0
    quote_depth = 0
    ordered_stack: list[bool] = []
    item_number = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            ordered_stack.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            ordered_stack.pop()
        elif kind == "list_item_open":
            item_number = tok.info if ordered_stack and ordered_stack[-1] else ""
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "heading_open":
            inline = tokens[i + 1]
            lines = _inline_lines(inline)
            lines, anchor = _heading_anchor(lines)
            if _has_text(lines):
                yield RawBlock("heading", lines, level=int(tok.tag[1:]), anchor=anchor)
            i += 2
        elif kind in ("paragraph_open", "dt_open"):
            inline = tokens[i + 1]
            image_lines: set[int] = set()
            lines = _inline_lines(inline, image_lines)
            if image_lines and not list_depth:
                yield from _split_captions(lines, image_lines, quote_depth)
            elif _has_text(lines):
                if _is_bold_only(inline):
                    # "**Why Envoy**" alone on a line, or "1. **2020: the year of …**": a heading in all but markup.
                    # Keep an ordered item's number ("1. …"): it is visible in the post and marks the section.
                    if item_number:
                        lines[0] = (lines[0][0], f"{item_number}. {lines[0][1]}")
                    yield RawBlock("heading", lines, level=2 if item_number else 3)
                elif not _ATTRIBUTE_LIST_RE.match(" ".join(text for _, text in lines)):
                    block_kind = "list_item" if list_depth else "quote" if quote_depth else "paragraph"
                    furniture = "links" if _only_link_titles(inline, lines) else None
                    yield RawBlock(block_kind, lines, level=list_depth, furniture=furniture)
            i += 2
        elif kind in ("fence", "code_block"):
            # A fence's content starts on the line after its opening ```.
            start = (tok.map[0] + 1 + (kind == "fence")) if tok.map else 1
            yield RawBlock("code", [(start + n, line) for n, line in enumerate(tok.content.rstrip("\n").split("\n"))])
        elif kind == "html_block":
            # Each line of an HTML block is its own unit: <summary>, <p> and <li> lines are not one sentence.
            start = (tok.map[0] + 1) if tok.map else 1
            source_lines = tok.content.split("\n")
            for n, line in enumerate(_html_text(tok.content).split("\n")):
                if line.strip():
                    caption = n < len(source_lines) and _CAPTION_HTML_RE.match(source_lines[n]) is not None
                    yield RawBlock("quote" if quote_depth else "paragraph", [(start + n, line)],
                                   furniture="caption" if caption else None)
        elif kind == "table_open":
            i, raw = _table(tokens, i)
            if raw:
                yield raw
            continue
        i += 1


# Heading attributes: Goldmark/Hugo "{#id}", Pandoc "{#id .class key=value}", kramdown "{: #id}".
_ATTRIBUTE = r"(?:[#.][\w:.\-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+))"
_HEADING_ATTRIBUTES_RE = re.compile(rf"\s*\{{:?\s*{_ATTRIBUTE}(?:\s+{_ATTRIBUTE})*\s*\}}\s*$")
#: A kramdown attribute list on a line of its own ("{: .note}"): markup, never prose.
_ATTRIBUTE_LIST_RE = re.compile(rf"^\s*\{{:\s*{_ATTRIBUTE}?(?:\s+{_ATTRIBUTE})*\s*\}}\s*$")


def _heading_anchor(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], str | None]:
    """A heading's text without its attribute block, and the id the block gives (the section's link anchor)."""
    if not lines:
        return lines, None
    number, text = lines[-1]
    m = _HEADING_ATTRIBUTES_RE.search(text)
    if not m:
        return lines, None
    ident = re.search(r"(?<![\w.])#([\w:.\-]+)", m.group(0))
    return [*lines[:-1], (number, text[: m.start()].rstrip())], ident.group(1) if ident else None


def _only_link_titles(inline: Token, lines: list[tuple[int, str]]) -> bool:
    """Whether a paragraph or list item is only a link's title (show notes, reference lists)."""
    if not inline.children:
        return False  # no link in it (plain text keeps no children: markdown_fast.inline_rule)
    text = " ".join(t for _, t in lines)
    if len(text) > 400:
        return False
    link_chars = 0
    depth = 0
    last_anchor: str | None = None
    anchor_parts: list[str] = []
    trailing = ""
    for child in inline.children or []:
        if child.type == "link_open":
            depth += 1
            anchor_parts = []
        elif child.type == "link_close":
            depth = max(0, depth - 1)
            last_anchor, trailing = "".join(anchor_parts), ""
        elif child.type in ("text", "code_inline"):
            if depth:
                link_chars += len(re.sub(r"\s", "", child.content))
                anchor_parts.append(child.content)
            else:
                trailing += child.content
    if last_anchor is not None and trailing.strip().lower() in LINK_TYPE_WORDS:
        return True  # "[Flame graphs explained](…) blog": a title, then the kind of page it is
    at_end = last_anchor if last_anchor is not None and not re.search(r"\w", trailing) else None
    return is_link_title(text, link_chars, at_end)


def _has_text(lines: list[tuple[int, str]]) -> bool:
    return any(text.strip() for _, text in lines)


def _is_bold_only(inline: Token) -> bool:
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open" or children[-1].type != "strong_close":
        return False
    depth = 0
    for n, child in enumerate(children):
        depth += child.type == "strong_open"
        depth -= child.type == "strong_close"
        if depth == 0 and n != len(children) - 1:
            return False
    text = "".join(c.content for c in children if c.type == "text")
    return 0 < len(text) <= 80 and not text.rstrip().endswith((".", "。", ":", "：", "?", "？"))


#: An HTML block that only captions a figure: "<center>Functionalities of …</center>", "<figcaption>…".
_CAPTION_HTML_RE = re.compile(r"^\s*<(center|figcaption)\b[^>]*>[^<]*(?:<(?!/?(?:p|div|ul|ol|table|center|figcaption)\b)[^<]*)*</\1>\s*$",
                              re.IGNORECASE)
#: How a line of prose ends a sentence; a figure's caption typically does not ("应用流量路径", "Figure 2: the mesh").
_ENDS_SENTENCE_RE = re.compile(r"[.!?。！？:：;；…][\"'”’)）]*\s*$")


def _split_captions(lines: list[tuple[int, str]], image_lines: set[int], quote_depth: int) -> Iterator[RawBlock]:
    """A paragraph with an image in it: the unterminated line right under the image is the figure's caption
    ("![](…ambient-l7.png)\n启用 waypoint L7 处理后的应用流量路径"), the rest is prose as usual."""
    kind = "quote" if quote_depth else "paragraph"
    run: list[tuple[int, str]] = []
    after_image = False
    for number, text in lines:
        if not text.strip():
            after_image = after_image or number in image_lines
            continue
        if after_image and not _ENDS_SENTENCE_RE.search(text):
            if run:
                yield RawBlock(kind, run)
                run = []
            yield RawBlock(kind, [(number, text)], furniture="caption")
        else:
            run.append((number, text))
        after_image = number in image_lines and not text.strip()
    if run:
        yield RawBlock(kind, run)


def _inline_lines(inline: Token, image_lines: set[int] | None = None) -> list[tuple[int, str]]:
    """Render an inline token to plain text, one entry per source line (noting in ``image_lines`` the lines
    that hold an image)."""
    line = (inline.map[0] + 1) if inline.map else 1
    if inline.meta.get("plain"):  # no markup in it (see markdown_fast.inline_rule)
        return [(line + n, text) for n, text in enumerate(plain_lines(inline.content))]
    lines: list[tuple[int, str]] = []
    parts: list[str] = []
    skip_link = 0
    opaque: list[str] = []
    children = inline.children or []
    for n, child in enumerate(children):
        kind = child.type
        previous = children[n - 1].type if n else ""
        if kind in ("softbreak", "hardbreak"):
            lines.append((line, "".join(parts)))
            parts, line = [], line + 1
            continue
        if kind == "html_inline":
            _track_opaque(child.content, opaque)
            continue
        if opaque:
            continue
        if kind == "link_open":
            if child.markup in ("autolink", "linkify"):
                skip_link += 1
            continue
        if kind == "link_close":
            skip_link = max(0, skip_link - 1)
            continue
        if skip_link:
            continue
        if kind in ("text", "code_inline"):
            content = child.content
            if previous in ("strong_close", "em_close") and content[:1] in ".。" and parts and parts[-1].endswith(
                    (".", "。", "!", "?", "！", "？")):
                content = content[1:]  # "**… individually.**. In the …": the full stop was typed twice
            parts.append(content)
        elif kind == "image" and image_lines is not None:
            image_lines.add(line)
        elif kind == "footnote_ref":
            continue
    lines.append((line, "".join(parts)))
    return [(n, _STRAY_MARKUP_RE.sub("", text) if _may_hold_markup(text) else text) for n, text in lines]


def _may_hold_markup(text: str) -> bool:
    """Whether ``_STRAY_MARKUP_RE`` can match at all: most lines have no "*", "__" or "~~", and a substring
    test is much cheaper than the regex's lookbehinds at every character."""
    return "*" in text or "__" in text or "~~" in text


def _track_opaque(tag_html: str, opaque: list[str]) -> None:
    for m in _TAG_RE.finditer(tag_html):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if name not in _OPAQUE_TAGS or selfclosing:
            continue
        if closing:
            if name in opaque:
                del opaque[len(opaque) - 1 - opaque[::-1].index(name) :]
        else:
            opaque.append(name)


class _HTMLText(HTMLParser):
    """Text of an HTML block, minus comments and opaque elements; keeps newlines for line numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.opaque: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _OPAQUE_TAGS:
            self.opaque.append(tag)

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in self.opaque:
            del self.opaque[len(self.opaque) - 1 - self.opaque[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.parts.append(re.sub(r"[^\n]", " ", data) if self.opaque else data)

    def handle_comment(self, data: str) -> None:
        self.parts.append(re.sub(r"[^\n]", "", data))


#: A ``<`` whose tag never closes before the next ``<``: html.parser rescans the rest of the line
#: for every one of them (30,000 ``<div `` took minutes), so they are fed to it as text.
_UNCLOSED_TAG_RE = re.compile(r"<(?=[^<>]*(?:<|$))")


def _html_text(source: str) -> str:
    parser = _HTMLText()
    try:
        parser.feed(_UNCLOSED_TAG_RE.sub("&lt;", source))
        parser.close()
    except Exception:  # html.parser is lenient, but a broken block must never stop a post
        return ""
    text = "".join(parser.parts)
    # Keep as many lines as the source had, so line numbers stay true.
    wanted = source.count("\n")
    have = text.count("\n")
    return html.unescape(text) + "\n" * max(0, wanted - have)


def _table(tokens: list[Token], i: int) -> tuple[int, RawBlock | None]:
    """Collect a table's rows as ``cell · cell`` lines; tables are data, kept apart from prose."""
    rows: list[tuple[int, str]] = []
    cells: list[str] = []
    row_line = 1
    while i < len(tokens) and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            cells, row_line = [], (tok.map[0] + 1) if tok.map else row_line
        elif tok.type == "inline":
            cells.append(" ".join(text for _, text in _inline_lines(tok)).strip())
        elif tok.type == "tr_close":
            rows.append((row_line, " · ".join(cells)))
        i += 1
    return i + 1, (RawBlock("table", rows) if rows else None)
