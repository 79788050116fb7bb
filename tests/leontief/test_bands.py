"""Monte Carlo bands for every linkage method, key-sector probabilities with any method pair
and the CV filter, Type II multipliers and impacts (valuechain.leontief.uncertainty), against
closed forms: no error gives the point; a tiny error gives the first-order spread of the
closed inverse and scales linearly; the Chenery-Watanabe column sums have exact moments;
the CV filter's limits reproduce the unfiltered and the all-weak probabilities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.leontief import (
    LINKAGE_METHODS,
    Uncertainty,
    closed_model,
    impact,
    impact_uncertainty,
    key_sectors,
    key_sectors_uncertainty,
    linkages,
    linkages_uncertainty,
    multipliers,
    multipliers_uncertainty,
)
from valuechain.tables import IOTable

CLASSES = ["key", "backward", "forward", "weak"]
Z90 = 1.6448536269514722  # the 95 % point of N(0, 1)

A5 = np.array([[0.10, 0.20, 0.05, 0.10, 0.02],
               [0.15, 0.05, 0.20, 0.05, 0.10],
               [0.05, 0.10, 0.10, 0.20, 0.05],
               [0.20, 0.05, 0.10, 0.05, 0.15],
               [0.02, 0.08, 0.04, 0.10, 0.06]])
X5 = np.array([100.0, 80.0, 120.0, 90.0, 60.0])


def table5(flags=()) -> IOTable:
    """A 5-industry table with compensation, households, exports, imports and jobs (invented)."""
    lab = [f"i{k}" for k in range(5)]
    Z = A5 * X5[None, :]
    f = X5 - Z.sum(axis=1)
    Y = pd.DataFrame({"hh": 0.55 * f, "exports": 0.45 * f}, index=lab)
    va = X5 - Z.sum(axis=0)
    V = pd.DataFrame([0.5 * va, 0.5 * va], index=["coe", "gos"], columns=lab)
    S = pd.DataFrame([X5 / 10], index=["jobs"], columns=lab)
    return IOTable.from_frames(pd.DataFrame(Z, index=lab, columns=lab), Y, V, pd.Series(X5, index=lab), satellite=S,
                               roles={"compensation": "coe", "households": "hh", "employment": "jobs"}, flags=flags)


def mb_table() -> IOTable:
    # Miller & Blair (2009) Table 2.3 with our compensation / household split (as tests/leontief/test_impact.py)
    Z = pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=["s1", "s2"], columns=["s1", "s2"])
    Y = pd.DataFrame({"hh": [100.0, 1200.0], "exports": [250.0, 500.0]}, index=["s1", "s2"])
    V = pd.DataFrame([[300.0, 500.0], [350.0, 900.0]], index=["D1", "B2"], columns=["s1", "s2"])
    S = pd.DataFrame([[10.0, 30.0]], index=["jobs"], columns=["s1", "s2"])
    return IOTable.from_frames(Z, Y, V, satellite=S, roles={"compensation": "D1", "households": "hh", "employment": "jobs"})


ZERO = Uncertainty(draws=25, seed=3, coef_cv=0.0)


# ----------------------------------------------------------------- no error = the point
@pytest.mark.parametrize("method", list(LINKAGE_METHODS) + ["all"])
def test_linkages_no_error_give_the_point(method):
    r = linkages_uncertainty(table5(flags=("synthetic",)), ZERO, method=method)
    point = linkages(table5(), method=method).reset_index()
    assert set(r.banded) == set(point.columns) - {"sector"}
    for c in r.banded:
        np.testing.assert_allclose(r.table[c], point[c], rtol=0)
        for q in ("_p05", "_p50", "_p95"):
            np.testing.assert_allclose(r.table[c + q], point[c], rtol=1e-11, atol=1e-12)
    assert r.identities_hold() and "synthetic" in r.flags and r.rejected == 0


@pytest.mark.parametrize("backward, forward, cv_filter", [
    ("rasmussen", None, "median"), ("rasmussen", None, 1.0), ("hazari", None, None), ("jones", "total", None),
    ("extraction", None, None), ("chenery_watanabe", "rasmussen", "median"), ("total", "hazari", None),
])
def test_key_sectors_no_error_put_probability_one_on_the_point_class(backward, forward, cv_filter):
    t = table5()
    r = key_sectors_uncertainty(t, ZERO, backward=backward, forward=forward, cv_filter=cv_filter, exclude=["i4"])
    pt = key_sectors(t, backward=backward, forward=forward, cv_filter=cv_filter, exclude=["i4"]).table
    probs = r.table[[f"prob_{c}" for c in CLASSES]].to_numpy()
    assert (probs[np.arange(len(pt)), [CLASSES.index(c) for c in pt["class"]]] == 1.0).all()
    assert list(r.table["sector"]) == list(pt["sector"]) == ["i0", "i1", "i2", "i3"]
    np.testing.assert_allclose(r.table["backward_norm_p95"], pt["backward_norm"], rtol=1e-11)
    bcol, fcol = f"{backward}_backward", f"{forward or backward}_forward"
    assert {bcol, fcol, "backward_norm", "forward_norm"} <= set(r.banded)
    for c in r.banded:
        np.testing.assert_allclose(r.table[c + "_p05"], pt[c], rtol=1e-11, atol=1e-12)
    assert r.identities_hold()


@pytest.mark.parametrize("typ", ["I", "II"])
@pytest.mark.parametrize("kind", ["simple", "ratio"])
def test_multipliers_no_error_give_the_point(typ, kind):
    t = table5()
    r = multipliers_uncertainty(t, ZERO, type=typ, kind=kind)
    point = multipliers(t, type=typ, kind=kind)
    for c in ("output", "value_added", "income", "employment"):
        np.testing.assert_allclose(r.table[c], point[c].to_numpy(), rtol=0)
        for q in ("_p05", "_p50", "_p95"):
            np.testing.assert_allclose(r.table[c + q], point[c].to_numpy(), rtol=1e-11)


def test_type_II_impact_no_error_gives_the_point_and_the_hand_worked_income():
    t = mb_table()
    shock = pd.DataFrame({"year": [2026, 2027], "industry": ["s1", "s1"], "final_demand": [100.0, 50.0]})
    r = impact_uncertainty(t, shock, ZERO, type="II")
    point = impact(t, shock, type="II").table
    assert {"output_induced_p05", "income_induced_p95", "employment_indirect_p50"} <= set(r.table.columns)
    for c in r.banded:
        np.testing.assert_allclose(r.table[c + "_p05"], point[c], rtol=1e-11, atol=1e-11)
    # Miller & Blair ch. 6 closed model by hand: income per unit shock in s1 = 0.335 / 0.284375
    tot = r.table[(r.table["year"] == "total") & (r.table["industry"] == "total")].iloc[0]
    assert tot["income_total_p50"] == pytest.approx(150 * 0.335 / 0.284375, rel=1e-11)
    assert r.identities_hold()


# ----------------------------------------------------------------- small errors: closed forms
def _first_order_sd_type2(Ab, c, n):
    """First-order sd of the Type II output multipliers for relative cell errors c:
    d(u' Lb e_j) = (u' Lb)_k dA_kl Lb_lj with u the industry indicator (households 0)."""
    Lb = np.linalg.inv(np.eye(n + 1) - Ab)      # explicit inverse: an independent route
    u = np.r_[np.ones(n), 0.0]
    g = u @ Lb
    return np.array([c * np.sqrt(((g[:, None] * Ab * Lb[:, j][None, :]) ** 2).sum()) for j in range(n)])


def test_type_II_tiny_error_matches_the_first_order_spread():
    t = table5()
    eps = 1e-3
    r = multipliers_uncertainty(t, draws=4000, seed=11, coef_cv=eps, type="II")
    sd = _first_order_sd_type2(closed_model(t).to_numpy(), eps, t.n)
    width = (r.table["output_p95"] - r.table["output_p05"]).to_numpy()
    np.testing.assert_allclose(width / (2 * Z90 * sd), 1.0, rtol=0.08)


@pytest.mark.parametrize("what", ["mult2", "impact2", "hazari", "extraction", "jones"])
def test_spread_scales_linearly(what):
    t = table5()

    def width(c):
        if what == "mult2":
            r = multipliers_uncertainty(t, draws=400, seed=5, coef_cv=c, type="II")
            col = "income"
        elif what == "impact2":
            r = impact_uncertainty(t, {"i1": 10.0, "i3": 5.0}, draws=400, seed=5, coef_cv=c, type="II")
            col = "output_induced"
        else:
            r = linkages_uncertainty(t, draws=400, seed=5, coef_cv=c, method=what)
            col = f"{what}_backward"
        return (r.table[col + "_p95"] - r.table[col + "_p05"]).to_numpy()

    w1, w2 = width(1e-4), width(2e-4)
    np.testing.assert_allclose(w2 / w1, 2.0, rtol=2e-3)


def test_chenery_watanabe_backward_has_exact_moments():
    # lognormal cells with mean a_ij and relative sd c: the column sum has mean sum_i a_ij and
    # sd c * sqrt(sum_i a_ij^2), exactly (independent cells)
    c = 0.2
    r = linkages_uncertainty(table5(), draws=20000, seed=2, coef_cv=c, method="chenery-watanabe")
    s = r.samples["linkages"][:, :, 0]
    np.testing.assert_allclose(s.mean(axis=0), A5.sum(axis=0), rtol=5e-3)
    np.testing.assert_allclose(s.std(axis=0), c * np.sqrt((A5 ** 2).sum(axis=0)), rtol=3e-2)


def test_cv_filter_limits():
    t = table5()
    kw = dict(draws=300, seed=8, coef_cv=0.3)
    free = key_sectors_uncertainty(t, **kw).table
    loose = key_sectors_uncertainty(t, cv_filter=1e9, **kw).table     # nothing filtered out
    tight = key_sectors_uncertainty(t, cv_filter=1e-9, **kw).table    # every linkage filtered out
    probs = [f"prob_{c}" for c in CLASSES]
    np.testing.assert_allclose(loose[probs], free[probs], rtol=0)
    np.testing.assert_allclose(tight["prob_weak"], 1.0)
    med = key_sectors_uncertainty(t, cv_filter="median", **kw)
    np.testing.assert_allclose(med.table[probs].sum(axis=1), 1.0)
    # the median filter can only move probability towards weak
    assert (med.table["prob_weak"].to_numpy() >= free["prob_weak"].to_numpy() - 1e-12).all()
    assert med.identities_hold()


def test_same_seed_same_numbers():
    t = table5()
    a = linkages_uncertainty(t, draws=50, seed=4, coef_cv=0.1).table
    b = linkages_uncertainty(t, draws=50, seed=4, coef_cv=0.1).table
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    c = impact_uncertainty(t, {"i0": 1.0}, draws=50, seed=4, coef_cv=0.1, type="II").table
    d = impact_uncertainty(t, {"i0": 1.0}, draws=50, seed=4, coef_cv=0.1, type="II").table
    pd.testing.assert_frame_equal(c, d, check_exact=True)


def test_type_II_draws_keep_the_household_closure_consistent():
    # with an error on the household row/column only the induced part moves; the Type I
    # part of each draw is the same draw's industry block
    t = table5()
    r = impact_uncertainty(t, {"i2": 10.0}, draws=200, seed=1, coef_cv=0.05, type="II")
    tab = r.table.set_index("industry")
    assert (tab["output_induced_p95"] > tab["output_induced_p05"]).all()
    s = r.samples["impact"]
    cols = list(r.banded)
    tot = s[:, :, cols.index("output_total")]
    parts = s[:, :, cols.index("output_indirect")] + s[:, :, cols.index("output_induced")]
    direct = tab["output_direct"].to_numpy()[None, :]
    np.testing.assert_allclose(parts + direct, tot, rtol=1e-12, atol=1e-12)


def test_productivity_test_is_exact_beyond_column_sums():
    # P has a column sum above 1 but spectral radius 0.6 (upper triangular); Q has radius 1.1
    from valuechain.iomath import spectral_radius
    from valuechain.leontief import monte_carlo

    P = np.array([[0.6, 0.9], [0.0, 0.3]])
    Q = np.array([[0.6, 0.9], [0.5, 0.3]])
    assert P.sum(axis=0).max() > 1 and spectral_radius(P) < 1 < spectral_radius(Q)

    def sampler(rng, size):
        return np.stack([P if k % 2 == 0 else Q for k in range(size)])

    S, rejected = monte_carlo(sampler, lambda Ad: Ad.reshape(len(Ad), -1), 2,
                              Uncertainty(draws=40, max_reject=0.6), point=P)
    # chunks of 40, 20, 10, 5, 2, 1 candidates (each as many as still missing), alternating
    # P, Q: 20 + 10 + 5 + 2 + 1 + 0 = 38 rejected, every accepted draw is P
    assert rejected == 38 and np.allclose(S, P.ravel())
