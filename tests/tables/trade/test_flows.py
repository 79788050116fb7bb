"""Flows into one table, and selections by country and year."""

from __future__ import annotations

import pandas as pd

from valuechain.tables.trade.engine import to_pandas
from valuechain.tables.trade.flows import flows_table, select_flows

DF = pd.DataFrame({"year": [2000, 2001, 2001], "exporter": ["KAZ", "KAZ", "UZB"], "importer": ["CHN"] * 3,
                   "product": ["270900"] * 3, "value": [1.0, 2.0, 3.0], "quantity": [1.0] * 3})


def test_select_by_country_and_years():
    t = flows_table(DF)
    got = to_pandas(select_flows(t, country="KAZ", years=(2001, 2001)))
    assert got[["year", "exporter", "value"]].values.tolist() == [[2001, "KAZ", 2.0]]
    assert len(to_pandas(select_flows(t))) == 3
