"""The synthetic trade panel: seeded, flagged as synthetic, in the schema."""

from __future__ import annotations

import pandas as pd

from valuechain.datasets.synthetic_trade import synthetic_panel


def test_seeded_and_flagged():
    a = synthetic_panel(n_exporters=5, n_products=8, years=(2000, 2002), seed=3)
    b = synthetic_panel(n_exporters=5, n_products=8, years=(2000, 2002), seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs.get("synthetic") is True
    assert {"year", "exporter", "importer", "product", "value"} <= set(a.columns)
    assert sorted(a["year"].unique()) == [2000, 2001, 2002]
    assert (a["value"] >= 0).all() and a["exporter"].nunique() <= 5
    assert not a.duplicated(["year", "exporter", "importer", "product"]).any()
