"""Regional figures (valuechain.regional.plots) on Miller & Blair's Table 2.3: they draw the
result's numbers (multipliers by δ; intraregional + feedback + spillover = total), the
0.1-0.4 band of Flegg, and say that the table is estimated (not survey data)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import pytest

from valuechain import IOTable
from valuechain.regional import delta_sensitivity, two_region_model
from valuechain.regional.plots import delta_sensitivity_chart, two_region_effects_chart


@pytest.fixture(scope="module")
def inputs():
    t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]], industries=["agri", "manu"])
    return t, pd.Series({"agri": 5.0, "manu": 30.0}), pd.Series({"agri": 100.0, "manu": 200.0})


def test_delta_chart_draws_the_multipliers_and_flegg_band(inputs):
    res = delta_sensitivity(*inputs, deltas=[0.1, 0.3])
    ch = delta_sensitivity_chart(res)
    shade, lines = ch.layer
    assert shade.data[["lo", "hi"]].to_numpy().tolist() == [[0.1, 0.4]]
    pd.testing.assert_frame_equal(lines.data.reset_index(drop=True),
                                  res.table[["delta", "industry", "output_multiplier"]].reset_index(drop=True))
    spec = ch.to_dict()
    assert "not survey data" in spec["title"]["subtitle"]
    assert delta_sensitivity_chart(res, source="BNS 2022").to_dict()["title"]["subtitle"] == "Source: BNS 2022"


def test_two_region_bars_add_to_the_total_and_are_ordered(inputs):
    m = two_region_model(*inputs)
    ch = two_region_effects_chart(m)
    d = ch.data
    assert set(d["effect"]) == {"intraregional", "feedback", "spillover"}
    e = m.table[m.table["region"] == m.region].set_index("industry")
    np.testing.assert_allclose(d.groupby("industry")["value"].sum().loc[e.index].to_numpy(), e["total"].to_numpy(), rtol=1e-12)
    sort = ch.to_dict()["encoding"]["x"].get("sort") or ch.to_dict()["encoding"]["y"].get("sort")
    assert sort == list(e.sort_values("total", ascending=False).index)
    assert isinstance(ch, alt.Chart)
