"""GDP structure and growth by activity, regional shares: hand-worked and against the regional seed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.regional.accounts import SEED_ACTIVITY_GROUPS, activity_growth, activity_structure, regional_shares


def _g():
    rows = [(2010, "national", "A", 10.0), (2010, "national", "B", 30.0), (2010, "national", "OTHER_SERVICES", 60.0),
            (2010, "national", "GDP", 110.0), (2012, "national", "A", 12.1), (2012, "national", "B", 30.0),
            (2012, "national", "I", 20.0), (2012, "national", "K", 50.0), (2012, "national", "GDP", 120.0),
            (2010, "R1", "GDP", 66.0), (2010, "R2", "GDP", 44.0)]
    return pd.DataFrame(rows, columns=["year", "region", "item", "value"])


def test_structure_by_hand():
    t = activity_structure(_g(), year=2010).table.set_index("activity")
    assert t.loc["A", "share_of_gva_pct"] == pytest.approx(10.0) and t.loc["A", "share_of_gdp_pct"] == pytest.approx(100 * 10 / 110)
    t2 = activity_structure(_g(), year=2010, groups={"Agri": ["A"], "Rest": ["B", "I", "K", "OTHER_SERVICES"]})
    assert t2.table.set_index("activity").loc["Rest", "share_of_gva_pct"] == pytest.approx(90.0) and t2.identities_hold()
    with pytest.raises(ValidationError, match="in both groups"):
        activity_structure(_g(), year=2010, groups={"x": ["A"], "y": ["A"]})


def test_growth_by_hand_and_nominal_flag():
    g = _g()
    g.attrs["unit"] = "million KZT, current prices"
    r = activity_growth(g, start=2010, end=2012)
    t = r.table.set_index("activity")
    assert t.loc["A", "growth_pct_per_year"] == pytest.approx(10.0)  # 10 -> 12.1 in two years
    assert "B" in t.index and "I" not in t.index  # I only in 2012: named, not computed
    assert any("not published in both" in f and "I" in f for f in r.flags) and any("nominal" in f for f in r.flags)
    grp = activity_growth(g, start=2010, end=2012, groups={"Services": ["I", "K", "OTHER_SERVICES"]}).table
    assert grp["growth_pct_per_year"].iloc[0] == pytest.approx(100 * ((70 / 60) ** 0.5 - 1))


def test_regional_shares_by_hand():
    r = regional_shares(_g(), year=2010)
    assert r.table["share_pct"].tolist() == pytest.approx([60.0, 40.0]) and r.table["rank"].tolist() == [1, 2]
    assert r.identities_hold()


@pytest.mark.parametrize("bad, msg", [
    (_g().assign(value=np.nan), "NaN"), (_g().drop(columns="item"), "lacks column"),
    (_g().assign(value="=HYPERLINK(1)"), "non-numeric"),
])
def test_hostile(bad, msg):
    with pytest.raises(ValidationError, match=msg):
        activity_structure(bad, year=2010)
    with pytest.raises(ValidationError, match="no rows"):
        activity_structure(_g(), year=1999)
    with pytest.raises(ValidationError, match="end > start"):
        activity_growth(_g(), start=2012, end=2010)


def test_kazakhstan_structure_matches_the_regional_seed(shared_data):
    """Regional seed, Figure 1 text: 'industry sector is occupied approximately 34 per cent of GDP, in 2010 ...
    agriculture and construction take only 5 and 8 per cent ... services - 53 per cent' (they add to 100, so
    shares of GVA); Figure 3 text: East Kazakhstan ranks sixth after Almaty city, Atyrau, Karaganda, Mangistau
    (2009; BNS data begin in 2010)."""
    from valuechain.datasets.kazakhstan_bns import bns_gva_long

    g = bns_gva_long(shared_data)
    t = activity_structure(g, year=2010, groups=SEED_ACTIVITY_GROUPS).table.set_index("activity")["share_of_gva_pct"]
    for k, v in {"Industry": 34, "Agriculture": 5, "Construction": 8, "Services": 53}.items():
        assert t[k] == pytest.approx(v, abs=0.5)
    r = regional_shares(g, year=2010).table.set_index("region")
    assert r.loc["VKO", "rank"] == 6
    assert {"ALA", "ATY", "KRG", "MNG"} <= set(r.index[r["rank"] <= 5])
    # PROVENANCE.md: national GDP 103,765.5 bn KZT in 2022
    assert g[(g.year == 2022) & (g.region == "national") & (g["item"] == "GDP")]["value"].iloc[0] / 1000 == pytest.approx(103765.5, abs=0.1)
    assert regional_shares(g, year=2022).identities_hold() and regional_shares(g, year=2015).identities_hold()
