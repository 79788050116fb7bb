"""The trade benchmark's reference query (bench/bench_trade.py, written in SQL independently of
the package) computes the figures the diagnostic computes; no timing is tested."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import duckdb
import pytest

from valuechain.trade.diagnostic import trade_diagnostic
from valuechain.tables.trade.engine import connect
from valuechain.datasets.synthetic_trade import synthetic_panel

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _bench_trade():
    sys.path.insert(0, str(BENCH))  # bench_trade imports bench/run.py as ``run``
    try:
        spec = importlib.util.spec_from_file_location("bench_trade_under_test", BENCH / "bench_trade.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(BENCH))
    return mod


def test_the_reference_query_gives_the_diagnostics_figures(tmp_path):
    bench = _bench_trade()
    synthetic_panel(n_exporters=9, n_products=40, years=(2001, 2006), seed=11, path=tmp_path / "p", rows_per_file=700)
    sql = bench.REFERENCE_SQL.format(src=f"read_parquet('{tmp_path / 'p'}/*.parquet')", country="KAZ")
    ref = duckdb.connect().execute(sql).df().set_index("year")
    d = trade_diagnostic(str(tmp_path / "p"), country="KAZ", con=connect("duckdb"))
    counts = d.tables["counts"].set_index("year")
    conc = d.tables["concentration"].query("dimension == 'product'").set_index("year")
    n_rca = d.tables["rca"].groupby("year")["mcp"].sum()
    assert len(ref) == 6 and ref["n_rca"].sum() > 0
    assert (ref["n_products"] == counts["n_products"]).all() and (ref["n_markets"] == counts["n_markets"]).all()
    assert (ref["n_rca"] == n_rca).all()
    assert ref["hhi"].to_numpy() == pytest.approx(conc["hhi"].to_numpy(), rel=1e-12)
    assert ref["tot"].to_numpy() == pytest.approx(d.tables["totals"].set_index("year")["exports"].to_numpy(), rel=1e-12)
    # the former reference counts every product KAZ exports, not those with RCA >= 1
    former = duckdb.connect().execute(bench.FORMER_SQL.format(src=f"read_parquet('{tmp_path / 'p'}/*.parquet')",
                                                              country="KAZ")).df().set_index("year")
    assert (former["n_rca"] == counts["n_products"]).all() and (former["n_rca"] > ref["n_rca"]).any()


def test_the_key_test_reference_gives_the_same_figures_and_finds_a_repeat(tmp_path):
    """KEYTEST_SQL (the reference plus the exact repeated-key test, for information) counts as the
    reference does, and its repeat count is the number of rows a repeated key adds."""
    bench = _bench_trade()
    synthetic_panel(n_exporters=9, n_products=40, years=(2001, 2006), seed=12, path=tmp_path / "p", rows_per_file=700)
    src = f"read_parquet('{tmp_path / 'p'}/*.parquet')"
    ref = duckdb.connect().execute(bench.REFERENCE_SQL.format(src=src, country="KAZ")).df()
    code = bench._query_child(bench.KEYTEST_SQL, tmp_path / "p", "KAZ")
    sql = code.split("con.execute(", 2)[2].rsplit(").fetchall()", 1)[0]
    kt = duckdb.connect().execute(eval(sql)).df()  # the literal the child runs
    assert kt[ref.columns].to_numpy(dtype=float) == pytest.approx(ref.to_numpy(dtype=float), rel=1e-12) and kt.iloc[0, -1] == 0
    rows = duckdb.connect().execute(f"select * from {src}").df()
    rows.iloc[[5, 9]].to_parquet(tmp_path / "p" / "zz-repeat.parquet", index=False)  # two rows again: two repeats
    kt2 = duckdb.connect().execute(eval(sql)).df()
    assert kt2.iloc[0, -1] == 2
