"""A sentence that leans on the one before is printed with it (score/pairing.py), never alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from strategies import leaning_post

import summarize
from summarize.pipeline import load
from summarize.score.standalone import leans_outside
from summarize.score.pairing import MAX_PAIR_WORDS, anchors, leaning, with_anchors

SANDBOX = (
    "# Running Wasm plugins in production\n\n"
    "Our gateway runs every plugin inside a WebAssembly sandbox with its own memory limit. "
    "The sandbox is not free, and you have to measure the overhead on your own traffic.\n\n"
    "Plugins are versioned artifacts that we build, sign and roll out like any other service.\n\n"
    "A plugin that panics must fail closed for authentication and fail open for logging.\n"
)


def _ids_by_text(doc: summarize.Document) -> dict[str, int]:
    return {s.text: s.id for s in doc.sentences}


def test_an_opening_definite_description_of_what_the_sentence_before_named_leans() -> None:
    doc = load(SANDBOX, fmt="markdown")
    ids = _ids_by_text(doc)
    second = ids["The sandbox is not free, and you have to measure the overhead on your own traffic."]
    assert second in leaning(doc)
    assert anchors(doc)[second] == second - 1
    # The title's own subject is no pointer back: "the plugin" would be the topic, not an anaphor.
    assert ids["Plugins are versioned artifacts that we build, sign and roll out like any other service."] not in leaning(doc)


def test_a_chosen_pair_prints_both_sentences_as_one_takeaway() -> None:
    doc = load(SANDBOX, fmt="markdown")
    pairs = anchors(doc)
    summary = summarize.summarize(doc, n=5)
    texts = [t.text for t in summary.takeaways]
    paired = [t for t in summary.takeaways if t.sentence_ids[-1] in pairs]
    assert len(paired) == 1  # a four-sentence post: every sentence is a takeaway, the pair once
    assert paired[0].sentence_ids == (pairs[paired[0].sentence_ids[-1]], paired[0].sentence_ids[-1])
    assert paired[0].text.startswith("Our gateway runs every plugin")
    assert paired[0].text.endswith("on your own traffic.")
    # The anchor is not printed a second time on its own.
    assert sum(text.startswith("Our gateway runs") for text in texts) == 1
    # However it was chosen, the leaning sentence never opens a takeaway.
    assert not any(text.startswith("The sandbox is not free") for text in texts)


def test_a_word_budget_never_prints_words_it_did_not_count() -> None:
    doc = load(SANDBOX, fmt="markdown")
    summary = summarize.summarize(doc, max_words=30)
    assert all(len(t.sentence_ids) == 1 for t in summary.takeaways)
    assert not any(t.text.startswith("The sandbox") for t in summary.takeaways)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # An ordinal needs the list, not the sentence before.
        ("Teams tend to make three mistakes with Argo CD projects.", "The second mistake is using the default project."),
        # A pointer into the page.
        ("Ambient mode moves L4 work into a per-node ztunnel.", "The figure below shows the new traffic path."),
        # The sentence before is a question.
        ("Why did you pick Envoy over the other proxies?", "It had the dynamic configuration APIs we wanted."),
    ],
)
def test_leans_the_sentence_before_cannot_mend(before: str, after: str) -> None:
    doc = load(f"{before} {after}\n", fmt="markdown")
    assert leans_outside(after, "en")
    assert anchors(doc) == {}


def test_a_pair_stays_short() -> None:
    long_before = " ".join(["Envoy proxies keep a local copy of every cluster the control plane sends them"] * 3) + "."
    doc = load(f"{long_before} It grows with the mesh.\n", fmt="markdown")
    assert len(doc.sentences) == 2
    assert anchors(doc) == {}
    assert MAX_PAIR_WORDS < 45


def test_chinese_pairs_join_without_a_space() -> None:
    text = (
        "# eBPF 的代价\n\n"
        "eBPF 并不是银弹。它对内核版本有要求，出问题时排障也需要新的知识储备。\n\n"
        "Cilium 用 eBPF map 替换了 iptables 规则，查找的时间复杂度接近常数。\n"
    )
    doc = load(text, fmt="markdown")
    pairs = anchors(doc)
    assert len(pairs) == 1
    summary = summarize.summarize(doc, n=5, min_confidence=0)  # the pair is printed however sure the keep model is
    paired = [t for t in summary.takeaways if len(t.sentence_ids) == 2]
    assert [t.text[:16] for t in paired] == ["eBPF 并不是银弹。它对内核版"]


def test_with_anchors_adds_each_anchor_once_in_document_order() -> None:
    assert with_anchors([7, 3], {7: 6, 3: 2}) == [2, 3, 6, 7]
    assert with_anchors([5, 6], {6: 5}) == [5, 6]
    assert with_anchors([], {1: 0}) == []


def test_spoken_posts_print_no_pairs() -> None:
    """In talk "it" and "this" point further back than the sentence before: judges kept 1 spoken pair in 9."""
    text = (
        "HOST: What did you change first?\n\n"
        "GUEST: We moved every plugin into a WebAssembly sandbox with its own memory limit. "
        "The sandbox is not free, and you have to measure the overhead on your own traffic.\n\n"
        "HOST: Thanks.\n"
    )
    doc = load(text)
    # In talk an opening "the sandbox" is what is on the table, not a pointer back; and no pair is printed.
    assert doc.sentences[2].id not in leaning(doc)
    assert anchors(doc) == {}
    it = load(text.replace("The sandbox is not free", "It is not free"))
    assert it.sentences[2].id in leaning(it) and anchors(it) == {}


@pytest.mark.parametrize(
    ("before", "anchored"),
    [
        ("We moved the DNS cache onto every node in the cluster.", True),  # the control: an ordinary anchor
        ("We did two things for the DNS timeouts.", False),
        ("We see three reasons for the move.", False),
    ],
)
def test_a_sentence_announcing_a_list_is_no_anchor(before: str, anchored: bool) -> None:
    doc = load(f"{before} It is the cheapest fix by far.\n", fmt="markdown")
    assert len(doc.sentences) == 2
    assert (anchors(doc) == {1: 0}) is anchored


def test_a_chinese_sentence_announcing_a_list_is_no_anchor() -> None:
    assert anchors(load("我们针对 DNS 超时做了两件事。这个改动成本最低。\n", fmt="markdown")) == {}
    assert anchors(load("我们在每个节点上部署了 DNS 缓存。这个改动成本最低。\n", fmt="markdown")) == {1: 0}


def test_an_unnamed_chinese_third_person_leans_in_writing_only() -> None:
    """Written prose names what it calls 它; in a meeting 它 is whatever is on the table."""
    written = load("# eBPF\n\neBPF 并不是银弹。上线以后我们发现它对内核版本有要求。\n", fmt="markdown")
    assert [s.id for s in written.sentences if s.id in leaning(written)] == [2]
    # (Not "上线以后…": an opener that says "after it went live" leans in speech too.)
    spoken = load("张三：我们上周把 DNS 缓存上线了。\n\n李四：有什么问题吗？\n\n张三：用了一周我们发现它对内核版本有要求。\n")
    last = spoken.sentences[-1]
    assert last.text.startswith("用了一周") and last.id not in leaning(spoken)


def test_an_aside_section_counts_like_a_how_to() -> None:
    """"Extra for experts", an appendix, "附录", a release's known issues or a tutorial's FAQ steps aside from the
    post's point (judged trivial)."""
    from summarize.score.takeaways import features, section_roles

    text = (
        "# Introducing the mesh agent\n\nThe mesh agent replaces four control plane components with one binary.\n\n"
        "## Extra for experts\n\nThere will still be cases where you run the components independently.\n\n"
        "## 附录\n\n部分用户仍然可以单独运行各个组件。\n\n"
        "## Known issues\n\nStatus may show the wrong timeout when two routes set one; fixed in 1.8.1.\n\n"
        "## 常见问题\n\n创建策略时 API Server 会做类型检查。\n\n"
        "## Upgrade notes\n\nThe agent now needs Kubernetes 1.30 or later.\n"
    )
    doc = load(text, fmt="markdown")
    roles = section_roles(doc)
    assert sorted(roles.values()) == ["aside"] * 4  # not "Upgrade notes": what a user must do is a point
    feats = features(doc)
    aside = {s.id for s in doc.sentences if roles.get(s.section) == "aside" and s.kind != "heading"}
    assert len(aside) == 4 and aside <= feats.procedural
    assert not any(s.text.startswith("The mesh agent replaces") and s.id in feats.procedural for s in doc.sentences)


@given(leaning_post())
@settings(max_examples=40, deadline=None)
def test_pairs_are_consecutive_sentences_of_one_paragraph_and_never_repeat(text: str) -> None:
    """Whatever is chosen: a pair is an anchor and the sentence right after it in the same paragraph, the anchor
    does not lean itself, and no sentence is printed twice."""
    doc = load(text, fmt="markdown")
    pairs = anchors(doc)
    by_id = {s.id: s for s in doc.sentences}
    for i, j in pairs.items():
        assert j == i - 1 and by_id[i].block == by_id[j].block and j not in leaning(doc)
    shown = [i for t in summarize.summarize(doc, n=5).takeaways for i in t.sentence_ids]
    assert len(shown) == len(set(shown))
    for t in summarize.summarize(doc, n=5).takeaways:
        if len(t.sentence_ids) == 2:
            first, second = t.sentence_ids
            assert pairs.get(second) == first
