"""Structural decomposition: a one-sector case by hand, exact additivity, the k! average written out here."""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pandas as pd
from hypothesis import given, settings, strategies as st

from valuechain.leontief import sda_uncertainty, structural_decomposition
from valuechain.tables import IOTable


def test_one_sector_by_hand():
    # t0: a = 0.5 (L = 2), y = 5, x = 10; t1: a = 0.6 (L = 2.5), y = 6, x = 15; dx = 5
    # average of the two orderings: technology 0.5 * (0.5 * 5 + 0.5 * 6) = 2.75, level 0.5 * (2 + 2.5) = 2.25
    t0 = IOTable.from_frames([[5.0]], [[5.0]], [[5.0]], industries=["a"])
    t1 = IOTable.from_frames([[9.0]], [[6.0]], [[6.0]], industries=["a"])
    r = structural_decomposition(t0, t1)
    row = r.table.iloc[0]
    assert np.isclose(row["total_change"], 5.0) and np.isclose(row["technology"], 2.75)
    assert np.isclose(row["final_demand_level"], 2.25) and np.isclose(row["final_demand_product_mix"], 0.0)
    # polar forms: technology first (others at t0): 0.5 * 5 = 2.5; technology last (others at t1): 0.5 * 6 = 3.0
    p = r.polar.iloc[0]
    assert np.isclose(p["technology_polar_first"], 2.5) and np.isclose(p["technology_polar_last"], 3.0)


def _table(rng, n, k=3):
    Z = rng.uniform(0, 10, (n, n))
    Y = rng.uniform(5, 40, (n, k))
    x = Z.sum(1) + Y.sum(1)
    lab = [f"s{i}" for i in range(n)]
    return IOTable.from_frames(pd.DataFrame(Z, lab, lab), pd.DataFrame(Y, index=lab, columns=[f"c{j}" for j in range(k)]),
                               [x - Z.sum(0)], x, satellite=pd.DataFrame([rng.uniform(1, 9, n)], index=["employment"], columns=lab),
                               roles={"employment": "employment"})


def _explicit_average(t0, t1, ext):
    """All k! orderings, written independently of the module (numpy inverses)."""
    def parts(t):
        A = t.A.to_numpy()
        Y = t.Y.to_numpy()
        col = Y.sum(0)
        e = t.satellite.loc["employment"].to_numpy() / t.x.to_numpy()
        return {"e": e, "L": np.linalg.inv(np.eye(len(A)) - A), "B": Y / col, "d": col / col.sum(), "s": col.sum()}
    p = [parts(t0), parts(t1)]
    names = (["e"] if ext else []) + ["L", "B", "d", "s"]

    def f(state):
        v = p[state["L"]]["L"] @ (p[state["B"]]["B"] @ (p[state["d"]]["d"] * p[state["s"]]["s"]))
        return v * p[state["e"]]["e"] if ext else v
    out = {nm: 0.0 for nm in names}
    perms = list(permutations(names))
    for order in perms:
        state = {nm: 0 for nm in ["e", "L", "B", "d", "s"]}
        for nm in order:
            before = f(state)
            state[nm] = 1
            out[nm] = out[nm] + (f(state) - before) / len(perms)
    return out


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 6), st.integers(0, 10_000), st.booleans())
def test_additive_and_equal_to_the_average_of_all_orderings(n, seed, ext):
    rng = np.random.default_rng(seed)
    t0, t1 = _table(rng, n), _table(rng, n)
    r = structural_decomposition(t0, t1, extension="employment" if ext else None)
    assert r.identities_hold(), r.check()
    ref = _explicit_average(t0, t1, ext)
    body = r.table.iloc[:-1]
    names = {"L": "technology", "B": "final_demand_product_mix", "d": "final_demand_category_mix", "s": "final_demand_level",
             "e": "extension_intensity"}
    for k, v in ref.items():
        np.testing.assert_allclose(body[names[k]].to_numpy(), v, rtol=1e-9, atol=1e-9)


def test_bands():
    rng = np.random.default_rng(3)
    t0, t1 = _table(rng, 4), _table(rng, 4)
    mc = sda_uncertainty(t0, t1, draws=100, coef_cv=0.05)
    assert mc.identities_hold() and "technology_p05" in mc.table


def test_deflated_pure_price_change_has_no_effects():
    # the later table is the earlier one at prices 10 % higher in every industry: in constant prices
    # nothing changed, so every effect is zero (and without the deflator the level effect is the 10 %)
    rng = np.random.default_rng(5)
    t0 = _table(rng, 4)
    t1 = IOTable.from_frames(t0.Z * 1.1, t0.Y * 1.1, t0.V * 1.1, t0.x * 1.1, satellite=t0.satellite, roles=dict(t0.roles))
    r = structural_decomposition(t0, t1, deflator=pd.Series(1.1, index=t0.industries))
    assert np.abs(r.table.drop(columns="industry").to_numpy()).max() < 1e-9
    nominal = structural_decomposition(t0, t1)
    tot = nominal.table.iloc[-1]
    assert np.isclose(tot["final_demand_level"], 0.1 * t0.x.sum()) and np.isclose(tot["technology"], 0.0, atol=1e-9)
