"""Readers of Kazakhstan's partner exports and totals, against their PROVENANCE files."""

from __future__ import annotations

import pytest

from valuechain.errors import ValidationError


def test_partner_exports_baci_2019(shared_data):
    """kaz_bilateral_adb_mrio_gravity/PROVENANCE.md: 2019 ITA 8.54 bn USD, CHN 7.92 bn (BACI);
    ADB allocation CHN 11.42 bn, ITA 2.19 bn."""
    from valuechain.datasets.kazakhstan_trade import kaz_partner_exports

    b = kaz_partner_exports(shared_data).query("year == 2019").set_index("partner")["value"]
    assert b["ITA"] / 1000 == pytest.approx(8.54, abs=0.005) and b["CHN"] / 1000 == pytest.approx(7.92, abs=0.005)
    a = kaz_partner_exports(shared_data, source="adb").query("year == 2019").set_index("partner")["value"]
    assert a["CHN"] / 1000 == pytest.approx(11.42, abs=0.005) and a["ITA"] / 1000 == pytest.approx(2.19, abs=0.005)
    assert len(kaz_partner_exports(shared_data).attrs["partners_in_file"][2019]) == 71


def test_totals(shared_data):
    """baci_kaz_exports 2019 total 63.2 bn USD (PROVENANCE of the bilateral file); seed Table 2 totals
    4,729 / 92,279 / 60,944 million USD; ADB gross exports 2022 66.8 bn (adb_mrio_gvc_indicators/PROVENANCE.md)."""
    from valuechain.datasets.kazakhstan_trade import kaz_export_totals

    t = kaz_export_totals(shared_data)
    c = t[t["scope"] == "customs"].drop_duplicates("year").set_index("year")["total"]
    assert c[2019] / 1000 == pytest.approx(63.2, abs=0.05)
    assert (c[2000], c[2012], c[2018]) == (4729.0, 92279.0, 60944.0)
    a = kaz_export_totals(shared_data, scope="adb").set_index("year")["total"]
    assert a[2022] / 1000 == pytest.approx(66.8, abs=0.05)


def test_product_partner_detail_is_five_partners(shared_data):
    from valuechain.datasets.kazakhstan_trade import kaz_product_partner_exports

    d = kaz_product_partner_exports(shared_data)
    assert sorted(d["partner"].unique()) == ["CHN", "DEU", "GBR", "GRC", "RUS"]
    assert "not a destination structure" in d.attrs["scope"]
    # PROVENANCE of baci_kaz_exports: CHN copper cathodes 2.43 bn USD
    assert d[(d.partner == "CHN") & (d["product"] == "740311")]["value"].iloc[0] / 1000 == pytest.approx(2.43, abs=0.005)


def test_hostile(tmp_path):
    from valuechain.datasets.kazakhstan_trade import kaz_export_totals, kaz_partner_exports

    with pytest.raises(ValidationError, match="unknown partner source"):
        kaz_partner_exports(tmp_path, source="nope")
    with pytest.raises(ValidationError, match="is missing"):
        kaz_partner_exports(tmp_path)
    (tmp_path / "kaz_bilateral_adb_mrio_gravity").mkdir()
    f = tmp_path / "kaz_bilateral_adb_mrio_gravity" / "kaz_bilateral_exports_adb_gravity_2000_2022.csv"
    f.write_text("year,exporter,partner,partner_name,tradeflow_baci\n2019,KAZ,CHN,China,=HYPERLINK(1)\n")
    with pytest.raises(ValidationError, match="not numbers"):
        kaz_partner_exports(tmp_path)
    f.write_text("year,exporter,partner,partner_name,tradeflow_baci\n2019,KAZ,CHN,China,-5\n")
    with pytest.raises(ValidationError, match="negative"):
        kaz_partner_exports(tmp_path)
    f.write_text("year,exporter,partner\n2019,KAZ,CHN\n")
    with pytest.raises(ValidationError, match="no column"):
        kaz_partner_exports(tmp_path)
    with pytest.raises(ValidationError, match="scope"):
        kaz_export_totals(tmp_path, scope="x")


