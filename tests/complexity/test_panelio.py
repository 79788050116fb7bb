"""DuckDB's side of the all-years panel (issue 23): the one aggregation's checks give the verdicts
of the Ibis form (tables/trade/keys.py's chunked bit sums and checks.any_problem) on hostile rows,
and the chunked CSV writer gives the bytes of ``write_csv``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from valuechain._files import write_csv
from valuechain.complexity import panelio
from valuechain.complexity.panel import aggregate_panel
from valuechain.complexity.panelio import duckdb_aggregate, prefetch, write_batches, write_csv_engine
from valuechain.errors import ValidationError
from valuechain.tables.trade.engine import backend_of, register_frame


def test_prefetch_keeps_order_and_raises_the_workers_error():
    assert list(prefetch(iter(range(50)))) == list(range(50))

    def bad():
        yield 1
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        list(prefetch(bad()))
