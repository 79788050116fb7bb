"""Shared fixtures. ``shared_data`` is the real public data folder (../shared/data).

Tests that need it skip with a clear reason when it is absent on a developer machine,
and fail in CI (where the folder is always provided).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from valuechain._data import shared_data_dir
from valuechain.datasets.synthetic_trade import synthetic_panel

settings.register_profile(
    "valuechain",
    derandomize=True,  # seeded: the same examples every run
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("valuechain")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    d = shared_data_dir()
    if d is None:
        if os.environ.get("CI"):
            pytest.fail("../shared/data (real public data) is missing; CI must provide it")
        pytest.skip("../shared/data is absent: the real public data folder is not beside this checkout")
    return d


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory):
    """The panel cache (valuechain.tables.trade.panel_cache) of the test run goes to a temporary folder,
    never to the user's ~/.cache."""
    old = os.environ.get("VALUECHAIN_CACHE_DIR")
    os.environ["VALUECHAIN_CACHE_DIR"] = str(tmp_path_factory.mktemp("valuechain-cache"))
    yield
    if old is None:
        os.environ.pop("VALUECHAIN_CACHE_DIR", None)
    else:
        os.environ["VALUECHAIN_CACHE_DIR"] = old


# fixtures of the trade, complexity and survival tests (formerly tests/trade/conftest.py): one Spark
# session for the whole run, small synthetic panels
@pytest.fixture(scope="session")
def spark_con():
    """The cached local Spark backend (created once per test session)."""
    pytest.importorskip("pyspark")
    from valuechain.tables.trade.engine import connect

    return connect("spark")


@pytest.fixture(scope="session")
def duck_con():
    from valuechain.tables.trade.engine import connect

    return connect("duckdb")


@pytest.fixture(scope="session")
def small_panel():
    """A SYNTHETIC 12-exporter × 40-product × 10-year bilateral panel (seed 0)."""
    return synthetic_panel(n_exporters=12, n_products=40, years=(2000, 2009), seed=0)
