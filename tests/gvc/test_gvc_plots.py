"""GVC figures (valuechain.gvc.plots) on the decompr leather example: the charts draw the
result's numbers and shares, never recompute them."""

from __future__ import annotations

import numpy as np
import pytest

from valuechain.gvc import bm_decomposition, read_decompr, tiva_indicators
from valuechain.gvc.plots import decomposition_chart, fva_sources_chart, participation_chart

@pytest.fixture(scope="module")
def leather(shared_data):
    return read_decompr(shared_data / "leather_decompr_example")


def _data(chart):
    return chart.data


def test_participation_is_backward_plus_forward(leather):
    tiva = tiva_indicators(leather)
    ch = participation_chart(tiva, highlight="usa")
    d = _data(ch)
    t = tiva.at("country").set_index("exporter")
    tot = d.groupby("exporter")["share"].sum()
    np.testing.assert_allclose(tot.loc[t.index], (t["GVC_BACK"] + t["GVC_FWD"]).to_numpy())
    assert ch.to_dict()["title"]["subtitle"].startswith("Source: inter-country input-output table")


def test_decomposition_shares_add_to_one(leather):
    r = bm_decomposition(leather)
    d = _data(decomposition_chart(r, source="decompr leather"))
    np.testing.assert_allclose(d.groupby("exporter")["share"].sum().to_numpy(), 1.0, rtol=1e-9)


def test_fva_sources_top_and_shares(leather):
    tiva = tiva_indicators(leather)
    ex = tiva.at("country")["exporter"].iloc[0]
    d = _data(fva_sources_chart(tiva, ex, top=1))
    assert len(d) == 1 and d["share"].iloc[0] == pytest.approx(1.0)
    assert ex not in set(d["source_country"])
