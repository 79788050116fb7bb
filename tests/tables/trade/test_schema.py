"""The flows schema: year ranges and validation messages."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.tables.trade.schema import SCHEMA_COLUMNS, parse_years, validate_flows


def test_parse_years():
    assert parse_years("2000-2018") == (2000, 2018)
    assert parse_years(2005) == (2005, 2005)
    assert parse_years(None) is None
    with pytest.raises(ValidationError, match="ends before it starts"):
        parse_years("2018-2000")


def test_validate_flows_rejects_bad_values():
    df = pd.DataFrame({"year": [2000], "exporter": ["KAZ"], "importer": ["CHN"], "product": ["270900"],
                       "value": [float("inf")], "quantity": [1.0]})
    with pytest.raises(ValidationError, match="infinite or missing"):
        validate_flows(df)
    assert set(SCHEMA_COLUMNS) >= {"year", "exporter", "importer", "product", "value"}
