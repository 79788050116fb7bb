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
from valuechain.complexity.panelio import duckdb_aggregate, ordered_map, prefetch, write_batches, write_csv_engine
from valuechain.errors import ValidationError
from valuechain.tables.trade.engine import backend_of, register_frame


def test_prefetch_keeps_order_and_raises_the_workers_error():
    assert list(prefetch(iter(range(50)))) == list(range(50))

    def bad():
        yield 1
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        list(prefetch(bad()))


# --------------------------------------------------------------------------- the checks
def _expected_bad(df: pd.DataFrame) -> bool:
    """What issue 24 refuses, by hand in pandas: a missing, negative, infinite or NaN value; a missing
    or implausible year (1900-2100); a missing or blank (below "!") exporter or product; a repeated
    (year, exporter, importer, product) key (missing importers equal to each other)."""
    v = df["value"]
    bad_value = v.isna() | (v < 0) | np.isinf(v)
    bad_year = df["year"].isna() | (df["year"] < 1900) | (df["year"] > 2100)
    bad_code = pd.Series(False, index=df.index)
    for c in ("exporter", "product"):
        bad_code |= df[c].isna() | df[c].map(lambda s: isinstance(s, str) and s < "!")
    keys = df[["year", "exporter", "importer", "product"]].astype(object).where(df[["year", "exporter", "importer", "product"]].notna(), "<NA>")
    return bool(bad_value.any() or bad_year.any() or bad_code.any() or keys.duplicated().any())


def _ibis_verdict(t) -> bool:
    """The verdict of the Ibis form (tables/trade/keys.py's chunked bit sums, checks.any_problem),
    built here from those public functions, on the importer codes of the rows."""
    import ibis

    from valuechain.tables.trade.checks import any_problem
    from valuechain.tables.trade.engine import to_pandas
    from valuechain.tables.trade.keys import duplicate_excess, key_bits

    codes = sorted(str(c) for c in to_pandas(t.select("importer").distinct())["importer"].dropna())
    tj, aggs, k = key_bits(t, "importer", codes=codes)
    aggs["bad"] = ibis.ifelse(any_problem(tj), 1, 0).sum()
    g = tj.group_by(["year", "exporter", "product"]).aggregate(**aggs)
    p = to_pandas(g.select(g.year, e=duplicate_excess(g, k) + g.bad))
    return bool((p["e"] > 0).any() or p["year"].isna().any())


def _duck_verdict(t) -> bool:
    reader, _ = duckdb_aggregate(backend_of(t), t)
    tab = reader.read_all()
    return bool(pa.compute.sum(tab.column("problems")).as_py() or tab.column("year").null_count)


_hostile_rows = st.lists(st.tuples(
    st.sampled_from([2000, 2001, 1850, None]),
    st.sampled_from(["KAZ", "RUS", " ", "", None]),
    st.sampled_from(["KAZ", "RUS", "CHN", "", "XXQ", None]),
    st.sampled_from(["a", "b", "\tc", None]),
    st.sampled_from([1.0, 2.5, 0.0, -1.0, np.inf, -np.inf, np.nan, None])), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_hostile_rows)
def test_duckdb_checks_give_the_verdicts_of_the_ibis_form_and_of_pandas(rows):
    import pyarrow.compute  # noqa: F401 - pa.compute in _duck_verdict

    df = pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"])
    df = df.astype({"year": "Int64", "value": "float64"})
    t = register_frame(df)
    want = _expected_bad(df)
    assert _duck_verdict(t) == want
    assert _ibis_verdict(t) == want


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["KAZ", "RUS"]), st.sampled_from(["AAA", "BBB", "CCC", "DDD", None]),
                          st.sampled_from(["a", "b"])), min_size=1, max_size=10))
def test_many_codes_use_an_exact_distinct_count(rows):
    # past MAX_BITS importer codes the bit test gives way to count(distinct): the same verdicts
    df = pd.DataFrame([(2000, e, i, p, 1.0) for e, i, p in rows], columns=["year", "exporter", "importer", "product", "value"])
    t = register_frame(df)
    want = _expected_bad(df)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(panelio, "MAX_BITS", 1)
        assert _duck_verdict(t) == want
    assert _duck_verdict(t) == want


def test_repeats_in_every_part_of_a_long_code_list():
    from valuechain.tables.trade.schema import known_iso3

    codes = sorted(known_iso3())[:200]
    base = [(2000, "KAZ", c, "010101", 1.0) for c in codes] + [(2000, "RUS", "KAZ", "010101", 2.0)]
    cols = ["year", "exporter", "importer", "product", "value"]
    assert not _duck_verdict(register_frame(pd.DataFrame(base, columns=cols)))
    for dup in (codes[0], codes[63], codes[130], codes[199]):
        assert _duck_verdict(register_frame(pd.DataFrame(base + [(2000, "KAZ", dup, "010101", 5.0)], columns=cols)))
    with pytest.raises(ValidationError, match="occur more than once"):
        aggregate_panel(register_frame(pd.DataFrame(base + [(2000, "KAZ", codes[199], "010101", 5.0)], columns=cols)))


