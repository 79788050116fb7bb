"""The exact repeated-key test folded into one aggregation (tables/trade/keys.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.tables.trade.engine import connect, register_frame, to_pandas


@pytest.fixture(scope="module")
def con():
    return connect("duckdb")


def test_key_codes_are_country_converters_codes():
    import country_converter as coco

    from valuechain.tables.trade.keys import KEY_CODES
    from valuechain.tables.trade.schema import EXTRA_CODES, known_iso3

    iso3 = set(coco.CountryConverter().data["ISO3"].dropna().astype(str))
    assert len(set(KEY_CODES)) == len(KEY_CODES) and set(KEY_CODES) == iso3 | EXTRA_CODES
    assert known_iso3() == frozenset(iso3 | EXTRA_CODES)


def test_key_bits_exact_for_listed_codes_and_false_alarm_only_for_others(con):
    from valuechain.tables.trade.keys import duplicate_excess, key_bits

    # group 1: CHN twice (a repeat); 2: distinct codes across every chunk; 3: two codes outside the
    # list share a bit (an alarm, never a miss); 4: a repeat of a code outside the list; 5: one null
    imp = ["CHN", "RUS", "CHN", "ABW", "ZWE", "KAZ", "USA", "XAA", "XAB", "XAA", "XAA", None]
    grp = [1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 5]
    t = register_frame(pd.DataFrame({"g": grp, "importer": imp}), con=con)
    tj, aggs, k = key_bits(t, "importer")
    assert k == 5  # 258 codes + the shared bit: 5 chunks of 62
    g = tj.group_by("g").aggregate(**aggs)
    rep = to_pandas(g.select("g", rep=duplicate_excess(g, k) > 0)).set_index("g")["rep"].to_dict()
    assert rep == {1: True, 2: False, 3: True, 4: True, 5: False}
    # the data's own codes: exact for every code
    tj, aggs, k = key_bits(t, "importer", codes=["CHN", "RUS", "ABW", "ZWE", "KAZ", "USA", "XAA", "XAB"])
    g = tj.group_by("g").aggregate(**aggs)
    rep = to_pandas(g.select("g", rep=duplicate_excess(g, k) > 0)).set_index("g")["rep"].to_dict()
    assert rep == {1: True, 2: False, 3: False, 4: True, 5: False}


def test_key_bits_many_repeats_carry_past_the_chunk(con):
    from valuechain.tables.trade.keys import duplicate_excess, key_bits

    # 70 rows of the code with the top bit of chunk 0 (bit 61): the sum passes 2**62; counted as a repeat
    codes = [f"C{i:02d}" for i in range(62)]
    t = register_frame(pd.DataFrame({"g": [1] * 70, "importer": ["C61"] * 70}), con=con)
    tj, aggs, k = key_bits(t, "importer", codes=codes)
    g = tj.group_by("g").aggregate(**aggs)
    assert int(to_pandas(g.select(rep=duplicate_excess(g, k)))["rep"].iloc[0]) > 0


def test_key_bits_with_no_listed_code(con):
    """An empty code list (flows without importers) once gave a float code column the join refused."""
    from valuechain.tables.trade.keys import duplicate_excess, key_bits

    t = register_frame(pd.DataFrame({"g": [1, 1, 2], "importer": pd.Series([None, None, None], dtype="string")}), con=con)
    tj, aggs, k = key_bits(t, "importer", codes=[])
    g = tj.group_by("g").aggregate(**aggs)
    out = to_pandas(g.select("g", e=duplicate_excess(g, k)))
    assert dict(zip(out["g"], out["e"])) == {1: 1, 2: 0}  # two rows without an importer share one key
