"""The summary's findings (valuechain.report.summary): ranked by TOPIC_ORDER, one per topic,
only the ``finding`` kind, at most MAX_FINDINGS, text never cut."""

from __future__ import annotations

from valuechain.report.claims import ClaimBook
from valuechain.report.summary import MAX_FINDINGS, TOPIC_ORDER, summary_findings


def _book(*items):
    b = ClaimBook()
    for topic, text, kind, section in items:
        b.finding(topic, text, comparison=f"cmp {text}", why=f"why {text}", section=section, kind=kind)
    return b


def test_ranked_by_topic_order_not_by_insertion():
    b = _book(("impact", "C", "finding", "s"), ("composition", "A", "finding", "s"), ("gold", "B", "finding", "s"))
    assert [t for t, _, _ in summary_findings(b)] == ["A", "B", "C"]
    assert summary_findings(b)[0] == ("A", "cmp A", "why A")


def test_one_finding_per_topic_the_first_proposed_wins():
    b = _book(("gold", "first", "finding", "s"), ("gold", "second", "finding", "s"))
    assert [t for t, _, _ in summary_findings(b)] == ["first"]


def test_illustrations_and_other_sections_never_reach_the_summary():
    b = _book(("impact", "invented shock", "illustration", "s"), ("gold", "kept", "finding", "ok"),
              ("composition", "skipped section", "finding", "failed"))
    assert [t for t, _, _ in summary_findings(b, sections_ok={"ok"})] == ["kept"]
    assert [t for t, _, _ in summary_findings(b)] == ["skipped section", "kept"]


def test_at_most_seven_and_unknown_topics_last():
    assert MAX_FINDINGS == 7
    topics = ["an unknown topic", *TOPIC_ORDER]
    b = _book(*[(t, f"t{i}", "finding", "s") for i, t in enumerate(topics)])
    out = [t for t, _, _ in summary_findings(b)]
    assert len(out) == 7
    assert out == [f"t{i}" for i in range(1, 8)]  # the unknown topic ranks after all twelve known ones


def test_long_text_is_not_cut():
    long = "x" * 2000
    assert summary_findings(_book(("gold", long, "finding", "s")))[0][0] == long
