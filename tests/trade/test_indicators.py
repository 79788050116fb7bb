"""Reference tests of the trade indicators: hand-worked examples, published numbers, identities."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valuechain.errors import ValidationError
from valuechain.trade.concentration import concentration, hhi, top_share
from valuechain.trade.groups import Groups, load_groups
from valuechain.trade.margins import export_margins
from valuechain.trade.outcomes import cagr, composition, growth_rates, product_market_counts, trade_totals
from valuechain.trade.rca import rca
from valuechain.trade.sophistication import expy, prody

# A hand-worked bilateral example: Kazakhstan's flows in 2000 and 2010 (values made up).
#   2000: A->CHN 10, A->RUS 5, B->RUS 4, C->DEU 3                      X0 = 22
#   2010: A->CHN 14, A->DEU 2, D->RUS 6, E->USA 1, B->RUS 1            X1 = 24
HAND = pd.DataFrame(
    [(2000, "KAZ", "CHN", "A", 10.0), (2000, "KAZ", "RUS", "A", 5.0), (2000, "KAZ", "RUS", "B", 4.0),
     (2000, "KAZ", "DEU", "C", 3.0), (2010, "KAZ", "CHN", "A", 14.0), (2010, "KAZ", "DEU", "A", 2.0),
     (2010, "KAZ", "RUS", "D", 6.0), (2010, "KAZ", "USA", "E", 1.0), (2010, "KAZ", "RUS", "B", 1.0)],
    columns=["year", "exporter", "importer", "product", "value"],
)


def test_margins_hand_worked():
    m = export_margins(HAND, base=2000, end=2010).set_index("component")["value"]
    # intensive: pairs in both years: A->CHN 14-10 = +4, B->RUS 1-4 = -3          -> +1
    assert m["intensive"] == pytest.approx(1.0)
    # old product A to a market new for it (DEU)                                   -> +2
    assert m["old_products_new_markets"] == pytest.approx(2.0)
    # new product D to RUS, a market reached in 2000                               -> +6
    assert m["new_products_old_markets"] == pytest.approx(6.0)
    # new product E to USA, a market not reached in 2000                           -> +1
    assert m["new_products_new_markets"] == pytest.approx(1.0)
    # pairs gone: A->RUS 5 and C->DEU 3                                            -> -8
    assert m["exits"] == pytest.approx(-8.0)
    # 1 + 2 + 6 + 1 - 8 = 2 = 24 - 22
    assert m["total"] == pytest.approx(2.0)
    sh = export_margins(HAND, base=2000, end=2010).set_index("component")["share"]
    assert sh["new_products_old_markets"] == pytest.approx(300.0)  # 6 / 2


def test_margins_product_level_hand_worked():
    m = export_margins(HAND, base=2000, end=2010, level="product").set_index("component")["value"]
    # products 2000: A 15, B 4, C 3; 2010: A 16, B 1, D 6, E 1
    assert m["intensive"] == pytest.approx((16 - 15) + (1 - 4))  # -2
    assert m["new_products"] == pytest.approx(6 + 1)
    assert m["exits"] == pytest.approx(-3)
    assert m["total"] == pytest.approx(2)


def test_margins_windows_average():
    df = pd.concat([HAND, HAND.assign(year=HAND.year + 1)])  # 2000-2001 and 2010-2011 identical
    m = export_margins(df, base=(2000, 2001), end=(2010, 2011)).set_index("component")["value"]
    assert m["exits"] == pytest.approx(-8.0) and m["total"] == pytest.approx(2.0)
    with pytest.raises(ValidationError, match="must start after"):
        export_margins(df, base=(2000, 2010), end=2010)


def test_hhi_and_top5_hand_worked():
    v = [50, 20, 10, 10, 5, 5]  # total 100
    # H = .5^2 + .2^2 + .1^2 + .1^2 + .05^2 + .05^2 = .25 + .04 + .01 + .01 + .0025 + .0025 = .315
    assert hhi(v) == pytest.approx(0.315)
    # normalised with N = 6: (.315 - 1/6) / (1 - 1/6) = .148333... / .833333... = .178
    assert hhi(v, normalized=True) == pytest.approx(0.178)
    # with N = 10 (universe of 10 products): (.315 - .1) / .9 = .238888...
    assert hhi(v, normalized=True, n=10) == pytest.approx(0.2388888889)
    # top 5: 50 + 20 + 10 + 10 + 5 = 95 of 100
    assert top_share(v) == pytest.approx(0.95)
    assert math.isnan(hhi([7.0], normalized=True))


def test_concentration_table_hand_worked():
    c = concentration(HAND, by="product").set_index("year")
    # 2000 products A 15, B 4, C 3 (of 22): H = (225 + 16 + 9) / 484 = 250/484
    assert c.loc[2000, "hhi"] == pytest.approx(250 / 484)
    assert c.loc[2000, "n"] == 3 and c.loc[2000, "top_share"] == pytest.approx(1.0)
    # N = 3: (250/484 - 1/3) / (2/3)
    assert c.loc[2000, "hhi_normalized"] == pytest.approx((250 / 484 - 1 / 3) / (2 / 3))
    m = concentration(HAND, by="market", top=1).set_index("year")
    # 2010 markets CHN 14, DEU 2, RUS 7, USA 1 (of 24): top-1 share 14/24; H = (196+4+49+1)/576
    assert m.loc[2010, "top_share"] == pytest.approx(14 / 24)
    assert m.loc[2010, "hhi"] == pytest.approx(250 / 576)
    with pytest.raises(ValidationError, match="smaller than the number"):
        concentration(HAND, by="market", n=2)


def test_cagr_reproduces_seed_table1():
    # Seed Table 1 (Kazakhstan exports by sector, US$ million; growth = CAGR in percent)
    t = pd.DataFrame({"group": ["Oil and gas"] * 3 + ["Total"] * 3, "year": [2000, 2012, 2018] * 2,
                      "value": [4350, 64486, 42738, 4729, 92279, 60944]})
    g = cagr(t, periods=[(2000, 2012), (2012, 2018)], by=["group"]).set_index(["group", "start"])["cagr"]
    assert g[("Oil and gas", 2000)] == pytest.approx(25.2, abs=0.05)
    assert g[("Oil and gas", 2012)] == pytest.approx(-6.6, abs=0.05)
    assert g[("Total", 2000)] == pytest.approx(28.1, abs=0.05)
    assert g[("Total", 2012)] == pytest.approx(-6.7, abs=0.05)


def test_composition_destination_groups_and_totals():
    groups = load_groups(text='[destinations]\nEEU = ["RUS"]\nChina = ["CHN"]\n')
    lv, gr = composition(HAND, by="destination", groups=groups, periods=[(2000, 2010)])
    v = lv.set_index(["group", "year"])["value"]
    assert v[("EEU", 2000)] == 9 and v[("China", 2010)] == 14 and v[("ROW", 2000)] == 3 and v[("ROW", 2010)] == 3
    assert lv[lv.group != "Total"].groupby("year").share.sum().tolist() == pytest.approx([100, 100])
    assert list(dict.fromkeys(lv.group)) == ["EEU", "China", "ROW", "Total"]
    # CAGR EEU: 9 -> 7 over 10 years
    assert gr.set_index("group").loc["EEU", "cagr"] == pytest.approx(((7 / 9) ** 0.1 - 1) * 100)


def test_composition_sector_longest_prefix():
    df = pd.DataFrame({"year": [2000] * 3, "exporter": ["KAZ"] * 3, "importer": ["CHN"] * 3,
                       "product": ["270900", "271121", "740311"], "value": [6.0, 3.0, 1.0]})
    g = Groups(sectors=(("Fuels", ("27",)), ("Gas", ("2711",)), ("Copper", ("74",))))
    lv, _ = composition(df, groups=g)
    assert lv.set_index("group")["value"].to_dict() == {"Fuels": 6.0, "Gas": 3.0, "Copper": 1.0, "Total": 10.0}


def test_groups_file_errors(tmp_path):
    with pytest.raises(ValidationError, match="both destination groups"):
        load_groups(text='[destinations]\nA = ["RUS"]\nB = ["RUS"]\n')
    with pytest.raises(ValidationError, match="not an HS code prefix"):
        load_groups(text='[sectors]\nA = ["27x"]\n')
    with pytest.raises(ValidationError, match="not valid TOML"):
        load_groups(text="[sectors\n")
    with pytest.raises(ValidationError, match="unknown country code"):
        load_groups(text='[destinations]\nA = ["XXQ"]\n')


def test_totals_growth_counts_hand():
    tt = trade_totals(HAND).set_index(["country", "year"])
    assert tt.loc[("KAZ", 2010), "exports"] == 24 and tt.loc[("RUS", 2000), "imports"] == 9
    assert math.isnan(tt.loc[("KAZ", 2000), "imports"])
    g = growth_rates(pd.concat([HAND, HAND[HAND.year == 2010].assign(year=2011, value=lambda d: d.value * 1.5)]), country="KAZ")
    assert g.set_index("year").loc[2011, "exports_yoy"] == pytest.approx(50.0)
    assert math.isnan(g.set_index("year").loc[2010, "exports_yoy"])  # 2009 absent
    c = product_market_counts(HAND).set_index("year")
    assert c.loc[2000, "n_products"] == 3 and c.loc[2010, "n_products"] == 4 and c.loc[2010, "n_markets"] == 4
    c1 = product_market_counts(HAND, min_value=2.0).set_index("year")
    assert c1.loc[2010, "n_products"] == 2  # A 16 and D 6 exceed 2; B 1, E 1 do not


def test_rca_hand_worked():
    # two countries, two products, one year
    #   KAZ: oil 90, wheat 10 (X=100); RUS: oil 100, wheat 300 (X=400); world oil 190, wheat 310, total 500
    df = pd.DataFrame({"year": [2000] * 4, "exporter": ["KAZ", "KAZ", "RUS", "RUS"], "product": ["oil", "wheat", "oil", "wheat"],
                       "value": [90.0, 10.0, 100.0, 300.0]})
    r = rca(df).set_index(["exporter", "product"])
    assert r.loc[("KAZ", "oil"), "rca"] == pytest.approx((90 / 100) / (190 / 500))  # 2.368
    assert r.loc[("KAZ", "wheat"), "rca"] == pytest.approx((10 / 100) / (310 / 500))  # 0.161
    assert r.loc[("KAZ", "oil"), "mcp"] == 1 and r.loc[("KAZ", "wheat"), "mcp"] == 0
    # given world totals: oil 1000, wheat 1000
    w = pd.DataFrame({"year": [2000, 2000], "product": ["oil", "wheat"], "value": [1000.0, 1000.0]})
    rw = rca(df, world=w, country="KAZ").set_index("product")
    assert rw.loc["oil", "rca"] == pytest.approx(0.9 / 0.5) and set(rca(df, world=w, country="KAZ").exporter) == {"KAZ"}
    # threshold convention: RCA exactly 1
    one = pd.DataFrame({"year": [2000] * 2, "exporter": ["A", "B"], "product": ["p", "p"], "value": [1.0, 1.0]})
    assert rca(one).mcp.tolist() == [1, 1] and rca(one, inclusive=False).mcp.tolist() == [0, 0]


def test_prody_expy_hand_worked():
    # KAZ (Y=10,000): oil 90, wheat 10; DEU (Y=50,000): oil 10, cars 90
    df = pd.DataFrame({"year": [2000] * 4, "exporter": ["KAZ", "KAZ", "DEU", "DEU"], "product": ["oil", "wheat", "oil", "cars"],
                       "value": [90.0, 10.0, 10.0, 90.0]})
    g = pd.DataFrame({"year": [2000, 2000], "country": ["KAZ", "DEU"], "gdppc": [10_000.0, 50_000.0]})
    p = prody(df, g).set_index("product")["prody"]
    # oil: shares .9 (KAZ) and .1 (DEU): (.9*10000 + .1*50000) / (.9 + .1) = 14,000
    assert p["oil"] == pytest.approx(14_000)
    assert p["wheat"] == pytest.approx(10_000) and p["cars"] == pytest.approx(50_000)
    e = expy(df, g).set_index("exporter")["expy"]
    # KAZ: .9 * 14000 + .1 * 10000 = 13,600; DEU: .1 * 14000 + .9 * 50000 = 46,400
    assert e["KAZ"] == pytest.approx(13_600) and e["DEU"] == pytest.approx(46_400)


# ---------------------------------------------------------------- property tests (seeded)
_flows = st.lists(
    st.tuples(st.sampled_from([2000, 2005]), st.sampled_from(["KAZ", "RUS", "CHN"]), st.sampled_from(["DEU", "USA", "IND", "TUR"]),
              st.sampled_from(["p1", "p2", "p3", "p4", "p5", "p6"]), st.floats(0.01, 1e6)),
    min_size=1, max_size=40,
).map(lambda rows: pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"])
      .groupby(["year", "exporter", "importer", "product"], as_index=False).value.sum())


@settings(max_examples=20)
@given(_flows)
def test_property_hhi_bounds(df):
    c = concentration(df, by="product")
    assert ((c.hhi >= 1 / c.n - 1e-12) & (c.hhi <= 1 + 1e-12)).all()
    assert ((c.hhi_normalized.dropna() >= -1e-12) & (c.hhi_normalized.dropna() <= 1 + 1e-12)).all()
    assert ((c.top_share > 0) & (c.top_share <= 1 + 1e-12)).all()


@settings(max_examples=20)
@given(_flows)
def test_property_margins_add_up(df):
    m = export_margins(df, base=2000, end=2005)
    from valuechain.trade.margins import check_margins

    assert check_margins(m) < 1e-6
    parts = m[m.component != "total"].groupby("exporter").value.sum()
    total = m[m.component == "total"].set_index("exporter").value
    np.testing.assert_allclose(parts.values, total.loc[parts.index].values, rtol=1e-9, atol=1e-6)
    x = df.groupby(["exporter", "year"]).value.sum().unstack(fill_value=0.0).reindex(columns=[2000, 2005], fill_value=0.0)
    np.testing.assert_allclose(total.values, (x[2005] - x[2000]).loc[total.index].values, rtol=1e-9, atol=1e-6)


@settings(max_examples=20)
@given(_flows)
def test_property_rca_weighted_mean_is_one(df):
    r = rca(df)
    w = df.groupby(["year", "product"]).value.sum()
    wshare = w / w.groupby(level="year").transform("sum")
    r = r.join(wshare.rename("ws"), on=["year", "product"])
    mean = (r.ws * r.rca).groupby([r.year, r.exporter]).sum()
    np.testing.assert_allclose(mean.values, 1.0, rtol=1e-9)


def test_openness_hand_worked():
    from valuechain.trade.outcomes import openness

    # RUS 2000: exports (to KAZ) 0, imports from KAZ 5 + 4 = 9; KAZ 2000: X = 22, M = 0
    gdp = pd.DataFrame({"year": [2000, 2000], "country": ["KAZ", "RUS"], "gdp": [220_000.0, 900.0]})
    o = openness(HAND, gdp, gdp_scale=1e-3).set_index("country")  # GDP in USD, flows in thousand USD
    assert o.loc["KAZ", "openness"] == pytest.approx(100 * 22 / 220)  # 10 %
    assert o.loc["RUS", "openness"] == pytest.approx(100 * 9 / 0.9)  # 1000 %
    with pytest.raises(ValidationError, match="lacks column"):
        openness(HAND, gdp.drop(columns="gdp"))


def test_composition_by_partner_country():
    lv, _ = composition(HAND, by="country", total=False)
    v = lv.set_index(["group", "year"])["value"]
    assert v[("RUS", 2000)] == 9 and v[("USA", 2010)] == 1
    assert lv.groupby("year").share.sum().tolist() == pytest.approx([100, 100])
