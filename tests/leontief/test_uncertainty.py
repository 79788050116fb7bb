"""Monte Carlo uncertainty (valuechain.leontief.uncertainty) against closed forms:
no error gives quantiles equal to the point; a tiny error gives the first-order
(perturbation of L) spread, scaling linearly; the Dirichlet keeps its closed-form
moments; intervals cover a synthetic truth at about their nominal rate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain import NotProductiveError, ValidationError
from valuechain.leontief import (
    Uncertainty,
    coefficient_sampler,
    impact,
    impact_uncertainty,
    key_sectors,
    key_sectors_uncertainty,
    linkages_uncertainty,
    multipliers,
    multipliers_uncertainty,
)
from valuechain.tables import IOTable

Z90 = 1.6448536269514722  # the 95 % point of N(0, 1)


def table_from_A(A, x=None, flags=()):
    n = A.shape[0]
    x = np.full(n, 100.0) if x is None else np.asarray(x, float)
    Z = A * x[None, :]
    lab = [f"i{k}" for k in range(n)]
    f = x - Z.sum(axis=1)
    return IOTable.from_frames(pd.DataFrame(Z, index=lab, columns=lab), pd.DataFrame({"fd": f}, index=lab),
                               pd.DataFrame([0.6 * (x - Z.sum(axis=0)), 0.4 * (x - Z.sum(axis=0))], index=["coe", "gos"], columns=lab),
                               pd.Series(x, index=lab), satellite=pd.DataFrame([x / 10], index=["jobs"], columns=lab),
                               roles={"compensation": "coe", "employment": "jobs"}, flags=flags)


A4 = np.array([[0.10, 0.20, 0.05, 0.10],
               [0.15, 0.05, 0.20, 0.05],
               [0.05, 0.10, 0.10, 0.20],
               [0.20, 0.05, 0.10, 0.05]])


def test_no_error_gives_the_point_estimate():
    t = table_from_A(A4, flags=("synthetic",))
    u = Uncertainty(draws=50, seed=1, coef_cv=0.0)
    m = multipliers_uncertainty(t, u).table
    for c in ("output", "value_added", "income", "employment"):
        for q in ("_p05", "_p50", "_p95"):
            np.testing.assert_allclose(m[c + q], m[c], rtol=1e-12)
    np.testing.assert_allclose(m["output"], multipliers(t)["output"], rtol=0)
    k = key_sectors_uncertainty(t, u)
    pt = key_sectors(t).table
    probs = k.table[[f"prob_{c}" for c in ("key", "backward", "forward", "weak")]].to_numpy()
    cls = ["key", "backward", "forward", "weak"]
    assert (probs[np.arange(len(pt)), [cls.index(c) for c in pt["class"]]] == 1.0).all()
    i = impact_uncertainty(t, {"i0": 10.0, "i2": 5.0}, u)
    np.testing.assert_allclose(i.table["output_total_p95"], i.table["output_total"], rtol=1e-12)
    np.testing.assert_allclose(i.table["output_total"], impact(t, {"i0": 10.0, "i2": 5.0}).table["output_total"], rtol=0)
    assert m.columns[0] == "sector" and "note" in m and i.identities_hold() and k.identities_hold()
    assert k.rejected == 0 and "synthetic" in k.flags


def first_order_sd(A, j):
    # d m_j = sum_ik u_i dA_ik L_kj with u' = 1'L (Miller & Blair 2009, sec. 2.6 on
    # the derivative of L); each dA_ik has standard deviation eps * a_ik
    L = np.linalg.inv(np.eye(len(A)) - A)
    u = L.sum(axis=0)
    g = u[:, None] * A * L[:, j][None, :]
    return np.sqrt((g ** 2).sum())


def test_tiny_error_matches_first_order_spread():
    t = table_from_A(A4)
    eps = 1e-3
    res = multipliers_uncertainty(t, draws=4000, seed=7, coef_cv=eps).table
    for j in range(4):
        spread = res["output_p95"].iat[j] - res["output_p05"].iat[j]
        expected = 2 * Z90 * eps * first_order_sd(A4, j)
        assert spread == pytest.approx(expected, rel=0.08)


def test_spread_scales_linearly():
    t = table_from_A(A4)
    s1 = multipliers_uncertainty(t, draws=500, seed=3, coef_cv=1e-4).table
    s2 = multipliers_uncertainty(t, draws=500, seed=3, coef_cv=2e-4).table
    w1 = s1["output_p95"] - s1["output_p05"]
    w2 = s2["output_p95"] - s2["output_p05"]
    np.testing.assert_allclose(w2 / w1, 2.0, rtol=2e-3)


def test_dirichlet_moments_and_productivity():
    A = A4.copy()
    u = Uncertainty(coef_cv=0.2, coef_dist="dirichlet")
    draws = coefficient_sampler(A, u)(np.random.default_rng(0), 20000)
    assert (draws.sum(axis=1) < 1).all()                       # columns keep a primary share
    np.testing.assert_allclose(draws.mean(axis=0), A, atol=4 * 0.2 * np.sqrt(A * (1 - A) / 20000).max() + 1e-12)
    # closed form: sd of a share s is cv * sqrt(s (1 - s)) with concentration 1/cv^2 - 1
    np.testing.assert_allclose(draws.std(axis=0), 0.2 * np.sqrt(A * (1 - A)), rtol=0.05)
    r = multipliers_uncertainty(table_from_A(A), draws=300, coef_cv=0.2, coef_dist="dirichlet")
    assert r.rejected == 0


def test_lognormal_mean_and_cv():
    draws = coefficient_sampler(A4, Uncertainty(coef_cv=0.3))(np.random.default_rng(2), 20000)
    np.testing.assert_allclose(draws.mean(axis=0), A4, rtol=0.02)
    np.testing.assert_allclose(draws.std(axis=0) / A4, 0.3, rtol=0.05)


def test_coverage_on_a_synthetic_truth():
    # the truth is A4; each replication observes A4 with 10 % lognormal error per cell and
    # draws around the observation with the same error: the 90 % band should hold the true
    # multiplier about 90 % of the time
    rng = np.random.default_rng(11)
    true_m = np.linalg.inv(np.eye(4) - A4).sum(axis=0)
    obs_sampler = coefficient_sampler(A4, Uncertainty(coef_cv=0.1))
    hits, reps = 0, 120
    for r in range(reps):
        A_obs = obs_sampler(rng, 1)[0]
        res = multipliers_uncertainty(table_from_A(A_obs), draws=300, seed=r, coef_cv=0.1).table
        hits += int(((res["output_p05"] <= true_m) & (true_m <= res["output_p95"])).sum())
    cover = hits / (4 * reps)
    assert 0.8 <= cover <= 0.98, cover


def test_rejection_keeps_draws_productive():
    A = np.array([[0.50, 0.48], [0.48, 0.50]])          # column sums 0.98
    t = table_from_A(A, x=[100.0, 100.0])
    r = multipliers_uncertainty(t, draws=400, seed=0, coef_cv=0.05)
    assert r.rejected > 0
    assert np.isfinite(r.table["output_p95"]).all() and (r.table["output_p05"] > 0).all()
    assert "rejected" in r.summary()
    with pytest.raises(NotProductiveError, match="not productive"):
        multipliers_uncertainty(t, draws=200, seed=0, coef_cv=5.0, coef_dist="normal")


def test_same_seed_same_numbers_and_chunking():
    t = table_from_A(A4)
    a = linkages_uncertainty(t, draws=300, seed=5, coef_cv=0.1).table
    b = linkages_uncertainty(t, draws=300, seed=5, coef_cv=0.1).table
    c = linkages_uncertainty(t, draws=300, seed=6, coef_cv=0.1).table
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert not a.equals(c)
    np.testing.assert_allclose(a["rasmussen_backward"].mean(), 1.0)


def test_multi_year_impact_bands():
    t = table_from_A(A4)
    shock = pd.DataFrame({"year": [2026, 2027], "industry": ["i0", "i1"], "final_demand": [10.0, 20.0]})
    r = impact_uncertainty(t, shock, draws=200, seed=0, coef_cv=0.1)
    tab = r.table
    tot = tab[(tab["year"] == "total") & (tab["industry"] == "total")]
    years = tab[(tab["year"] != "total") & (tab["industry"] == "total")]
    assert tot["output_total"].iat[0] == pytest.approx(years["output_total"].sum())
    assert (tab["output_total_p05"] <= tab["output_total_p95"]).all()
    assert "output_direct_p05" not in tab          # the direct effect is the shock itself


@pytest.mark.parametrize("kw, msg", [
    ({"draws": 0}, "draws"), ({"draws": 1.5}, "draws"), ({"seed": -1}, "seed"), ({"coef_cv": -0.1}, "coef_cv"),
    ({"coef_dist": "beta"}, "coef_dist"), ({"delta_range": (0.4, 0.1)}, "LO <= HI"), ({"delta_range": (0.1, 1.2)}, "LO <= HI"),
    ({"coef_dist": "dirichlet", "coef_cv": 1.0}, "below 1"), ({"quantiles": (1.5,)}, "quantiles"),
])
def test_bad_settings(kw, msg):
    with pytest.raises(ValidationError, match=msg):
        Uncertainty(**kw)


def test_unknown_linkage_method():
    with pytest.raises(ValidationError, match="unknown linkage method"):
        linkages_uncertainty(table_from_A(A4), draws=10, method="hirschman")


@pytest.mark.parametrize("n", [5, 70])      # the stacked solve and the factor-once path
def test_combined_equals_separate(n):
    from valuechain.leontief import multipliers_and_key_sectors_uncertainty

    rng = np.random.default_rng(n)
    A = rng.uniform(0, 1, (n, n))
    A = A / A.sum(axis=0, keepdims=True) * 0.6
    t = table_from_A(A)
    m, k = multipliers_and_key_sectors_uncertainty(t, draws=60, seed=9, coef_cv=0.1)
    m2 = multipliers_uncertainty(t, draws=60, seed=9, coef_cv=0.1)
    k2 = key_sectors_uncertainty(t, draws=60, seed=9, coef_cv=0.1)
    pd.testing.assert_frame_equal(m.table, m2.table, check_exact=False, rtol=1e-10)
    pd.testing.assert_frame_equal(k.table, k2.table, check_exact=False, rtol=1e-10)
    # the draws against an explicit inverse of the first draw
    A0 = coefficient_sampler(A, Uncertainty(coef_cv=0.1))(np.random.default_rng(9), 1)[0]
    np.testing.assert_allclose(m.samples["multipliers"][0, :, 0], np.linalg.inv(np.eye(n) - A0).sum(axis=0), rtol=1e-10)
