"""Product space (proximity, density, COI, COG): Stata's published ground truth, py-ecomplexity
side by side, hand-worked examples and seeded property tests."""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pandas as pd
import pytest
from _stata_1995 import (
    POPULATION_1995,
    STATA_COI,
    STATA_CONT_COI,
    STATA_CONT_ROWS,
    STATA_ROWS,
    STATA_RPOP_COI,
    STATA_RPOP_ROWS,
)
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from valuechain.errors import ValidationError
from valuechain.complexity.productspace import (
    density_matrix,
    product_space,
    product_space_from_values,
    proximity_matrix,
)


def _flows(shared_data, float32: bool = False) -> pd.DataFrame:
    df = pd.read_csv(shared_data / "eci_trade_sample_1995" / "trade_data_sample_1995.csv")
    f = df.rename(columns={"origin": "exporter", "hs92": "product", "export_val": "value"})
    if float32:  # Stata stores the export values as float32
        f["value"] = f["value"].astype(np.float32).astype(float)
    return f


def _merge(ps, text: str, names: list[str]) -> pd.DataFrame:
    ref = pd.read_csv(io.StringIO(text), names=names, dtype={"hs92": str})
    ref["country"] = ref["origin"].str.upper()
    ref["product"] = ref["hs92"]
    m = ref.merge(ps.table, on=["country", "product"], suffixes=("_stata", ""))
    assert len(m) == len(ref)
    return m


def test_stata_ground_truth_1995(shared_data):
    # Reference: Stata ecomplexity's published output (transcribed in _stata_1995.py with its
    # source); default conventions (outlook="stata": density without q = p, Stata's sd).
    ps = product_space(_flows(shared_data))
    m = _merge(ps, STATA_ROWS, ["origin", "hs92", "M", "density", "cog"])
    np.testing.assert_array_equal(m["mcp"], m["M"])
    np.testing.assert_allclose(m["density"], m["density_stata"], atol=1e-12)
    np.testing.assert_allclose(m["cog"], m["cog_stata"], atol=1e-12)
    coi = ps.countries.set_index("country")["coi"]
    for c, v in STATA_COI.items():
        assert coi[c.upper()] == pytest.approx(v, abs=1e-12)
    assert ps.identities_hold()


def test_stata_population_presence_1995(shared_data):
    # Stata ecomplexity with pop(population) rpop(1); Belgium-Luxembourg has no population in
    # the fixture, so Stata ran on 9 countries. Stata holds values and populations as float32.
    f = _flows(shared_data, float32=True)
    f = f[f["exporter"] != "blx"]
    pop = pd.DataFrame({"year": 1995, "country": [c.upper() for c in POPULATION_1995],
                        "population": np.float32(list(POPULATION_1995.values())).astype(float)})
    ps = product_space(f, presence="rpop", population=pop)
    m = _merge(ps, STATA_RPOP_ROWS, ["origin", "hs92", "rpop", "M", "density", "cog"])
    np.testing.assert_array_equal(m["mcp"], m["M"])
    np.testing.assert_allclose(m["rpop"], m["rpop_stata"], rtol=1e-6)
    np.testing.assert_allclose(m["density"], m["density_stata"], atol=1e-12)
    np.testing.assert_allclose(m["cog"], m["cog_stata"], atol=1e-12)
    coi = ps.countries.set_index("country")["coi"]
    for c, v in STATA_RPOP_COI.items():
        assert coi[c.upper()] == pytest.approx(v, abs=1e-12)


def test_stata_continuous_1995(shared_data):
    # Stata ecomplexity ... cont: proximity (1 + corr(RCA))/2, RCA-weighted density
    ps = product_space(_flows(shared_data, float32=True), density="continuous")
    m = _merge(ps, STATA_CONT_ROWS, ["origin", "hs92", "density", "cog"])
    np.testing.assert_allclose(m["density"], m["density_stata"], atol=1e-9)
    np.testing.assert_allclose(m["cog"], m["cog_stata"], atol=1e-9)
    coi = ps.countries.set_index("country")["coi"]
    for c, v in STATA_CONT_COI.items():
        assert coi[c.upper()] == pytest.approx(v, abs=1e-9)


