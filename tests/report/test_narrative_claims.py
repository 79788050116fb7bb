"""Every number a reader sees in a narrative of the report is a registered claim (issue 18).

The page marks each number written from a claim (``<span class="claim">``) and each label of
the data (``<span class="label">``: a table's or a product's name); what is left of a
narrative paragraph (section introductions, paragraphs, notes other than the families'
verbatim warnings, the summary's findings, comparisons and reasons) may hold no number but
those of the documented allowlist (:data:`valuechain.report.claims.NUMBER_ALLOWLIST`: years,
numbered references, classification codes, the settings that name a band, the threshold one
of an index whose neutral value is one, the end of a rank scale, a formula).
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

import pytest

from valuechain.report.claims import ClaimBook, Paragraph, unclaimed_numbers

_NARRATIVE = re.compile(r'<p class="(?:intro|narrative|note[^"]*)">(.*?)</p>|<ol class="findings">(.*?)</ol>', re.S)
_MARKED = re.compile(r'<span class="(?:claim|label)"[^>]*>.*?</span>', re.S)


def narrative_numbers(page: str) -> list[tuple[str, str]]:
    """(number, text) of every number of the page's narratives that is not a claim (nor allowed)."""
    out = []
    for m in _NARRATIVE.finditer(page):
        for block in re.split(r"</li>\s*<li>", m.group(1) or m.group(2) or ""):
            text = _html.unescape(re.sub(r"<[^>]+>", "", _MARKED.sub(" ", block)))
            if text.strip().startswith("Warning:"):
                continue  # a family's warning, quoted verbatim (run.log has it too)
            out += [(n, " ".join(text.split())[:160]) for n in unclaimed_numbers(text)]
    return out


# --------------------------------------------------------------------- the scanner itself (hand-made cases)
@pytest.mark.parametrize("text, found", [
    ("Exports rose by 12.5% in 2021.", ["12.5%"]),
    ("3 of 35 industries are key sectors.", ["3", "35"]),
    ("The ECI is −1.46 and the HHI 0.179.", ["−1.46", "0.179"]),
    ("Output of 1,234.5 million USD.", ["1,234.5"]),
    ("Between 2017 and 2022 (2017-2022), see section 6 and Tables 2-3.", []),
    ("HS 7108 gold and ISIC Rev. 4 codes; industries C24 and B05_06.", []),
    ("the 5th and 95th percentiles of the draws; 95% bands in the annex", []),
    ("a quotient above 1 marks specialisation (rank 2, 1 = lowest)", ["2"]),
    ("a^r_ij = a^n_ij·min(LQ_ij, 1)", []),
    ("quotient above 1.5", ["1.5"]),
])
def test_unclaimed_numbers_hand_cases(text, found):
    assert unclaimed_numbers(text) == found


def test_claimed_numbers_and_labels_are_not_flagged_and_typed_ones_are():
    book = ClaimBook()
    c = book.add("t.share", "x.share", 52.04, unit="% of exports", ref="t")
    p = book.render(f"Oil is {c.ph} of exports in {book.label('HS 2709 (27.09)')}; 7 products.")
    assert isinstance(p, Paragraph)
    assert str(p) == "Oil is 52.0% of exports in HS 2709 (27.09); 7 products."
    assert unclaimed_numbers(p) == ["7"]
    assert unclaimed_numbers(str(p)) == ["52.0%", "27.09", "7"]  # as plain text every number counts
    assert unclaimed_numbers(p + " And 8 more.") == ["7", "8"]  # concatenation keeps the claims
    assert book.render(c.n) == "52.0"


def test_the_page_marks_claims_with_their_meaning():
    from valuechain.report._model import ReportDoc, ReportSection
    from valuechain.report.html import render_html

    book = ClaimBook()
    book.add("s.x", "x", 12.25, unit="% of exports", year=2021, source="CEPII BACI", definition="a share", ref="t")
    sec = ReportSection(key="s", title="S", blocks=[book.render("It is {s.x}; 4 typed.")])
    page = render_html(ReportDoc(title="T", sections=[sec], claims=book))
    assert '<span class="claim" title="a share; % of exports; 2021; source: CEPII BACI; from t">12.2%</span>' in page
    assert narrative_numbers(page) == [("4", "It is ; 4 typed.")]


# --------------------------------------------------------------------- the reports
def test_example_report_narratives_state_no_number_outside_a_claim(example_report):
    page = (Path(example_report.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'class="claim"' in page
    assert narrative_numbers(page) == []


def test_kazakhstan_report_narratives_state_no_number_outside_a_claim(kazakhstan_report):
    page = (kazakhstan_report / "index.html").read_text(encoding="utf-8")
    assert page.count('class="claim"') > 100
    assert narrative_numbers(page) == []


def test_western_australia_narratives_state_no_number_outside_a_claim(shared_data):
    from valuechain.report.build import assemble
    from valuechain.report.html import render_html
    from valuechain.report.study import load_study

    study = Path(__file__).resolve().parents[2] / "examples" / "western_australia.toml"
    page = render_html(assemble(load_study(study)))
    assert page.count('class="claim"') > 20
    assert narrative_numbers(page) == []
    # the seeds are studies of Kazakhstan: a study of another country does not compare itself with them in its summary
    summary = re.search(r'<ol class="findings">(.*?)</ol>', page, re.S).group(1)
    assert "seed" not in summary and "smelter" not in page
