"""Hypothesis strategies shared by every test module."""

from __future__ import annotations

from hypothesis import strategies as st

HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ZH_END = st.sampled_from(["。", "！", "？", "；", "……", "", "”", "。”"])
EN_WORDS = st.sampled_from(
    "Istio Envoy proxy mesh the a we picked because it is fast and light written in C++ Dr. e.g. "
    "U.S. vs. 1.4 3.5 config.yaml version control plane data traffic routing Kubernetes Lyft".split()
)


@st.composite
def zh_sentence(draw: st.DrawFn) -> str:
    body = draw(st.text(HANZI, min_size=1, max_size=12))
    if draw(st.booleans()):
        body += " " + draw(EN_WORDS) + " " + draw(st.text(HANZI, min_size=1, max_size=6))
    return body + draw(ZH_END)


#: English names that Chinese technical writing carries; none of them is an English function word.
PRODUCT_NAMES = (
    "Istio", "Envoy", "API Server", "K8s", "xDS", "LDS/CDS", "Kubernetes Gateway API", "ztunnel", "Pod", "CRD",
    "HTTPRoute", "mTLS", "Open Policy Agent", "Service Mesh", "Prometheus", "Helm Chart", "GitOps", "eBPF", "WASM",
    "Sidecar Proxy", "Control Plane", "Red Hat", "OpenTelemetry Collector",
)
_ZH_CLAUSES = st.sampled_from(
    ["服务网格是一个基础设施层", "我们在生产环境中部署了它", "配置会下发给每个代理", "这个问题已经修复了",
     "流量通过网关进入集群", "用户可以根据需要启用", "控制平面负责管理证书", "他们把规则写在资源里"]
)


@st.composite
def zh_grammar_sentence(draw: st.DrawFn) -> str:
    """A Chinese sentence with Chinese grammar (function words such as 是/的/在/了), one to three clauses."""
    clauses = draw(st.lists(_ZH_CLAUSES, min_size=1, max_size=3))
    return "，".join(clauses) + draw(st.sampled_from(["。", "！", ""]))


@st.composite
def en_sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(EN_WORDS, min_size=1, max_size=12))
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + draw(st.sampled_from([".", "?", "!", ""]))


@st.composite
def prose(draw: st.DrawFn) -> str:
    """A paragraph of English and Chinese sentences, possibly interleaved and line-broken."""
    parts = draw(st.lists(st.one_of(zh_sentence(), en_sentence()), min_size=1, max_size=6))
    seps = draw(st.lists(st.sampled_from([" ", "", "\n"]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps)).strip() or "x"


@st.composite
def markdown_doc(draw: st.DrawFn) -> str:
    """A Markdown post from headings, paragraphs, lists, quotes, fences, shortcodes and front matter."""
    blocks = []
    if draw(st.booleans()):
        blocks.append('---\ntitle: "Post"\ntags: [istio]\n---')
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["h", "p", "li", "quote", "fence", "shortcode", "link", "html"]))
        text = draw(prose())
        if kind == "h":
            blocks.append("#" * draw(st.integers(1, 3)) + " " + text.replace("\n", " "))
        elif kind == "li":
            blocks.append("\n".join(f"- {line}" for line in text.split("\n")))
        elif kind == "quote":
            blocks.append("\n".join(f"> {line}" for line in text.split("\n")))
        elif kind == "fence":
            blocks.append("```go\nfunc main() { fmt.Println(\"x\") }\n```")
        elif kind == "shortcode":
            blocks.append("{{< youtube abc123 >}}")
        elif kind == "link":
            blocks.append(f"See [the docs](https://istio.io/x) and ![img](a.png). {text}")
        elif kind == "html":
            blocks.append(f"<svg><title>Logo</title></svg>\n\n{text} <!-- note -->")
        else:
            blocks.append(text)
    return "\n\n".join(blocks) + "\n"


