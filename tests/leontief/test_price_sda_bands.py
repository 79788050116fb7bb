"""Monte Carlo bands of price effects and SDA effects (valuechain.leontief.price_sda_bands).

Miller & Blair (2009) Table 2.3 worked by hand: a +10 % primary-cost push on sector 1 gives
price changes of 8.1518 % and 2.1452 % (Leontief price model,
:math:`\\Delta p' = \\Delta v' (I - A)^{-1}` with :math:`\\Delta v_1 = 0.1 \\cdot 650/1000`).
Without coefficient error every draw is the point, so the quantiles are those numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.leontief.price_sda_bands import prices_uncertainty, sda_uncertainty
from valuechain.tables import IOTable


def mb_table(scale: float = 1.0) -> IOTable:
    Z = pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=["s1", "s2"], columns=["s1", "s2"]) * scale
    Y = pd.DataFrame({"hh": [100.0, 1200.0], "exports": [250.0, 500.0]}, index=["s1", "s2"]) * scale
    V = pd.DataFrame([[300.0, 500.0], [350.0, 900.0]], index=["D1", "B2"], columns=["s1", "s2"]) * scale
    return IOTable.from_frames(Z, Y, V, roles={"compensation": "D1", "households": "hh"})


def test_no_error_the_bands_are_the_hand_worked_point():
    mc = prices_uncertainty(mb_table(), {"s1": 0.1}, draws=20, coef_cv=0.0, seed=3)
    t = mc.table.set_index("industry")
    want = np.array([0.081518, 0.021452])
    for col in ("price_change", "price_change_p05", "price_change_p50", "price_change_p95"):
        np.testing.assert_allclose(t[col].to_numpy(), want, atol=5e-7)
    assert mc.rejected == 0 and mc.banded == ("price_change",)


def test_error_widens_the_band_around_the_point_and_the_seed_repeats():
    a = prices_uncertainty(mb_table(), {"s1": 0.1}, draws=300, coef_cv=0.1, seed=1).table
    b = prices_uncertainty(mb_table(), {"s1": 0.1}, draws=300, coef_cv=0.1, seed=1).table
    pd.testing.assert_frame_equal(a, b)
    assert (a["price_change_p05"] < a["price_change_p95"]).all()
    assert ((a["price_change_p05"] <= a["price_change"]) & (a["price_change"] <= a["price_change_p95"])).all()


def test_sda_of_a_table_with_itself_is_zero_in_every_draw():
    mc = sda_uncertainty(mb_table(), mb_table(), draws=10, coef_cv=0.0)
    num = mc.table.select_dtypes("number").to_numpy()
    assert np.abs(num).max() < 1e-9
    assert all(f"{e}_p95" in mc.table for e in mc.banded)


def test_sda_no_error_bands_equal_the_point():
    mc = sda_uncertainty(mb_table(), mb_table(1.2), draws=10, coef_cv=0.0)
    t = mc.table
    for e in mc.banded:
        np.testing.assert_allclose(t[f"{e}_p05"], t[e], atol=1e-9)
        np.testing.assert_allclose(t[f"{e}_p95"], t[e], atol=1e-9)


def test_bad_settings_are_refused():
    with pytest.raises((ValidationError, TypeError)):
        prices_uncertainty(mb_table(), {"s1": 0.1}, draws=10, coef_cv=-0.1)
