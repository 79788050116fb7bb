"""Trade outcomes worked by hand: totals, year-on-year growth, CAGR."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.trade.outcomes import cagr, growth_rates, trade_totals

FLOWS = pd.DataFrame({"year": [2000, 2000, 2001, 2001], "exporter": ["A", "B", "A", "B"],
                      "importer": ["B", "A", "B", "A"], "product": ["010110"] * 4,
                      "value": [100.0, 40.0, 110.0, 50.0], "quantity": [1.0] * 4})


def test_totals_and_growth():
    t = trade_totals(FLOWS, country="A").set_index("year")
    assert t.loc[2000, "exports"] == 100.0 and t.loc[2000, "imports"] == 40.0  # imports: B's shipments to A
    g = growth_rates(FLOWS, country="A").set_index("year")
    assert np.isnan(g.loc[2000, "exports_yoy"])  # no previous year
    assert g.loc[2001, "exports_yoy"] == pytest.approx(10.0)  # 100 (110 / 100 - 1)
    assert g.loc[2001, "imports_yoy"] == pytest.approx(25.0)  # 100 (50 / 40 - 1)


def test_cagr_by_hand():
    out = cagr(pd.DataFrame({"year": [2000, 2002], "value": [100.0, 121.0]}), periods=[(2000, 2002)])
    assert out["cagr"].iloc[0] == pytest.approx(10.0)  # (121/100)^(1/2) - 1
