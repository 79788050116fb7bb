"""Fixtures of the trade tests: one Spark session for the whole run, small synthetic panels."""

from __future__ import annotations

import pytest

from valuechain.trade.synthetic import synthetic_panel


@pytest.fixture(scope="session")
def spark_con():
    """The cached local Spark backend (created once per test session)."""
    pytest.importorskip("pyspark")
    from valuechain.trade.engine import connect

    return connect("spark")


@pytest.fixture(scope="session")
def duck_con():
    from valuechain.trade.engine import connect

    return connect("duckdb")


@pytest.fixture(scope="session")
def small_panel():
    """A SYNTHETIC 12-exporter × 40-product × 10-year bilateral panel (seed 0)."""
    return synthetic_panel(n_exporters=12, n_products=40, years=(2000, 2009), seed=0)
