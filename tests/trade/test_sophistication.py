"""PRODY and EXPY (Hausmann, Hwang & Rodrik 2007) worked by hand.

A exports 30 of p1 and 10 of p2 (shares 0.75, 0.25), B 20 and 40 (1/3, 2/3); GDP per capita
1000 and 3000. PRODY(p1) = (0.75*1000 + 1/3*3000) / (0.75 + 1/3) = 21000/13;
PRODY(p2) = (0.25*1000 + 2/3*3000) / (0.25 + 2/3) = 27000/11; EXPY(A) = 0.75 PRODY(p1) + 0.25 PRODY(p2).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from valuechain.trade.sophistication import expy, prody

FLOWS = pd.DataFrame({"year": [2000] * 4, "exporter": ["A", "A", "B", "B"], "importer": ["X"] * 4,
                      "product": ["010110", "020110", "010110", "020110"], "value": [30.0, 10.0, 20.0, 40.0],
                      "quantity": [1.0] * 4})
GDPPC = pd.DataFrame({"year": [2000, 2000], "country": ["A", "B"], "gdppc": [1000.0, 3000.0]})


def test_prody_and_expy_by_hand():
    p = prody(FLOWS, GDPPC).set_index("product")["prody"]
    np.testing.assert_allclose(p[["010110", "020110"]], [21000 / 13, 27000 / 11], rtol=1e-12)
    e = expy(FLOWS, GDPPC, country="A")
    col = [c for c in e.columns if c.lower() == "expy"][0]
    np.testing.assert_allclose(e[col].iloc[0], 0.75 * 21000 / 13 + 0.25 * 27000 / 11, rtol=1e-12)
