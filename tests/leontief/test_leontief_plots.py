"""The quadrant chart of key sectors: one point per industry, at its normalised linkages."""

from __future__ import annotations

import pandas as pd

from valuechain.leontief import key_sectors
from valuechain.leontief.plots import quadrant_chart
from valuechain.tables import IOTable

IND = ["a", "b", "c"]


def test_one_point_per_industry_with_hostile_labels():
    ind = ["a", "</script>b", "=HYPERLINK(\"c\")"]
    Z = pd.DataFrame([[20.0, 30.0, 5.0], [10.0, 40.0, 5.0], [5.0, 5.0, 10.0]], index=ind, columns=ind)
    x = pd.Series([100.0, 100.0, 50.0], index=ind)
    t = IOTable.from_frames(Z, pd.DataFrame({"P3_S14": x - Z.sum(axis=1)}), pd.DataFrame([x - Z.sum(axis=0)], index=["B1G"]), x)
    ks = key_sectors(t)
    spec = quadrant_chart(ks).to_dict()
    points = [d for v in spec["datasets"].values() for d in v if "sector" in d]
    assert sorted(d["sector"] for d in points) == sorted(ind)  # labels kept as data (escaped by Vega, never HTML)
    tab = ks.table.set_index(ks.table.columns[0]) if "sector" not in ks.table.columns else ks.table.set_index("sector")
    for d in points:  # the chart shows the result's numbers and classes
        assert d["class"] == tab.loc[d["sector"], "class"]
