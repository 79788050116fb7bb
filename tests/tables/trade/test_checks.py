"""valuechain.tables.trade.checks: the row rules, folded counts, world totals, product padding."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.tables.trade.checks import (
    check_rows,
    check_world_totals,
    check_world_years,
    problem_count,
    product_padding,
)
from valuechain.trade.engine import connect, register_frame, to_pandas

GOOD = pd.DataFrame({"year": [2000, 2000, 2001], "exporter": ["KAZ", "RUS", "KAZ"], "importer": ["CHN", "CHN", None],
                     "product": ["010110", "010110", "270900"], "value": [1.0, 2.0, 3.0]})


@pytest.fixture(scope="module")
def con():
    return connect("duckdb")


@pytest.mark.parametrize("col,val,words", [
    ("value", math.inf, "infinite"), ("value", math.nan, "no value"), ("value", -1.0, "negative"),
    ("year", -2000, "outside 1900-2100"), ("year", 99999999999, "99999999999"), ("exporter", "", "blank exporter"),
    ("exporter", "  ", "blank exporter"), ("product", "", "blank product"),
])
def test_each_rule_names_the_row(con, col, val, words):
    df = GOOD.copy().astype({col: object})
    df.loc[1, col] = val
    t = register_frame(df, con=con)
    assert int(to_pandas(t.aggregate(n=problem_count(t)))["n"].iloc[0]) == 1  # the one-scan count sees it
    with pytest.raises(ValidationError, match=words) as ei:
        check_rows(t)
    assert "e.g. the row" in str(ei.value)


def test_clean_rows_pass_and_count_zero(con):
    t = register_frame(GOOD, con=con)
    assert int(to_pandas(t.aggregate(n=problem_count(t)))["n"].iloc[0]) == 0
    assert check_rows(t, keys=["year", "exporter", "importer", "product"]) is t


def test_world_totals_rules(con):
    w = pd.DataFrame({"year": [2000, 2000, 2001], "product": ["010110", "270900", "010110"], "value": [3.0, 4.0, 5.0]})
    check_world_totals(register_frame(w, con=con))
    with pytest.raises(ValidationError, match="rows for the key"):
        check_world_totals(register_frame(pd.concat([w, w.iloc[[0]]]), con=con))
    with pytest.raises(ValidationError, match="2002"):
        check_world_years(register_frame(w, con=con), [2000, 2001, 2002])


def test_product_padding_rules():
    # HS6 codes of chapters 01-09 written as numbers lose one zero; padded, counted
    assert product_padding({(6, True): 90, (5, True): 10}) == (6, 10)
    assert product_padding({(5, True): 10}) == (6, 10)  # every code lost its zero
    assert product_padding({(4, True): 10, (6, True): 5}) == (None, 0)  # HS4 codes beside HS6: left as they are
    assert product_padding({(3, True): 10, (4, True): 5}) == (4, 10)  # HS4 headings 01xx-09xx
    assert product_padding({(6, False): 3}) == (None, 0)  # text codes never padded
    with pytest.raises(ValidationError, match="cannot be known"):
        product_padding({(7, True): 1, (8, True): 1})
    with pytest.raises(ValidationError, match="more than the 6"):
        product_padding({(8, True): 1}, width=6)