def test_adb_readers_match_the_provenance(shared_data):
    """adb_mrio_gvc_indicators/PROVENANCE.md: KAZ gross exports 2022 66.8 bn USD; FVA 2022 6.10 bn, of which
    RUS 2.07, PRC 0.86, RoW 0.52, USA 0.35, KOR 0.28; sum of fva_origin = fva."""
    from valuechain.datasets.adb_indicators import adb_economies, adb_fva_by_origin, adb_participation

    f = adb_fva_by_origin(shared_data).query("year == 2022").set_index("origin")
    assert f["fva"].iloc[0] / 1000 == pytest.approx(6.10, abs=0.005)
    for code, bn in {"RUS": 2.07, "CHN": 0.86, "ROW": 0.52, "USA": 0.35, "KOR": 0.28}.items():
        assert f.loc[code, "fva_origin"] / 1000 == pytest.approx(bn, abs=0.005)
    assert f["fva_origin"].sum() == pytest.approx(f["fva"].iloc[0], rel=1e-9)
    p = adb_participation(shared_data).query("iso3 == 'KAZ' and year == 2022")
    assert p["Exports"].iloc[0] / 1000 == pytest.approx(66.8, abs=0.05)
    e = adb_economies(shared_data).set_index("adb_code")["iso3"]
    assert (e["PRC"], e["INO"], e["VIE"], e["ROW"]) == ("CHN", "IDN", "VNM", "ROW")
    with pytest.raises(ValidationError, match="not an ADB MRIO economy"):
        adb_fva_by_origin(shared_data, exporter="AZE")


def test_kazakhstan_va_trade_and_peer_views(shared_data):
    """One table holds the ADB FVA share (2022: 6.10 / 66.8 bn USD, PROVENANCE), the ICIO 2022 imported share of
    intermediates (26.8 / 132.8 bn, ICIO PROVENANCE) and the seed's TiVA 6.5 % (2015), each with its definition;
    the ADB sources name Azerbaijan and Chile as missing, the ICIO Azerbaijan."""
    from valuechain.datasets import kazakhstan_peer_views, kazakhstan_va_trade

    t, origins = kazakhstan_va_trade(shared_data)
    m = t.table.groupby("measure")["kind"].first()
    assert m["imported intermediates, share of intermediate inputs"] == "gross intermediate flows"
    assert m["FVA share of gross exports"] == "value added"
    imp = t.table[t.table["measure"] == "imported intermediates, share of intermediate inputs"]["value"].iloc[0]
    assert imp == pytest.approx(100 * 26.8 / (106.0 + 26.8), abs=0.05)
    o = origins[(origins.year == 2022) & (origins.kind == "partner")].set_index("origin")["fva_origin"]
    assert o["RUS"] / 1000 == pytest.approx(2.07, abs=0.005)
    v = kazakhstan_peer_views(shared_data)
    assert v["adb_rca"].missing == ("AZE", "CHL") and v["icio_2022"].missing == ("AZE",)
    assert "Azerbaijan (AZE)" in v["adb_participation"].message
    assert v["openness"].missing == ()
    assert v["products"].table.empty and "KAZ is not in" in v["products"].message


def test_openness_holds_kazakhstan_and_every_seed_peer(shared_data):
    """2.2_openness.csv (ADB Kazakhstan report chart data): 165 rows, 2021, one of them 'Kazakhstan (exc. oil)'
    without a code (left out); all seven seed peers are held."""
    from valuechain.datasets.adb_indicators import trade_openness
    from valuechain.gvc.comparison import peer_view

    o = trade_openness(shared_data)
    assert len(o) == 164 and set(o["year"]) == {2021} and o["name"].notna().all()
    v = peer_view(o, country="KAZ", source="openness")
    assert v.missing == () and v.table.set_index("iso3").loc["KAZ", "value"] == pytest.approx(57.54, abs=0.01)


def test_foreign_content_by_hand_from_the_file(shared_data):
    """KAZ 2022 in rca_gross_and_va_adb_mrio62_2000_2022.parquet: exports_s 66,778.603, vaxes_s 60,588.557
    (values written out from the file): 1 - 60588.557 / 66778.603 = 9.27 %."""
    from valuechain.datasets.adb_indicators import adb_foreign_content

    f = adb_foreign_content(shared_data).set_index(["iso3", "year"])
    assert f.loc[("KAZ", 2022), "value"] == pytest.approx(100 * (1 - 60588.557 / 66778.603), abs=1e-4)
    assert {"RUS", "MEX", "IDN", "THA", "VNM"} <= set(f.index.get_level_values(0))
    assert "AZE" not in set(f.index.get_level_values(0))
