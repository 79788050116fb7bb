"""RAS and GRAS: hand-worked references, an independent optimiser, properties, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize

from valuechain.errors import ConvergenceError, ValidationError
from valuechain.regional import RASResult, gras, ras

# ----------------------------------------------------------------- hand-worked RAS (2x2)
# Prior A = [[1, 2], [3, 4]], row targets u = [4, 6], column targets v = [5, 5].
#
# Iteration 1 (Miller & Blair 2009, sec. 7.4.2 procedure: rows first, then columns):
#   row sums of A: 3, 7            -> r1 = [4/3, 6/7]
#   r1 A = [[4/3, 8/3], [18/7, 24/7]]
#   column sums: 4/3 + 18/7 = 82/21, 8/3 + 24/7 = 128/21
#                                  -> s1 = [5*21/82, 5*21/128] = [105/82, 105/128]
#   A(1) = [[4/3*105/82, 8/3*105/128], [18/7*105/82, 24/7*105/128]]
#        = [[140/82, 280/128], [270/82, 360/128]]
#        = [[1.707317073, 2.1875], [3.292682927, 2.8125]]
#
# Limit: RAS keeps the cross-product ratio (Bacharach 1970, ch. 4):
#   x11 x22 / (x12 x21) = (1*4)/(2*3) = 2/3.  With the margins,
#   x12 = 4 - x11, x21 = 5 - x11, x22 = 6 - (5 - x11) = 1 + x11, so
#   3 x11 (1 + x11) = 2 (4 - x11)(5 - x11)  <=>  x11^2 + 21 x11 - 40 = 0
#   x11 = (-21 + sqrt(601)) / 2 = 1.757650672131...
X11 = (-21 + np.sqrt(601.0)) / 2


def test_ras_first_iteration_by_hand():
    res = ras([[1.0, 2.0], [3.0, 4.0]], [4.0, 6.0], [5.0, 5.0], max_iter=1, strict=False)
    expected = np.array([[140 / 82, 280 / 128], [270 / 82, 360 / 128]])
    np.testing.assert_allclose(res.matrix, expected, rtol=1e-12)
    np.testing.assert_allclose(res.r, [4 / 3, 6 / 7], rtol=1e-12)
    np.testing.assert_allclose(res.s, [105 / 82, 105 / 128], rtol=1e-12)
    assert res.iterations == 1 and not res.converged


def test_ras_limit_closed_form_2x2():
    res = ras([[1.0, 2.0], [3.0, 4.0]], [4.0, 6.0], [5.0, 5.0])
    expected = np.array([[X11, 4 - X11], [5 - X11, 1 + X11]])
    np.testing.assert_allclose(res.matrix, expected, rtol=1e-9)
    assert res.converged and res.identities_hold()
    # cross-product ratio preserved
    M = res.matrix
    assert M[0, 0] * M[1, 1] / (M[0, 1] * M[1, 0]) == pytest.approx(2 / 3, rel=1e-9)


# ----------------------------------------------------------------- hand-worked RAS (3x3)
# A 3x3 worked example in the style of Miller & Blair (2009) sec. 7.4.2: old coefficients
# times new output give the prior; new intermediate sales u and purchases v are the targets.
#   A(0) = [[.120, .100, .049], [.210, .247, .265], [.026, .249, .145]]
#   x(1) = [421, 284, 283]
#   prior Z(0) = A(0) x̂(1) = [[50.52, 28.4, 13.867], [88.41, 70.148, 74.995],
#                             [10.946, 70.716, 41.035]]
#   u(1) = [104, 158, 103],  v(1) = [174, 168, 23] (both total 365)
# First row step: row sums of Z(0) = 92.787, 233.553, 122.697
#   r1 = [104/92.787, 158/233.553, 103/122.697] = [1.120847, 0.676506, 0.839467]
A0 = np.array([[0.120, 0.100, 0.049], [0.210, 0.247, 0.265], [0.026, 0.249, 0.145]])
X1 = np.array([421.0, 284.0, 283.0])
U1 = np.array([104.0, 158.0, 103.0])
V1 = np.array([174.0, 168.0, 23.0])


def test_ras_3x3_first_row_step_and_limit():
    Z0 = A0 * X1[None, :]
    np.testing.assert_allclose(Z0.sum(axis=1), [92.787, 233.553, 122.697], rtol=1e-12)
    res = ras(Z0, U1, V1)
    # the first row multipliers are those written above; checked through one sweep
    one = ras(Z0, U1, V1, max_iter=1, strict=False)
    np.testing.assert_allclose(one.r, [104 / 92.787, 158 / 233.553, 103 / 122.697], rtol=1e-12)
    np.testing.assert_allclose(res.matrix.sum(axis=1), U1, rtol=1e-9)
    np.testing.assert_allclose(res.matrix.sum(axis=0), V1, rtol=1e-9)
    # updated coefficients A(1) = Z(1) x̂(1)^-1 are r̂ A(0) ŝ (M&B eq. 7.19)
    np.testing.assert_allclose(res.matrix / X1[None, :], res.r[:, None] * A0 * res.s[None, :], rtol=1e-12)


# ---------------------------------------------------------- independent: the optimum itself
def _gras_by_optimiser(A, u, v):
    """Solve min sum |a_ij| z_ij (ln z_ij - 1), z = x/a, s.t. margins (Lenzen et al. 2007, eq. 3)
    with SciPy's SLSQP on the cells with a_ij != 0 -- an independent computation."""
    A = np.asarray(A, float)
    idx = np.argwhere(A != 0)
    a = A[idx[:, 0], idx[:, 1]]

    def f(z):
        return np.sum(np.abs(a) * z * (np.log(z) - 1.0))

    def grad(z):
        return np.abs(a) * np.log(z)

    cons = []
    for i in range(A.shape[0]):
        m = idx[:, 0] == i
        cons.append({"type": "eq", "fun": (lambda z, m=m, i=i: np.sum(a[m] * z[m]) - u[i]), "jac": (lambda z, m=m: np.where(m, a, 0.0))})
    for j in range(A.shape[1] - 1):  # one constraint is redundant
        m = idx[:, 1] == j
        cons.append({"type": "eq", "fun": (lambda z, m=m, j=j: np.sum(a[m] * z[m]) - v[j]), "jac": (lambda z, m=m: np.where(m, a, 0.0))})
    sol = minimize(f, np.ones(a.size), jac=grad, constraints=cons, bounds=[(1e-9, None)] * a.size,
                   method="SLSQP", options={"ftol": 1e-14, "maxiter": 2000})
    assert sol.success, sol.message
    X = np.zeros_like(A)
    X[idx[:, 0], idx[:, 1]] = a * sol.x
    return X