def _ecomplexity(df: pd.DataFrame, **kw) -> pd.DataFrame:
    from ecomplexity import ecomplexity

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        return ecomplexity(df, {"time": "year", "loc": "origin", "prod": "hs92", "val": "export_val"},
                           verbose=False, check_logsupermodularity=False, **kw)


@pytest.mark.parametrize("continuous", [False, True])
def test_equals_py_ecomplexity(shared_data, continuous):
    # Reference: py-ecomplexity 0.5.3 run here on the same real sample. Its conventions:
    # phi_pp = 1 inside the density sums and numpy's population sd -> outlook="py-ecomplexity"
    df = pd.read_csv(shared_data / "eci_trade_sample_1995" / "trade_data_sample_1995.csv")
    ref = _ecomplexity(df, continuous=continuous)
    ps = product_space(_flows(shared_data), outlook="py-ecomplexity",
                       density="continuous" if continuous else "binary")
    r = ref.assign(country=ref["origin"].str.upper(), product=ref["hs92"].astype(str)).set_index(["country", "product"])
    o = ps.table.set_index(["country", "product"])
    r = r.loc[o.index]
    np.testing.assert_array_equal(o["mcp"], r["mcp"])
    np.testing.assert_allclose(o["density"], r["density"], atol=1e-12)
    np.testing.assert_allclose(o["cog"], r["cog"], atol=1e-12)
    rc = ref.groupby(ref["origin"].str.upper())["coi"].first()
    np.testing.assert_allclose(ps.countries.set_index("country")["coi"].loc[rc.index], rc, atol=1e-12)
    rp = ref.groupby(ref["hs92"].astype(str))["pci"].first()
    np.testing.assert_allclose(ps.products.set_index("product")["pci"].loc[rp.index], rp, atol=1e-12)


def test_hand_worked_example():
    # M (rows A, B, C; columns x, y, z) = [[1,1,0],[0,1,1],[1,0,0]]; ubiquity (2, 2, 1)
    # co-exports C = M'M: C_xy = 1 (A), C_yz = 1 (B), C_xz = 0
    # phi_xy = 1/max(2,2) = 0.5, phi_yz = 1/max(2,1) = 0.5, phi_xz = 0
    M = np.array([[1, 1, 0], [0, 1, 1], [1, 0, 0]], dtype=float)
    phi = proximity_matrix(M)
    np.testing.assert_allclose(phi, [[1, 0.5, 0], [0.5, 1, 0.5], [0, 0.5, 1]])
    # density of C in y, diagonal left out: (M_Cx phi_yx + M_Cz phi_yz) / (phi_yx + phi_yz) = 0.5/1
    d = density_matrix(M, phi, diagonal=False)
    assert d[2, 1] == pytest.approx(0.5)
    # with phi_yy = 1 in the sums (py-ecomplexity): (0.5 + 0 + 0) / (0.5 + 1 + 0.5) = 0.25
    assert density_matrix(M, phi, diagonal=True)[2, 1] == pytest.approx(0.25)
    # density of C in z: (M_Cx * 0 + M_Cy * 0.5) / 0.5 = 0 (C does not export y)
    assert d[2, 2] == pytest.approx(0.0)


def test_knn_is_full_density_when_k_is_all_other_products():
    rng = np.random.default_rng(0)
    M = (rng.uniform(size=(8, 12)) < 0.4).astype(float)
    M[:, 0] = 1
    v = _values_from_m(M, 2001)
    full = product_space_from_values(v, outlook="pci").table
    knn = product_space_from_values(v, density="knn", k=11, outlook="pci").table
    np.testing.assert_allclose(knn["density"], full["density"], atol=1e-12)
    small = product_space_from_values(v, density="knn", k=3, outlook="pci").table
    assert not np.allclose(small["density"], full["density"])