any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@st.composite
def caption_doc(draw: st.DrawFn) -> str:
    """An SRT or WebVTT file: cues with (sometimes broken, overlapping or rolling) timings and text."""
    vtt = draw(st.booleans())
    cues = []
    t = 0.0
    for n in range(draw(st.integers(1, 8))):
        t += draw(st.floats(0.0, 5.0, allow_nan=False))
        end = t + draw(st.floats(0.1, 4.0, allow_nan=False))
        sep = "." if vtt else ","
        stamp = lambda x: f"{int(x // 3600):02d}:{int(x % 3600 // 60):02d}:{int(x % 60):02d}{sep}{int(x * 1000 % 1000):03d}"  # noqa: E731
        timing = f"{stamp(t)} --> {stamp(end)}" if draw(st.integers(0, 9)) else "00:xx:01,000 --> ??"
        text = draw(st.one_of(en_sentence(), zh_sentence(), st.sampled_from(["[MUSIC PLAYING]", ">> and so we shipped it", "CRAIG BOX: hello there"])))
        cues.append(("" if vtt else f"{n + 1}\n") + f"{timing}\n{text}")
    return ("WEBVTT\n\n" if vtt else "") + "\n\n".join(cues) + "\n"


@st.composite
def transcript_doc(draw: st.DrawFn) -> str:
    """A speaker-labelled transcript: labels, continuation paragraphs, non-speech tags, fillers."""
    speakers = draw(st.lists(st.sampled_from(["CRAIG BOX", "LIN SUN", "Huabing", "Varun", "Host"]), min_size=1, max_size=3, unique=True))
    turns = []
    for _ in range(draw(st.integers(1, 8))):
        who = draw(st.sampled_from(speakers))
        colon = draw(st.sampled_from([": ", "："]))
        body = draw(prose()).replace("\n", " ")
        filler = draw(st.sampled_from(["", "Um, ", "Uh I, I think ", "You know, "]))
        tag = draw(st.sampled_from(["", " [LAUGHTER]", " [笑]"]))
        turns.append(f"{who}{colon}{filler}{body}{tag}")
    return "\n\n".join(turns) + "\n"


#: One folder or file name: letters (Latin, accented, CJK), digits and the punctuation file names carry.
path_segment = st.text(
    st.sampled_from("abcxyzé服务网格0123456789-_. "), min_size=1, max_size=8
).filter(lambda s: s.strip(" .") == s and s not in (".", ".."))


# Front-matter values a post's metadata is read from: the usual spellings and some odd ones.
_meta_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@st.composite
def front_matter(draw: st.DrawFn) -> dict[str, object]:
    """A front-matter mapping as the YAML reader returns it: strings, numbers, lists, author objects."""
    meta: dict[str, object] = {}
    for key in draw(st.lists(st.sampled_from(["title", "author", "authors", "description", "summary", "tags",
                                              "categories", "url", "slug", "permalink", "link", "canonical_url",
                                              "date", "publishDate", "lastmod", "source_url", "youtube"]),
                             unique=True, max_size=8)):
        meta[key] = draw(st.one_of(
            _meta_text, st.integers(0, 3000),
            st.lists(st.one_of(_meta_text, st.fixed_dictionaries({"name": _meta_text})), max_size=4),
            st.sampled_from(["2024-03-01T23:30:00-08:00", "2023-11-16", "/posts/x/", "https://example.com/a",
                             "javascript:alert(1)", "O-bHqDpStoE", "https://youtu.be/O-bHqDpStoE"]),
        ))
    return meta


#: Characters of spoken Chinese, so that generated speech reads as speech to the detector.
SPOKEN_HANZI = st.sampled_from(list("的了是我你他们这那就在有个吗呢吧说要会不也都很然后所以因为其实对嗯服务网格流量今天问题"))


@st.composite
def zh_asr_speech(draw: st.DrawFn) -> str:
    """Chinese as a recogniser prints it: phrases of 1-20 hanzi (an English term now and then)
    separated by spaces or line breaks, no punctuation."""
    phrases = draw(st.lists(st.text(SPOKEN_HANZI, min_size=1, max_size=20), min_size=1, max_size=80))
    if draw(st.booleans()):
        phrases.insert(draw(st.integers(0, len(phrases))), draw(EN_WORDS))
    seps = draw(st.lists(st.sampled_from([" ", "  ", "\n", " \n"]), min_size=len(phrases), max_size=len(phrases)))
    return "".join(p + s for p, s in zip(phrases, seps)).strip()


