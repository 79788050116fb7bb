"""Export quality (unit values adjusted for income and distance): statsmodels with explicit
dummies side by side, a hand-worked orthogonal design, crude-oil unit values, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valuechain.errors import ValidationError
from valuechain.trade.quality import ExportQuality, unit_values


def _random_case(seed: int, n_exp=8, n_imp=5, products=("100110", "270900", "840734"), years=(2019, 2020)):
    rng = np.random.default_rng(seed)
    ex = [f"E{i:02d}" for i in range(n_exp)]
    im = [f"M{i:02d}" for i in range(n_imp)]
    idx = pd.MultiIndex.from_product([list(years), ex, im, list(products)], names=["year", "exporter", "importer", "product"]).to_frame(index=False)
    idx = idx[rng.uniform(size=len(idx)) < 0.8].reset_index(drop=True)
    income = pd.DataFrame([(y, e, float(np.exp(rng.normal(9, 1)))) for y in years for e in ex], columns=["year", "country", "gdppc"])
    dist = pd.DataFrame([(e, m, float(np.exp(rng.normal(8, 0.7)))) for e in ex for m in im], columns=["exporter", "importer", "distance"])
    f = idx.merge(income.rename(columns={"country": "exporter"}), on=["year", "exporter"]).merge(dist, on=["exporter", "importer"])
    logp = 0.4 * np.log(f["gdppc"]) + 0.2 * np.log(f["distance"]) + rng.normal(0, 0.3, len(f)) + f["product"].map({p: i for i, p in enumerate(products)})
    f["value"] = rng.lognormal(5, 1, len(f))
    f["quantity"] = f["value"] / np.exp(logp)
    return f[["year", "exporter", "importer", "product", "value", "quantity"]], income, dist


@pytest.mark.parametrize("importer_effects", [False, True])
def test_equals_statsmodels_with_dummies(importer_effects):
    # Reference: statsmodels OLS with the fixed effects as explicit dummy variables
    # (Frisch-Waugh-Lovell: the absorbed-effects slopes and their classical standard errors
    # must be identical).
    import statsmodels.formula.api as smf

    flows, income, dist = _random_case(1)
    res = ExportQuality(importer_effects=importer_effects, cov_type="nonrobust").fit(flows, income=income, distance=dist).result_
    d = res.flows.assign(log_uv=lambda x: np.log(x["unit_value"]), py=lambda x: x["product"] + "|" + x["year"].astype(str),
                         my=lambda x: x["importer"] + "|" + x["year"].astype(str))
    formula = "log_uv ~ log_income + log_distance + C(py)" + (" + C(my)" if importer_effects else "")
    ref = smf.ols(formula, d).fit()
    got = res.coefficients.set_index("term")
    for term in ("log_income", "log_distance"):
        assert got.loc[term, "coef"] == pytest.approx(ref.params[term], rel=1e-9)
        assert got.loc[term, "std_err"] == pytest.approx(ref.bse[term], rel=1e-7)
        assert got.loc[term, "p_value"] == pytest.approx(ref.pvalues[term], rel=1e-6, abs=1e-300)
    assert res.check()["max_abs_error"].max() < 1e-10 and res.identities_hold()


def test_hand_worked_orthogonal_design():
    # One product, one year. Exporters A, B, C, D with income (1, 1, e, e) -> ln y = (0, 0, 1, 1);
    # importers M1, M2 at distance (1, e) -> ln Dist = (0, 1); every exporter ships to both.
    # Quality q = (+d, -d, +d, -d) with d = ln(2)/2, orthogonal to ln y and ln Dist
    # (sum of q * demeaned ln y = 2 (-d/2 + d/2 + d/2 - d/2) = 0; q is constant across importers).
    # ln p = ln 10 + 0.5 ln y + 0.3 ln Dist + q  =>  OLS recovers 0.5 and 0.3 exactly and
    # ln theta = ln p - 0.5 ln y - 0.3 ln Dist = ln 10 + q: theta = 10*sqrt(2) for A and C,
    # 10/sqrt(2) for B and D. 90th percentile of (7.07, 7.07, 14.14, 14.14) = 14.14 (linear
    # interpolation at position 2.7), so quality relative to the frontier = (1, 0.5, 1, 0.5).
    e = np.e
    d = np.log(2) / 2
    rows = []
    for x, lny, q in (("AAA", 0, d), ("BBB", 0, -d), ("CCC", 1, d), ("DDD", 1, -d)):
        for m, lnd in (("MMA", 0), ("MMB", 1)):
            p = np.exp(np.log(10) + 0.5 * lny + 0.3 * lnd + q)
            rows.append((2021, x, m, "270900", 100.0, 100.0 / p))
    flows = pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value", "quantity"])
    income = pd.DataFrame({"year": 2021, "country": ["AAA", "BBB", "CCC", "DDD"], "gdppc": [1, 1, e, e]})
    dist = pd.DataFrame({"exporter": np.repeat(["AAA", "BBB", "CCC", "DDD"], 2), "importer": ["MMA", "MMB"] * 4,
                         "distance": [1, e] * 4})
    res = ExportQuality(cov_type="nonrobust").fit(flows, income=income, distance=dist).result_
    c = res.coefficients.set_index("term")["coef"]
    assert c["log_income"] == pytest.approx(0.5, abs=1e-12)
    assert c["log_distance"] == pytest.approx(0.3, abs=1e-12)
    t = res.table.set_index("exporter")
    np.testing.assert_allclose(t.loc[["AAA", "BBB", "CCC", "DDD"], "quality"], [10 * np.sqrt(2), 10 / np.sqrt(2)] * 2, rtol=1e-12)
    np.testing.assert_allclose(t.loc[["AAA", "BBB", "CCC", "DDD"], "quality_rel"], [1, 0.5, 1, 0.5], rtol=1e-12)
    np.testing.assert_allclose(res.country.set_index("exporter").loc[["AAA", "BBB"], "quality_rel"], [1, 0.5], rtol=1e-12)


def _synthetic_distance(exporters, importers, seed=0) -> pd.DataFrame:
    # SYNTHETIC distance table (no distance data is held): each country gets a seeded random
    # point on a 20,000 x 10,000 km plane; distance = Euclidean distance + 100 km.
    cs = sorted(set(exporters) | set(importers))
    rng = np.random.default_rng(seed)
    xy = dict(zip(cs, rng.uniform([0, 0], [20_000, 10_000], (len(cs), 2))))
    pairs = pd.MultiIndex.from_product([sorted(set(exporters)), sorted(set(importers))], names=["exporter", "importer"]).to_frame(index=False)
    pairs["distance"] = [float(np.hypot(*(xy[a] - xy[b]))) + 100.0 for a, b in zip(pairs["exporter"], pairs["importer"])]
    pairs.attrs["synthetic"] = True
    return pairs


def test_crude_oil_real_unit_values_with_synthetic_income_and_distance(shared_data):
    from valuechain.datasets.synthetic_trade import synthetic_gdp_per_capita

    raw = pd.read_csv(shared_data / "baci_crude_oil_2709_2021" / "crude_oil_270900_2021.csv", index_col=0)
    raw = raw.dropna(subset=["location_code", "partner_code"])  # 20 rows have an empty country code
    flows = pd.DataFrame({"year": raw["year"], "exporter": raw["location_code"], "importer": raw["partner_code"],
                          "product": raw["product_id"].astype(str), "value": raw["export_value"],
                          "quantity": pd.to_numeric(raw["Quantity (in metric tons)"], errors="coerce")})
    uv = unit_values(flows).to_pandas().set_index(["exporter", "importer"])
    # independent: KAZ -> CHN unit value = export value / quantity from the raw file (USD per ton)
    k = raw[(raw["location_code"] == "KAZ") & (raw["partner_code"] == "CHN")].iloc[0]
    assert uv.loc[("KAZ", "CHN"), "unit_value"] == pytest.approx(k["export_value"] / float(k["Quantity (in metric tons)"]), rel=1e-12)
    assert 100 < uv.loc[("KAZ", "CHN"), "unit_value"] < 1500  # crude oil in 2021: hundreds of USD per ton
    income = synthetic_gdp_per_capita(sorted(flows["exporter"].unique()), (2021, 2021), seed=4)
    dist = _synthetic_distance(flows["exporter"], flows["importer"])
    res = ExportQuality().fit(flows, income=income, distance=dist).result_
    assert res.flags == ("synthetic",)  # income and distance are synthetic
    assert res.check()["max_abs_error"].max() < 1e-9 and res.identities_hold()
    assert set(res.coefficients["term"]) == {"log_income", "log_distance"}
    assert res.coefficients["nobs"].iloc[0] == len(uv[(uv["quantity"] > 0)])
    # frontier: the 90th percentile of quality_rel across exporters is 1
    assert res.table["quality_rel"].quantile(0.9) == pytest.approx(1.0, rel=1e-12)
    assert "KAZ" in set(res.country["exporter"])


@settings(max_examples=12)
@given(st.integers(0, 5000), st.floats(0.01, 100))
def test_properties_invariance(seed, scale):
    flows, income, dist = _random_case(seed, n_exp=6, n_imp=4, products=("010101", "270900"), years=(2020,))
    r1 = ExportQuality(importer_effects=True).fit(flows, income=income, distance=dist).result_
    # re-measuring one product's quantities (tons -> other unit) rescales its unit values; the
    # product-year effects absorb it: slopes and quality relative to the frontier unchanged
    f2 = flows.copy()
    f2.loc[f2["product"] == "270900", "quantity"] *= scale
    r2 = ExportQuality(importer_effects=True).fit(f2, income=income, distance=dist).result_
    np.testing.assert_allclose(r1.coefficients["coef"], r2.coefficients["coef"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(r1.table["quality_rel"], r2.table["quality_rel"], rtol=1e-7)
    assert r1.check()["max_abs_error"].max() < 1e-9 and r1.identities_hold()
    q = r1.table.groupby(["year", "product"])["quality_rel"].quantile(0.9)
    np.testing.assert_allclose(q, 1.0, rtol=1e-12)


def test_bad_input():
    flows, income, dist = _random_case(2)
    with pytest.raises(ValidationError, match="quantit") as e:
        ExportQuality().fit(flows.drop(columns="quantity").assign(quantity=np.nan), income=income, distance=dist)
    assert "\n" not in str(e.value)
    with pytest.raises(ValidationError, match="income table lacks"):
        ExportQuality().fit(flows, income=income[income["country"] != "E03"], distance=dist)
    with pytest.raises(ValidationError, match="distance"):
        ExportQuality().fit(flows, income=income, distance=dist.assign(distance=-1.0))
    with pytest.raises(ValidationError, match="frontier"):
        ExportQuality(frontier_quantile=1.5)


def test_fit_returns_the_fitter_and_old_attribute_access_warns():
    flows, income, dist = _random_case(3)
    eq = ExportQuality()
    assert eq.fit(flows, income=income, distance=dist) is eq
    assert eq.result_.identities_hold()
    with pytest.warns(DeprecationWarning, match="result_"):
        coef = eq.coefficients
    assert coef is eq.result_.coefficients
    with pytest.raises(AttributeError):
        ExportQuality().coefficients  # noqa: B018  (not fitted)
