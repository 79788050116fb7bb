"""ECI / PCI / diversity / ubiquity: py-ecomplexity side by side, a hand-worked example,
and seeded property tests."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from valuechain.errors import ValidationError
from valuechain.complexity.complexity import complexity_from_mcp, diversity_ubiquity, economic_complexity


def _sample(shared_data) -> pd.DataFrame:
    df = pd.read_csv(shared_data / "eci_trade_sample_1995" / "trade_data_sample_1995.csv")
    return df


def _ecomplexity(df: pd.DataFrame) -> pd.DataFrame:
    from ecomplexity import ecomplexity

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            return ecomplexity(df, {"time": "year", "loc": "origin", "prod": "hs92", "val": "export_val"}, verbose=False)


@pytest.mark.parametrize("subset", ["all", "few_products"])
@pytest.mark.parametrize("method", ["eigenvector", "reflections"])
def test_equals_py_ecomplexity(shared_data, method, subset):
    # Reference: py-ecomplexity 0.5.3 (Harvard Growth Lab) run here on the same real sample
    # (10 countries x 30 HS92 products, 1995). Mapping of conventions:
    #   py-ecomplexity Mcp = RCA >= 1         -> ours threshold=1, inclusive=True (default)
    #   sign: corr(ECI, diversity) > 0        -> ours sign="diversity" (default)
    #   ECI z-scored (np.std, ddof=0); PCI standardised with ECI's mean and sd
    #                                          -> ours normalize="eci", ddof=0
    #   (our default normalize="zscore" gives the same ECI and PCI z-scored on its own)
    # "few_products" keeps 6 products (< 10 countries): our symmetric form then runs on the
    # product side.
    df = _sample(shared_data)
    if subset == "few_products":
        keep = sorted(df["hs92"].unique())[:6]
        df = df[df["hs92"].isin(keep)]
    ref = _ecomplexity(df)
    flows = df.rename(columns={"origin": "exporter", "hs92": "product", "export_val": "value"})
    r = economic_complexity(flows, method=method, normalize="eci")
    tol = 1e-12 if method == "eigenvector" else 1e-7
    rc = ref.groupby("origin")[["eci", "diversity"]].first()
    c = r.countries.set_index(r.countries["country"].astype(str).str.lower())  # the schema upper-cases codes
    assert set(c.index) == set(rc.index)
    np.testing.assert_allclose(c.loc[rc.index, "eci"], rc["eci"], atol=tol)
    np.testing.assert_array_equal(c.loc[rc.index, "diversity"], rc["diversity"])
    rp = ref.groupby(ref["hs92"].astype(str))[["pci", "ubiquity"]].first()
    p = r.products.set_index(r.products["product"].astype(str).str.lstrip("0"))
    rp.index = rp.index.str.lstrip("0")
    np.testing.assert_allclose(p.loc[rp.index, "pci"], rp["pci"], atol=tol)
    np.testing.assert_array_equal(p.loc[rp.index, "ubiquity"], rp["ubiquity"])
    # RCA of every pair with Mcp = 1, and the same set of pairs
    ref1 = ref[ref["mcp"] == 1].assign(key=lambda d: d["origin"].str.upper() + "|" + d["hs92"].astype(str))
    ours = r.mcp.assign(key=lambda d: d["exporter"].astype(str) + "|" + d["product"].astype(str).str.lstrip("0"))
    assert set(ours["key"]) == set(ref1["key"])
    np.testing.assert_allclose(ours.set_index("key").loc[ref1["key"], "rca"], ref1["rca"], rtol=1e-12)
    # default normalisation: ECI identical, PCI = z-score of py-ecomplexity's PCI
    z = economic_complexity(flows, method=method)
    np.testing.assert_allclose(z.countries["eci"], r.countries["eci"], atol=tol)
    pz = (rp["pci"] - rp["pci"].mean()) / rp["pci"].std(ddof=0)
    zp = z.products.set_index(z.products["product"].astype(str).str.lstrip("0"))
    np.testing.assert_allclose(zp.loc[rp.index, "pci"], pz, atol=tol * 10)
    assert r.max_identity_error() < 1e-9
    chk = r.check()  # the identity table of the result convention
    assert list(chk.columns) == ["identity", "max_abs_error", "rel_error", "ok"] and chk["ok"].all() and r.identities_hold()


def test_hand_worked_nested_example():
    # M (rows A, B, C; columns x, y, z) = [[1,0,0],[1,1,0],[1,1,1]]
    # diversity D = (1, 2, 3); ubiquity U = (3, 2, 1)
    # M~ = D^-1 M U^-1 M' = [[1/3, 1/3, 1/3], [1/6, 5/12, 5/12], [1/9, 5/18, 11/18]]
    # trace = 49/36, det = det(D^-1) det(M)^2 det(U^-1) = (1/6)(1)(1/6) = 1/36;
    # eigenvalue 1 plus the roots of l^2 - (13/36) l + 1/36 = 0: l2 = 1/4, l3 = 1/9.
    # (M~ - I/4) v = 0 gives v = (4, 1, -2); sign so ECI rises with diversity: K = (-4, -1, 2)
    # z-score (ddof 0): mean -1, deviations (-3, 0, 3), sd sqrt(6) -> ECI = (-3, 0, 3)/sqrt(6)
    # Q = U^-1 M' K = ((-4-1+2)/3, (-1+2)/2, 2/1) = (-1, 0.5, 2); z-score: (-1.5, 0, 1.5)/sqrt(1.5)
    mcp = pd.DataFrame(
        {"year": 2000, "exporter": ["A", "B", "B", "C", "C", "C"], "product": ["x", "x", "y", "x", "y", "z"]}
    )
    for method in ("eigenvector", "reflections"):
        r = complexity_from_mcp(mcp, method=method)
        np.testing.assert_allclose(r.countries["eci"], np.array([-3, 0, 3]) / np.sqrt(6), atol=1e-9)
        np.testing.assert_allclose(r.products["pci"], np.array([-1.5, 0, 1.5]) / np.sqrt(1.5), atol=1e-9)
        assert r.countries["diversity"].tolist() == [1, 2, 3]
        assert r.products["ubiquity"].tolist() == [3, 2, 1]
    r = complexity_from_mcp(mcp)
    assert r.eigenvalues["lambda2"].iloc[0] == pytest.approx(0.25, abs=1e-12)
    # "eci" normalisation: PCI = (Q - mean K)/sd K with Q scaled so that K = D^-1 M Q:
    # Q/l2... K = (-4,-1,2) = D^-1 M (Q/l2) with Q/l2 = (-4, 2, 8); (Q/l2 - (-1))/sqrt(6)
    r = complexity_from_mcp(mcp, normalize="eci")
    np.testing.assert_allclose(r.products["pci"], (np.array([-4, 2, 8]) + 1) / np.sqrt(6), atol=1e-9)
    # the ubiquity sign rule gives the same orientation here
    r2 = complexity_from_mcp(mcp, sign="ubiquity")
    np.testing.assert_allclose(r2.countries["eci"], np.array([-3, 0, 3]) / np.sqrt(6), atol=1e-9)


def test_threshold_inclusive_vs_strict():
    # A exports x, y; B exports x, y, z; C exports x; every flow worth 1 (world X = 6).
    # RCA_Ax = (1/2)/(3/6) = 1 exactly; RCA_Ay = (1/2)/(2/6) = 1.5; RCA_Bx = (1/3)/(3/6) = 2/3;
    # RCA_By = (1/3)/(2/6) = 1; RCA_Bz = (1/3)/(1/6) = 2; RCA_Cx = 1/(3/6) = 2.
    f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"), "product": list("xyxyzx"), "value": 1.0})
    ge = economic_complexity(f, inclusive=True)
    gt = economic_complexity(f, inclusive=False)
    d_ge = dict(zip(ge.countries["country"], ge.countries["diversity"]))
    d_gt = dict(zip(gt.countries["country"], gt.countries["diversity"]))
    assert d_ge == {"A": 2, "B": 2, "C": 1}  # A{x,y}, B{y,z}, C{x}
    assert d_gt == {"A": 1, "B": 1, "C": 1}  # A{y}, B{z}, C{x}
    rca = ge.mcp.set_index(["exporter", "product"])["rca"]
    assert rca[("A", "x")] == pytest.approx(1.0) and rca[("B", "z")] == pytest.approx(2.0)


def test_bad_input_one_line():
    f = pd.DataFrame({"year": [2000], "exporter": ["A"], "value": [1.0]})
    with pytest.raises(ValidationError, match="product") as e:
        economic_complexity(f)
    assert "\n" not in str(e.value)
    g = pd.DataFrame({"year": 2000, "exporter": list("AB"), "product": list("xy"), "value": 1.0})
    with pytest.raises(ValidationError, match="method"):
        economic_complexity(g, method="pagerank")
    with pytest.raises(ValidationError, match="threshold"):
        economic_complexity(g, threshold=-1)


def _random_mcp(draw_matrix: np.ndarray, year: int) -> pd.DataFrame:
    rows, cols = np.nonzero(draw_matrix)
    return pd.DataFrame({"year": year, "exporter": [f"c{i:02d}" for i in rows], "product": [f"p{j:02d}" for j in cols]})


def _connected(m: np.ndarray) -> np.ndarray:
    m = m.copy()
    m[:, 0] = 1  # every country exports product 0 (connected, no empty rows)
    m[0, :] = 1  # country 0 exports everything (no empty columns)
    return m


@given(arrays(np.int8, (7, 11), elements=st.integers(0, 1)), arrays(np.int8, (9, 5), elements=st.integers(0, 1)))
def test_properties(m1, m2):
    m1, m2 = _connected(m1), _connected(m2)
    a = _random_mcp(m1, 2001)
    b = _random_mcp(m2, 2002)
    both = complexity_from_mcp(pd.concat([a, b]))
    for y, single in ((2001, complexity_from_mcp(a)), (2002, complexity_from_mcp(b))):
        lam = single.eigenvalues.iloc[0]
        cov = np.cov(single.countries["eci"].fillna(0), single.countries["diversity"])[0, 1]
        if not (lam["lambda2"] - np.nan_to_num(lam["lambda3"]) > 1e-6 and abs(cov) > 1e-6):
            continue  # eigenvector (or its sign) not unique: nothing to compare
        got = both.countries[both.countries["year"] == y].reset_index(drop=True)
        np.testing.assert_allclose(got["eci"], single.countries["eci"], atol=1e-8, equal_nan=True)
    # diversity and ubiquity are the row and column sums of M
    d, u = diversity_ubiquity(pd.concat([a, b]))
    np.testing.assert_array_equal(d["diversity"], both.countries["diversity"])
    np.testing.assert_array_equal(u["ubiquity"], both.products["ubiquity"])
    c = both.countries.dropna()
    if len(c):
        g = c.groupby("year")
        # standardised, and ECI rises with diversity (the sign rule)
        assert np.allclose(g["eci"].mean(), 0, atol=1e-9)
        assert np.allclose(g["eci"].std(ddof=0), 1, atol=1e-9)
        for _, grp in g:
            if grp["diversity"].std() > 0:
                assert np.cov(grp["eci"], grp["diversity"])[0, 1] >= -1e-12
        # the identity ECI = standardised mean PCI of the products exported
        assert both.max_identity_error() < 1e-8 and both.identities_hold()


def test_row_order_and_ties_do_not_change_the_result():
    # three countries where the ECI has zero correlation with diversity: A{x}, B{x, y}, C{y}
    # (diversity 1, 2, 1; ECI ~ (-a, 0, a) or (a, 0, -a)); the tie-break rules make it
    # deterministic, and shuffling the input rows gives identical numbers
    mcp = pd.DataFrame({"year": 2000, "exporter": ["A", "B", "B", "C"], "product": ["x", "x", "y", "y"]})
    base = complexity_from_mcp(mcp)
    for seed in range(5):
        shuffled = complexity_from_mcp(mcp.sample(frac=1, random_state=seed))
        pd.testing.assert_frame_equal(base.countries, shuffled.countries)
        pd.testing.assert_frame_equal(base.products, shuffled.products)
    e = base.countries.set_index("country")["eci"]
    assert e["B"] == pytest.approx(0, abs=1e-12) and e["A"] == pytest.approx(-e["C"])


@pytest.mark.parametrize("size", [50, 1 << 27])
def test_table_unique_gives_numpys_arrays(size):
    """``_unique_inverse`` / ``_has_repeats`` (a table of the seen keys; a sort for wide ranges) give
    ``np.unique``'s sorted keys and inverse."""
    from valuechain.complexity import complexity as cx

    rng = np.random.default_rng(size % 97)
    keys = rng.integers(0, min(size, 1 << 27), 5000).astype(np.int64)
    u, inv = cx._unique_inverse(keys, size)
    nu, ninv = np.unique(keys, return_inverse=True)
    assert np.array_equal(u, nu) and u.dtype == nu.dtype
    assert np.array_equal(inv, ninv)
    assert cx._has_repeats(keys, size) == (len(nu) < len(keys))
    distinct = rng.permutation(min(size, 1 << 27))[:40].astype(np.int64)
    assert not cx._has_repeats(distinct, size)
