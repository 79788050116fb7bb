"""Trade charts render (offline SVG) and carry the synthetic flag in their titles."""

from __future__ import annotations

from valuechain._charts import chart_svg
from valuechain.trade.concentration import concentration
from valuechain.trade.margins import export_margins
from valuechain.trade.outcomes import composition
from valuechain.trade.plots import composition_chart, concentration_chart, lall_chart, margins_chart
from valuechain.trade.lall import lall_shares
import pandas as pd


def test_charts_render(small_panel):
    kaz = small_panel
    lv, _ = composition(kaz, by="destination", country="KAZ")
    m = export_margins(kaz, base=2000, end=2009, country="KAZ").assign(flags="synthetic")
    c = concentration(kaz, country="KAZ")
    lall = lall_shares(kaz, pd.DataFrame({"product": ["010110"], "lall_code": ["LDC01"]}), country="KAZ")
    for chart in (composition_chart(lv), margins_chart(m), concentration_chart(c), lall_chart(lall)):
        svg = chart_svg(chart)
        assert svg.startswith("<svg") and len(svg) > 1000
    assert "(synthetic data)" in margins_chart(m).to_dict()["title"]
