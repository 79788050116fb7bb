"""The rest of the OECD TiVA list: import side, value added in final demand, services, EXGR_TDVAIND."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.gvc import (
    InterCountryTable,
    bm_decomposition,
    leontief_decomposition,
    read_decompr,
    tiva_indicators,
)


@pytest.fixture(scope="module")
def leather(shared_data):
    return read_decompr(shared_data / "leather_decompr_example")


def _hand():
    idx = pd.MultiIndex.from_tuples([("H", "x"), ("F", "x")])
    Z = pd.DataFrame([[20.0, 30.0], [20.0, 40.0]], index=idx, columns=idx)
    Y = pd.DataFrame([[30.0, 20.0], [40.0, 100.0]], index=idx, columns=["H", "F"])
    return InterCountryTable.from_frames(Z, Y)


def test_tiva_import_side_and_final_demand_by_hand():
    # B = [[.8, .15], [.2, .8]]/.61, v = (.6, .65), L_HH = 1.25, E_H = 50, imports of H: Z_FH + Y_FH = 20 + 40
    #   IMGR_H = 60, IMGRINT_H = 20; IMGR_DVA_H = v_H B_HF E_FH = .6*.15/.61*60 = 5.4/.61
    #   REII_H = a_FH L_HH e_H = .2*1.25*50 = 12.5; IMGRINT_REII_H = 12.5/20
    #   FD_VA_H = final demand of H = 30 + 40 = 70; DFD_FVA_H = v_F (B_FH*30 + B_FF*40) = .65*38/.61
    #   BALVAFD_H = FFD_DVA_H - DFD_FVA_H = 18.6/.61 - 24.7/.61 = -6.1/.61 = -10 = EXGR - IMGR
    t = tiva_indicators(_hand()).table.set_index("exporter").loc["H"]
    assert t["IMGR"] == pytest.approx(60.0) and t["IMGRINT"] == pytest.approx(20.0)
    assert t["IMGR_DVA"] == pytest.approx(5.4 / 0.61, rel=1e-12)
    assert t["REII"] == pytest.approx(12.5, rel=1e-12)
    assert t["IMGRINT_REII"] == pytest.approx(12.5 / 20, rel=1e-12)
    assert t["FD_VA"] == pytest.approx(70.0, rel=1e-12)
    assert t["DFD_FVA"] == pytest.approx(0.65 * 38 / 0.61, rel=1e-12)
    assert t["BALVAFD"] == pytest.approx(-10.0, rel=1e-12)
    assert t["EXGR_TDVAIND"] == pytest.approx(24 / 0.61, rel=1e-12)


def test_tiva_full_on_leather(leather):
    res = tiva_indicators(leather, services=["Transport_Equipment"])
    chk = res.check()
    assert chk["ok"].all(), chk[~chk["ok"]]
    c = res.table.set_index("exporter")
    # gross imports = R icio bm(dec, flow = "imports") GIMP: 81.2, 112.5, 131.8
    assert c["IMGR"].to_dict() == pytest.approx({"Argentina": 81.2, "Turkey": 112.5, "Germany": 131.8}, rel=1e-12)
    # re-exported intermediate imports (Hummels et al. VS) = Borin-Mancini backward participation FC + DDC
    bm = bm_decomposition(leather).table.set_index("exporter")
    assert c["REII"].to_numpy() == pytest.approx((bm["FC"] + bm["DDC"]).to_numpy(), rel=1e-12)
    # services shares from decompr's Leontief matrix (v B e, an independent code path)
    leo = leontief_decomposition(leather).matrix
    for s in c.index:
        cols = [k for k in leo.columns if k[0] == s] if isinstance(leo.columns[0], tuple) else [k for k in leo.columns if str(k).startswith(s)]
        rows_dom = [k for k in leo.index if (k[0] if isinstance(k, tuple) else str(k).split("|")[0]) == s
                    and (k[1] if isinstance(k, tuple) else str(k).split("|")[1]) == "Transport_Equipment"]
        rows_for = [k for k in leo.index if (k[0] if isinstance(k, tuple) else str(k).split("|")[0]) != s
                    and (k[1] if isinstance(k, tuple) else str(k).split("|")[1]) == "Transport_Equipment"]
        dva = leo.loc[rows_dom, cols].to_numpy().sum()
        fva = leo.loc[rows_for, cols].to_numpy().sum()
        assert c.loc[s, "EXGR_SERV_DVASH"] == pytest.approx(dva / c.loc[s, "EXGR"], rel=1e-10)
        assert c.loc[s, "EXGR_SERV_FVASH"] == pytest.approx(fva / c.loc[s, "EXGR"], rel=1e-10)
    # without service industries (leather's labels are not OECD codes) the shares are NaN
    assert tiva_indicators(leather).table["EXGR_SERV_DVASH"].isna().all()
