"""Balassa RCA on a 2-exporter x 2-product example worked by hand.

World: p1 = 30 + 20 = 50, p2 = 10 + 40 = 50 (total 100, shares 0.5, 0.5). A exports 40:
p1 share 0.75 -> RCA 1.5; p2 0.25 -> 0.5. B exports 60: p1 1/3 -> 2/3; p2 2/3 -> 4/3.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from valuechain.trade.rca import rca

FLOWS = pd.DataFrame({"year": [2000] * 4, "exporter": ["A", "A", "B", "B"], "importer": ["X"] * 4,
                      "product": ["010110", "020110", "010110", "020110"], "value": [30.0, 10.0, 20.0, 40.0],
                      "quantity": [1.0] * 4})


def test_rca_by_hand():
    r = rca(FLOWS)
    np.testing.assert_allclose(r["rca"], [1.5, 0.5, 2 / 3, 4 / 3], rtol=1e-12)
    assert r["mcp"].tolist() == [1, 0, 0, 1]


def test_one_country_with_world_totals():
    world = pd.DataFrame({"year": [2000, 2000], "product": ["010110", "020110"], "value": [50.0, 50.0]})
    r = rca(FLOWS[FLOWS.exporter == "A"], world=world, country="A")
    np.testing.assert_allclose(r["rca"], [1.5, 0.5], rtol=1e-12)
