"""Monte Carlo bands for two-region impacts (valuechain.regional.two_region_impact_uncertainty)
on the Eurostat Manual's Germany 1995 table with a SYNTHETIC region: a single δ and no
coefficient error give the point; with δ drawn and no coefficient error the region + rest
total is δ-free (each national column is split between the regions) and equals the
published national output multiplier, while the intraregional effect is bracketed by its
values at δ's quantiles; a tiny coefficient error gives a spread that scales linearly."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from valuechain import ValidationError
from valuechain.leontief import Uncertainty
from valuechain.regional import (
    two_region_impact,
    two_region_impact_uncertainty,
    two_region_model,
    two_region_sampler,
)
from valuechain.tables import read_table

LABEL_COLS = ["prod_na", "prod_na_lab", "numeric_label", "quadrant"]


@pytest.fixture(scope="module")
def germany(shared_data):
    t = read_table(shared_data / "iotables_eurostat_examples" / "Beutel_15_4_esa2010.csv",
                   label_column="iotables_row", ignore=LABEL_COLS, rtol=1e-4)
    reg = pd.Series([61, 1210, 262, 690, 240, 650], index=t.industries, dtype=float)
    nat = pd.Series([1096, 8381, 3236, 9251, 4258, 10206], index=t.industries, dtype=float)
    return t, reg, nat


def _quiet(fn, *a, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*a, **kw)


SHOCK = pd.DataFrame({"year": [2026, 2026, 2027], "industry": ["industry_group", "construction", "construction"],
                      "final_demand": [100.0, 50.0, 70.0]})


def test_single_delta_no_error_gives_the_point(germany):
    t, reg, nat = germany
    r = _quiet(two_region_impact_uncertainty, t, reg, SHOCK, nat, region="R", delta=0.25,
               uncertainty=Uncertainty(draws=30, seed=1, delta_range=(0.25, 0.25)))
    p = _quiet(two_region_impact, _quiet(two_region_model, t, reg, nat, region="R", delta=0.25), SHOCK)
    pd.testing.assert_frame_equal(r.table[p.table.columns], p.table)
    for c in r.banded:
        for q in ("_p05", "_p50", "_p95"):
            np.testing.assert_allclose(r.table[c + q], p.table[c], rtol=1e-10, atol=1e-10)
    e = r.regional_effects
    for c in ("intraregional", "feedback", "spillover", "total", "feedback_share_pct", "spillover_share_pct"):
        np.testing.assert_allclose(e[c + "_p05"], p.regional_effects[c], rtol=1e-10)
        np.testing.assert_allclose(e[c + "_p95"], p.regional_effects[c], rtol=1e-10)
    assert set(r.table["region"]) == {"R", "rest of country"} and list(e["year"]) == ["2026", "2027", "total"]
    assert r.identities_hold() and any("two-region" in f for f in r.flags)


def test_delta_range_leaves_the_national_total_and_brackets_the_intraregional(germany):
    t, reg, nat = germany
    shock = {"construction": 1.0}
    r = _quiet(two_region_impact_uncertainty, t, reg, shock, nat, region="R",
               uncertainty=Uncertainty(draws=2000, seed=4, delta_range=(0.1, 0.4)))
    e = r.regional_effects.iloc[0]
    # region + rest = the national output multiplier of construction, published 1.8136 (Eurostat 2008, Table 15.4)
    for q in ("", "_p05", "_p50", "_p95"):
        assert e["total" + q] == pytest.approx(1.8136, abs=5e-5)
    # FLQ regional coefficients fall as δ rises: the 5 % quantile of the intraregional effect is
    # its value at δ's 95 % quantile (0.385), the 95 % quantile its value at δ's 5 % quantile (0.115)
    def intra(d):
        m = _quiet(two_region_model, t, reg, nat, region="R", delta=d)
        return _quiet(two_region_impact, m, shock).regional_effects["intraregional"].iat[0]
    assert intra(0.395) - 1e-12 <= e["intraregional_p05"] <= intra(0.375) + 1e-12
    assert intra(0.125) - 1e-12 <= e["intraregional_p95"] <= intra(0.105) + 1e-12
    assert e["spillover_p95"] > e["spillover_p05"] > 0


def test_sampler_matches_the_model_at_each_delta(germany):
    # the λ*-rescaled quotients equal a model built at the drawn δ
    t, reg, nat = germany
    model, sampler, u = _quiet(two_region_sampler, t, reg, nat, region="R",
                               uncertainty=Uncertainty(draws=3, seed=2, delta_range=(0.1, 0.4)))
    rng = np.random.default_rng(2)
    deltas = np.random.default_rng(2).uniform(0.1, 0.4, 3)
    draws = sampler(rng, 3)
    for d, A in zip(deltas, draws):
        ref = _quiet(two_region_model, t, reg, nat, region="R", delta=float(d)).A.to_numpy()
        np.testing.assert_allclose(A, ref, rtol=1e-12, atol=1e-15)


def test_tiny_coefficient_error_scales_linearly(germany):
    t, reg, nat = germany

    def widths(c):
        r = _quiet(two_region_impact_uncertainty, t, reg, {"construction": 1.0}, nat, region="R",
                   uncertainty=Uncertainty(draws=300, seed=7, coef_cv=c))
        e = r.regional_effects.iloc[0]
        return np.array([e[k + "_p95"] - e[k + "_p05"] for k in ("intraregional", "spillover", "total")])

    np.testing.assert_allclose(widths(2e-4) / widths(1e-4), 2.0, rtol=2e-3)


def test_bad_settings(germany):
    t, reg, nat = germany
    with pytest.raises(ValidationError, match="δ-dependent"):
        two_region_impact_uncertainty(t, reg, {"construction": 1.0}, nat, region="R", method="slq",
                                      uncertainty=Uncertainty(draws=5, delta_range=(0.1, 0.4)))
    with pytest.raises(ValidationError, match="measure_cv"):
        two_region_impact_uncertainty(t, reg, {"construction": 1.0}, nat, region="R",
                                      uncertainty=Uncertainty(draws=5, measure_cv=0.1))


def test_a_delta_method_without_the_lambda_shortcut_is_recomputed_at_each_delta(germany, monkeypatch):
    """Every ``needs_delta`` method of LQ_REGISTRY takes a δ range; one not linear in λ* is
    recomputed per δ and equals FLQ's λ*-rescaled draws (the same formula without the shortcut)."""
    import dataclasses

    import valuechain.regional.uncertainty as ru
    from valuechain.regional.quotients import LQ_REGISTRY, lq_method

    t, reg, nat = germany
    u = Uncertainty(draws=20, seed=3, delta_range=(0.1, 0.4))
    fast = _quiet(two_region_sampler, t, reg, nat, region="R", uncertainty=u)[1](np.random.default_rng(0), 20)
    plain = dataclasses.replace(LQ_REGISTRY["flq"], lambda_linear=False)
    monkeypatch.setattr(ru, "lq_method", lambda m: plain if m == "flq" else lq_method(m))
    slow = _quiet(two_region_sampler, t, reg, nat, region="R", uncertainty=u)[1](np.random.default_rng(0), 20)
    np.testing.assert_allclose(slow, fast, rtol=1e-10, atol=1e-14)
    assert not np.allclose(slow[0], slow[1])
