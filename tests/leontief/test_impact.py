"""Impact analysis (valuechain.leontief.impact): hand-worked Miller & Blair numbers, the
Eurostat Manual's Germany 1995 table, the Netherlands 2000 income multipliers, and
property tests of the identities. Each expected number states its source and tolerance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import valuechain as vc
from valuechain import ValidationError
from valuechain.leontief import ImpactResult, impact
from valuechain.tables import IOTable

LABEL_COLS = ["prod_na", "prod_na_lab", "numeric_label", "quadrant"]
SECTORS = ["agriculture_group", "industry_group", "construction", "trade_group",
           "business_services_group", "other_services_group"]


def mb_table(**kw) -> IOTable:
    # Miller & Blair (2009) Table 2.3: Z = [[150, 500], [200, 100]], x = (1000, 2000), so
    # A = [[.15, .25], [.20, .05]] (their eq. 2.8). Value added (650, 1400) split into
    # compensation D1 = (300, 500) and the rest; final demand (350, 1700) into households
    # (100, 1200) and exports (250, 500); jobs (10, 30) (our splits, for Type II and jobs).
    Z = pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=["s1", "s2"], columns=["s1", "s2"])
    Y = pd.DataFrame({"hh": [100.0, 1200.0], "exports": [250.0, 500.0]}, index=["s1", "s2"])
    V = pd.DataFrame([[300.0, 500.0], [350.0, 900.0]], index=["D1", "B2"], columns=["s1", "s2"])
    S = pd.DataFrame([[10.0, 30.0]], index=["jobs"], columns=["s1", "s2"])
    return IOTable.from_frames(Z, Y, V, satellite=S,
                               roles={"compensation": "D1", "households": "hh", "employment": "jobs"}, **kw)


# ----------------------------------------------------------------- Miller & Blair ch. 2 and 6
def test_miller_blair_sec_2_3_new_final_demand():
    # Miller & Blair (2009) sec. 2.3.3: f_new = (600, 1500) needs x = L f = (1247.52, 1841.58)
    # (their numbers, printed to 2 dp; L = [[1.2541, .3300], [.2640, 1.1221]])
    r = impact(mb_table(), pd.Series({"s1": 600.0, "s2": 1500.0}))
    t = r.table.set_index("industry")
    np.testing.assert_allclose(t.loc[["s1", "s2"], "output_total"], [1247.52, 1841.58], atol=0.01)
    np.testing.assert_allclose(t.loc[["s1", "s2"], "output_direct"], [600.0, 1500.0])
    np.testing.assert_allclose(t.loc[["s1", "s2"], "output_indirect"], [647.52, 341.58], atol=0.01)
    assert t.loc["total", "output_total"] == pytest.approx(1247.52 + 1841.58, abs=0.02)
    # value added v = (.65, .70): 0.65 * 1247.52 = 810.89, 0.70 * 1841.58 = 1289.11 (by hand)
    np.testing.assert_allclose(t.loc[["s1", "s2"], "value_added_total"], [810.89, 1289.11], atol=0.01)
    # jobs e = (.01, .015) per unit of output: 12.4752 and 27.6237
    np.testing.assert_allclose(t.loc[["s1", "s2"], "employment_total"], [12.4752, 27.6237], atol=1e-3)
    assert list(r.table.columns) == ["industry"] + [f"{i}_{p}" for i in ("output", "value_added", "income", "employment")
                                                     for p in ("direct", "indirect", "total")]
    assert r.identities_hold()


def test_miller_blair_type_II_against_explicit_closed_inverse():
    # closed model (Miller & Blair 2009, ch. 6): c = (100, 1200) / 800 = (0.125, 1.5), h = (0.3, 0.25)
    Ab = np.array([[0.15, 0.25, 0.125], [0.20, 0.05, 1.5], [0.30, 0.25, 0.0]])
    Lb = np.linalg.inv(np.eye(3) - Ab)      # the explicit (n+1) inverse, an independent route
    r = impact(mb_table(), {"s1": 100.0}, type="II")
    t = r.table.set_index("industry")
    np.testing.assert_allclose(t.loc[["s1", "s2"], "output_total"], 100 * Lb[:2, 0], rtol=1e-12)
    # Type I by hand: L e1 = (0.95, 0.20) / 0.7575
    np.testing.assert_allclose(t.loc[["s1", "s2"], "output_direct"] + t.loc[["s1", "s2"], "output_indirect"],
                               [95 / 0.7575, 20 / 0.7575], rtol=1e-12)
    # the income total is the household row of the closed inverse: 100 * 1.178022 (hand-worked)
    assert t.loc["total", "income_total"] == pytest.approx(100 * 0.335 / 0.284375, rel=1e-12)
    assert t.loc["total", "income_total"] == pytest.approx(100 * Lb[2, 0], rel=1e-12)
    assert (t["output_induced"] > 0).all()
    assert r.identities_hold()
    assert "output_induced" in r.table and r.type == "II"


def test_doctest_layout_without_indicators():
    t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"])
    r = impact(t, [600.0, 1500.0])
    # the only primary row is value added by default, so value added is reported too
    assert list(r.table["industry"]) == ["1", "2", "total"]
    assert r.table["output_total"].iloc[-1] == pytest.approx(1247.52 + 1841.58, abs=0.02)


# ----------------------------------------------------------------- published tables
def test_germany_unit_shocks_give_published_multipliers(germany):
    # Eurostat Manual (2008) ch. 15 (as used by the R iotables tests): output multipliers
    # 1.7048 ... 1.3782 (4 dp), GVA multipliers 0.8450 ... 0.9199, employment 0.0326 ... 0.0242
    # (tol 1e-3). A shock of 1 in industry j (one year each) gives them as total effects.
    out_m = [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782]
    gva_m = [0.8450, 0.7647, 0.8615, 0.9019, 0.9393, 0.9199]
    emp_m = [0.0326, 0.0162, 0.0207, 0.0237, 0.0112, 0.0242]
    shock = pd.DataFrame({"year": range(2001, 2007), "industry": SECTORS, "final_demand": 1.0})
    r = impact(germany, shock)
    tot = r.table[(r.table["industry"] == "total") & (r.table["year"] != "total")]
    assert list(tot["year"]) == [str(y) for y in range(2001, 2007)]
    np.testing.assert_allclose(tot["output_total"], out_m, atol=5e-5)
    np.testing.assert_allclose(tot["value_added_total"], gva_m, atol=5e-5)
    np.testing.assert_allclose(tot["employment_total"], emp_m, atol=1e-3)
    assert r.identities_hold()
    # the total block adds the years: output total = sum of the published multipliers
    grand = r.totals()
    assert grand["output_total"].iat[0] == pytest.approx(sum(out_m), abs=6 * 5e-5)


def test_germany_type_II_adds_induced(germany):
    r1 = impact(germany, {"construction": 100.0})
    r2 = impact(germany, {"construction": 100.0}, type="II")
    t1, t2 = r1.totals(), r2.totals()
    assert t2["output_direct"].iat[0] == t1["output_direct"].iat[0] == 100.0
    assert t2["output_indirect"].iat[0] == pytest.approx(t1["output_indirect"].iat[0], rel=1e-12)
    assert t2["output_induced"].iat[0] > 0
    assert r2.identities_hold()


def test_netherlands_type_I_income_effects(netherlands):
    # Spicosa spec sheet: Type I income multipliers 2.466, 2.333, 1.84, 2.372, 1.953, 1.417 (3 dp):
    # total income effect / direct income effect of a unit shock in each industry
    published = [2.466, 2.333, 1.84, 2.372, 1.953, 1.417]
    ours = []
    for j in netherlands.industries:
        tot = impact(netherlands, {j: 1.0}).totals()
        ours.append(tot["income_total"].iat[0] / tot["income_direct"].iat[0])
    np.testing.assert_allclose(ours, published, atol=5e-4)


# ----------------------------------------------------------------- properties
@st.composite
def tables_and_shocks(draw):
    n = draw(st.integers(2, 6))
    A = draw(arrays(np.float64, (n, n), elements=st.floats(0.0, 1.0)))
    A = A / A.sum(axis=0, keepdims=True).clip(min=1e-9) * draw(st.floats(0.05, 0.9))
    f = draw(arrays(np.float64, n, elements=st.floats(10.0, 1000.0)))
    x = np.linalg.solve(np.eye(n) - A, f)          # x = L f > 0, so final demand is positive
    Z = A * x[None, :]
    va = x - Z.sum(axis=0)
    hh = f * draw(st.floats(0.1, 0.6))
    labels = [f"i{k}" for k in range(n)]
    t = IOTable.from_frames(pd.DataFrame(Z, index=labels, columns=labels),
                            pd.DataFrame({"hh": hh, "other": f - hh}, index=labels),
                            pd.DataFrame([0.5 * va, 0.5 * va], index=["coe", "gos"], columns=labels),
                            pd.Series(x, index=labels), roles={"compensation": "coe", "households": "hh"},
                            check_balance="ignore", flags=("synthetic",))
    s1 = draw(arrays(np.float64, n, elements=st.floats(-100.0, 100.0)))
    s2 = draw(arrays(np.float64, n, elements=st.floats(-100.0, 100.0)))
    return t, A, s1, s2


@given(tables_and_shocks())
def test_identities_and_linearity(data):
    t, A, s1, s2 = data
    n = t.n
    r1 = impact(t, s1)
    assert r1.identities_hold(), r1.check()
    x = r1.table["output_total"].to_numpy()[:n]
    np.testing.assert_allclose((np.eye(n) - A) @ x, s1, atol=1e-8 * max(1.0, np.abs(x).max()))
    r12 = impact(t, s1 + s2)
    r2 = impact(t, s2)
    num = [c for c in r1.table.columns if c != "industry"]
    np.testing.assert_allclose(r12.table[num], r1.table[num] + r2.table[num], atol=1e-8 * (1 + np.abs(r12.table[num].to_numpy()).max()))
    try:
        rII = impact(t, s1, type="II")
    except vc.NotProductiveError:
        return
    assert rII.identities_hold()
    np.testing.assert_allclose(rII.table["output_indirect"], r1.table["output_indirect"], atol=1e-8 * (1 + np.abs(x).max()))
    assert r1.flags == ("synthetic",)


def test_multi_year_blocks_add_up():
    shock = pd.DataFrame({"year": [2026, 2026, 2027, 2027], "industry": ["s1", "s2", "s1", "s1"],
                          "final_demand": [10.0, 20.0, 5.0, 5.0]})
    r = impact(mb_table(), shock)
    t = r.table
    assert list(t["year"].unique()) == ["2026", "2027", "total"]
    assert len(t) == 9                       # 2 industries + total row, 3 blocks
    one = impact(mb_table(), {"s1": 20.0, "s2": 20.0}).table
    tot = t[t["year"] == "total"].drop(columns="year").reset_index(drop=True)
    pd.testing.assert_frame_equal(tot, one, check_exact=False, rtol=1e-12)
    assert r.identities_hold()
    assert "total block = sum over years" in set(r.check()["identity"])
    assert "Type I effects" in r.summary()


def test_flags_are_carried():
    r = impact(mb_table(flags=("synthetic",)), {"s1": 1.0})
    assert r.flags == ("synthetic",)
    assert "synthetic" in r.summary()
    assert isinstance(r, ImpactResult) and vc.impact is impact


# ----------------------------------------------------------------- bad input
@pytest.mark.parametrize("shock, msg", [
    ({"nope": 1.0}, "not in the table"),
    (pd.DataFrame({"industry": ["s1"], "value": [1.0]}), "no column final_demand"),
    (pd.DataFrame({"industry": ["s1"], "final_demand": ["x"]}), "non-numeric"),
    (pd.DataFrame({"industry": ["s1"], "final_demand": [1.0], "year": ["soon"]}), "year"),
    ([1.0, 2.0, 3.0], "3 values"),
    (pd.DataFrame({"industry": [], "final_demand": []}), "empty"),
])
def test_bad_shocks(shock, msg):
    with pytest.raises(ValidationError, match=msg):
        impact(mb_table(), shock)


def test_bad_type_and_missing_roles():
    with pytest.raises(ValidationError, match="type"):
        impact(mb_table(), {"s1": 1.0}, type="III")
    t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"])
    with pytest.raises(ValidationError, match="compensation"):
        impact(t, {"1": 1.0}, type="II")
    with pytest.raises(TypeError):
        impact("table.csv", {"1": 1.0})
