"""Two-region impacts (valuechain.regional.impact): Miller & Blair's feedback arithmetic by
hand, the national multipliers of the Eurostat Manual's Germany 1995 table as the
two-region totals, and the identities."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from valuechain import ValidationError
from valuechain.regional import (
    interregional_impact,
    two_region_impact,
    two_region_model,
)
from valuechain.tables import read_table

LABEL_COLS = ["prod_na", "prod_na_lab", "numeric_label", "quadrant"]


def test_one_sector_per_region_by_hand():
    # Miller & Blair (2009) sec. 3.3 arithmetic with their Table 2.3 coefficients read as
    # a two-region model (one sector each): a_rr = .15, a_rR = .25, a_Rr = .20, a_RR = .05.
    # det = .85 * .95 - .25 * .20 = .7575; shock 600 in r:
    #   x_r = 600 * .95 / .7575 = 752.475, x_R = 600 * .20 / .7575 = 158.416,
    #   intraregional = 600 / .85 = 705.882, feedback = 752.475 - 705.882 = 46.593.
    ix = pd.MultiIndex.from_tuples([("r", "1"), ("R", "1")], names=["region", "industry"])
    A = pd.DataFrame([[0.15, 0.25], [0.20, 0.05]], index=ix, columns=ix)
    res = interregional_impact(A, {"1": 600.0}, region="r", rest="R")
    e = res.regional_effects.iloc[0]
    assert e["intraregional"] == pytest.approx(705.882, abs=1e-3)
    assert e["feedback"] == pytest.approx(46.593, abs=1e-3)
    assert e["spillover"] == pytest.approx(158.416, abs=1e-3)
    assert e["total"] == pytest.approx(910.891, abs=1e-3)
    t = res.table.set_index(["region", "industry"])
    assert t.loc[("r", "1"), "output_total"] == pytest.approx(752.475, abs=1e-3)
    assert t.loc[("R", "1"), "output_direct"] == 0.0
    assert list(res.table.columns[:2]) == ["region", "industry"]
    assert res.identities_hold()


def test_two_by_two_against_explicit_inverse():
    # two sectors per region; the 4 x 4 inverse by numpy as an independent route
    ix = pd.MultiIndex.from_product([["r", "R"], ["a", "b"]])
    A = np.array([[0.10, 0.20, 0.05, 0.02], [0.15, 0.05, 0.03, 0.04],
                  [0.04, 0.02, 0.20, 0.10], [0.03, 0.05, 0.10, 0.15]])
    L = np.linalg.inv(np.eye(4) - A)
    Lrr = np.linalg.inv(np.eye(2) - A[:2, :2])
    res = interregional_impact(pd.DataFrame(A, index=ix, columns=ix), {"a": 10.0, "b": 5.0}, region="r", rest="R")
    f = np.array([10.0, 5.0, 0.0, 0.0])
    x = L @ f
    e = res.regional_effects.iloc[0]
    assert e["intraregional"] == pytest.approx((Lrr @ f[:2]).sum(), rel=1e-12)
    assert e["feedback"] == pytest.approx(x[:2].sum() - (Lrr @ f[:2]).sum(), rel=1e-9)
    assert e["spillover"] == pytest.approx(x[2:].sum(), rel=1e-12)
    body = res.table[res.table["industry"] != "total"]
    np.testing.assert_allclose(body["output_total"], x, rtol=1e-12)


@pytest.fixture(scope="module")
def germany(shared_data):
    return read_table(shared_data / "iotables_eurostat_examples" / "Beutel_15_4_esa2010.csv",
                      label_column="iotables_row", ignore=LABEL_COLS, rtol=1e-4)


def test_germany_two_region_totals_are_the_published_national_multipliers(germany):
    # Eurostat Manual (2008) ch. 15: Germany 1995 output multipliers 1.7048 ... 1.3782 (4 dp).
    # In the LQ two-region model the region's and the rest's effects of a unit of final
    # demand add up to the national multiplier (tworegion.py notes), whatever the region.
    published = [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782]
    reg = pd.Series([61, 1210, 262, 690, 240, 650], index=germany.industries, dtype=float)  # synthetic region
    nat = pd.Series([1096, 8381, 3236, 9251, 4258, 10206], index=germany.industries, dtype=float)  # Table 15.4
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = two_region_model(germany, reg, nat, region="R")
    shock = pd.DataFrame({"year": range(2001, 2007), "industry": list(germany.industries), "final_demand": 1.0})
    res = two_region_impact(m, shock, flags=("synthetic region",))
    eff = res.regional_effects
    np.testing.assert_allclose(eff["total"].iloc[:6], published, atol=5e-5)
    assert (eff["feedback"] >= 0).all() and (eff["spillover"] > 0).all()
    np.testing.assert_allclose(eff["intraregional"] + eff["feedback"] + eff["spillover"], eff["total"], rtol=1e-12)
    assert res.identities_hold(), res.check()
    assert "synthetic region" in res.flags
    assert set(res.table["region"]) == {"R", "rest of country"}
    s = res.summary()
    assert "intraregional" in s and "spillover" in s and "feedback" in s


def test_shock_outside_the_region_is_an_error(germany):
    reg = pd.Series([0, 1210, 262, 690, 240, 650], index=germany.industries, dtype=float)
    nat = pd.Series([1096, 8381, 3236, 9251, 4258, 10206], index=germany.industries, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = two_region_model(germany, reg, nat, region="R")
    with pytest.raises(ValidationError, match="not in the table"):
        two_region_impact(m, {"agriculture_group": 1.0})
    with pytest.raises(TypeError):
        two_region_impact(germany, {"construction": 1.0})


def test_region_block_equals_the_regionalized_table(germany):
    # the region's block of the two-region model is the regionalized table's A (same LQ),
    # so the single-region impact on regionalize(...).io_table is the intraregional effect
    from valuechain.leontief import impact
    from valuechain.regional import regionalize

    reg = pd.Series([61, 1210, 262, 690, 240, 650], index=germany.industries, dtype=float)
    nat = pd.Series([1096, 8381, 3236, 9251, 4258, 10206], index=germany.industries, dtype=float)
    shock = {"construction": 100.0, "industry_group": 30.0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = two_region_model(germany, reg, nat, region="R")
        rt = regionalize(germany, reg, nat, region="R").io_table
    two = two_region_impact(m, shock).regional_effects.iloc[0]
    one = impact(rt, shock).aggregate()
    assert one["output_total"] == pytest.approx(two["intraregional"], rel=1e-9)
