"""The Kazakhstan diagnostic on real BACI data, checked against independent pandas computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.trade.concentration import concentration
from valuechain.trade.lall import lall_shares
from valuechain.trade.margins import export_margins
from valuechain.trade.outcomes import composition, product_market_counts, trade_totals
from valuechain.trade.rca import rca
from valuechain.tables.trade.readers import read_flows, read_world_totals


@pytest.fixture(scope="module")
def kaz(shared_data):
    d = shared_data / "baci_kaz_exports"
    return read_flows([d / f"kaz_exports_{y}.csv" for y in (2002, 2019, 2021)], hs_revision="HS2002")


@pytest.fixture(scope="module")
def kaz_raw(shared_data):
    d = shared_data / "baci_kaz_exports"
    df = pd.concat([pd.read_csv(d / f"kaz_exports_{y}.csv", dtype={"k": str}) for y in (2002, 2019, 2021)])
    df["k"] = df["k"].str.zfill(6)
    return df


def test_kaz_totals_counts_concentration(kaz, kaz_raw):
    tot = trade_totals(kaz).set_index("year")["exports"]
    ref = kaz_raw.groupby("t").v.sum()
    np.testing.assert_allclose(tot.loc[ref.index].values, ref.values, rtol=1e-12)
    cnt = product_market_counts(kaz).set_index("year")["n_products"]
    assert cnt.to_dict() == kaz_raw[kaz_raw.v > 0].groupby("t").k.nunique().to_dict()
    c = concentration(kaz, by="product").set_index("year")
    for y, g in kaz_raw.groupby("t"):
        s = g.groupby("k").v.sum() / g.v.sum()
        assert c.loc[y, "hhi"] == pytest.approx((s**2).sum(), rel=1e-10)
        assert c.loc[y, "top_share"] == pytest.approx(s.nlargest(5).sum(), rel=1e-10)
    # the BACI file's own 'share' column (share of each product in the year's total) agrees too
    share21 = kaz_raw[kaz_raw.t == 2021].share
    assert c.loc[2021, "hhi"] == pytest.approx((share21**2).sum(), rel=1e-6)


def test_kaz_margins_product_level(kaz, kaz_raw):
    m = export_margins(kaz, base=2002, end=2021).set_index("component")["value"]
    a = kaz_raw[kaz_raw.t == 2002].groupby("k").v.sum()
    b = kaz_raw[kaz_raw.t == 2021].groupby("k").v.sum()
    both = a.index.intersection(b.index)
    assert m["intensive"] == pytest.approx((b[both] - a[both]).sum(), rel=1e-10)
    assert m["new_products"] == pytest.approx(b[b.index.difference(a.index)].sum(), rel=1e-10)
    assert m["exits"] == pytest.approx(-a[a.index.difference(b.index)].sum(), rel=1e-10)


def test_kaz_sector_composition(kaz, kaz_raw):
    lv, _ = composition(kaz)
    oil = lv[(lv.group == "Oil and gas") & (lv.year == 2021)].value.iloc[0]
    ref = kaz_raw[(kaz_raw.t == 2021) & kaz_raw.k.str[:4].isin(["2709", "2710", "2711"])].v.sum()
    assert oil == pytest.approx(ref, rel=1e-12)


def test_kaz_lall_against_lookup(kaz, kaz_raw, shared_data):
    lall = lall_shares(kaz, hs_revision="HS2002", data_dir=shared_data).set_index(["year", "lall_code"])
    d = shared_data
    lk = pd.read_csv(d / "lall_classification" / "lookup_hs6_lall.csv", dtype=str).set_index("hs6").lall_code
    s3 = pd.read_csv(d / "lall_classification" / "sitc3_3digit_to_lall_DERIVED.csv", dtype=str).set_index("sitc3_3digit").lall_code
    h0 = pd.read_csv(d / "hs_sitc_concordance" / "hs0_sitc3.csv", dtype=str).drop_duplicates("HS0_6d").set_index("HS0_6d").SITC3_3d
    g = kaz_raw[kaz_raw.t == 2019].copy()
    # documented rule for HS2002 codes: the HS2012 table first, else HS1992 -> SITC3 3-digit -> Lall
    g["code"] = g.k.map(lk).fillna(g.k.map(h0).map(s3))
    primary12 = g[g.k.map(lk) == "LDC01"].v.sum() / g.v.sum() * 100
    primary = g[g.code == "LDC01"].v.sum() / g.v.sum() * 100
    assert lall.loc[(2019, "LDC01"), "share"] == pytest.approx(primary, rel=1e-10)
    assert primary >= primary12  # the HS1992 fallback only adds products
    assert lall.groupby("year").share.sum().tolist() == pytest.approx([100.0] * 3)
    # unclassified are reported, not dropped
    assert {"LDC99", "UNMATCHED"} & set(lall.reset_index().lall_code)


def test_kaz_partners_2021_markets(shared_data):
    f = read_flows(shared_data / "baci_kaz_exports" / "kaz_partners_2021.csv")
    raw = pd.read_csv(shared_data / "baci_kaz_exports" / "kaz_partners_2021.csv")
    c = concentration(f, by="market").iloc[0]
    s = raw.groupby("j").v.sum() / raw.v.sum()
    assert c.hhi == pytest.approx((s**2).sum(), rel=1e-10) and c.n == raw.j.nunique()


@pytest.fixture(scope="module")
def brics(shared_data):
    d = shared_data / "baci_brics_hs6_2015_2024"
    return read_flows(d / "world_exports.parquet", hs_revision="HS2012"), read_world_totals(d / "world_totals.parquet")


def test_brics_rca_with_exact_world_totals(brics, shared_data):
    flows, world = brics
    r = rca(flows, world=world, country="RUS", years="2020-2021").set_index(["year", "product"])
    d = shared_data / "baci_brics_hs6_2015_2024"
    x = pd.read_parquet(d / "world_exports.parquet")
    w = pd.read_parquet(d / "world_totals.parquet")
    x = x[(x.exporter == "RUS") & x.year.isin([2020, 2021])]
    w = w[w.year.isin([2020, 2021])]
    xs = x.value / x.groupby("year").value.transform("sum")
    ws = w.set_index(["year", "hs6"]).value / w.groupby("year").value.sum()
    ref = pd.Series(xs.values, index=pd.MultiIndex.from_arrays([x.year, x.hs6])) / ws.reindex(pd.MultiIndex.from_arrays([x.year, x.hs6])).values
    ref = ref.dropna()
    got = r.rca.reindex(ref.index)
    np.testing.assert_allclose(got.values, ref.values, rtol=1e-10)
    assert set(r.index.get_level_values(0)) == {2020, 2021}


def test_brics_concentration_all_countries(brics, shared_data):
    flows, _ = brics
    c = concentration(flows, by="product", years=2024).set_index("exporter")
    x = pd.read_parquet(shared_data / "baci_brics_hs6_2015_2024" / "world_exports.parquet")
    x = x[(x.year == 2024) & (x.value > 0)]
    s = x.value / x.groupby("exporter").value.transform("sum")
    ref = (s**2).groupby(x.exporter).sum()
    assert len(c) == 11
    np.testing.assert_allclose(c.hhi.loc[ref.index].values, ref.values, rtol=1e-10)
    top5 = x.groupby("exporter").value.apply(lambda v: v.nlargest(5).sum() / v.sum())
    np.testing.assert_allclose(c.top_share.loc[top5.index].values, top5.values, rtol=1e-10)


def test_kaz_against_adb_report_outputs(kaz, shared_data):
    """Numbers computed by the ADB Kazakhstan GVC report's authors from the same BACI data
    (``adb_kaz_gvc_report_outputs``, ksreyes/adb-kaz-gvc): plausibility references."""
    d = shared_data / "baci_kaz_exports" / "adb_kaz_gvc_report_outputs"
    prod = pd.read_csv(d / "2.4_products.csv").set_index("t")
    tot = trade_totals(kaz).set_index("year")["exports"]
    # 2.4_products.csv 'Total' (thousand USD): 2019 63,233,084.925; 2021 54,072,178.012
    assert tot[2019] == pytest.approx(prod.loc[2019, "Total"], rel=1e-9)
    assert tot[2021] == pytest.approx(prod.loc[2021, "Total"], rel=1e-9)
    # 'Minerals: crude oil' = HS 270900 (21,834,544.725 in 2021)
    oil = kaz.to_pandas().query("year == 2021 and product == '270900'").value.sum()
    assert oil == pytest.approx(prod.loc[2021, "Minerals: crude oil"], rel=1e-9)
    # 2.5_diversification.csv: KAZ export concentration 2021 = 0.1822 (their index; ours is the HS6 HHI,
    # 0.1793 -- close but not the same definition, so only a loose check)
    div = pd.read_csv(d / "2.5_diversification.csv").set_index("t")
    c = concentration(kaz, by="product").set_index("year")
    assert c.loc[2021, "hhi"] == pytest.approx(div.loc[2021, "Kazakhstan"], abs=0.01)
