"""valuechain.iomath against a 2x2 example worked by hand (Miller & Blair 2009, ch. 2 notation).

Z = [[20, 30], [10, 40]], x = (100, 100): A = Z / x = [[0.2, 0.3], [0.1, 0.4]];
I - A = [[0.8, -0.3], [-0.1, 0.6]], det = 0.48 - 0.03 = 0.45, so
L = [[0.6, 0.3], [0.1, 0.8]] / 0.45 and the output multipliers (column sums) are
0.7 / 0.45 and 1.1 / 0.45. Allocation coefficients B = Z / x (row-wise) = [[0.2, 0.3], [0.1, 0.4]]
here as x is the same for both rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from valuechain.iomath import (
    allocation_coefficients,
    ghosh_inverse_from_leontief,
    leontief_factor,
    leontief_inverse,
    leontief_inverses,
    leontief_solve,
    output_multipliers,
    technical_coefficients,
)

Z = np.array([[20.0, 30.0], [10.0, 40.0]])
x = np.array([100.0, 100.0])
A = np.array([[0.2, 0.3], [0.1, 0.4]])
L = np.array([[0.6, 0.3], [0.1, 0.8]]) / 0.45


def test_coefficients_and_inverse_by_hand():
    np.testing.assert_allclose(technical_coefficients(Z, x), A)
    np.testing.assert_allclose(allocation_coefficients(Z, x), A)
    np.testing.assert_allclose(leontief_inverse(A), L, rtol=1e-14)
    np.testing.assert_allclose(leontief_solve(A, np.array([45.0, 45.0])), L @ [45.0, 45.0], rtol=1e-14)  # (40.5, 40.5)
    np.testing.assert_allclose(output_multipliers(A), [0.7 / 0.45, 1.1 / 0.45], rtol=1e-14)
    np.testing.assert_allclose(leontief_factor(A).inverse(), L, rtol=1e-14)
    np.testing.assert_allclose(leontief_inverses(np.stack([A, np.zeros((2, 2))])), [L, np.eye(2)], rtol=1e-14)


def test_labels_in_labels_out():
    Af = pd.DataFrame(A, index=["a", "b"], columns=["a", "b"])
    Lf = leontief_inverse(Af)
    assert list(Lf.index) == ["a", "b"] and list(Lf.columns) == ["a", "b"]
    m = output_multipliers(Af)
    assert m.name == "output_multiplier" and list(m.index) == ["a", "b"]


def test_ghosh_from_leontief_is_xhat_inverse_l_xhat():
    xs = np.array([50.0, 200.0])
    G = ghosh_inverse_from_leontief(L, xs)
    np.testing.assert_allclose(G, np.diag(1 / xs) @ L @ np.diag(xs), rtol=1e-14)