def test_gras_matches_independent_optimiser_with_negatives():
    # a 3x4 prior with negative entries (e.g. changes in inventories, subsidies)
    A = np.array([[7.0, 3.0, 5.0, -3.0], [2.0, 9.0, 8.0, 1.0], [-2.0, 0.0, 2.0, 1.0]])
    u = np.array([15.0, 26.0, -1.0])
    v = np.array([9.0, 16.0, 17.0, -2.0])
    res = gras(A, u, v)
    ref = _gras_by_optimiser(A, u, v)
    np.testing.assert_allclose(res.matrix, ref, atol=2e-5)
    assert np.array_equal(np.sign(res.matrix), np.sign(A))
    np.testing.assert_allclose(res.matrix.sum(axis=1), u, atol=1e-8)
    np.testing.assert_allclose(res.matrix.sum(axis=0), v, atol=1e-8)


def test_gras_first_row_step_by_hand():
    # A = [[4, -1], [2, 3]], u = [5, 4], v = [5, 4]; s0 = 1.
    # Row 1: p = 4, n = 1: r1 = (5 + sqrt(25 + 4*4*1)) / (2*4) = (5 + sqrt(41)) / 8
    # Row 2: p = 5, n = 0: r2 = 4 / 5
    res = gras([[4.0, -1.0], [2.0, 3.0]], [5.0, 4.0], [5.0, 4.0], max_iter=1, strict=False)
    np.testing.assert_allclose(res.r, [(5 + np.sqrt(41)) / 8, 0.8], rtol=1e-12)


def test_ras_matches_optimiser_and_gras_on_nonnegative():
    Z0 = A0 * X1[None, :]
    np.testing.assert_allclose(ras(Z0, U1, V1).matrix, _gras_by_optimiser(Z0, U1, V1), rtol=1e-5)
    np.testing.assert_allclose(ras(Z0, U1, V1).matrix, gras(Z0, U1, V1).matrix, rtol=1e-10)


# ------------------------------------------------------------------------------ properties
@st.composite
def problems(draw, allow_negative=False):
    m = draw(st.integers(2, 6))
    n = draw(st.integers(2, 6))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    A = rng.uniform(0.1, 10.0, size=(m, n))
    A[rng.random((m, n)) < 0.2] = 0.0
    np.fill_diagonal(A, rng.uniform(0.5, 5.0, size=min(m, n)))  # keeps every row/col non-empty when m<=n
    A[:, 0] += 0.5  # every row has a positive entry
    A[0, :] += 0.5  # every column has a positive entry
    if allow_negative:
        neg = (rng.random((m, n)) < 0.15) & (A > 0)
        neg[:, 0] = False
        neg[0, :] = False
        A[neg] *= -0.3
    # targets from a feasible matrix with the same sign pattern
    F = A * rng.uniform(0.5, 2.0, size=(m, n)) ** np.sign(A)
    return A, F.sum(axis=1), F.sum(axis=0)


