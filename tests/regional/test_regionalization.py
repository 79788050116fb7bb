"""Regionalization by SLQ and the output multipliers, worked by hand.

National A = [[0.2, 0.3], [0.1, 0.4]] (Z = [[20, 30], [10, 40]], x = 100, 100). Employment:
national (10, 10), regional (1, 3): regional share 4/20 = 0.2, so SLQ_1 = (1/4)/(10/20) = 0.5
and SLQ_2 = (3/4)/(10/20) = 1.5, capped at 1: A^r = [[0.1, 0.15], [0.1, 0.4]].
Output multipliers of the national A: 0.7/0.45 and 1.1/0.45 (see tests/test_iomath.py).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from valuechain.regional.regionalization import output_multipliers, regionalize
from valuechain.tables import IOTable

IND = ["a", "b"]


def _table():
    return IOTable.from_frames(pd.DataFrame([[20.0, 30.0], [10.0, 40.0]], index=IND, columns=IND),
                               pd.DataFrame({"P3_S14": [50.0, 50.0]}, index=IND),
                               pd.DataFrame([[70.0, 30.0]], index=["B1G"], columns=IND), pd.Series([100.0, 100.0], index=IND))


def test_slq_regional_coefficients_by_hand():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = regionalize(_table(), pd.Series([1.0, 3.0], index=IND), pd.Series([10.0, 10.0], index=IND), method="slq")
    np.testing.assert_allclose(r.io_table.A.to_numpy(), [[0.1, 0.15], [0.1, 0.4]], rtol=1e-12)
    assert r.identities_hold()


def test_output_multipliers_by_hand():
    m = output_multipliers(_table().A)
    np.testing.assert_allclose(m.to_numpy(), [0.7 / 0.45, 1.1 / 0.45], rtol=1e-12)
    assert m.name == "output_multiplier"
