"""Reference tests: published tables (Eurostat Manual, Spicosa/Netherlands), Miller & Blair,
and pymrio run side by side. Each expected number states its source and tolerance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain import ZeroOutputWarning
from valuechain.leontief import (
    effects,
    hypothetical_extraction,
    key_sectors,
    linkages,
    multipliers,
    rasmussen,
    total_linkages,
)
from valuechain.tables import IOTable, read_table

LABEL_COLS = ["prod_na", "prod_na_lab", "numeric_label", "quadrant"]
SECTORS = ["agriculture_group", "industry_group", "construction", "trade_group",
           "business_services_group", "other_services_group"]


def test_germany_output_multipliers(germany):
    # Eurostat Manual (2008) ch. 15, output multipliers (column sums of L), 4 dp.
    published = [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782]
    m = multipliers(germany)
    assert list(m.index) == SECTORS
    np.testing.assert_allclose(m["output"].to_numpy(), published, atol=5e-5)


def test_germany_gva_and_employment_multipliers(germany):
    # Eurostat Manual (2008) sec. 15 (p. 501): GVA multipliers and employment multipliers
    # (thousand persons per million EUR of final demand), 4 dp.
    gva = [0.8450, 0.7647, 0.8615, 0.9019, 0.9393, 0.9199]
    emp = [0.0326, 0.0162, 0.0207, 0.0237, 0.0112, 0.0242]
    m = multipliers(germany)
    np.testing.assert_allclose(m["value_added"].to_numpy(), gva, atol=5e-5)
    np.testing.assert_allclose(m["employment"].to_numpy(), emp, atol=5e-5)


def test_germany_leontief_and_ghosh_entries(germany):
    # Beutel Table 15.10 (p. 488): L[agri,agri] = 1.0339, L[manuf,manuf] = 1.4292,
    # L[constr,constr] = 1.0289; Ghosh inverse, agriculture column: 1.0339, 0.0118, 0.0037,
    # 0.0103, 0.0117, 0.0043.
    L = germany.L
    assert L.loc["agriculture_group", "agriculture_group"] == pytest.approx(1.0339, abs=5e-5)
    assert L.loc["industry_group", "industry_group"] == pytest.approx(1.4292, abs=5e-5)
    assert L.loc["construction", "construction"] == pytest.approx(1.0289, abs=5e-5)
    np.testing.assert_allclose(germany.G["agriculture_group"].to_numpy(),
                               [1.0339, 0.0118, 0.0037, 0.0103, 0.0117, 0.0043], atol=5e-5)


def test_germany_forward_linkages(germany, shared_data):
    # Eurostat Manual forward linkages (row sums of the Ghosh inverse), 4 dp:
    # 2.1126, 1.6691, 1.3558, 1.5848, 2.1037, 1.2106. Five of six are reproduced to 4 dp.
    # Manufacturing is not: the table gives (L x)_2 / x_2 = 1.6910 (Ghosh rows computed
    # either way, also via the explicit (I - B)^-1), 0.0219 above the printed 1.6691 -
    # the printed value looks like a digit slip (1.6910 -> 1.6691). The R iotables package
    # passes this check only through testthat's 1e-2 *mean relative* tolerance. Documented
    # in docs/leontief.md; we do not fudge it.
    fl = total_linkages(germany)["total_forward"]
    published = {"agriculture_group": 2.1126, "construction": 1.3558, "trade_group": 1.5848,
                 "business_services_group": 2.1037, "other_services_group": 1.2106}
    for s, v in published.items():
        assert fl[s] == pytest.approx(v, abs=5e-5), s
    # independent: the explicit Ghosh inverse from the raw file (B = z_ij / x_i with x = P1 row)
    raw = pd.read_csv(shared_data / "iotables_eurostat_examples" / "Beutel_15_4_esa2010.csv").set_index("iotables_row")
    Zr = raw.loc[SECTORS, SECTORS].to_numpy(float)
    xr = raw.loc["output", SECTORS].to_numpy(float)
    G_direct = np.linalg.inv(np.eye(6) - Zr / xr[:, None])
    np.testing.assert_allclose(fl.to_numpy(), G_direct.sum(axis=1), rtol=1e-12)
    assert abs(G_direct[1].sum() - 1.6691) > 0.02   # the printed manufacturing value is not reproducible


def test_germany_long_format_gives_same_multipliers(shared_data):
    # germany_1995.csv is the same table in the iotables long format (row, column, value)
    t = read_table(shared_data / "iotables_eurostat_examples" / "germany_1995.csv", format="long",
                   long_columns=("iotables_row", "iotables_col", "values"), rtol=1e-4)
    np.testing.assert_allclose(multipliers(t)["output"].to_numpy(),
                               [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782], atol=5e-5)


def test_netherlands_type_I_income_multipliers(netherlands):
    # Spicosa spec sheet, Type I income multipliers (published to 3 dp; tol 5e-4)
    published = [2.466, 2.333, 1.84, 2.372, 1.953, 1.417]
    m = multipliers(netherlands, type="I", kind="ratio")
    np.testing.assert_allclose(m["income"].to_numpy(), published, atol=5e-4)


def test_netherlands_type_II_income_multipliers(netherlands, shared_data):
    # Published Type II income multipliers: 3.6377, 3.4423, 2.7144, 3.4996, 2.8813, 2.0907.
    # The standard closure (Miller & Blair 2009, ch. 6: household row = compensation
    # coefficients, household column = household consumption / total compensation) gives
    # values 1.1 % higher, by the SAME factor in every sector (0.98893). In this closure
    # Type II / Type I = 1 / (1 - h'Lc) for every sector, so a constant ratio means the
    # publication used a household propensity to consume domestic output 2.3 % lower
    # (h'Lc = 0.3222 vs 0.3297); no total in the published table yields it, and the R
    # iotables package does not reproduce these numbers either. We test the structure
    # that must hold and document the gap (docs/leontief.md) instead of fitting it.
    published = np.array([3.6377, 3.4423, 2.7144, 3.4996, 2.8813, 2.0907])
    ours = multipliers(netherlands, type="II", kind="ratio")["income"].to_numpy()
    # independent check of the closure: the explicit 7 x 7 inverse from the raw table
    d = pd.read_csv(shared_data / "iotables_eurostat_examples" / "netherlands_2000.csv", index_col=0)
    ind = list(d.columns[:6])
    x = d.loc["output_bp", ind].to_numpy(float)
    coe = d.loc["compensation_employees", ind].to_numpy(float)
    Ab = np.zeros((7, 7))
    Ab[:6, :6] = d.loc[ind, ind].to_numpy(float) / x
    Ab[:6, 6] = d.loc[ind, "final_consumption_households"].to_numpy(float) / coe.sum()
    Ab[6, :6] = coe / x
    explicit = np.linalg.inv(np.eye(7) - Ab)[6, :6] / (coe / x)
    np.testing.assert_allclose(ours, explicit, rtol=1e-10)
    ratio = published / ours
    assert np.ptp(ratio) < 2e-4                    # the same factor in all six sectors ...
    assert 0.985 < ratio.mean() < 0.992            # ... about 1.1 % below the standard closure
    # Type II / Type I is constant across sectors (follows from L̄_{n+1,j} = (h'L)_j / (1 - h'Lc))
    t1 = multipliers(netherlands, type="I", kind="ratio")["income"].to_numpy()
    assert np.ptp(ours / t1) < 1e-12
    # the published Type II / Type I ratio is itself constant (3.6377 / 2.466 ... = 1.475)
    np.testing.assert_allclose(published / np.array([2.466, 2.333, 1.84, 2.372, 1.953, 1.417]), 1.4752, atol=2e-3)


# ----------------------------------------------------------------- Miller & Blair 2.3
def mb_table(**kw) -> IOTable:
    # Miller & Blair (2009) Table 2.3: Z = [[150, 500], [200, 100]], x = (1000, 2000),
    # final demand f = x - Z1 = (350, 1700), value added = x - 1'Z = (650, 1400).
    # Value added split into compensation D1 = (300, 500) and the rest (350, 900);
    # final demand split into households (100, 1200) and exports (250, 500) (our split).
    Z = pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=["s1", "s2"], columns=["s1", "s2"])
    Y = pd.DataFrame({"hh": [100.0, 1200.0], "exports": [250.0, 500.0]}, index=["s1", "s2"])
    V = pd.DataFrame([[300.0, 500.0], [350.0, 900.0]], index=["D1", "B2"], columns=["s1", "s2"])
    S = pd.DataFrame([[10.0, 30.0]], index=["jobs"], columns=["s1", "s2"])
    return IOTable.from_frames(Z, Y, V, satellite=S,
                               roles={"compensation": "D1", "households": "hh", "employment": "jobs"}, **kw)


def test_miller_blair_multipliers_hand_worked():
    t = mb_table()
    # det(I - A) = 0.85 * 0.95 - 0.25 * 0.20 = 0.7575; L = [[0.95, 0.25], [0.20, 0.85]] / 0.7575
    d = 0.7575
    m = multipliers(t)
    np.testing.assert_allclose(m["output"], [1.15 / d, 1.10 / d], rtol=1e-12)          # 1.5182, 1.4521
    # v = (650/1000, 1400/2000) = (0.65, 0.70): v'L = (0.65*0.95 + 0.7*0.2, 0.65*0.25 + 0.7*0.85) / d
    np.testing.assert_allclose(m["value_added"], [(0.6175 + 0.14) / d, (0.1625 + 0.595) / d], rtol=1e-12)
    # value added + imports = 1 here (no imports): v'L = 1' (I - A) L = 1'  -> both equal 1
    np.testing.assert_allclose(m["value_added"], [1.0, 1.0], rtol=1e-12)
    # h = (0.30, 0.25): h'L = (0.3*0.95 + 0.25*0.2, 0.3*0.25 + 0.25*0.85) / d = (0.335, 0.2875) / d
    np.testing.assert_allclose(m["income"], [0.335 / d, 0.2875 / d], rtol=1e-12)
    # e = (0.01, 0.015): e'L = (0.0095 + 0.003, 0.0025 + 0.01275) / d
    np.testing.assert_allclose(m["employment"], [0.0125 / d, 0.01525 / d], rtol=1e-12)
    r = multipliers(t, kind="ratio")
    np.testing.assert_allclose(r["income"], [0.335 / d / 0.3, 0.2875 / d / 0.25], rtol=1e-12)


def test_miller_blair_type_II_against_explicit_closed_inverse():
    t = mb_table()
    # closed model: c = (100, 1200) / 800 (total compensation) = (0.125, 1.5), h = (0.3, 0.25)
    Ab = np.array([[0.15, 0.25, 0.125], [0.20, 0.05, 1.5], [0.30, 0.25, 0.0]])
    Lb = np.linalg.inv(np.eye(3) - Ab)                   # the explicit (n+1) inverse
    m2 = multipliers(t, type="II")
    np.testing.assert_allclose(m2["income"], Lb[2, :2], rtol=1e-12)
    np.testing.assert_allclose(m2["output"], Lb[:2, :2].sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(m2["employment"], np.array([0.01, 0.015]) @ Lb[:2, :2], rtol=1e-12)
    # by hand: h'L = (0.335, 0.2875) / 0.7575; k = h'Lc = (0.335*0.125 + 0.2875*1.5) / 0.7575
    # = 0.473125 / 0.7575; 1 - k = 0.284375 / 0.7575, so Type II income = h'L / (1 - k)
    # = (0.335, 0.2875) / 0.284375 = (1.178022, 1.010989)
    np.testing.assert_allclose(m2["income"], [0.335 / 0.284375, 0.2875 / 0.284375], rtol=1e-12)
    e = effects(t, "income")
    np.testing.assert_allclose(e["direct"] + e["indirect"] + e["induced"], e["total_type_II"], rtol=1e-12)


def test_miller_blair_linkages_hand_worked():
    t = mb_table()
    d = 0.7575
    lk = linkages(t, "all")
    # Chenery-Watanabe: column sums of A = (0.35, 0.30); row sums of B = x^-1 Z: (650/1000, 300/2000)
    np.testing.assert_allclose(lk["chenery_watanabe_backward"], [0.35, 0.30], rtol=1e-12)
    np.testing.assert_allclose(lk["chenery_watanabe_forward"], [0.65, 0.15], rtol=1e-12)
    # Rasmussen: sum of L = 2.25 / d; backward = 2 * (1.15, 1.10) / 2.25, forward = 2 * (1.2, 1.05) / 2.25
    np.testing.assert_allclose(lk["rasmussen_backward"], [2.3 / 2.25, 2.2 / 2.25], rtol=1e-12)
    np.testing.assert_allclose(lk["rasmussen_forward"], [2.4 / 2.25, 2.1 / 2.25], rtol=1e-12)
    # CV of column 1 of L = (0.95, 0.20)/d: mean 0.575/d, sd (n-1) = 0.75/sqrt(2)/d
    np.testing.assert_allclose(lk["rasmussen_backward_cv"].iloc[0], (0.75 / np.sqrt(2)) / 0.575, rtol=1e-12)
    # Ghosh row sums (L x)_i / x_i: (0.95*1000 + 0.25*2000) / (d*1000), (0.2*1000 + 0.85*2000) / (d*2000)
    np.testing.assert_allclose(lk["total_forward"], [1450 / (d * 1000), 1900 / (d * 2000)], rtol=1e-12)
    # total extraction of s1 (row, column and final demand removed): x2 = 1700 / 0.95 = 1789.47;
    # loss = 3000 - 1789.47 = 1210.53
    assert lk["extraction_total"].iloc[0] == pytest.approx(3000 - 1700 / 0.95, rel=1e-12)
    # backward extraction of s1 (column 1 of A zero): x2 = 1700/0.95, x1 = 350 + 0.25 x2 -> loss 413.16
    x2 = 1700 / 0.95
    assert lk["extraction_backward"].iloc[0] == pytest.approx(3000 - (x2 + 350 + 0.25 * x2), rel=1e-12)
    # Hazari weights w = (350, 1700) / 2050
    w = np.array([350, 1700]) / 2050
    L = np.array([[0.95, 0.25], [0.20, 0.85]]) / d
    np.testing.assert_allclose(lk["hazari_backward"], 2 * (w @ L) / (w @ L).sum(), rtol=1e-12)
    # s1 is above average on both Rasmussen indices: key; s2 below on both: weak
    ks = key_sectors(t)
    assert list(ks.table["class"]) == ["key", "weak"]


def test_extraction_closed_form_equals_brute_force(shared_data):
    # brute force on the German table: re-solve with the sector's links removed
    t = read_table(shared_data / "iotables_eurostat_examples" / "Beutel_15_4_esa2010.csv",
                   label_column="iotables_row", ignore=LABEL_COLS, rtol=1e-4)
    A, B = t.A.to_numpy(), t.B.to_numpy()
    x, y = t.x.to_numpy(), t.Z.sum(axis=0).rsub(0).to_numpy() * 0 + (t.x - t.Z.sum(axis=1)).to_numpy()
    p = x - t.Z.to_numpy().sum(axis=0)
    ex = hypothetical_extraction(t)
    n = t.n
    for j in range(n):
        Ab = A.copy(); Ab[:, j] = 0
        xb = np.linalg.solve(np.eye(n) - Ab, y)
        assert ex["extraction_backward"].iloc[j] == pytest.approx(x.sum() - xb.sum(), rel=1e-9)
        Bb = B.copy(); Bb[j, :] = 0
        xf = np.linalg.solve((np.eye(n) - Bb).T, p)
        assert ex["extraction_forward"].iloc[j] == pytest.approx(x.sum() - xf.sum(), rel=1e-9)
        keep = [i for i in range(n) if i != j]
        xr = np.linalg.solve(np.eye(n - 1) - A[np.ix_(keep, keep)], y[keep])
        assert ex["extraction_total"].iloc[j] == pytest.approx(x.sum() - xr.sum(), rel=1e-9)


def test_pymrio_side_by_side_wiod_245(shared_data):
    pymrio = pytest.importorskip("pymrio")
    d = shared_data / "wiod2011_decompr_7reg35ind"
    Z = pd.read_csv(d / "Z_intermediate.csv", index_col=0)
    Y = pd.read_csv(d / "Y_final_demand.csv", index_col=0)
    x = pd.read_csv(d / "x_output.csv", index_col=0)["output"]
    # WIOD x is the published output; rows balance only to rounding (worst: Other EU c5,
    # 6934 vs 6947, 0.19 %), hence rtol=5e-3
    # fd5 = changes in inventories (may be negative)
    inv = [c for c in Y.columns if c.endswith("|fd5")]
    with pytest.warns(ZeroOutputWarning, match="China"):  # China c19 and c35 have zero output
        t = IOTable.from_frames(Z, Y, None, x, rtol=5e-3, roles={"negative_ok": inv},
                                name="WIOD 2011, 7 regions x 35 industries as one table")
    mi = pd.MultiIndex.from_tuples([tuple(s.split("|")) for s in Z.index], names=["region", "sector"])
    fdi = pd.MultiIndex.from_tuples([tuple(s.split("|")) for s in Y.columns], names=["region", "category"])
    io = pymrio.IOSystem(
        Z=pd.DataFrame(Z.to_numpy(), index=mi, columns=mi),
        Y=pd.DataFrame(Y.to_numpy(), index=mi, columns=fdi),
        x=pd.DataFrame({"indout": x.to_numpy()}, index=mi),
    )
    io.calc_all()
    np.testing.assert_allclose(t.A.to_numpy(), io.A.to_numpy(), rtol=0, atol=1e-10)
    np.testing.assert_allclose(t.L.to_numpy(), io.L.to_numpy(), rtol=0, atol=1e-10)
    np.testing.assert_allclose(multipliers(t)["output"].to_numpy(), io.L.to_numpy().sum(axis=0), rtol=0, atol=1e-10)
    # pymrio's Ghosh matrices are transposed relative to Miller & Blair (rows = buyers)
    if getattr(io, "G", None) is not None:
        np.testing.assert_allclose(t.G.to_numpy(), io.G.to_numpy().T, rtol=0, atol=1e-8)
    assert rasmussen(t)["rasmussen_backward"].mean() == pytest.approx(1.0, rel=1e-12)