@given(problems())
def test_ras_hits_margins_and_keeps_zeros(p):
    A, u, v = p
    res = ras(A, u, v)
    np.testing.assert_allclose(res.matrix.sum(axis=1), u, atol=1e-8 * np.abs(u).max())
    np.testing.assert_allclose(res.matrix.sum(axis=0), v, atol=1e-8 * np.abs(v).max())
    assert np.array_equal(res.matrix == 0, A == 0)
    assert (res.matrix >= 0).all()
    # biproportional form
    np.testing.assert_allclose(res.matrix, np.asarray(res.r)[:, None] * A * np.asarray(res.s)[None, :], rtol=1e-12)


@given(problems(allow_negative=True))
def test_gras_keeps_signs_and_hits_margins(p):
    A, u, v = p
    res = gras(A, u, v)
    assert np.array_equal(np.sign(res.matrix), np.sign(A))
    assert res.identities_hold()


@given(problems())
def test_consistent_prior_is_returned_unchanged(p):
    A, _, _ = p
    res = ras(A, A.sum(axis=1), A.sum(axis=0))
    np.testing.assert_allclose(res.matrix, A, rtol=1e-12)
    assert res.iterations == 1
    np.testing.assert_allclose(res.r, 1.0, rtol=1e-12)


@given(problems(), st.floats(0.1, 10.0))
def test_ras_is_scale_equivariant(p, k):
    A, u, v = p
    np.testing.assert_allclose(ras(k * A, u, v).matrix, ras(A, u, v).matrix, rtol=1e-7, atol=1e-9)


# ------------------------------------------------------------------------------ labels, result
def test_labels_and_result_views():
    lab = ["agr", "man", "srv"]
    Z0 = pd.DataFrame(A0 * X1[None, :], index=lab, columns=lab)
    res = ras(Z0, pd.Series(U1[::-1], index=lab[::-1]), pd.Series(V1, index=lab))
    assert isinstance(res, RASResult)
    assert list(res.matrix.index) == lab and list(res.r.index) == lab
    np.testing.assert_allclose(res.matrix.sum(axis=1).to_numpy(), U1, rtol=1e-9)
    t = res.table
    assert list(t.columns) == ["row", "col", "prior", "balanced", "ratio"] and len(t) == 9
    assert "converged" in res.summary() and "<div>" in res._repr_html_()
    assert set(res.margins["margin"]) == {"row", "column"}


# ------------------------------------------------------------------------------ bad input
def test_different_totals_names_both_totals():
    with pytest.raises(ValidationError, match=r"row targets sum to 10 but column targets sum to 11"):
        ras([[1.0, 2.0], [3.0, 4.0]], [4.0, 6.0], [5.0, 6.0])


def test_negative_entries_point_to_gras():
    with pytest.raises(ValidationError, match="gras"):
        ras([[1.0, -2.0], [3.0, 4.0]], [4.0, 6.0], [5.0, 5.0])
    with pytest.raises(ValidationError, match="negative row target"):
        ras([[1.0, 2.0], [3.0, 4.0]], [-4.0, 14.0], [5.0, 5.0])


def test_zero_row_with_positive_target():
    Z = pd.DataFrame([[1.0, 2.0], [0.0, 0.0]], index=["a", "b"], columns=["a", "b"])
    with pytest.raises(ValidationError, match=r"row\(s\) b of the prior are all zero"):
        ras(Z, [3.0, 1.0], [2.0, 2.0])


def test_no_convergence_reports_iterations_and_residual():
    with pytest.raises(ConvergenceError, match=r"after \d+ iterations the largest margin residual is 1\b"):
        ras([[1.0, 0.0], [0.0, 1.0]], [1.0, 2.0], [2.0, 1.0])
    with pytest.raises(ConvergenceError, match="after 3 iterations"):
        ras(A0 * X1[None, :], U1, V1, max_iter=3)


def test_label_mismatch_and_shape():
    Z = pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], index=["a", "b"], columns=["a", "b"])
    with pytest.raises(ValidationError, match="labels do not match"):
        ras(Z, pd.Series([4.0, 6.0], index=["a", "c"]), [5.0, 5.0])
    with pytest.raises(ValidationError, match="has 3 values"):
        ras(Z, [1.0, 2.0, 7.0], [5.0, 5.0])


def test_result_convention_flags_and_deprecated_check_margins():
    prior = pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], index=["a", "b"], columns=["c", "d"])
    prior.attrs["flags"] = ["synthetic"]
    res = ras(prior, [4.0, 6.0], [5.0, 5.0])
    assert res.flags == ("estimated by RAS", "synthetic")
    chk = res.check()
    assert list(chk["identity"]) == ["row sums = targets", "column sums = targets"] and res.identities_hold()
    with pytest.warns(DeprecationWarning, match="check_margins"):
        assert res.check_margins()
    # a tolerance below the residual fails the identity
    assert not res.check(rtol=0.0)["ok"].all() or res.max_residual == 0.0
