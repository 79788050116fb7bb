"""Kaplan-Meier on spell counts, worked by hand.

Four spells: two end after 1 year, one after 2, one is still running (censored) after 3.
S(1) = 1 - 2/4 = 0.5; S(2) = 0.5 (1 - 1/2) = 0.25; S(3) = 0.25 (a censored spell drops out).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from valuechain.survival.kaplan_meier import KaplanMeierAnalysis

COUNTS = pd.DataFrame({"group": ["g"] * 3, "duration": [1, 2, 3], "event": [1, 1, 0], "count": [2, 1, 1]})


def test_survival_by_hand():
    r = KaplanMeierAnalysis().fit(COUNTS).result_
    g = r.table[r.table["group"] == "g"].set_index("time")
    np.testing.assert_allclose(g["survival"].loc[[0, 1, 2, 3]], [1.0, 0.5, 0.25, 0.25], rtol=1e-12)
    assert g["at_risk"].loc[[1, 2, 3]].tolist() == [4, 2, 1]
    assert ((g["ci_lower"] <= g["survival"]) & (g["survival"] <= g["ci_upper"])).all()
    assert r.identities_hold()
    assert len(repr(r).splitlines()) <= 10
