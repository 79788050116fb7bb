"""Position measures: a hand-worked 2-country x 1-industry table, identities on random tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valuechain.datasets import synthetic_icio
from valuechain.gvc import InterCountryTable, position_measures


def _hand():
    # Z = [[20, 30], [20, 40]], final demand H: (30 at home, 20 to F), F: (40 to H, 100 at home)
    # x = (100, 200)
    idx = pd.MultiIndex.from_tuples([("H", "x"), ("F", "x")])
    Z = pd.DataFrame([[20.0, 30.0], [20.0, 40.0]], index=idx, columns=idx)
    Y = pd.DataFrame([[30.0, 20.0], [40.0, 100.0]], index=idx, columns=["H", "F"])
    return InterCountryTable.from_frames(Z, Y)


def test_position_two_country_by_hand():
    # Allocation coefficients Delta = xhat^-1 Z = [[.2, .3], [.1, .2]]; I - Delta has det .61 and
    # inverse [[.8, .3], [.1, .8]]/.61, so U = (1.1, .9)/.61.
    # Technical coefficients A = Z xhat^-1 = [[.2, .15], [.2, .2]]; L = [[.8, .15], [.2, .8]]/.61,
    # D = 1'L = (1.0, .95)/.61.
    # APL forward: r = L1 - 1 = (.34, .39)/.61; L r = (.8*.34 + .15*.39, .2*.34 + .8*.39)/.61^2
    #   = (.3305, .38)/.3721, APL_f = (.3305/(.34*.61), .38/(.39*.61)).
    # APL backward: c = D - 1 = (.39, .34)/.61; c L = (.39*.8 + .34*.2, .39*.15 + .34*.8)/.3721
    #   = (.38, .3305)/.3721, APL_b = (.38/(.39*.61), .3305/(.34*.61)).
    # Foreign input share: H buys 20 (H) + 20 (F) -> .5; F buys 30 (H) + 40 (F) -> 30/70.
    r = position_measures(_hand()).table.set_index("country")
    assert r.loc["H", "upstreamness"] == pytest.approx(1.1 / 0.61, rel=1e-12)
    assert r.loc["F", "upstreamness"] == pytest.approx(0.9 / 0.61, rel=1e-12)
    assert r.loc["H", "downstreamness"] == pytest.approx(1.0 / 0.61, rel=1e-12)
    assert r.loc["F", "downstreamness"] == pytest.approx(0.95 / 0.61, rel=1e-12)
    assert r.loc["H", "apl_forward"] == pytest.approx(0.3305 / (0.34 * 0.61), rel=1e-12)
    assert r.loc["F", "apl_forward"] == pytest.approx(0.38 / (0.39 * 0.61), rel=1e-12)
    assert r.loc["H", "apl_backward"] == pytest.approx(0.38 / (0.39 * 0.61), rel=1e-12)
    assert r.loc["F", "apl_backward"] == pytest.approx(0.3305 / (0.34 * 0.61), rel=1e-12)
    assert r.loc["H", "foreign_input_share"] == pytest.approx(0.5, rel=1e-12)
    assert r.loc["F", "foreign_input_share"] == pytest.approx(30 / 70, rel=1e-12)
    assert list(r.reset_index().columns[:4]) == ["country", "industry", "upstreamness", "downstreamness"]


def test_gvc_length_and_koopman_position_two_country_by_hand():
    # One industry per country: local inverses L_HH = L_FF = 1/(1 - .2) = 1.25;
    # A^F = [[0, .15], [.2, 0]]; B = [[.8, .15], [.2, .8]]/.61; y = (50, 140); x = B y = (100, 200);
    # v = (.6, .65).
    # Forward, H: A^F x = (.15*200, .2*100) = (30, 20); V_GVC_H = .6*1.25*30 = 22.5;
    #   B x = (.8*100 + .15*200, .2*100 + .8*200)/.61 = (110, 180)/.61; A^F B x = (.15*180, .2*110)/.61 = (27, 22)/.61
    #   X_H = .6*(1.25^2*30 + 1.25*27/.61) = .6*(46.875 + 33.75/.61)
    #   PLv_GVC_H = X_H / V_GVC_H.
    # Koopman: IV_H = v_H B_HF E_F = .6*.15/.61*60 = 5.4/.61; FV_H = v_F B_FH E_H = .65*.2/.61*50 = 6.5/.61
    #   GVC position_H = ln(1 + 5.4/.61/50) - ln(1 + 6.5/.61/50)
    res = position_measures(_hand())
    n = res.table.set_index("country")
    xh = 0.6 * (1.25 ** 2 * 30 + 1.25 * 27 / 0.61)
    assert n.loc["H", "gvc_length_forward"] == pytest.approx(xh / 22.5, rel=1e-12)
    c = res.at("country").set_index("country")
    assert c.loc["H", "gvc_position"] == pytest.approx(np.log(1 + 5.4 / 0.61 / 50) - np.log(1 + 6.5 / 0.61 / 50), rel=1e-12)
    # backward, H: v'L A^F = (.65*1.25*.2, .6*1.25*.15) = (.1625, .1125) per unit of (H, F) output;
    #   (v L A^F) B = (.1625*.8 + .1125*.2, .1625*.15 + .1125*.8)/.61 = (.1525, .114375)/.61
    #   V_b_H = .1525/.61*50; X_b_H = [v L L A^F B + v L A^F B B]_H * 50
    #   v L L A^F = 1.25*(.1625, .1125) = (.203125, .140625); its B product: (.203125*.8+.140625*.2, ...)/.61
    vLLAF_B_H = (0.203125 * 0.8 + 0.140625 * 0.2) / 0.61
    q = np.array([0.1525, 0.114375]) / 0.61
    qBB_H = (q[0] * 0.8 + q[1] * 0.2) / 0.61
    assert n.loc["H", "gvc_length_backward"] == pytest.approx((vLLAF_B_H + qBB_H) / q[0], rel=1e-12)
    assert res.identities_hold()


tables = st.builds(lambda G, N, seed: synthetic_icio(G, N, seed=seed, categories=2),
                   st.integers(2, 4), st.integers(1, 4), st.integers(0, 10_000))


@settings(max_examples=20)
@given(tables)
def test_position_identities_on_random_tables(table):
    r = position_measures(table)
    chk = r.check(rtol=1e-9)
    assert chk["ok"].all(), chk[~chk["ok"]]
    n = r.table
    # upstreamness is 1 + the allocation-weighted upstreamness of the buyers (Antras et al. 2012, eq. 2)
    Z, x = table.Z.to_numpy(), table.x.to_numpy()
    U = n["upstreamness"].to_numpy()
    assert np.allclose(U, 1 + (Z / x[:, None]) @ U, rtol=1e-10)
    # downstreamness: D = 1 + D A (column recursion of L)
    D = n["downstreamness"].to_numpy()
    assert np.allclose(D, 1 + D @ (Z / x[None, :]), rtol=1e-10)
    # APL >= 1 (every path has at least one step)
    assert (n[["apl_forward", "apl_backward"]].to_numpy() >= 1 - 1e-12).all()