def test_codes_come_back_as_sorted_dictionaries():
    df = pd.DataFrame({"year": 2000, "exporter": ["UZB", "KAZ", "UZB"], "importer": ["KAZ", "UZB", "RUS"],
                       "product": ["b", "a", "a"], "value": [1.0, 2.0, 3.0]})
    reader, codes = duckdb_aggregate(backend_of(register_frame(df)), register_frame(df))
    assert codes == {"importer": ["KAZ", "RUS", "UZB"], "exporter": ["KAZ", "UZB"], "product": ["a", "b"]}
    tab = reader.read_all()
    got = sorted(zip(tab.column("exporter").to_pylist(), tab.column("product").to_pylist(), tab.column("value").to_pylist()))
    assert got == [("KAZ", "a", 2.0), ("UZB", "a", 3.0), ("UZB", "b", 1.0)]
    assert tab.column("exporter").combine_chunks().dictionary.to_pylist() == ["KAZ", "UZB"]


# --------------------------------------------------------------------------- the CSV writer
def _hostile_batches():
    labels = pa.array(["KAZ", 'a,"b"', "</script>\nx", "c\rd", "=HYPERLINK(\"x\")"])
    b = pa.record_batch({
        "year": pa.array([2000, 2001, 2002, 2003, 2004], pa.int64()),
        "country": pa.DictionaryArray.from_arrays(pa.array([0, 1, 2, 3, 4], pa.int32()), labels),
        "text": pa.array(["u", "v,w", None, 'q"', "z"]),
        "mcp": pa.array([1, 0, 1, 0, 1], pa.int64()),
        "ok": pa.array([True, False, False, True, False]),
        "density": pa.array([0.1234567890123, np.nan, -0.0, 1e-12, None], pa.float64()),
        "cog": pa.array([1e17, -3.5, np.inf, 123456.7890123, -np.inf]),
    })
    return [b, b.slice(1, 3), b]


@pytest.mark.parametrize("chunk_rows", [1, 4, 1 << 21])
def test_write_batches_gives_write_csv_bytes(tmp_path, chunk_rows):
    batches = _hostile_batches()
    frame = pa.Table.from_batches(batches).to_pandas()
    frame["country"] = frame["country"].astype(object)
    write_csv(frame, tmp_path / "a.csv", float_format="%.10g")
    write_batches(iter(batches), tmp_path / "b.csv", chunk_rows=chunk_rows)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    write_csv_engine(frame, tmp_path / "c.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "c.csv").read_bytes()
    assert not list(tmp_path.glob("*.body"))


def test_write_batches_with_an_empty_label_takes_the_csv_writer(tmp_path):
    # an empty text cell: the fast lines would leave it bare; the chunk goes through DuckDB's writer
    b = pa.record_batch({"country": pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int32()), pa.array(["", "KAZ"])),
                         "text": pa.array(["", "x"]), "v": pa.array([0.5, 2.0])})
    write_batches([b], tmp_path / "b.csv")
    frame = b.to_pandas()
    frame["country"] = frame["country"].astype(object)
    write_csv_engine(frame, tmp_path / "c.csv")
    assert (tmp_path / "b.csv").read_bytes() == (tmp_path / "c.csv").read_bytes()
    write_batches([], tmp_path / "none.csv")
    assert not (tmp_path / "none.csv").exists()


def test_write_batches_raises_the_error_of_its_writing_thread(tmp_path, monkeypatch):
    """The lines are appended by a worker thread: its error surfaces in ``write_batches``."""
    def fail(out, lines):
        raise OSError("disk full")

    monkeypatch.setattr(panelio, "_write_lines", fail)
    b = pa.record_batch({"a": [1, 2], "x": [0.5, 1.5]})
    with pytest.raises(OSError, match="disk full"):
        write_batches([b, b, b], tmp_path / "t.csv", chunk_rows=2)


def test_ordered_map_keeps_order_and_raises_at_the_items_turn():
    """Items finishing out of order come back in order; an error is raised when its item's turn comes."""
    import time

    def slow_first(x):
        time.sleep(0.05 if x == 0 else 0.0)
        if x == 5:
            raise ValueError("item 5")
        return x * 10

    got = []
    with pytest.raises(ValueError, match="item 5"):
        for r in ordered_map(slow_first, range(9), workers=3, ahead=1):
            got.append(r)
    assert got == [0, 10, 20, 30, 40]
    assert list(ordered_map(slow_first, range(5), workers=2)) == [0, 10, 20, 30, 40]
