"""Domestic value added in Kazakhstan's exports over time (ADB-derived): the trade seed's Table 4, Figures 22, 23 and 25,
and services exports by ADB sector (Table 3, in part).

Reference values are read straight off the data files with pandas (or written out from them), never from the code
under test; the identities (rows adding up, shares summing to 100, contributions adding to the growth) are checked too.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from valuechain.datasets.kazakhstan_gvc import (
    dva_growth,
    kazakhstan_dva_by_destination,
    kazakhstan_dva_by_sector,
    kazakhstan_dva_contributions,
    kazakhstan_services_exports,
)
from valuechain.errors import ValidationError


def _rca62(shared_data):
    return pd.read_parquet(shared_data / "adb_mrio_gvc_indicators" / "rca_gross_and_va_adb_mrio62_2000_2022.parquet")


def test_dva_by_sector_reads_the_file_and_adds_up(shared_data):
    t = kazakhstan_dva_by_sector(shared_data).set_index("sector")
    # vaxes_si of Kazakhstan (s = 49), mining (i = 2), 2015, as stored in the file: 24,524.936593 million USD
    assert t.loc["Mining and quarrying", "dva_2015"] == pytest.approx(24524.936593, abs=1e-3)
    r = _rca62(shared_data)
    k = r[(r["s"] == 49) & (r["agg"] == 35) & (r["t"] == 2022)]
    assert t.loc["Total goods", "dva_2022"] == pytest.approx(k.loc[k["i"] <= 16, "vaxes_si"].sum())
    for y in (2007, 2015, 2022):
        parts = t.loc[["Agriculture, forestry and fishing", "Mining and quarrying", "Manufacturing"], f"dva_{y}"].sum()
        assert t.loc["Total goods", f"dva_{y}"] == pytest.approx(parts)
        sub = t.loc[t["sub"], f"dva_{y}"].sum()
        assert t.loc["Manufacturing", f"dva_{y}"] == pytest.approx(sub)
        assert t.loc["Total goods", f"share_{y}"] == pytest.approx(100.0)
    g = (t.loc["Total goods", "dva_2015"] / t.loc["Total goods", "dva_2007"]) ** (1 / 8) - 1
    assert t.loc["Total goods", "cagr_2007_2015"] == pytest.approx(100 * g)


def test_dva_by_sector_refuses_a_year_the_series_lacks(shared_data):
    with pytest.raises(ValidationError, match="2005"):
        kazakhstan_dva_by_sector(shared_data, years=(2005, 2015))


def test_contributions_add_up_to_the_growth_of_goods_dva(shared_data):
    c = kazakhstan_dva_contributions(shared_data, start=2007, end=2015)
    t = kazakhstan_dva_by_sector(shared_data, years=(2007, 2015)).set_index("sector")
    growth = 100 * (t.loc["Total goods", "dva_2015"] / t.loc["Total goods", "dva_2007"] - 1)
    assert c["contribution"].sum() == pytest.approx(growth)
    assert len(c) == 8


def test_dva_growth_by_hand_and_missing_peers_named(shared_data):
    g = dva_growth(shared_data, ["KAZ", "AZE", "CHL", "RUS"])
    assert g.attrs["missing"] == ["AZE", "CHL"]
    kaz = g[(g["iso3"] == "KAZ") & (g["period"] == "2015-2022")].iloc[0]
    # vaxes_s of Kazakhstan: 46,091.933224 (2015) and 60,588.557 (2022) million USD in the file
    assert kaz["growth"] == pytest.approx(100 * ((60588.557 / 46091.933224) ** (1 / 7) - 1), abs=1e-4)


def test_dva_by_destination_groups_by_year_and_sums_to_the_total(shared_data):
    d = kazakhstan_dva_by_destination(shared_data).set_index("destination")
    for y in (2007, 2015, 2022):
        assert d[f"share_{y}"].sum() == pytest.approx(100.0)
    b = pd.read_csv(shared_data / "kaz_bilateral_adb_mrio_gravity" / "kaz_bilateral_exports_adb_gravity_2000_2022.csv")
    chn = float(b[(b["partner"] == "CHN") & (b["year"] == 2015)]["DVA"].iloc[0])
    assert d.loc["China", "dva_2015"] == pytest.approx(chn)
    gbr = b[b["partner"] == "GBR"].set_index("year")["DVA"]
    eu_2015 = b[(b["year"] == 2015) & b["partner"].isin(
        ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU",
         "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "GBR"])]["DVA"].sum()
    assert d.loc["European Union (members that year)", "dva_2015"] == pytest.approx(eu_2015)  # the UK counted in 2015
    assert d.loc["Other partners held", "dva_2022"] >= float(gbr.loc[2022])  # and not in 2022


def test_services_exports_total_and_growth(shared_data):
    s = kazakhstan_services_exports(shared_data).set_index("sector")
    body = s.drop(index="Total services")
    for y in (2000, 2018, 2022):
        assert s.loc["Total services", f"exports_{y}"] == pytest.approx(body[f"exports_{y}"].sum())
        assert body[f"share_{y}"].sum() == pytest.approx(100.0)
    assert all(math.isfinite(v) for v in body["cagr_2000_2018"].dropna())
    assert body.loc[body["exports_2000"] <= 0, "cagr_2000_2018"].isna().all()
