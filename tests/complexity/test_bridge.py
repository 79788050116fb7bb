"""HS → industry bridge: the concordance spot checks of PROVENANCE.md, a hand-worked example,
clusters, and a real Kazakhstan run checked against the OECD key read independently."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.complexity.bridge import (
    cluster_bridge,
    industry_bridge,
    isic_to_icio50,
    read_concordance,
)


@pytest.mark.parametrize("hs", ["HS2012", "HS2017"])
def test_unsd_spot_checks(shared_data, hs):
    # PROVENANCE.md of hs_isic_concordance, "Spot checks (HS12 and HS17 give the same results)":
    # 270900 -> 0610, 740311 -> 2420, 100199 -> 0111, 271012 -> 1920, 870323 -> 2910,
    # 854231 -> 2610, 300490 -> 2100
    isic = read_concordance(hs, to="isic4", folder=shared_data / "hs_isic_concordance").set_index("product")["industry"]
    icio = read_concordance(hs, to="icio50", folder=shared_data / "hs_isic_concordance").set_index("product")["industry"]
    expect = {"270900": ("06", "B06"), "740311": ("24", "C24B"), "100199": ("01", "A01"), "271012": ("19", "C19"),
              "870323": ("29", "C29"), "854231": ("26", "C26"), "300490": ("21", "C21")}
    for code, (div, ind) in expect.items():
        assert isic[code] == div
        assert icio[code] == ind
    assert icio.notna().all()  # 1:1 and complete (PROVENANCE: 100% map to a division)


def test_btdixe_hs2002_spot_checks(shared_data):
    # PROVENANCE.md: "Spot checks (HS2002): 270900 -> D06 and 100190 -> D01"; 740311 is in
    # D242T32 (non-ferrous metals) in every HS version
    c = read_concordance("HS2002", to="icio50", folder=shared_data / "hs_isic_concordance").set_index("product")
    assert c.loc["270900", "industry"] == "B06"
    assert c.loc["100190", "industry"] == "A01"
    assert c.loc["740311", "industry"] == "C24B"
    assert c.loc["720449", "industry"] == "C24A"  # "D241T31 used": ferrous scrap
    # PROVENANCE: 5224 subheadings + 980100; 14 Wastes, 12 Others, 1 Unallocated -> no industry
    assert len(c) == 5225
    assert c["industry"].isna().sum() == 27
    assert c.loc[c["industry"].isna(), "reason"].str.contains("Wastes|Others|Unallocated").all()


def test_isic_to_icio50():
    assert isic_to_icio50("0610") == "B06"
    assert isic_to_icio50("2420") == "C24B" and isic_to_icio50("2410") == "C24A"
    assert isic_to_icio50("2431") == "C24A" and isic_to_icio50("2432") == "C24B"
    assert isic_to_icio50("3011") == "C301" and isic_to_icio50("3030") == "C302T309"
    assert isic_to_icio50("1080") == "C10T12" and isic_to_icio50("3821") == "E" and isic_to_icio50("9000") == "R"
    assert isic_to_icio50("24") is None and isic_to_icio50("x") is None


def test_hand_worked_bridge(shared_data):
    # exports: crude 270900 = 60, copper 740311 = 30, wheat 100199 = 0 (left out), an HS2002-only
    # code 100190 = 10 (not in HS2012, heading 1001 -> A01 only) and 999999 = 5 (unallocated)
    x = pd.DataFrame({"product": ["270900", "740311", "100199", "100190", "999999"], "value": [60.0, 30, 0, 10, 5]})
    # world: crude 200, copper 100, wheat 700 -> W = 1000
    w = pd.DataFrame({"product": ["270900", "740311", "100199"], "value": [200.0, 100, 700]})
    r = industry_bridge(x, country="KAZ", year=2021, hs="HS2012", to="icio50", world=w, folder=shared_data / "hs_isic_concordance")
    t = r.table.set_index("industry")
    assert t.loc["B06", "exports"] == 60 and t.loc["C24B", "exports"] == 30
    assert t.loc["A01", "exports"] == 10 and t.loc["unallocated", "exports"] == 5
    assert r.table["industry"].iloc[-1] == "unallocated"
    assert t.loc["B06", "share"] == pytest.approx(60 / 105)
    # RCA_B06 = (60/105) / (200/1000) = 2.857...; RCA_A01 = (10/105)/(700/1000)
    assert t.loc["B06", "rca"] == pytest.approx((60 / 105) / 0.2)
    assert t.loc["A01", "rca"] == pytest.approx((10 / 105) / 0.7)
    assert r.products.set_index("product").loc["100190", "how"] == "heading"
    assert r.unallocated["product"].tolist() == ["999999"]
    assert r.identities_hold()
    cl = cluster_bridge(r, {"Energy": ["B06", "C19"], "Metals": ["B07", "C24A", "C24B"]}, world=w).set_index("cluster")
    assert cl.loc["Energy", "exports"] == 60 and cl.loc["Metals", "exports"] == 30
    assert cl.loc["not in a cluster", "exports"] == 10 and cl.loc["unallocated", "exports"] == 5
    assert cl.loc["Metals", "rca"] == pytest.approx((30 / 105) / 0.1)
    with pytest.raises(ValidationError, match="both clusters"):
        cluster_bridge(r, {"a": ["B06"], "b": ["B06"]})


def test_real_kazakhstan_2021(shared_data):
    k = pd.read_csv(shared_data / "baci_kaz_exports" / "kaz_exports_2021.csv", dtype={"k": str})
    k["product"] = k["k"].str.zfill(6)
    r = industry_bridge(k.rename(columns={"v": "value"})[["product", "value"]], country="KAZ", year=2021, hs="HS2002", to="icio50", folder=shared_data / "hs_isic_concordance")
    # independent: the OECD key's D06 codes for HS2002 (hs_version 2), summed with pandas
    key = pd.read_csv(shared_data / "hs_isic_concordance" / "hs_all_isic4_oecd_btdixe_key.csv", dtype=str)
    d06 = set(key[(key["hs_version"] == "2") & (key["Desci4"] == "D06")]["HS-6digit"])
    t = r.table.set_index("industry")
    assert t.loc["B06", "exports"] == pytest.approx(k.loc[k["product"].isin(d06), "v"].sum())
    assert t["exports"].sum() == pytest.approx(k["v"].sum())
    assert t.index[0] == "B06"  # crude oil and gas: the largest industry (42 % of exports)
    assert "unallocated" in t.index  # e.g. 271000, a code of another HS revision, with its reason
    assert (r.unallocated["reason"].str.len() > 0).all()


def test_bad_input(shared_data):
    x = pd.DataFrame({"product": ["270900"], "value": [1.0]})
    with pytest.raises(ValidationError, match="HS revision"):
        industry_bridge(x, country="KAZ", year=2021, hs="HS1066", to="icio50", folder=shared_data / "hs_isic_concordance")
    with pytest.raises(ValidationError, match="isic4 or icio50"):
        industry_bridge(x, country="KAZ", year=2021, hs="HS2012", to="nace", folder=shared_data / "hs_isic_concordance")


def test_the_family_never_looks_for_the_concordances_itself(tmp_path):
    """Without folder= the bridge says what to give (valuechain._data resolves it, above the family)."""
    from valuechain.errors import DataNotFoundError

    with pytest.raises(DataNotFoundError, match="give folder="):
        read_concordance("HS2012", to="icio50")
    with pytest.raises(DataNotFoundError, match="concordance folder not found"):
        read_concordance("HS2012", to="icio50", folder=tmp_path / "absent")
