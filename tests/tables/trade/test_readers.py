"""Schema, readers, engine and synthetic generator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.tables.trade.engine import connect, to_pandas
from valuechain.tables.trade.flows import flows_table
from valuechain.tables.trade.readers import iso3_from_numeric, read_flows, read_world_totals
from valuechain.tables.trade.schema import parse_years, validate_flows
from valuechain.datasets.synthetic_trade import synthetic_panel


def _flows(**over):
    df = pd.DataFrame(
        {"year": [2000, 2000, 2001], "exporter": ["KAZ", "KAZ", "KAZ"], "importer": ["CHN", "RUS", "CHN"],
         "product": ["270900", "740311", "270900"], "value": [10.0, 5.0, 12.0]}
    )
    for k, v in over.items():
        df[k] = v
    return df


def test_baci_reader_pads_codes_and_maps_iso3(shared_data):
    f = read_flows(shared_data / "baci_kaz_exports" / "kaz_exports_2021.csv", hs_revision="H2")
    df = f.to_pandas()
    assert f.unit == "thousand USD" and f.hs_revision == "HS2002" and not f.bilateral
    assert set(df.exporter) == {"KAZ"}
    assert df["product"].str.len().eq(6).all()
    # the file stores 10110 for HS 010110 (leading zero lost); independent read with pandas
    raw = pd.read_csv(shared_data / "baci_kaz_exports" / "kaz_exports_2021.csv", dtype={"k": str})
    assert "10110" in set(raw.k) and "010110" in set(df["product"])
    assert df.value.sum() == pytest.approx(raw.v.sum(), rel=1e-12)


def test_baci_bilateral_partner_codes(shared_data):
    f = read_flows(shared_data / "baci_kaz_exports" / "kaz_partners_2021.csv")
    df = f.to_pandas()
    assert f.bilateral
    # ISO numeric 156 = China, 643 = Russia, 276 = Germany (ISO 3166-1)
    assert {"CHN", "RUS", "DEU"} <= set(df.importer)
    cu = df[(df.importer == "CHN") & (df["product"] == "740311")]
    assert cu.value.iloc[0] == pytest.approx(2434560.742)  # PROVENANCE.md: CHN copper cathodes 2.43 bn USD


def test_numeric_codes_baci_specials():
    m = iso3_from_numeric(["842", 251, "699", "398"])
    assert m == {"842": "USA", "251": "FRA", "699": "IND", "398": "KAZ"}
    with pytest.raises(ValidationError, match="unknown numeric country code"):
        iso3_from_numeric(["99999"])


def test_parquet_schema_and_world_totals(shared_data):
    d = shared_data / "baci_brics_hs6_2015_2024"
    f = read_flows(d / "world_exports.parquet", hs_revision="HS2012")
    assert not f.bilateral and f.unit == "USD"
    w = to_pandas(read_world_totals(d / "world_totals.parquet"))
    assert list(w.columns) == ["year", "product", "value"] and w["product"].str.len().eq(6).all()


def test_mixed_hs_revisions_rejected(tmp_path):
    a, b = tmp_path / "BACI_HS92_Y2000.csv", tmp_path / "BACI_HS02_Y2001.csv"
    pd.DataFrame({"t": [2000], "i": [398], "j": [156], "k": [270900], "v": [1.0], "q": [1.0]}).to_csv(a, index=False)
    pd.DataFrame({"t": [2001], "i": [398], "j": [156], "k": [270900], "v": [1.0], "q": [1.0]}).to_csv(b, index=False)
    with pytest.raises(ValidationError, match="mix HS revisions HS1992, HS2002"):
        read_flows([a, b])
    f = read_flows([a])
    assert f.hs_revision == "HS1992"


def test_comtrade_reader(tmp_path):
    p = tmp_path / "comtrade.csv"
    pd.DataFrame(
        {"refYear": [2018] * 4, "reporterISO": ["KAZ"] * 4, "partnerISO": ["CHN", "RUS", "W00", "CHN"],
         "cmdCode": ["270900", "740311", "270900", "270900"], "flowCode": ["X", "X", "X", "M"],
         "primaryValue": [100.0, 50.0, 150.0, 7.0], "qty": [1.0, 2.0, 3.0, 4.0]}
    ).to_csv(p, index=False)
    df = read_flows(p).to_pandas()
    assert len(df) == 2 and df.value.sum() == 150.0 and set(df.importer) == {"CHN", "RUS"}
    m = read_flows(p, comtrade_flow="M").to_pandas()
    assert m.exporter.tolist() == ["CHN"] and m.importer.tolist() == ["KAZ"] and m.value.tolist() == [7.0]


@pytest.mark.parametrize(
    "over, match",
    [
        ({"value": [1.0, -2.0, 3.0]}, "negative value"),
        ({"exporter": ["KAZ", "XXQ", "KAZ"]}, "unknown country code.*XXQ"),
        ({"product": ["270900", "270900", "270900"], "importer": ["CHN", "CHN", "CHN"], "year": [2000, 2000, 2001]}, "occur more than once|share their"),
    ],
)
@pytest.mark.parametrize("kind", ["pandas", "ibis"])
def test_validation_errors(over, match, kind):
    df = _flows(**over)
    obj = df
    if kind == "ibis":
        from valuechain.tables.trade.engine import register_frame

        obj = register_frame(df)
    with pytest.raises(ValidationError, match=match) as ei:
        validate_flows(obj)
    assert "\n" not in str(ei.value)


def test_duplicates_summed():
    df = _flows(importer=["CHN", "CHN", "CHN"], product=["270900"] * 3, year=[2000, 2000, 2001])
    out = validate_flows(df, duplicates="sum")
    assert out.value.tolist() == [15.0, 12.0]


def test_missing_column_and_ranges():
    with pytest.raises(ValidationError, match="lack column.*value"):
        validate_flows(_flows().drop(columns="value"))
    with pytest.raises(ValidationError, match="no data in years 2010-2012; the flows cover 2000-2001"):
        validate_flows(_flows(), years="2010-2012")
    with pytest.raises(ValidationError, match="country UZB is not an exporter"):
        validate_flows(_flows(), country="UZB")
    assert parse_years("2000-2018") == (2000, 2018) and parse_years("2005") == (2005, 2005)
    with pytest.raises(ValidationError):
        parse_years("2018-2000")


def test_synthetic_is_seeded_and_flagged(tmp_path):
    a = synthetic_panel(n_exporters=6, n_products=15, years=(2000, 2005), seed=3)
    b = synthetic_panel(n_exporters=6, n_products=15, years=(2000, 2005), seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["synthetic"] is True
    assert not a.duplicated(["year", "exporter", "importer", "product"]).any()
    assert (a.exporter != a.importer).all() and (a.value > 0).all()
    info = synthetic_panel(n_exporters=6, n_products=15, years=(2000, 2005), seed=3, path=tmp_path / "p", rows_per_file=200)
    assert info.n_files > 1 and info.n_rows == len(a)
    f = read_flows(tmp_path / "p")
    assert f.synthetic and f.unit == "thousand USD"
    back = f.to_pandas()
    pd.testing.assert_frame_equal(back, a.sort_values(["year", "exporter", "importer", "product"]).reset_index(drop=True), check_like=False)


def test_synthetic_spells_heavy_tailed():
    df = synthetic_panel(n_exporters=10, n_products=40, years=(1990, 2019), seed=1)
    d = df.sort_values(["exporter", "importer", "product", "year"])
    key = d["exporter"] + d["importer"] + d["product"]
    start = (key != key.shift()) | (d["year"].diff() != 1)
    lengths = start.cumsum().value_counts()
    share1 = (lengths == 1).mean()
    # many one-year spells and a long tail, as in Besedeš & Prusa (2006)
    assert 0.3 < share1 < 0.8
    assert (lengths >= 10).mean() > 0.03
    # heavy-tailed values: the largest 1 % of flows carry a large part of trade
    v = np.sort(df.value.to_numpy())[::-1]
    assert v[: len(v) // 100].sum() / v.sum() > 0.25


def test_to_pandas_is_deterministic(small_panel):
    t = flows_table(small_panel, con=connect("duckdb"))
    a = to_pandas(t.group_by("exporter").aggregate(v=t.value.sum()))
    assert a.exporter.is_monotonic_increasing and a.v.dtype == np.float64


def test_generic_reader_with_mapping(shared_data):
    p = shared_data / "baci_crude_oil_2709_2021" / "crude_oil_270900_2021.csv"
    cols = {"year": "year", "exporter": "location_code", "importer": "partner_code", "product": "product_id",
            "value": "export_value", "quantity": "Quantity (in metric tons)"}
    # 5 rows of the file have no exporter (e.g. row 84: ",2021,270900,1341.0,...,,ARE"): an error unless dropped
    with pytest.raises(ValidationError, match="5 row.*blank exporter code.*importer=ARE"):
        read_flows(p, columns=cols)
    f = read_flows(p, columns=cols, drop_blank=True)
    assert f.ledger.rows() == [("ledger: dropped rows without an exporter or product code", "5 (drop_blank=True)")]
    df = f.to_pandas()
    kaz = df[df.exporter == "KAZ"].set_index("importer")
    # PROVENANCE.md: KAZ -> CHN 2.16e9 USD, KAZ -> ITA 9.36e8; 26 rows name KAZ (25 as exporter, 1 as importer)
    assert kaz.loc["CHN", "value"] == pytest.approx(2.16e9, rel=5e-3)
    assert kaz.loc["ITA", "value"] == pytest.approx(9.36e8, rel=5e-3)
    assert len(kaz) == 25 and (df.importer == "KAZ").sum() == 1 and kaz.quantity.notna().all()
    with pytest.raises(ValidationError, match="not in the file"):
        read_flows(p, columns={"year": "year", "exporter": "nope", "product": "product_id", "value": "export_value"})


def test_tradeflows_flags_is_a_tuple_like_every_container():
    import ibis

    from valuechain.tables.trade.readers import TradeFlows

    t = ibis.memtable({"year": [2020], "exporter": ["KAZ"], "product": ["010101"], "value": [1.0]})
    assert TradeFlows(table=t, synthetic=True).flags == ("synthetic",)
    assert TradeFlows(table=t).flags == ()


def test_cache_materialises_the_same_rows(shared_data):
    files = [shared_data / "baci_kaz_exports" / f"kaz_exports_{y}.csv" for y in (2002, 2021)]
    lazy = read_flows(files, hs_revision="H2")
    cached = read_flows(files, hs_revision="H2", cache=True)
    pd.testing.assert_frame_equal(lazy.to_pandas(), cached.to_pandas())
    assert (cached.unit, cached.hs_revision, cached.bilateral) == (lazy.unit, lazy.hs_revision, lazy.bilateral)
    assert cached.ledger.entries == lazy.ledger.entries
    # the cached table is one table of the engine, not the reading pipeline over the files' views
    assert "vc_csv" in str(lazy.table.compile()) and "vc_csv" not in str(cached.table.compile())
