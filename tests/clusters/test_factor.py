"""Feser-Sweeney-Renski clusters: hand-worked linkage, statsmodels / factor_analyzer side by side,
planted clusters, properties and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from factor_analyzer import Rotator
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.multivariate.factor import Factor
from statsmodels.multivariate.factor_rotation import rotate_factors

from valuechain.clusters import (
    ClusterAnalysis,
    ConstantIndustryWarning,
    linkage_correlations,
    linkage_matrix,
    principal_components,
    purchase_shares,
    sales_shares,
    undefined_industries,
    varimax,
)
from valuechain.errors import ValidationError
from valuechain.tables import IOTable


def _align(ref: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Reorder and re-sign the columns of ``other`` to match ``ref`` (factors are defined
    only up to sign, and a peer may order rotated factors differently)."""
    out = np.zeros_like(other)
    for j in range(ref.shape[1]):
        k = int(np.argmax(np.abs(ref[:, j] @ other)))
        out[:, j] = other[:, k] * np.sign(ref[:, j] @ other[:, k])
    return out


# ------------------------------------------------------------------ hand-worked linkage
# Z = [[1, 5, 0], [4, 1, 2], [0, 3, 6]] (rows sell, columns buy), industries a, b, c.
# Column sums 5, 9, 8 -> X = [[.2, 5/9, 0], [.8, 1/9, .25], [0, 1/3, .75]]
# Row sums 6, 7, 9   -> Y = [[1/6, 5/6, 0], [4/7, 1/7, 2/7], [0, 1/3, 2/3]]
# Pair (a, b):
#  r(x_.a, x_.b): x_.a = (.2, .8, 0) dev (-2/15, 7/15, -1/3); x_.b = (5/9, 1/9, 1/3) dev (2/9, -2/9, 0)
#                 cov-sum = -4/135 - 14/135 = -2/15;  norms sqrt(26/75), sqrt(8/81)
#                 r = -(2/15) / sqrt(26/75 * 8/81) = -0.72058
#  r(y_a., y_b.): dev (-1/6, 1/2, -1/3) and (5/21, -4/21, -1/21): sum = -5/126 - 4/42 + 1/63 = -5/42
#                 norms sqrt(7/18), sqrt(42/441) -> r = -(5/42)/sqrt(7/18 * 42/441) = -0.61859
#  r(x_.a, y_b.): (-2/15, 7/15, -1/3)·(5/21, -4/21, -1/21) = -10/315 - 28/315 + 5/315 = -33/315
#                 r = -(33/315) / sqrt(26/75 * 42/441) = -0.57656
#  r(y_a., x_.b): (-1/6, 1/2, -1/3)·(2/9, -2/9, 0) = -1/27 - 1/9 = -4/27
#                 r = -(4/27) / sqrt(7/18 * 8/81) = -0.75593
#  L_ab = max = -0.57656
HAND = {
    "xx": -(2 / 15) / np.sqrt(26 / 75 * 8 / 81),
    "yy": -(5 / 42) / np.sqrt(7 / 18 * 42 / 441),
    "xy": -(33 / 315) / np.sqrt(26 / 75 * 42 / 441),
    "yx": -(4 / 27) / np.sqrt(7 / 18 * 8 / 81),
}
Z3 = pd.DataFrame([[1, 5, 0], [4, 1, 2], [0, 3, 6]], index=list("abc"), columns=list("abc"), dtype=float)


def test_shares_and_four_correlations_by_hand():
    np.testing.assert_allclose(purchase_shares(Z3).to_numpy()[:, 0], [0.2, 0.8, 0.0])
    np.testing.assert_allclose(sales_shares(Z3).to_numpy()[1], [4 / 7, 1 / 7, 2 / 7])
    c = linkage_correlations(Z3)
    for k, v in HAND.items():
        assert c[k].loc["a", "b"] == pytest.approx(v, abs=1e-12), k
    assert HAND["xx"] == pytest.approx(-0.72058, abs=5e-6) and HAND["yx"] == pytest.approx(-0.75593, abs=5e-6)
    L = linkage_matrix(Z3)
    assert L.loc["a", "b"] == pytest.approx(max(HAND.values()), abs=1e-12)
    assert L.loc["a", "b"] == pytest.approx(-0.57656, abs=5e-6)


def test_correlations_equal_numpy_corrcoef():
    rng = np.random.default_rng(3)
    Z = pd.DataFrame(rng.gamma(0.8, size=(7, 7)))
    X, Y = purchase_shares(Z).to_numpy(), sales_shares(Z).to_numpy()
    c = linkage_correlations(Z)
    n = 7
    big = np.corrcoef(np.vstack([X.T, Y]))  # rows: x_.1..x_.n, y_1...y_n.
    np.testing.assert_allclose(c["xx"], big[:n, :n], atol=1e-12)
    np.testing.assert_allclose(c["yy"], big[n:, n:], atol=1e-12)
    np.testing.assert_allclose(c["xy"], big[:n, n:], atol=1e-12)
    np.testing.assert_allclose(c["yx"], big[n:, :n], atol=1e-12)


