"""The Kazakhstan table estimated by RAS (real ADB margins, WIOD prior) and the synthetic
East Kazakhstan employment vector."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import DataNotFoundError, SyntheticDataWarning, ValidationError
from valuechain.leontief.core import spectral_radius
from valuechain.datasets.kazakhstan import (
    EAST_KAZAKHSTAN,
    KAZ_INDUSTRIES,
    east_kazakhstan_employment,
    kazakhstan_ras,
    kazakhstan_table,
)


@pytest.fixture(scope="module")
def adb(shared_data):
    """The ADB rows for Kazakhstan 2022, read here directly (independently of the module)."""
    df = pd.read_csv(shared_data / "adb_mrio_summary_kaz" / "kaz_sector_summary_2017_2022.csv")
    df = df[(df["s"] == 49) & (df["t"] == df["t"].max())].sort_values("i")
    assert df["t"].iloc[0] == 2022 and len(df) == 35
    return df.reset_index(drop=True)


@pytest.fixture(scope="module")
def kaz(shared_data):
    return kazakhstan_ras(shared_data)


def test_sector_names_follow_the_adb_dictionary(shared_data):
    sec = pd.read_csv(shared_data / "adb_mrio_summary_kaz" / "sectors.csv")
    assert tuple(sec.sort_values("c_ind")["c_name_short"]) == KAZ_INDUSTRIES


def test_ras_table_hits_the_adb_margins(kaz, adb):
    table, res, _ = kaz
    x = adb["x"].to_numpy()
    np.testing.assert_allclose(table.x.to_numpy(), x, rtol=1e-12)
    # rows: domestic intermediate sales (ez) and, with final demand, output
    np.testing.assert_allclose(table.Z.sum(axis=1).to_numpy(), adb["ez"].to_numpy(), rtol=1e-7, atol=1e-6)
    np.testing.assert_allclose(table.Z.sum(axis=1).to_numpy() + table.Y.sum(axis=1).to_numpy(), x, rtol=1e-9)
    # columns: domestic + imported intermediates = ADB intermediate use; + value added = output
    np.testing.assert_allclose(table.Z.sum(axis=0).to_numpy() + table.V.loc["imports"].to_numpy(), adb["zuse"].to_numpy(), rtol=1e-7, atol=1e-6)
    np.testing.assert_allclose(table.V.loc["value_added"].to_numpy(), adb["va"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(table.Z.sum(axis=0).to_numpy() + table.V.sum(axis=0).to_numpy(), x, rtol=1e-9)
    # final demand: ADB total final demand y = domestic final + exports of finals
    assert table.Y.to_numpy().sum() == pytest.approx(adb["y"].sum() + (adb["zsales"] - adb["ez"]).sum(), rel=1e-12)
    # imported intermediates add up to the ADB total
    assert table.V.loc["imports"].sum() == pytest.approx(adb["zuse"].sum() - adb["ez"].sum(), rel=1e-12)
    assert res.converged and res.identities_hold()


def test_ras_table_is_productive_and_keeps_the_prior_pattern(kaz, shared_data):
    table, res, _ = kaz
    assert spectral_radius(table.A) < 1
    L = table.L.to_numpy()
    assert (L >= -1e-12).all() and (np.diag(L) >= 1).all()
    # the prior's zero cells stay zero, the RAS form A = r̂ A0 ŝ holds
    Z = pd.read_csv(shared_data / "wiod2011_decompr_7reg35ind" / "Z_intermediate.csv", index_col=0)
    b = [c for c in Z.columns if c.startswith("BRIIAT|")]
    prior_zero = Z.loc[b, b].to_numpy() == 0
    assert (table.Z.to_numpy()[prior_zero] == 0).all()
    assert (table.Z.to_numpy() >= 0).all()


def test_ras_table_is_flagged(kaz):
    table, _, _ = kaz
    assert "estimated by RAS" in table.flags
    assert "estimated by RAS" in table.name and "estimated by RAS" in table.source
    assert table.unit == "million USD" and table.n == 35


def test_bad_inputs(tmp_path, shared_data):
    with pytest.raises(DataNotFoundError, match="adb_mrio_summary_kaz"):
        kazakhstan_table(tmp_path)
    with pytest.raises(ValidationError, match="year 1990 is not in"):
        kazakhstan_table(shared_data, year=1990)
    with pytest.raises(ValidationError, match="WIOD region 'Mars' not found"):
        kazakhstan_table(shared_data, prior_region="Mars")


def test_other_years_and_priors_build(shared_data):
    t = kazakhstan_table(shared_data, year=2017, prior_region="RoW")
    assert "2017" in t.name and any("RoW" in f for f in t.flags)


# --------------------------------------------------------------- synthetic employment
def test_east_kazakhstan_employment_is_synthetic_and_metallurgy_heavy():
    with pytest.warns(SyntheticDataWarning, match="SYNTHETIC"):
        emp = east_kazakhstan_employment()
    assert list(emp.columns[:3]) == ["industry", "region", "employment"]
    assert emp["note"].str.contains("SYNTHETIC").all()
    assert set(emp["region"]) == {EAST_KAZAKHSTAN, "national"}
    p = emp.pivot(index="industry", columns="region", values="employment").loc[list(KAZ_INDUSTRIES)]
    assert (p[EAST_KAZAKHSTAN] <= p["national"]).all() and (p[EAST_KAZAKHSTAN] > 0).all()
    share = p[EAST_KAZAKHSTAN].sum() / p["national"].sum()
    assert share == pytest.approx(0.07, abs=1e-4)
    slq = (p[EAST_KAZAKHSTAN] / p[EAST_KAZAKHSTAN].sum()) / (p["national"] / p["national"].sum())
    assert slq.idxmax() == "Metals" and slq["Metals"] > 3
    assert slq["Mining"] > 1.5 and slq["Refined fuels"] < 0.2
    with pytest.raises(ValidationError, match="regional_share"):
        east_kazakhstan_employment(regional_share=1.5, warn=False)


def test_employment_fits_the_regional_reader(kaz):
    emp_mod = pytest.importorskip("valuechain.regional.employment")
    table = kaz[0]
    emp = east_kazakhstan_employment(warn=False)
    vec = emp_mod.employment_vectors(emp, EAST_KAZAKHSTAN, industries=table.industries)
    assert vec.national_source == "national rows"
    assert vec.regional_share == pytest.approx(0.07, abs=1e-4)


def test_clusters_on_the_kazakhstan_table(kaz):
    from valuechain.clusters import ClusterAnalysis, ConstantIndustryWarning

    table = kaz[0]
    with pytest.warns(ConstantIndustryWarning, match="Private households"):
        ca = ClusterAnalysis(drop_constant=True).fit(table)
    t = ca.table
    assert (t["flags"].str.contains("estimated by RAS")).all()
    assert len(t) == ca.loadings_.shape[1] * 34
    # a metalworking cluster (the seed's Table 4) appears: basic metals with machinery
    metal = [m for m in ca.clusters_.values() if "Metals" in m]
    assert metal and {"Other machinery", "Electricals"} & set(metal[0])


def test_seed_chain_east_kazakhstan(kaz):
    """The seed's method end to end: RAS table -> FLQ with the SYNTHETIC East Kazakhstan
    employment -> clusters. Checks the chain runs and the flags travel (not reference numbers)."""
    from valuechain.clusters import ClusterAnalysis

    regional = pytest.importorskip("valuechain.regional")
    if not hasattr(regional, "regionalize"):
        pytest.skip("regionalize is not available")
    table = kaz[0]
    emp = east_kazakhstan_employment(warn=False)
    ev = regional.employment_vectors(emp, EAST_KAZAKHSTAN, industries=table.industries)
    reg = regional.regionalize(table, ev, method="flq", delta=0.3).io_table
    assert "estimated by RAS" in reg.flags
    with pytest.warns(Warning):
        ca = ClusterAnalysis(drop_constant=True, exclude=["Public administration", "Education"]).fit(reg)
    assert (ca.table["flags"].str.contains("estimated by RAS")).all()
    assert any("Metals" in m for m in ca.clusters_.values())
