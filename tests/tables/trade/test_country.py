"""One country's slice of a panel (trade/country.py): hand-worked tables, and every indicator
of the diagnostic equal on the slice and on the whole panel (DuckDB; Spark under -m spark)."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.trade.concentration import concentration
from valuechain.tables.trade.country import country_view
from valuechain.trade.diagnostic import trade_diagnostic
from valuechain.tables.trade.engine import connect, to_pandas
from valuechain.tables.trade.flows import flows_table
from valuechain.trade.lall import lall_shares
from valuechain.trade.margins import export_margins
from valuechain.trade.outcomes import composition, growth_rates, product_market_counts
from valuechain.trade.rca import rca
from valuechain.datasets.synthetic_trade import synthetic_panel

# A exports to B and to itself (self-trade), B and C export to A, one row has no exporter
HAND = pd.DataFrame({
    "year": [2000, 2000, 2000, 2000, 2001, 2001, 2001],
    "exporter": ["A", "A", "B", "C", "A", "B", None],
    "importer": ["B", "A", "A", "A", "C", "A", "A"],
    "product": ["01", "02", "01", "02", "02", "01", "01"],
    "value": [1.0, 4.0, 2.0, 8.0, 3.0, 16.0, 32.0],
    "quantity": [None] * 7,
})


def _frame(t, keys):
    return to_pandas(t, sort=keys)


def test_hand_worked_slice():
    v = country_view(HAND, country="A", con=connect("duckdb"))
    w = _frame(v.world, ["year", "product"])
    # world: 2000/01 = 1+2, 2000/02 = 4+8, 2001/01 = 16+32, 2001/02 = 3
    assert w[["year", "product"]].values.tolist() == [[2000, "01"], [2000, "02"], [2001, "01"], [2001, "02"]]
    assert w["value"].tolist() == [3.0, 12.0, 48.0, 3.0]
    f = _frame(v.flows, ["year", "product", "value"])
    own = f[f.exporter == "A"]
    assert own["value"].tolist() == [1.0, 4.0, 3.0]  # the own rows, self-trade included
    imp = f[f.exporter.isna()]
    # imports from the others only (self-trade counted once, among the own rows): 2000/01 = 2,
    # 2000/02 = 8, 2001/01 = 16 + 32 (the row without exporter is an import too)
    assert imp[["year", "product", "value"]].values.tolist() == [[2000, "01", 2.0], [2000, "02", 8.0], [2001, "01", 48.0]]
    assert (imp["importer"] == "A").all()
    assert v.several_exporters() and v.several_exporters((2001, 2001))


def test_one_exporter_is_not_several():
    only = HAND[HAND.exporter == "A"]
    v = country_view(only, country="A", con=connect("duckdb"))
    assert not v.several_exporters()
    zero = HAND.assign(value=HAND.value.where(HAND.exporter == "A", 0.0))  # the others ship nothing
    assert not country_view(zero, country="A", con=connect("duckdb")).several_exporters()


def test_imports_total_equals_mirror_flows():
    v = country_view(HAND, country="A", con=connect("duckdb"))
    g = growth_rates(v.flows, country="A").set_index("year")
    # mirror flows into A: 2000 = 4 (self) + 2 + 8; 2001 = 16 + 32
    assert g.loc[2000, "imports"] == 14.0 and g.loc[2001, "imports"] == 48.0
    assert g.loc[2000, "exports"] == 5.0 and g.loc[2001, "exports"] == 3.0


@pytest.fixture(scope="module")
def panel():
    return synthetic_panel(n_exporters=10, n_products=30, years=(2000, 2007), seed=4)


def _indicators(flows, country, world=None):
    lall_cls = pd.DataFrame({"product": ["010110", "270900"], "lall_code": ["LDC01", "LDC01"]})
    lv, gr = composition(flows, by="destination", country=country, periods=[(2000, 2007)])
    sv, sg = composition(flows, by="sector", country=country, periods=[(2000, 2007)])
    return {
        "growth": growth_rates(flows, country=country),
        "destination": lv, "destination_growth": gr, "sector": sv, "sector_growth": sg,
        "counts": product_market_counts(flows, country=country),
        "hhi_product": concentration(flows, by="product", country=country),
        "hhi_market": concentration(flows, by="market", country=country),
        "margins": export_margins(flows, base=(2000, 2001), end=(2006, 2007), country=country),
        "rca": rca(flows, world=world, country=country, years="2001-2006"),
        "lall": lall_shares(flows, lall_cls, country=country),
    }


def _same_on_slice(panel, con):
    t = flows_table(panel, con=con)
    country = sorted(panel.exporter.unique())[3]
    whole = _indicators(t, country)
    v = country_view(t, country=country, con=con)
    part = _indicators(v.flows, country, world=v.world)
    for name in whole:
        assert len(whole[name]) > 0, name
        pd.testing.assert_frame_equal(whole[name], part[name], check_exact=False, rtol=1e-12, obj=name)


def test_every_indicator_equal_on_the_slice(panel):
    _same_on_slice(panel, connect("duckdb"))


def test_diagnostic_equals_the_indicators_on_the_panel(panel):
    country = sorted(panel.exporter.unique())[3]
    d = trade_diagnostic(panel, country=country, con=connect("duckdb"))
    pd.testing.assert_frame_equal(d.tables["totals"], growth_rates(panel, country=country), check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(d.tables["rca"], rca(panel, country=country), check_exact=False, rtol=1e-12)


@pytest.mark.spark
def test_every_indicator_equal_on_the_slice_spark(panel, spark_con):
    _same_on_slice(panel, spark_con)



def test_folded_key_check_refuses_repeats_and_passes_codes_outside_the_list():
    """The panel aggregation tests (year, exporter, importer, product) keys by importer bits; two
    importer codes outside keys.KEY_CODES in one group raise an alarm that the exact check clears,
    and a repeated key of another exporter is refused naming the key."""
    import pandas as pd
    import pytest

    from valuechain.errors import ValidationError
    from valuechain.tables.trade.country import country_view

    rows = [(2000, "KAZ", "CHN", "010110", 5.0), (2000, "RUS", "XAA", "010110", 1.0), (2000, "RUS", "XAB", "010110", 2.0),
            (2000, "RUS", "KAZ", "010110", 3.0), (2001, "KAZ", "CHN", "010110", 6.0), (2001, "RUS", "CHN", "010110", 4.0)]
    df = pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"]).assign(quantity=float("nan"))
    v = country_view(df, country="KAZ")
    w = v.world.to_pandas().sort_values("year")["value"].tolist()
    assert w == [11.0, 10.0]
    dup = pd.concat([df, df.iloc[[5]].assign(value=9.0)], ignore_index=True)
    with pytest.raises(ValidationError, match="RUS"):
        country_view(dup, country="KAZ")