# --------------------------------------------------------------- peers side by side
@pytest.fixture(scope="module")
def L12():
    rng = np.random.default_rng(1)
    return linkage_matrix(pd.DataFrame(rng.gamma(0.7, size=(12, 12)))).to_numpy()


def test_extraction_equals_statsmodels(L12):
    # statsmodels Factor(method="pa") with unit communalities (smc=False) and one
    # iteration is exactly principal-component extraction of the correlation matrix.
    lam, load = principal_components(L12, 4)
    sm = Factor(corr=L12, n_factor=4, method="pa", smc=False).fit(maxiter=1)
    np.testing.assert_allclose(lam, sm.eigenvals, atol=1e-10)
    np.testing.assert_allclose(load, _align(load, sm.loadings), atol=1e-10)
    # Kaiser's rule keeps the eigenvalues >= 1
    lam_k, load_k = principal_components(L12)
    assert load_k.shape[1] == int((sm.eigenvals >= 1).sum())


def test_varimax_equals_factor_analyzer_kaiser_normalized(L12):
    # factor_analyzer's Rotator uses Kaiser normalisation (normalize=True), like ours by default.
    _, load = principal_components(L12, 4)
    ours, T = varimax(load)
    fa = Rotator(method="varimax", normalize=True, tol=1e-14, max_iter=100_000).fit_transform(load)
    np.testing.assert_allclose(ours, _align(ours, fa), atol=1e-9)
    np.testing.assert_allclose(T.T @ T, np.eye(4), atol=1e-12)  # orthogonal rotation


def test_varimax_raw_equals_statsmodels(L12):
    # statsmodels' GPA varimax has no Kaiser normalisation: compare with normalize=False.
    _, load = principal_components(L12, 4)
    ours, _ = varimax(load, normalize=False)
    # statsmodels' GPA tolerance 1e-6 (tighter ones take a minute here); agreement ~1e-6
    sm, _ = rotate_factors(load, "varimax", tol=1e-6, max_tries=100_000)
    np.testing.assert_allclose(ours, _align(ours, sm), atol=1e-5)


def test_cluster_analysis_loadings_equal_peers(L12):
    rng = np.random.default_rng(1)
    Z = pd.DataFrame(rng.gamma(0.7, size=(12, 12)))
    ca = ClusterAnalysis(n_factors=4).fit(Z)
    _, load = principal_components(L12, 4)
    fa = Rotator(method="varimax", tol=1e-14, max_iter=100_000).fit_transform(load)
    np.testing.assert_allclose(ca.loadings_.to_numpy(), _align(ca.loadings_.to_numpy(), fa), atol=1e-9)
    # communalities are invariant to rotation
    np.testing.assert_allclose((ca.loadings_**2).sum(axis=1), (load**2).sum(axis=1), atol=1e-12)


# --------------------------------------------------------------- planted clusters
def _planted(seed=0, noise=0.02):
    """Three blocks of industries trading mostly within the block."""
    rng = np.random.default_rng(seed)
    blocks = [list("abcd"), list("efgh"), list("ijkl")]
    lab = [x for b in blocks for x in b]
    Z = pd.DataFrame(noise * rng.random((12, 12)), index=lab, columns=lab)
    for b in blocks:
        Z.loc[b, b] += rng.uniform(5, 10, size=(4, 4))
    return Z, blocks


def test_planted_clusters_are_recovered():
    Z, blocks = _planted()
    ca = ClusterAnalysis(n_factors=3).fit(Z)
    found = sorted(sorted(m) for m in ca.clusters_.values())
    assert found == sorted(blocks)
    t = ca.table
    assert list(t.columns[:6]) == ["factor", "industry", "loading", "eigenvalue", "variance_share", "member"]
    assert len(t) == 3 * 12
    np.testing.assert_allclose(t.groupby("factor")["eigenvalue"].first().to_numpy(), ca.eigenvalues_.iloc[:3])
    np.testing.assert_allclose(t["variance_share"], t["eigenvalue"] / 12)
    assert "factor 1" in ca.summary() and "<table" in ca._repr_html_()
    # fitter convention: fit() returns self, result_ follows the result convention
    res = ca.result_
    assert res.summary() == ca.summary() and res.identities_hold() and ca.identities_hold()
    assert list(res.check()["identity"]) == ["rotation keeps the communalities", "eigenvalues sum to the number of industries"]


