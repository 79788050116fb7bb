"""The report checks itself: claims of one indicator agree, 'not computed' never contradicts what is shown,
every claim points to a table or figure on the page, and the summary's numbers are claims."""

import re

import pytest

from valuechain.report.claims import ClaimBook, ClaimConflict
from valuechain.report.summary import MAX_FINDINGS, summary_findings


def _book():
    b = ClaimBook()
    b.add("trade.rca_n", "rca.count", 228, unit="HS6 products", decimals=0, year=2021, scope="KAZ", section="opportunities",
          ref="opportunities_top")
    return b


def test_two_sections_stating_one_indicator_differently_fail():
    b = _book()
    b.add("peers.rca_n", "rca.count", 231, unit="HS6 products", decimals=0, year=2021, scope="KAZ", section="peers", ref="peers_comparison")
    with pytest.raises(ClaimConflict, match="stated differently: 228 HS6 products .* 231 HS6 products"):
        b.verify()


def test_same_value_at_the_shown_precision_passes():
    b = ClaimBook()
    b.add("a.x", "exports.share", 52.04, unit="%", year=2021, scope="KAZ|Oil", section="a", ref="t1")
    b.add("b.x", "exports.share", 51.96, unit="%", year=2021, scope="KAZ|Oil", section="b", ref="t2")
    b.verify({"t1", "t2"})  # both shown as 52.0%


def test_not_computed_of_something_another_section_shows_fails():
    b = _book()
    b.not_computed("rca.count", scope="KAZ", section="trade", why="one exporter in the flows")
    with pytest.raises(ClaimConflict, match="says rca.count is not computed"):
        b.verify()


def test_claim_pointing_to_a_table_not_on_the_page_fails():
    with pytest.raises(ClaimConflict, match="not on the page"):
        _book().verify({"peers_comparison"})


def test_summary_keeps_findings_only_ranked_and_at_most_seven():
    b = ClaimBook()
    for i in range(10):
        b.add(f"s.v{i}", f"ind{i}", i + 0.25, unit="%", section="s", ref="t")
    b.finding("impact", "Shock {s.v0}.", comparison="", why="", section="s", kind="illustration")
    b.finding("diversification", "Nuts {s.v1}.", comparison="", why="", section="s", kind="thin")
    topics = ["survival", "composition", "clusters", "concentration", "key sectors", "destinations", "value chains", "gold"]
    for i, t in enumerate(topics):
        b.finding(t, f"{t} {{s.v{i + 2}}}.", comparison="c", why="w", section="s")
    out = summary_findings(b)
    assert len(out) == MAX_FINDINGS
    assert [o[0].split()[0] for o in out[:3]] == ["composition", "concentration", "destinations"]
    assert not any(o[0].startswith(("Shock", "Nuts")) for o in out)


def test_finding_must_name_registered_claims():
    with pytest.raises(ClaimConflict, match="unregistered"):
        ClaimBook().finding("x", "value {s.nope}", comparison="", why="", section="s")


def test_example_report_agrees_with_itself(example_report):
    doc = example_report.doc
    doc.claims.verify({b.key for s in doc.sections for b in (*s.tables, *s.figures)})
    assert len(doc.claims.claims) > 5


def test_kazakhstan_summary_numbers_are_claims(kazakhstan_report):
    """Every number of the executive summary is the display of a registered claim (data/claims.csv)."""
    import html as _html

    import pandas as pd

    page = (kazakhstan_report / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<ol class="findings">(.*?)</ol>', page, re.S).group(1)
    items = [re.sub("<[^>]+>", "", _html.unescape(li)) for li in re.findall(r"<li>(.*?)</li>", block, re.S)]
    assert 0 < len(items) <= MAX_FINDINGS
    claims = pd.read_csv(kazakhstan_report / "data" / "claims.csv")
    values = {f"{float(v):,.{d}f}" for v in pd.to_numeric(claims["value"], errors="coerce").dropna() for d in (0, 1, 2, 3)}
    for text in items:
        assert "…" not in text
        first = text.split(" The ")[0].split(" Why it matters")[0]  # the finding (the comparison quotes the seed)
        for num in re.findall(r"(?<![\w.])\d[\d,]*\.\d+", first):
            assert num in values, (num, first)
    assert "smelter" not in block.lower()
    assert "Nuts" not in block
