"""The query engine: a frame registered on DuckDB comes back unchanged."""

from __future__ import annotations

import pandas as pd

from valuechain.tables.trade.engine import ENGINES, backend_of, connect, register_frame, to_pandas


def test_round_trip_on_duckdb():
    con = connect("duckdb")
    df = pd.DataFrame({"year": [2001, 2000], "product": ["02", "01"], "value": [2.5, 1.0]})
    t = register_frame(df, con=con)
    assert backend_of(t) is not None
    back = to_pandas(t, sort=["year"])
    assert back["year"].tolist() == [2000, 2001] and back["value"].tolist() == [1.0, 2.5]
    assert "duckdb" in ENGINES