def test_iotable_input_exclusions_and_flags(tmp_path):
    Z, blocks = _planted(1)
    x = Z.sum(axis=1) * 2 + 1
    tab = IOTable.from_frames(Z, Y=(x - Z.sum(axis=1)).to_frame("fd"), name="planted", flags=("synthetic",))
    ca = ClusterAnalysis(n_factors=3, exclude=["a"]).fit(tab)
    t = ca.table
    assert set(t["industry"]) == set(Z.index)  # every industry listed, the excluded one too
    assert not t.loc[t["industry"] == "a", "member"].any() and t.loc[t["industry"] == "a", "loading"].isna().all()
    assert (t["flags"] == "synthetic").all()
    cb = ClusterAnalysis(n_factors=3, exclude=["a"], exclude_from="membership").fit(tab)
    assert cb.loadings_.shape[0] == 12 and not cb.members_.loc["a"].any()
    from valuechain._charts import save_chart

    out = save_chart(ca.scree_chart(), tmp_path / "scree.svg")
    assert "svg" in out.read_text()[:200].lower()


# --------------------------------------------------------------- properties
@st.composite
def transactions(draw):
    n = draw(st.integers(5, 10))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    Z = rng.gamma(0.8, size=(n, n)) + 0.01
    return pd.DataFrame(Z, index=[f"s{i}" for i in range(n)], columns=[f"s{i}" for i in range(n)])


@given(transactions())
def test_linkage_is_symmetric_bounded_unit_diagonal(Z):
    L = linkage_matrix(Z).to_numpy()
    np.testing.assert_allclose(L, L.T, atol=1e-12)
    np.testing.assert_allclose(np.diag(L), 1.0)
    assert (L <= 1 + 1e-12).all() and (L >= -1 - 1e-12).all()


@given(transactions(), st.floats(0.01, 100.0))
def test_linkage_scale_invariant(Z, k):
    np.testing.assert_allclose(linkage_matrix(k * Z), linkage_matrix(Z), atol=1e-10)


@given(transactions(), st.integers(0, 2**31 - 1))
def test_results_do_not_depend_on_industry_order(Z, seed):
    perm = np.random.default_rng(seed).permutation(Z.shape[0])
    Zp = Z.iloc[perm, perm]
    a = ClusterAnalysis(n_factors=2).fit(Z)
    b = ClusterAnalysis(n_factors=2).fit(Zp)
    np.testing.assert_allclose(a.eigenvalues_, b.eigenvalues_, atol=1e-9)
    la = a.loadings_.to_numpy()
    lb = b.loadings_.loc[a.loadings_.index].to_numpy()
    np.testing.assert_allclose(la, _align(la, lb), atol=1e-6)


@given(transactions())
def test_eigenvalues_sum_to_n_and_loadings_reproduce(Z):
    L = linkage_matrix(Z).to_numpy()
    lam_np = np.sort(np.linalg.eigvalsh(L))[::-1]
    k = int((lam_np > 1e-9).sum())  # L need not be positive semi-definite
    ca = ClusterAnalysis(n_factors=k, rotation=None).fit(Z)
    np.testing.assert_allclose(ca.eigenvalues_, lam_np, atol=1e-10)
    assert ca.eigenvalues_.sum() == pytest.approx(Z.shape[0], rel=1e-9)  # trace of L
    U = ca.unrotated_loadings_.to_numpy()
    np.testing.assert_allclose((U**2).sum(axis=0), lam_np[:k], rtol=1e-9)  # column SS = eigenvalue
    # rotation keeps communalities and the reproduced matrix
    R = ClusterAnalysis(n_factors=k).fit(Z).loadings_.to_numpy()
    np.testing.assert_allclose(R @ R.T, U @ U.T, atol=1e-8)


# --------------------------------------------------------------- bad input
def test_constant_industries_named_or_dropped():
    Z, _ = _planted()
    Z.loc["c", :] = 0.0  # c sells nothing to industries: its sales pattern is undefined
    Z.loc[:, "k"] = 0.0  # k buys nothing
    assert list(undefined_industries(Z)) == ["c", "k"]
    with pytest.raises(ValidationError, match=r"undefined: c, k;.*drop_constant=True"):
        ClusterAnalysis().fit(Z)
    with pytest.warns(ConstantIndustryWarning, match="c, k"):
        ca = ClusterAnalysis(drop_constant=True, n_factors=3).fit(Z)
    assert "c" not in ca.loadings_.index and ca.dropped_ == ["c", "k"]


def test_bad_parameters():
    Z, _ = _planted()
    with pytest.raises(ValidationError, match="not in the table: zz"):
        ClusterAnalysis(exclude=["zz"]).fit(Z)
    with pytest.raises(ValidationError, match="threshold"):
        ClusterAnalysis(threshold=1.5)
    with pytest.raises(ValidationError, match="n_factors must be between"):
        ClusterAnalysis(n_factors=40).fit(Z)
    with pytest.raises(ValidationError, match="negative transaction"):
        ClusterAnalysis().fit(-Z)
    with pytest.raises(ValidationError, match="not fitted"):
        ClusterAnalysis().table  # noqa: B018  (the access raises)
