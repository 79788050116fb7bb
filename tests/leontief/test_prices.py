"""The Leontief price model: Miller & Blair's two-sector table by hand, identities, numpy side by side."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from valuechain.errors import ValidationError
from valuechain.leontief import price_effects, prices_uncertainty
from valuechain.tables import IOTable


def mb_table():
    # Miller & Blair (2009) Table 2.3: Z = [[150, 500], [200, 100]], x = (1000, 2000); A = [[.15, .25], [.2, .05]]
    return IOTable.from_frames([[150, 500], [200, 100]], pd.DataFrame({"hh": [350, 1700]}), [[650, 1400]], industries=["1", "2"],
                               roles={"households": "hh"})


def test_cost_push_by_hand():
    # v = (0.65, 0.70); +10 % primary cost in sector 1: dv = (0.065, 0); det(I - A) = 0.7575,
    # L = [[0.95, 0.25], [0.2, 0.85]] / 0.7575; dp' = dv' L = 0.065 * (0.95, 0.25) / 0.7575
    r = price_effects(mb_table(), {"1": 0.10})
    np.testing.assert_allclose(r.table["price_change"], [0.065 * 0.95 / 0.7575, 0.065 * 0.25 / 0.7575], rtol=1e-12)
    np.testing.assert_allclose(r.table["direct"], [0.065, 0.0])
    assert r.identities_hold()
    # consumer prices: household weights 350 / 2050 and 1700 / 2050
    cpi = (350 * 0.065 * 0.95 + 1700 * 0.065 * 0.25) / 0.7575 / 2050
    assert r.consumer_price_change == pytest.approx(cpi)


def test_exogenous_price_by_hand():
    # sector 1's price +10 % set outside: dp2 = 0.1 * a12 / (1 - a22) = 0.1 * 0.25 / 0.95
    r = price_effects(mb_table(), {"1": 0.10}, exogenous="1")
    np.testing.assert_allclose(r.table["price_change"], [0.10, 0.1 * 0.25 / 0.95], rtol=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 8), st.integers(0, 10_000), st.floats(-0.5, 0.5))
def test_uniform_shock_moves_every_price_by_the_shock(n, seed, s):
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0, 10, (n, n))
    x = np.maximum(Z.sum(0), Z.sum(1)) * 1.5 + 1
    t = IOTable.from_frames(Z, x - Z.sum(1), [x - Z.sum(0)], x)
    r = price_effects(t, pd.Series(s, index=t.industries))
    np.testing.assert_allclose(r.table["price_change"], s, atol=1e-10)
    # numpy side by side: dp' = dv' (I - A)^-1
    A = Z / x
    dv = s * (1 - A.sum(0))
    np.testing.assert_allclose(r.table["price_change"], dv @ np.linalg.inv(np.eye(n) - A), atol=1e-12)


def test_bad_shock():
    with pytest.raises(ValidationError, match="not in the table"):
        price_effects(mb_table(), {"X": 0.1})
    with pytest.raises(ValidationError, match="-1"):
        price_effects(mb_table(), {"1": -1.5})


def test_bands_bracket_the_point():
    mc = prices_uncertainty(mb_table(), {"1": 0.1}, draws=200, coef_cv=0.05, seed=1)
    t = mc.table
    assert (t["price_change_p05"] <= t["price_change_p95"]).all() and mc.identities_hold()


@settings(max_examples=25, deadline=None)
@given(st.integers(3, 7), st.integers(0, 10_000))
def test_exogenous_block_formula_numpy(n, seed):
    # dp_r' = (dp_k' A_kr + dv_r') (I - A_rr)^-1, written here with numpy inverses
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0, 10, (n, n))
    x = np.maximum(Z.sum(0), Z.sum(1)) * 1.5 + 1
    t = IOTable.from_frames(Z, x - Z.sum(1), [x - Z.sum(0)], x)
    s = pd.Series(rng.uniform(-0.2, 0.3, n), index=t.industries)
    r = price_effects(t, s, exogenous=[t.industries[0]])
    A = Z / x
    v = 1 - A.sum(0)
    k, rr = [0], list(range(1, n))
    dv = (s.to_numpy() * v)[rr]
    expect = (s.iloc[0] * A[np.ix_(k, rr)][0] + dv) @ np.linalg.inv(np.eye(n - 1) - A[np.ix_(rr, rr)])
    np.testing.assert_allclose(r.table["price_change"].to_numpy()[1:], expect, rtol=1e-9, atol=1e-12)
    assert r.table["price_change"].iloc[0] == pytest.approx(s.iloc[0])
