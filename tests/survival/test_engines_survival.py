"""Spells, spell counts and ECI give the same results on DuckDB and Spark (written once in Ibis)."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.complexity.complexity import economic_complexity
from valuechain.tables.trade.engine import connect, to_pandas
from valuechain.tables.trade.flows import flows_table
from valuechain.survival.survival import spell_counts, spells
from valuechain.datasets.synthetic_trade import synthetic_panel

pytestmark = pytest.mark.spark


def test_duckdb_and_spark_equal():
    pytest.importorskip("pyspark")
    df = synthetic_panel(n_exporters=4, n_products=15, years=(2000, 2008), seed=5)
    out = {}
    for eng in ("duckdb", "spark"):
        t = flows_table(df, con=connect(eng))
        out[eng] = (
            to_pandas(spells(t, max_gap=1, left_censoring="keep"), sort=["exporter", "product", "importer", "start"]),
            spell_counts(spells(t), by="sector"),
            economic_complexity(t).countries,
        )
    for a, b in zip(out["duckdb"], out["spark"]):
        assert len(a) > 0
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)
