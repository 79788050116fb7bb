"""Cluster figures (valuechain.clusters.plots): they draw the analysis' own numbers (scree
eigenvalues with Kaiser's line at 1, loadings of one factor in descending order)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import pytest

from valuechain.clusters import ClusterAnalysis
from valuechain.clusters.plots import loadings_chart, scree_chart


@pytest.fixture(scope="module")
def ca():
    rng = np.random.default_rng(0)
    lab = list("abcdefghij")
    return ClusterAnalysis(threshold=0.5).fit(pd.DataFrame(rng.gamma(1.0, size=(10, 10)), index=lab, columns=lab))


def _data(ch):
    # Altair lifts the data shared by the layers to the layer chart
    return ch.layer[0].data if ch.data is alt.Undefined else ch.data


def test_scree_draws_the_eigenvalues_and_the_line_at_one(ca):
    ch = scree_chart(ca, max_components=3, source="my table")
    line, pts, rule = ch.layer
    d = _data(ch)
    pd.testing.assert_series_equal(d["eigenvalue"].reset_index(drop=True), ca.scree["eigenvalue"].head(3).reset_index(drop=True))
    assert set(d["kept"]) <= {"retained", "not retained"}
    assert (d["kept"] == "retained").tolist() == ca.scree["retained"].head(3).tolist()
    assert rule.data["y"].tolist() == [1.0]
    assert ch.to_dict()["title"]["subtitle"].startswith("Source: my table")
    assert len(_data(scree_chart(ca, max_components=None))) == len(ca.scree)


def test_loadings_of_one_factor_in_descending_order(ca):
    d = loadings_chart(ca, factor=1).data
    t = ca.table
    want = t[(t["factor"] == 1) & t["loading"].notna()]["loading"]
    assert sorted(d["loading"].tolist(), reverse=True) == d["loading"].tolist()
    assert sorted(d["loading"].tolist()) == sorted(want.tolist()) and len(d) > 0