#: Pieces that once made a reader, segmenter or the quiz super-linear when repeated (issue 15).
HOSTILE_UNITS = (
    "](", "<div ", '<a title="', "[", "\U0001d49c", "A", "a", "。", "1. ", "> ", "- ", "*", "_", "`", "<", "&#",
    " a", "a\n", "Mr. ", "e.g. ", "uh ", "A: ", "嗯", "http://x/", "|", "{{<", "\u202e", "\x1b[2J", "(", ":",
)


def hostile_doc(unit: str, where: str, kind: str, size: int) -> str:
    """A Markdown post, SRT captions or a labelled transcript of about ``size`` bytes in which ``unit``
    is repeated: before a colon, before prose, inside a sentence or alone in its paragraph."""
    run = unit * max(1, (size - 600) // len(unit.encode("utf-8")))
    prose = "Istio picked Envoy because it was lightweight. Envoy was battle tested at Lyft."
    body = {"colon": run + ": hello there.", "before": run + " " + prose, "inside": "Envoy is at " + run + ".",
            "alone": run}[where]
    if kind == "markdown":
        return f"# Title\n\n{prose}\n\n{body}\n\n{prose}\n"
    if kind == "transcript":
        return f"HOST: {prose}\n\nGUEST: {body}\n\nHOST: {prose}\n"
    # Captions: the run spread over cues of at most 2,000 characters.
    cues = [prose] + [body[i : i + 2000] for i in range(0, len(body), 2000)] + [prose]
    return "".join(
        f"{n}\n{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d},000 --> {n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d},900\n{text}\n\n"
        for n, text in enumerate(cues, start=1)
    )


#: (unit, where, kind) for :func:`hostile_doc`.
hostile_recipe = st.tuples(
    st.sampled_from(HOSTILE_UNITS),
    st.sampled_from(["colon", "before", "inside", "alone"]),
    st.sampled_from(["markdown", "captions", "transcript"]),
)


#: Pieces that exercise every Treebank rule: quotes, brackets, dashes, contractions (in odd cases and with
#: the letters re's IGNORECASE folds: ſ, K, ı, İ), sentence ends, and white space the regex engines disagree on.
TREEBANK_PIECES = st.sampled_from(
    ["a", "b", "1", "3.88", " ", "  ", "\t", "\n", "\x1c", "\x1f", "\x85", "\u2028", "\xa0", ".", "...", ",", ":", ";",
     "?", "!", "'", "''", '"', "`", "``", "(", ")", "[", "]", "{", "}", "<", ">", "--", "-", "@", "#", "$", "%", "&",
     "can", "not", "CANNOT", "d'ye", "gimme", "GONNA", "gotta", "lemme", "more'n", "wanna", "'tis", "'Twas", "'s",
     "'S", "'m", "'d", "'ll", "'RE", "'ve", "n't", "N'T", "don't", "they'll", "ſ", "\u212a", "ı", "İ", "Istio", "e.g.",
     "U.S.", "mesh"]
)
treebank_text = st.lists(TREEBANK_PIECES, max_size=25).map("".join)

#: Words of English technical writing for the word splitter's properties: contractions and clitics (straight
#: and curly), possessives, abbreviations, numbers, versions, URLs, paths, code and flags, hyphenated words.
_SENTENCE_WORDS = st.sampled_from(
    "Istio Envoy the a we it proxy mesh is was don't can't won't it's we're they'll I'm you'd we've Istio's "
    "users' it’s don’t cannot gonna Wanna gotta 'tis 'Twas d'ye more'n e.g. i.e. U.S. Dr. vs. etc. 3.88 "
    "1,000 12:30 10,5 v1.2.3 $5 50% #1 @istio a&b x;y C++ C# .NET node.js config.yaml foo_bar() "
    "https://istio.io/latest/docs/ http://example.com/a?b=c&d=e mailto:x@y.z /usr/local/bin ~/.kube/config "
    "--set -v --- ... .. cloud-native L4/L7 x-can't k8s's O'Reilly rock'n'roll `kubectl` ``code`` "
    "'quoted' \"quoted\" (paren) [link](url) {brace} <tag> <!-- -->".split()
)
_SENTENCE_MARKS = st.sampled_from(["", "", "", ",", ".", ":", ";", "?", "!", "'", '"', ")", "...", "--", "'s", "n't", "’s"])
_SENTENCE_SPACES = st.sampled_from([" "] * 12 + ["  ", "\t", "\n", "\xa0", "\u2028", "\x1c"])


@st.composite
def english_like_sentence(draw: st.DrawFn) -> str:
    """A sentence-like string of technical English: words with marks glued on, mostly single spaces
    between them, now and then other white space, an opening quote or bracket, a closing mark at the end."""
    words = draw(st.lists(st.tuples(st.sampled_from(["", "", "", "(", '"', "'", "``", "["]), _SENTENCE_WORDS,
                                    _SENTENCE_MARKS, _SENTENCE_SPACES), min_size=1, max_size=14))
    text = "".join(open_ + word + mark + space for open_, word, mark, space in words)
    end = draw(st.sampled_from(["", ".", "?", "!", '."', ".)", ".'", "...", ":", ","]))
    return draw(st.sampled_from(["", " ", "\n"])) + text.rstrip() + end + draw(st.sampled_from(["", " ", "\n", "\x1c"]))


#: Strings that look like links, good and hostile: a scheme (or none), then printable, quote, space,
#: control and backslash characters, as front matter and JSON files can carry them.
url_like = st.tuples(
    st.sampled_from(["http://", "https://", "HTTPS://", "http:", "javascript:", "data:", "/", "//", "\\\\", " ", ""]),
    st.text(st.sampled_from("abc.example/?=&#:@%-_~ \t\n\"'<>`\\\x00\x7fé服"), max_size=30),
).map("".join)


#: Pieces that exercise every rule of the English Snowball stemmer: its R1 prefixes, the exceptional
#: words, y as a consonant, apostrophes (typographic ones too), and the suffixes of each step.
_STEM_HEADS = st.sampled_from(["", "gener", "commun", "arsen", "y", "'", "’", "ski", "in", "out", "can", "her",
                               "ear", "pro", "ex", "suc", "sky", "news", "dy", "ly", "ty"])
_STEM_LETTERS = st.text(st.sampled_from("aeiouyybcdglmnprssstzwxY'’-1é"), max_size=6)
_STEM_TAILS = st.lists(st.sampled_from(
    ["ing", "ingly", "ed", "edly", "eed", "eedly", "s", "es", "ies", "ied", "sses", "us", "ss", "ly", "li", "tional",
     "ational", "ation", "ator", "alism", "aliti", "alli", "fulness", "ousli", "ousness", "iveness", "iviti",
     "biliti", "bli", "ogi", "logi", "fulli", "lessli", "alize", "icate", "iciti", "ical", "ful", "ness", "ative",
     "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
     "ive", "ize", "ion", "sion", "tion", "e", "le", "ll", "'s", "'s'", "'", "’s", "y", "izer", "ization", "enci",
     "anci", "abli", "entli", "at", "bl", "iz"]), max_size=2).map("".join)
#: Word-like strings for the stemmer: a head, a few letters, up to two suffixes.
stemmable_word = st.tuples(_STEM_HEADS, _STEM_LETTERS, _STEM_TAILS).map("".join)


_STANDALONE_EN = [
    "Waypoint proxies run per namespace and handle every L7 policy.",
    "The ztunnel agent encrypts traffic between nodes with mutual TLS.",
    "Gateway API splits routing into resources owned by different teams.",
    "Karpenter picks instance types from the pods that are pending.",
    "Tail sampling keeps the traces of slow and failed requests.",
]
_LEANING_EN = [
    "It adds about a millisecond to the p99 latency.",
    "This removes the sidecar from every pod.",
    "These numbers come from our staging cluster.",
    "The second mistake is using the default project.",
    "They run on every node of the cluster.",
]


@st.composite
def leaning_post(draw: st.DrawFn) -> str:
    """A written post whose paragraphs mix sentences that stand alone with ones that lean on the sentence before."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 5))):
        pool = st.sampled_from(_STANDALONE_EN + _LEANING_EN)
        paragraphs.append(" ".join(draw(st.lists(pool, min_size=1, max_size=4))))
    return "# Notes from the platform team\n\n" + "\n\n".join(paragraphs) + "\n"


#: Lines as a block parser sees them: plain text, and every way a line can start a block construct or continue one
#: (lists, quotes, fences, rules, tables, setext underlines, definitions, references, footnotes, HTML, indentation).
_MARKDOWN_LINES = st.sampled_from([
    "Plain words here", "and more of them.", "  indented text", "    code-like", "\tTabbed", "Term", "“Quoted” line",
    "(an aside)", "1986 was a year", "２０ full-width digits", "\u3000全角空格", "服务网格", "Text with `code`",
    "**Bold line**", "a | b", "- item", "* item", "+ item", "  - nested", "1. one", "2) two", "> quote", "   > quote",
    "# Head", "## Head", "```", "~~~", "---", "===", "***", "___", "|---|---|", "| a | b |", ": definition",
    "~ definition", "[ref]: http://example.com", "[^1]: a note", "[^1]", "<div>", "</div>", "<!-- c -->", "<pre>",
    "", "", "", "   ", ">", "-", "1.", "- [ ] a task", "- [x] done", "* [X] Done", "[ ] no list", "- [ ]",
])
markdown_lines = st.lists(_MARKDOWN_LINES, max_size=14).map("\n".join)


#: Characters around a gap where jieba's answer is worth checking: spoken hanzi (dictionary words across and beside
#: the gap), pairs its HMM joins across a caption's phrase gap ("大有", "走越", "区到"), hanzi outside the range its
#: blocks take (鿿, 㐀), Latin letters, digits and the symbols a block carries (+#&._%-), spaces and marks (block edges).
GAP_CHARS = st.sampled_from(
    list("的了是我你他们这那就在有个说要会不也都很然后所以因为其实服务网格流量今天问题团队比较大越往上面走高层")
    + list("以老师为本学生北部区到寒冷负载均衡殷易昊鿿㐀") + list("abXy09+#&._%- \n，。")
)


@st.composite
def gap_window(draw: st.DrawFn) -> tuple[str, int]:
    """A window of up to six characters either side of a gap, as the comma-at-pause check reads one, and the gap's
    offset: mostly the characters above, now and then any hanzi (jieba's HMM sees many of those)."""
    chars = st.one_of(GAP_CHARS, GAP_CHARS, HANZI)
    left, right = draw(st.text(chars, max_size=6)), draw(st.text(chars, max_size=6))
    return left + right, len(left)


@st.composite
def jieba_text(draw: st.DrawFn) -> str:
    """Text for jieba's cut: runs of the characters around a caption's gaps (dictionary words, HMM joins, hanzi
    beyond jieba's range, Latin letters, digits, the symbols its blocks carry, spaces and marks), now and then any
    hanzi (the HMM sees many of those) or an English term, so one string crosses several of jieba's blocks."""
    pieces = st.one_of(st.text(st.one_of(GAP_CHARS, GAP_CHARS, HANZI), max_size=12), EN_WORDS,
                       st.sampled_from([" ", "\r\n", "\t", "　", "，", "（v1.2）", "100%", "C++", "\n\n"]))
    return "".join(draw(st.lists(pieces, max_size=8)))


#: Pieces of ASCII speech for the bulk span facts: fillers, markers, words said twice, hyphens and apostrophes (a
#: filler's lookarounds refuse them beside it), digits, letterless tokens, spaces and line breaks.
_SPEECH_PIECES = st.sampled_from(
    "uh um umm erm ah hmm mm-hmm uh-huh you know i mean so yeah You Know I I the the mesh 12 12 we moved it's it's "
    "well-known x-ray um-um don't 4.2 ... , - -- ' _ a A".split() + [" ", " ", " ", "  ", "\n", " \n ", "\t"]
)


@st.composite
def ascii_speech_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """ASCII speech and sorted, disjoint spans of it, cut anywhere (inside words too), each holding a non-space
    character, as a segmenter's sentence spans do."""
    text = "".join(draw(st.lists(_SPEECH_PIECES, min_size=1, max_size=60)))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=20))) | {0, len(text)})
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        if piece.strip():
            spans.append((a + len(piece) - len(piece.lstrip()), b - (len(piece) - len(piece.rstrip()))))
    return text, spans
