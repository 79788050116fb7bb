"""The Feser-Sweeney-Renski linkage inputs worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd

from valuechain.clusters.linkage import purchase_shares, sales_shares


def test_shares_by_hand():
    # a buys 30 from b and nothing else; b buys 10 from a: purchase shares by column, sales by row
    Z = pd.DataFrame([[0.0, 10.0, 0.0], [30.0, 0.0, 5.0], [10.0, 0.0, 0.0]], index=list("abc"), columns=list("abc"))
    p = purchase_shares(Z)
    np.testing.assert_allclose(p.loc["b", "a"], 30 / 40)  # a's purchases: 30 from b, 10 from c
    np.testing.assert_allclose(p.loc["c", "a"], 10 / 40)
    s = sales_shares(Z)
    np.testing.assert_allclose(s.loc["b", "a"], 30 / 35)  # b's sales: 30 to a, 5 to c
