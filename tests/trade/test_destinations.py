"""export_destinations: hand-worked shares, coverage refusals, groups by year, hostile input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuechain.errors import ValidationError
from valuechain.trade.destinations import export_destinations


def _pe(year, pairs):
    return pd.DataFrame({"year": year, "partner": [p for p, _ in pairs], "value": [v for _, v in pairs]})


def _tot(year, total):
    return pd.DataFrame({"year": [year], "total": [total], "source": ["hand"]})


def test_hand_worked_shares_and_markets():
    # exports 100: CHN 40, RUS 20, DEU 10, ITA 10, GBR 5, USA 5, THA 2 (held 92, coverage 92 %)
    pe = _pe(2019, [("CHN", 40.0), ("RUS", 20.0), ("DEU", 10.0), ("ITA", 10.0), ("GBR", 5.0), ("USA", 5.0), ("THA", 2.0)])
    r = export_destinations(pe, _tot(2019, 100.0))
    t = r.table.set_index("group")
    # by hand: EU 2019 = DEU + ITA + GBR (the UK is in the EU to 2019) = 25
    assert t.loc["EU", "value"] == 25.0 and t.loc["EU", "share_of_total_pct"] == pytest.approx(25.0)
    assert t.loc["EAEU_2015", "share_of_total_pct"] == pytest.approx(20.0)
    assert t.loc["ASEAN", "share_of_total_pct"] == pytest.approx(2.0)
    assert t.loc["ROW", "value"] == 0.0
    assert t.loc["EU", "share_of_held_pct"] == pytest.approx(100 * 25 / 92)
    assert t["coverage_pct"].tolist() == pytest.approx([92.0] * len(t))
    m = r.markets.iloc[0]
    # HHI by hand: .16 + .04 + .01 + .01 + .0025 + .0025 + .0004 = 0.2254; upper + 0.08**2 = 0.2318
    assert m["hhi"] == pytest.approx(0.2254) and m["hhi_upper"] == pytest.approx(0.2318)
    assert m["top5_share_pct"] == pytest.approx(85.0) and m["markets"] == 7
    # the uncovered 8 exceeds the fifth share (5): a partner outside the file could enter the top five
    assert not m["top5_exact"]
    assert r.identities_hold()


def test_uk_leaves_the_eu_in_2020():
    pe = pd.concat([_pe(2019, [("GBR", 10.0), ("DEU", 90.0)]), _pe(2020, [("GBR", 10.0), ("DEU", 90.0)])])
    tot = pd.DataFrame({"year": [2019, 2020], "total": [100.0, 100.0], "source": "hand"})
    t = export_destinations(pe, tot, groups=("EU",)).table.set_index(["year", "group"])
    assert t.loc[(2019, "EU"), "value"] == 100.0 and t.loc[(2020, "EU"), "value"] == 90.0
    assert t.loc[(2020, "ROW"), "value"] == 10.0


def test_eaeu_by_year_and_fixed():
    pe = pd.concat([_pe(2014, [("RUS", 1.0)]), _pe(2015, [("RUS", 1.0)])])
    tot = pd.DataFrame({"year": [2014, 2015], "total": [1.0, 1.0], "source": "hand"})
    t = export_destinations(pe, tot, groups=("EAEU",)).table.set_index(["year", "group"])["value"]
    assert t[(2014, "EAEU")] == 0.0 and t[(2015, "EAEU")] == 1.0
    t2 = export_destinations(pe, tot, groups=("EAEU_2015",)).table.set_index(["year", "group"])["value"]
    assert t2[(2014, "EAEU_2015")] == 1.0


@pytest.mark.parametrize("total, why", [(200.0, "coverage 50.0% < 85%"), (50.0, "the sources disagree")])
def test_share_of_total_refused(total, why):
    r = export_destinations(_pe(2021, [("CHN", 60.0), ("RUS", 40.0)]), _tot(2021, total))
    assert r.table["share_of_total_pct"].isna().all()
    assert r.table["share_of_held_pct"].notna().all()
    assert why in r.table["note"].iloc[0] and any(why in f for f in r.flags)
    assert np.isnan(r.markets["hhi"].iloc[0]) and np.isnan(r.markets["top5_share_pct"].iloc[0])


def test_no_total_means_no_share_of_total():
    r = export_destinations(_pe(2020, [("CHN", 1.0)]))
    assert r.table["share_of_total_pct"].isna().all() and "no total exports held" in r.table["note"].iloc[0]


@pytest.mark.parametrize("bad, msg", [
    (_pe(2019, [("CHN", np.nan)]), "NaN"), (_pe(2019, [("CHN", np.inf)]), "infinite"),
    (_pe(2019, [("CHN", -1.0)]), "negative"), (_pe(2019, [("</script>", 1.0)]), "not ISO 3166"),
    (_pe(2019, [("=HYPERLINK(1)", 1.0)]), "not ISO 3166"), (_pe(2019, [("CHN", 1.0), ("CHN", 2.0)]), "twice"),
    (pd.DataFrame({"year": [2019.5], "partner": ["CHN"], "value": [1.0]}), "whole numbers"),
    (pd.DataFrame({"year": [2019], "value": [1.0]}), "lack column"),
])
def test_hostile_frames(bad, msg):
    with pytest.raises(ValidationError, match=msg):
        export_destinations(bad, _tot(2019, 1.0))


def test_hostile_options():
    pe = _pe(2019, [("CHN", 1.0)])
    with pytest.raises(ValidationError, match="min_coverage"):
        export_destinations(pe, min_coverage=1.5)
    with pytest.raises(ValidationError, match="unknown country group"):
        export_destinations(pe, groups=("NOPE",))
    with pytest.raises(ValidationError, match="both groups"):
        export_destinations(_pe(2019, [("RUS", 1.0)]), groups=("EAEU", "CIS"))
    with pytest.raises(ValidationError, match="no flows in 2001"):
        export_destinations(pe, years=[2001])
    with pytest.raises(ValidationError, match="positive finite"):
        export_destinations(pe, _tot(2019, -3.0))
    with pytest.raises(TypeError):
        export_destinations([1, 2])


@given(st.lists(st.floats(0.01, 1e6), min_size=1, max_size=8), st.floats(1.0, 1.1))
def test_identities(values, scale):
    codes = ["CHN", "RUS", "DEU", "ITA", "FRA", "USA", "THA", "TUR"][: len(values)]
    pe = _pe(2019, list(zip(codes, values)))
    r = export_destinations(pe, _tot(2019, sum(values) * scale), min_coverage=0.85)
    assert r.identities_hold()
    m = r.markets.iloc[0]
    assert m["hhi"] <= m["hhi_upper"] + 1e-12 and 0 < m["hhi"] <= 1


def test_kazakhstan_2019_matches_the_cepii_baci_column(shared_data):
    """Done-check of issue 18: the 2019 destination table equals the CEPII BACI column of the
    partner file (kaz_bilateral_adb_mrio_gravity/PROVENANCE.md: ITA 8.54 bn USD, CHN 7.92 bn,
    RUS 5.83 bn, NLD 4.37 bn, FRA 3.65 bn, KOR 3.28 bn; 71 partners sum to 56.5 bn = 89 % of the
    BACI total 63.2 bn of baci_kaz_exports/kaz_exports_2019.csv) and states its coverage."""
    from valuechain.datasets.kazakhstan_trade import kaz_export_totals, kaz_partner_exports

    r = export_destinations(kaz_partner_exports(shared_data, source="baci"), kaz_export_totals(shared_data, scope="customs"),
                            years=[2019])
    p = r.partners.set_index("partner")["value"] / 1000
    for code, bn in {"ITA": 8.54, "CHN": 7.92, "RUS": 5.83, "NLD": 4.37, "FRA": 3.65, "KOR": 3.28}.items():
        assert p[code] == pytest.approx(bn, abs=0.005)
    cov = r.coverage.iloc[0]
    assert cov["held"] / 1000 == pytest.approx(56.5, abs=0.05) and cov["total"] / 1000 == pytest.approx(63.2, abs=0.05)
    assert cov["coverage_pct"] == pytest.approx(89, abs=0.5) and "BACI" in cov["total_source"]
    assert (r.partners["coverage_pct"].round(1) == round(cov["coverage_pct"], 1)).all()
    # CIS countries outside the EAEU are almost all absent from the file: the table says which
    cis = r.table.set_index("group").loc["CIS_NON_EAEU", "members_not_in_file"]
    assert "UZB" in cis and "UKR" in cis


def test_kazakhstan_2021_has_no_customs_flows(shared_data):
    from valuechain.datasets.kazakhstan_trade import kaz_export_totals, kaz_partner_exports

    with pytest.raises(ValidationError, match="no flows in 2021"):
        export_destinations(kaz_partner_exports(shared_data), kaz_export_totals(shared_data, scope="customs"), years=[2021])


@pytest.mark.parametrize("year, seed", [
    # the seed's Table 2 (World Bank 2020; UN Comtrade), US$ million and % of exports, written out from the seed
    (2012, {"EU": (46479, 50.4), "CHINA": (16562, 17.9), "EAEU_2015": (7562, 8.2), "ASEAN": (40, 0.0), "USA": (442, 0.5)}),
    (2018, {"EU": (31036, 50.9), "CHINA": (6287, 10.3), "EAEU_2015": (5892, 9.7), "ASEAN": (1128, 1.9), "USA": (957, 1.6)}),
])
def test_seed_table2_reproduced_from_comtrade_as_reported(shared_data, year, seed):
    """With Comtrade as reported by Kazakhstan (the seed's source) and the seed's totals (92,279 and 60,944),
    the groups EU (members at the time), China, EEU, ASEAN and USA match the seed's Table 2 within 1.5 % of
    the value and 0.35 points of the share. CIS* cannot: Uzbekistan, Ukraine, Azerbaijan, Tajikistan,
    Turkmenistan and Moldova are not in the partner file, and the table says so."""
    from valuechain.datasets.kazakhstan_trade import kaz_export_totals, kaz_partner_exports

    r = export_destinations(kaz_partner_exports(shared_data, source="comtrade_reporter"),
                            kaz_export_totals(shared_data, scope="customs"), years=[year])
    t = r.table.set_index("group")
    for g, (value, share) in seed.items():
        assert t.loc[g, "value"] == pytest.approx(value, rel=0.015, abs=2)
        assert t.loc[g, "share_of_total_pct"] == pytest.approx(share, abs=0.35)
    assert {"UZB", "UKR", "AZE", "TJK", "TKM", "MDA"} <= set(t.loc["CIS_NON_EAEU", "members_not_in_file"].split(", "))


def test_seed_table2_2000_is_refused(shared_data):
    """The seed's 2000 total (4,729 million USD) is below what the file's partners alone received (5,563 as
    reported to Comtrade): the sources disagree and no share of total is computed."""
    from valuechain.datasets.kazakhstan_trade import kaz_export_totals, kaz_partner_exports

    r = export_destinations(kaz_partner_exports(shared_data, source="comtrade_reporter"),
                            kaz_export_totals(shared_data, scope="customs"), years=[2000])
    assert r.table["share_of_total_pct"].isna().all() and "sources disagree" in r.table["note"].iloc[0]


def test_top5_markets_2018_as_in_the_seed(shared_data):
    """Seed, Figure 10 text: 'the top five markets absorbed 54 percent of export revenues in 2018'."""
    from valuechain.datasets.kazakhstan_trade import kaz_export_totals, kaz_partner_exports

    r = export_destinations(kaz_partner_exports(shared_data, source="comtrade_reporter"),
                            kaz_export_totals(shared_data, scope="customs"), years=[2018])
    m = r.markets.iloc[0]
    assert m["top5_share_pct"] == pytest.approx(54, abs=1)
    assert m["hhi"] <= m["hhi_upper"] and m["markets"] <= m["partners_in_file"]


def test_product_partner_detail_by_hand_and_labelled():
    from valuechain.trade.destinations import product_partner_detail

    lines = pd.DataFrame({"year": 2021, "partner": ["CHN", "CHN", "CHN", "RUS"], "product": ["740311", "270900", "710812", "720241"],
                          "value": [30.0, 60.0, 10.0, 5.0]})
    d = product_partner_detail(lines).set_index(["partner", "sector"])
    assert d.loc[("CHN", "Metals"), "share_of_partner_lines_pct"] == pytest.approx(30.0)
    assert d.loc[("CHN", "Other"), "value"] == 10.0  # gold is not a seed sector
    assert d.loc[("RUS", "Metals"), "share_of_partner_lines_pct"] == pytest.approx(100.0)
    assert (d["scope"].str.contains("not a destination structure")).all()
    with pytest.raises(ValidationError, match="HS 6-digit"):
        product_partner_detail(lines.assign(product="</script>"))
    with pytest.raises(ValidationError, match="NaN"):
        product_partner_detail(lines.assign(value=np.nan))


def test_value_added_by_destination_2015(shared_data):
    """Seed, Figures 25-26 text: 'China went from representing 7.1 percent to 10.6 percent of Kazakhstani DVA in
    exports' (2005 to 2015, TiVA). ADB MRIO (another table) gives 10.0 % for 2015; within 1 point. The rows carry
    the model-allocation flag, and 2007 (coverage 77 %) is refused."""
    from valuechain.datasets.kazakhstan_trade import kaz_export_totals, kaz_partner_exports

    r = export_destinations(kaz_partner_exports(shared_data, source="adb_dva"), kaz_export_totals(shared_data, scope="adb_dva"),
                            years=[2007, 2015])
    t = r.table.set_index(["year", "group"])["share_of_total_pct"]
    assert t[(2015, "CHINA")] == pytest.approx(10.6, abs=1.0)
    assert np.isnan(t[(2007, "CHINA")])
    assert any(f.startswith("model allocation") for f in r.flags)
    # identity of the file: DVA + FVA + PDC = gross exports by partner; the totals' DVA is DAVAX + REX + REF
    assert r.identities_hold()
