"""Prices, SDA and SPA on the published Eurostat-manual tables (../shared/data/iotables_eurostat_examples).

Expected numbers come from the raw CSV files and numpy formulas written here, not from the
functions under test: the Netherlands 2000 and 2006 6-sector tables (Spicosa specification
sheet) for the decomposition and an import-price shock, Germany 1995 (Eurostat Manual 2008,
Beutel Table 15.4) for structural paths.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.leontief import price_effects, structural_decomposition, structural_paths
from valuechain.tables import IOTable


def _nl(shared_data, year):
    # the same construction as tests/leontief/conftest.py (households split from private consumption)
    # the 2006 file is ';'-separated
    d = pd.read_csv(shared_data / "iotables_eurostat_examples" / f"netherlands_{year}.csv", index_col=0, sep=None, engine="python")
    ind = list(d.columns[:6])
    Y = pd.DataFrame({
        "households": d.loc[ind, "final_consumption_households"],
        "npish": d.loc[ind, "final_consumption_private"] - d.loc[ind, "final_consumption_households"],
        "government": d.loc[ind, "final_consumption_government"],
        "gfcf": d.loc[ind, "gross_fixed_capital_formation"],
        "exports": d.loc[ind, "exports"],
    })
    V = d.loc[["imports", "net_tax", "value_added_bp"], ind]
    t = IOTable.from_frames(d.loc[ind, ind], Y, V, d.loc["output_bp", ind],
                            roles={"households": "households", "value_added": ["value_added_bp"], "imports": ["imports"],
                                   "taxes": ["net_tax"]}, name=f"Netherlands {year}", rtol=1e-4)
    return t, d, ind


def test_sda_netherlands_2000_2006(shared_data):
    # the shared "2006" file holds the 2000 numbers (same cells, ';'-separated): nothing changed, so
    # every effect is zero; the decomposition of a real change is tested on the Netherlands 2000 table
    # against a scaled copy below, and against hand-worked and explicit k! numbers in test_sda.py
    t0, d0, ind = _nl(shared_data, 2000)
    t1, _, _ = _nl(shared_data, 2006)
    r = structural_decomposition(t0, t1)
    assert np.abs(r.table.drop(columns="industry").to_numpy()).max() < 1e-6
    # final demand 10 % higher in every cell, same technology: the whole change is the level effect,
    # 10 % of the published output_bp row (x = L y reproduces it up to the source's rounding)
    Y2 = t0.Y * 1.1
    t2 = IOTable.from_frames(t0.Z * 1.1, Y2, t0.V * 1.1, t0.x * 1.1, roles=dict(t0.roles), rtol=1e-4)
    r2 = structural_decomposition(t0, t2)
    tot = r2.table.iloc[-1]
    published = 0.1 * float(d0.loc["output_bp", ind].sum())
    assert tot["total_change"] == pytest.approx(published, rel=1e-4)
    assert tot["final_demand_level"] == pytest.approx(tot["total_change"], rel=1e-9)
    assert abs(tot["technology"]) < 1e-6 * published and abs(tot["final_demand_product_mix"]) < 1e-6 * published


def test_import_price_shock_netherlands(shared_data):
    t, d, ind = _nl(shared_data, 2000)
    r = price_effects(t, pd.Series(0.10, index=ind), component="imports")
    Z = d.loc[ind, ind].to_numpy(float)
    x = d.loc["output_bp", ind].to_numpy(float)
    m = d.loc["imports", ind].to_numpy(float) / x
    expect = 0.10 * m @ np.linalg.inv(np.eye(6) - Z / x)
    np.testing.assert_allclose(r.table["price_change"], expect, rtol=1e-9)
    # every primary cost +10 %: every price +10 % (v'L = 1' on a real table)
    u = price_effects(t, pd.Series(0.10, index=ind))
    np.testing.assert_allclose(u.table["price_change"], 0.10, rtol=1e-9)


def test_spa_germany_1995(germany):
    target = germany.industries[1]
    r = structural_paths(germany, to=target, order=8, top=20, threshold=1e-7)
    tree = r.trees.iloc[0]
    x = germany.x.to_numpy()
    y = germany.Y.to_numpy().sum(axis=1)
    A = germany.Z.to_numpy() / x
    xt = (np.linalg.inv(np.eye(len(x)) - A) @ y)[1]
    assert tree["total"] == pytest.approx(xt, rel=1e-10)
    assert tree["found"] + tree["remainder"] == pytest.approx(xt, rel=1e-12)
    assert 0 <= tree["remainder"] < 0.01 * xt
    # the strongest path: the target's own final demand
    assert r.table.iloc[0]["path"] == target and r.table.iloc[0]["value"] == pytest.approx(y[1])
