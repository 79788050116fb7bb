"""The opportunities report section on the real Kazakhstan inputs: names not codes, the figures,
the bridge table, and a narrative whose numbers are those of the tables."""

from __future__ import annotations

import re

import altair as alt
import pytest

from valuechain.report._model import ReportFigure, ReportSection, ReportTable
from valuechain.report.blocks.opportunities import (
    load_opportunity_inputs,
    opportunities_section,
)


@pytest.fixture(scope="module")
def section(shared_data):
    inp = load_opportunity_inputs(shared_data, year=2021)
    return inp, opportunities_section(inp, top=10, clusters={"Metallurgy": ["B07", "C24A", "C24B", "C25"],
                                                             "Energy": ["B05", "B06", "C19", "D"]}, network=True)


def test_structure(section):
    _inp, sec = section
    assert isinstance(sec, ReportSection)
    keys = [b.key for b in sec.blocks if isinstance(b, (ReportTable, ReportFigure))]
    assert keys == ["opportunities_top", "opportunities_feasibility", "opportunities_product_space",
                    "opportunities_bridge", "opportunities_clusters"]
    for f in sec.figures:
        assert isinstance(f.chart, alt.TopLevelMixin)
    assert sec.flags == ["partial"] and all("partial" in b.flags for b in sec.tables)


def test_top_opportunities_are_named_products_kazakhstan_lacks(section):
    inp, sec = section
    top = sec.tables[0].df
    assert len(top) == 10 and top["rank"].tolist() == list(range(1, 11))
    assert not top["product"].str.fullmatch(r"\d{6}").any()  # names, not codes
    # none of them is exported by Kazakhstan with RCA >= 1 against the BACI world totals
    # (independent pandas RCA: (x_kp / X_k) / (W_p / W) on the codes shared with HS2012)
    w = inp.world.set_index("product")["value"]
    x = inp.exports.set_index("product")["value"]
    x = x[x.index.isin(w.index)]
    rca = (x / x.sum()) / (w.reindex(x.index) / w.sum())
    assert not set(top["HS code"]) & set(rca[rca >= 1].index)


def test_bridge_and_narrative_numbers(section):
    inp, sec = section
    bt = sec.tables[1].df
    assert bt["share"].sum() == pytest.approx(100)
    assert bt["exports"].sum() == pytest.approx(inp.exports["value"].sum())
    assert bt["industry"].iloc[-1] == "unallocated"
    lead = bt.iloc[0]
    assert lead["industry"] == "B06"  # crude oil and gas leads Kazakhstan's exports
    # every number in the narrative about the bridge is the table's, as rounded there
    assert f"carries {lead['share']:.1f}%" in sec.intro
    assert f"{bt['share'].iloc[-1]:.1f}% of exports could not be allocated" in sec.intro
    top = sec.tables[0].df
    first = re.search(r"density (\d\.\d\d), PCI ([-−]?\d\.\d\d)", sec.intro)
    assert first and float(first.group(1)) == pytest.approx(round(top["density"].iloc[0], 2))
    cl = sec.tables[2].df.set_index("cluster")
    assert cl.loc["Energy", "exports"] == pytest.approx(bt.set_index("industry").reindex(["B05", "B06", "C19", "D"])["exports"].sum())
    assert "12 exporters" in sec.notes[0]
