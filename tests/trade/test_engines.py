"""DuckDB and Spark give the same results (the indicators are written once in Ibis)."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.trade.concentration import concentration
from valuechain.tables.trade.engine import connect
from valuechain.tables.trade.flows import flows_table
from valuechain.trade.groups import DEFAULT_GROUPS
from valuechain.trade.lall import lall_shares
from valuechain.trade.margins import export_margins
from valuechain.trade.outcomes import composition, growth_rates
from valuechain.trade.rca import rca
from valuechain.trade.sophistication import expy
from valuechain.datasets.synthetic_trade import synthetic_gdp_per_capita, synthetic_panel

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def sample():
    return synthetic_panel(n_exporters=8, n_products=25, years=(2000, 2006), seed=11)


def _all(t, gdp):
    lall_cls = pd.DataFrame({"product": ["010110", "270900"], "lall_code": ["LDC01", "LDC01"]})
    lv, gr = composition(t, by="destination", groups=DEFAULT_GROUPS, periods=[(2000, 2006)])
    return {
        "growth": growth_rates(t),
        "composition": lv,
        "composition_growth": gr,
        "hhi_market": concentration(t, by="market", n=50),
        "margins": export_margins(t, base=(2000, 2001), end=(2005, 2006)),
        "rca": rca(t, years="2003-2006"),
        "lall": lall_shares(t, lall_cls),
        "expy": expy(t, gdp),
    }


def test_duckdb_and_spark_equal(sample, spark_con):
    gdp = synthetic_gdp_per_capita(sorted(sample.exporter.unique()), (2000, 2006))
    duck = _all(flows_table(sample, con=connect("duckdb")), gdp)
    spark = _all(flows_table(sample, con=spark_con), gdp)
    for name in duck:
        pd.testing.assert_frame_equal(duck[name], spark[name], check_exact=False, rtol=1e-9, obj=name)
        assert len(duck[name]) > 0, name


def test_spark_reads_parquet_folder(tmp_path, spark_con):
    from valuechain.tables.trade.readers import read_flows

    synthetic_panel(n_exporters=5, n_products=10, years=(2000, 2003), seed=2, path=tmp_path / "p", rows_per_file=100)
    a = read_flows(tmp_path / "p", con=spark_con)
    b = read_flows(tmp_path / "p")
    assert a.synthetic and b.synthetic
    pd.testing.assert_frame_equal(a.to_pandas(), b.to_pandas())
