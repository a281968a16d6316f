"""``since``: which posts a digest keeps, decided from their dates before any of them is summarized.

Summarizing a post costs a few hundred milliseconds (segmenting, scoring, cards); reading its
date costs a millisecond or two (decode, then the front matter alone). A digest of the last
week's posts over a folder of five years must pay only for the week.

The date read here is the one the summary would carry (``Summary.metadata.published``): Markdown
dates come from the front matter alone, which :func:`~summarize.parse.markdown.read_markdown`
reads the same way; caption files (whose dump header may carry a date) go through the full
reader, which is still cheap next to summarizing; plain text and transcripts carry none, except an Otter export's
date line, read from its preamble alone (:func:`~summarize.parse.speech.otter_preamble`, as the plain reader does).
"""

from __future__ import annotations

import warnings
from datetime import date, datetime

from ..errors import SummarizeError
from ..model import CAPTION_FORMATS
from ..parse.metadata import post_meta

#: What :func:`published` answers when the date cannot be known without summarizing the post
#: (unreadable, undecodable, too large): such a post is kept, so its error is reported.
UNKNOWN = "unknown"


def published(data: bytes | None, *, source: str, fmt: str = "auto") -> datetime | None | str:
    """The post's publication date (``date``, else ``publishDate``), None when undated, or
    :data:`UNKNOWN` when ``data`` is None (unreadable) or cannot be decoded."""
    from ..parse import detect_format, read_text
    from ..parse.decode import decode
    from ..parse.frontmatter import split_front_matter
    from ..parse.speech import otter_preamble

    if data is None:
        return UNKNOWN
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the worker that summarizes the post reports them, once
        try:
            text, _encoding = decode(data, source=source)
            text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
            if not text.strip():
                return None
            kind = detect_format(text, source=source) if fmt == "auto" else fmt
            if kind == "markdown":
                meta = split_front_matter(text, source=source)[0]
            elif kind in CAPTION_FORMATS:
                meta = dict(read_text(text, source=source, fmt=kind).meta)
            else:
                meta = otter_preamble(text.split("\n", 64)[:64])[1]  # the plain reader's only date
        except SummarizeError:
            return UNKNOWN
    return post_meta(meta).published


def keeps(when: datetime | None | str, since: date) -> bool:
    """Whether a post published ``when`` belongs in a digest ``since`` that day: dated that day or
    later (by the date as written, whatever its zone), or not known without summarizing it."""
    if when == UNKNOWN:
        return True
    return isinstance(when, datetime) and when.date() >= since