def _values_from_m(M: np.ndarray, year: int) -> pd.DataFrame:
    """A long values table whose RCA >= 1 exactly where M = 1 (RCA given directly, 2 or 0.5)."""
    c, p = np.nonzero(np.ones_like(M))
    return pd.DataFrame({"year": year, "exporter": [f"c{i:02d}" for i in c], "product": [f"p{j:02d}" for j in p],
                         "value": 1.0, "rca": np.where(M[c, p] > 0, 2.0, 0.5)})


def _connected(m: np.ndarray) -> np.ndarray:
    m = m.astype(float).copy()
    m[:, 0] = 1
    m[0, :] = 1
    m[-1, :] = 0
    m[-1, 0] = 1  # the last country exports one product only: not everyone alike
    return m


@given(arrays(np.int8, (7, 11), elements=st.integers(0, 1)), arrays(np.int8, (9, 6), elements=st.integers(0, 1)))
def test_properties(m1, m2):
    m1, m2 = _connected(m1), _connected(m2)
    v1, v2 = _values_from_m(m1, 2000), _values_from_m(m2, 2001)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both = product_space_from_values(pd.concat([v1, v2]), keep_proximity=True)
        one = product_space_from_values(v1)
    t = both.table
    d = t["density"].to_numpy()
    assert np.all((d[np.isfinite(d)] >= -1e-12) & (d[np.isfinite(d)] <= 1 + 1e-12))
    np.testing.assert_allclose(t["distance"], 1 - t["density"])
    assert np.all(t.loc[t["mcp"] == 1, "cog"] == 0)
    for phi in both.proximity.values():
        a = phi.to_numpy()
        np.testing.assert_allclose(a, a.T)
        assert np.all((a >= 0) & (a <= 1))
    # batched over years = year by year
    a = both.table[both.table["year"] == 2000].reset_index(drop=True)
    pd.testing.assert_frame_equal(a, one.table.reset_index(drop=True))
    assert both.identities_hold()


def test_bad_input():
    f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"), "product": list("xyxyzx"), "value": 1.0})
    with pytest.raises(ValidationError, match="density"):
        product_space(f, density="fuzzy")
    with pytest.raises(ValidationError, match="k"):
        product_space(f, density="knn")
    with pytest.raises(ValidationError, match="population"):
        product_space(f, presence="rpop")
    with pytest.raises(ValidationError, match="product"):
        product_space(f.drop(columns="product"))
    from valuechain.complexity.complexity import economic_complexity

    with pytest.warns(DeprecationWarning, match="years="):
        old = economic_complexity(f, year=2000)
    new = economic_complexity(f, years=2000)
    pd.testing.assert_frame_equal(old.countries, new.countries)
    with pytest.raises(ValidationError, match="years= only"):
        economic_complexity(f, year=2000, years=2000)


def test_year_outlook_with_reused_buffers_gives_the_same_bits():
    """Two different years through one ``work`` dict (buffers reused, the second smaller): each year's
    density, COI and COG equal, bit for bit, those of a call with fresh arrays."""
    from valuechain.complexity.productspace import year_outlook

    rng = np.random.default_rng(5)
    work: dict = {}
    for nC, nP in ((120, 400), (90, 300)):
        M = (rng.random((nC, nP)) < 0.25).astype(float)
        pci = rng.standard_normal(nP)
        for outlook, diagonal in (("stata", False), ("py-ecomplexity", True)):
            ref = year_outlook(None, None, M, pci, density="binary", k=None, diagonal=diagonal, outlook=outlook)
            got = year_outlook(None, None, M, pci, density="binary", k=None, diagonal=diagonal, outlook=outlook,
                               work=work)
            for r, g in zip(ref[1:], got[1:]):
                assert np.array_equal(r, g, equal_nan=True)
    assert work["phi"].size == 400 * 400  # grown once, then reused
