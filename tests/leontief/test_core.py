"""Leontief/Ghosh identities: Miller & Blair (2009) Table 2.3 example and properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from valuechain import NotProductiveError
from valuechain.leontief import (
    allocation_coefficients,
    ghosh_inverse,
    ghosh_inverse_from_leontief,
    leontief_inverse,
    technical_coefficients,
)


def test_miller_blair_table_2_3():
    # Miller & Blair (2009), sec. 2.3 / Table 2.3: Z = [[150, 500], [200, 100]],
    # x = (1000, 2000); A = [[.15, .25], [.20, .05]] (eq. 2.8);
    # L = [[1.2541, 0.3300], [0.2640, 1.1221]] (eq. 2.13), printed to 4 decimals.
    Z = pd.DataFrame([[150, 500], [200, 100]], index=["1", "2"], columns=["1", "2"])
    x = pd.Series([1000, 2000], index=["1", "2"])
    A = technical_coefficients(Z, x)
    assert np.allclose(A.to_numpy(), [[0.15, 0.25], [0.20, 0.05]])
    L = leontief_inverse(A)
    assert list(L.index) == ["1", "2"]
    assert np.allclose(L.to_numpy(), [[1.2541, 0.3300], [0.2640, 1.1221]], atol=5e-5)
    # hand-worked: det(I-A) = 0.85*0.95 - 0.25*0.2 = 0.7575; L11 = 0.95/0.7575
    assert L.iloc[0, 0] == pytest.approx(0.95 / 0.7575, rel=1e-12)


def test_ghosh_shortcut_equals_direct_inverse():
    rng = np.random.default_rng(0)
    Z = rng.uniform(0, 10, (6, 6))
    x = Z.sum(1) + rng.uniform(5, 20, 6)
    G1 = ghosh_inverse(allocation_coefficients(Z, x))
    G2 = ghosh_inverse_from_leontief(leontief_inverse(technical_coefficients(Z, x)), x)
    assert np.allclose(G1, G2, atol=1e-12)


def test_not_productive_raises():
    with pytest.raises(NotProductiveError, match="spectral radius"):
        leontief_inverse(np.array([[0.6, 0.5], [0.5, 0.6]]))


@given(
    arrays(np.float64, (5, 5), elements=st.floats(0, 1)),
    st.floats(0.05, 0.95),
)
def test_L_times_I_minus_A_is_identity(M, scale):
    # any non-negative matrix with column sums < 1 is productive
    colsum = M.sum(axis=0)
    A = M / np.where(colsum > 0, colsum, 1) * scale
    L = leontief_inverse(A)
    assert np.allclose(L @ (np.eye(5) - A), np.eye(5), atol=1e-9)
    assert (L >= -1e-12).all()


def test_leontief_solve_and_impact():
    from valuechain.leontief import leontief_solve, multipliers
    from valuechain.leontief.multipliers import impact
    from valuechain.tables import IOTable

    # Miller & Blair (2009) sec. 2.3: with f = (600, 1500) the new output is
    # x = L f = (1.2541*600 + 0.3300*1500, 0.2640*600 + 1.1221*1500) = (1247.52, 1841.58) (rounded L)
    A = np.array([[0.15, 0.25], [0.20, 0.05]])
    x = leontief_solve(A, np.array([600.0, 1500.0]))
    np.testing.assert_allclose(x, [(0.95 * 600 + 0.25 * 1500) / 0.7575, (0.2 * 600 + 0.85 * 1500) / 0.7575], rtol=1e-12)
    # (all value added paid to households who spend all final demand would make the closed
    # model singular, h'Lc = 1, so exports take part of final demand)
    t = IOTable.from_frames([[150.0, 500.0], [200.0, 100.0]], pd.DataFrame({"hh": [300.0, 1200.0], "exports": [50.0, 500.0]}),
                            pd.DataFrame([[650.0, 1400.0]], index=["D1"]), industries=["1", "2"],
                            roles={"compensation": "D1", "households": "hh"})
    imp = impact(t, pd.Series({"1": 600.0, "2": 1500.0}))
    np.testing.assert_allclose(imp["output"], x, rtol=1e-12)
    np.testing.assert_allclose(imp["income"], [0.65 * x[0], 0.70 * x[1]], rtol=1e-12)
    # a unit of final demand for sector 1 under Type II: total output = Type II output multiplier
    imp2 = impact(t, pd.Series({"1": 1.0}), type="II")
    assert imp2["output"].sum() == pytest.approx(multipliers(t, type="II")["output"]["1"], rel=1e-12)


def test_spectral_radius_path_for_negative_coefficients():
    from valuechain.leontief import check_productive, spectral_radius

    # a negative entry disables the Hawkins-Simon shortcut; rho([[0.5, -0.2], [0.3, 0.4]]) < 1
    A = np.array([[0.5, -0.2], [0.3, 0.4]])
    assert spectral_radius(A) == pytest.approx(max(abs(np.linalg.eigvals(A))))
    check_productive(A)
    with pytest.raises(NotProductiveError):
        check_productive(np.array([[1.1, -0.1], [0.0, 0.5]]))  # triangular: rho = 1.1
