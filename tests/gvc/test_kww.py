"""Koopman-Wang-Wei (2014) terms (valuechain.gvc.kww) worked by hand.

Two countries, one industry. A sells to B intermediates (10) and final goods (20); B sells A
only final goods (30). Outputs 100 and 100; Z = [[20, 10], [0, 30]], so
A = [[0.2, 0.1], [0, 0.3]], v = (0.8, 0.6) and B = (I - A)^-1 = [[1.25, 0.1/0.56], [0, 1/0.7]].

A exports 30: DVA_FIN = 0.8 * 1.25 * 20 = 20; DVA_INT = 0.8 * (0.1/0.56) * 40 = 5.714286 (used by
B for its own final demand 40); RDV_FIN = 0.8 * (0.1/0.56) * 30 = 4.285714 (returns home in
B's final exports to A); no foreign content (A buys no inputs abroad).
B exports 30 of final goods: DVA_FIN = 0.6 * (1/0.7) * 30 = 25.714286; FVA_FIN = 0.8 * (0.1/0.56) * 30 = 4.285714.
"""

from __future__ import annotations

import numpy as np
import pytest

from valuechain.errors import ValidationError
from valuechain.gvc.kww import kww_decomposition
from valuechain.tables.intercountry import InterCountryTable

TERMS = ["DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC", "FVA_FIN", "FVA_INT", "FDC"]


@pytest.fixture(scope="module")
def table():
    Z = np.array([[20.0, 10.0], [0.0, 30.0]])
    Y = np.array([[50.0, 20.0], [30.0, 40.0]])  # columns: final demand of A, of B
    return InterCountryTable.from_arrays(Z, Y, countries=["A", "B"], industries=["i"])


def test_terms_by_hand(table):
    t = kww_decomposition(table).table.set_index("exporter")
    want = {
        "A": dict(DVA_FIN=20.0, DVA_INT=0.8 * 0.1 / 0.56 * 40, RDV_FIN=0.8 * 0.1 / 0.56 * 30),
        "B": dict(DVA_FIN=0.6 / 0.7 * 30, FVA_FIN=0.8 * 0.1 / 0.56 * 30),
    }
    for c, terms in want.items():
        for k in TERMS:
            assert t.loc[c, k] == pytest.approx(terms.get(k, 0.0), abs=1e-9), (c, k)
        assert t.loc[c, "GEXP"] == pytest.approx(30.0)
        assert t.loc[c, TERMS].sum() == pytest.approx(30.0)
    assert t.loc["A", "VAX"] == pytest.approx(20.0 + 0.8 * 0.1 / 0.56 * 40)  # absorbed abroad: terms 1-3
    assert t.loc["A", "VAX_JN"] == pytest.approx(t.loc["A", "VAX"])


def test_only_the_country_level(table):
    with pytest.raises(ValidationError, match="wwz"):
        kww_decomposition(table, level="bilateral")
