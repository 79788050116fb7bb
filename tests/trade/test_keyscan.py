"""valuechain.trade.keyscan: world totals, imports and checks of a sorted panel, keys proven unique.

The references are a hand-worked panel and pandas' groupby sums on random panels (an
independent implementation); the proof is tested against every way a key can repeat
(adjacent, in another block, in another row group, in another file) and every layout that
is not sorted, where the scan must give no answer rather than a wrong one.
"""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from valuechain.tables.trade.keys import KEY_CODES
from valuechain.trade.keyscan import scan

CODES = sorted(KEY_CODES)
COUNTRIES = ["KAZ", "RUS", "CHN", "DEU", "UZB", "USA", "TUR"]
PRODUCTS = ["010110", "030110", "100190", "260300", "270900", "271011", "720110", "847130"]
ORDERS = {
    "BACI (year, exporter, importer, product)": ["year", "exporter", "importer", "product"],
    "synthetic (exporter, year, importer, product)": ["exporter", "year", "importer", "product"],
    "by importer first": ["importer", "year", "exporter", "product"],
}
SCHEMA = pa.schema([("year", pa.int64()), ("exporter", pa.string()), ("importer", pa.string()),
                    ("product", pa.string()), ("value", pa.float64())])


def _panel(seed: int, years=range(2010, 2016), density=0.5, zeros=0.1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = [(y, e, m, p, 0.0 if rng.random() < zeros else float(np.round(rng.lognormal(3, 2), 3)))
            for y in years for e in COUNTRIES for m in COUNTRIES for p in PRODUCTS
            if e != m and rng.random() < density]
    return pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"])


def _write(df: pd.DataFrame, folder, *, files: int = 1, row_group: int = 1000, nan_as_null: bool = True):
    """Parquet files of ``df``; a NaN value is written as a null, or as NaN (``nan_as_null=False``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, idx in enumerate(np.array_split(np.arange(len(df)), files)):
        tbl = pa.Table.from_pandas(df.iloc[idx], schema=SCHEMA, preserve_index=False)
        if not nan_as_null:
            tbl = tbl.set_column(4, "value", pa.array(df.iloc[idx]["value"].to_numpy(dtype=float), from_pandas=False))
        pq.write_table(tbl, folder / f"part-{k:03d}.parquet", row_group_size=row_group)
    return folder


def _expected(df: pd.DataFrame, country: str, years):
    d = df[(df.year >= years[0]) & (df.year <= years[1])]
    world = sorted((int(y), p, float(v)) for (y, p), v in d.groupby(["year", "product"])["value"].sum().items())
    imp = d[(d.importer == country) & (d.exporter != country)]
    imports = sorted((int(y), p, float(v)) for (y, p), v in imp.groupby(["year", "product"])["value"].sum().items())
    others = tuple(sorted(int(y) for y in d[(d.exporter != country) & (d.value > 0)].year.unique()))
    return world, imports, others


def _close(a, b):
    assert [r[:2] for r in a] == [r[:2] for r in b]
    assert np.allclose([r[2] for r in a], [r[2] for r in b], rtol=1e-12, atol=0)


def test_a_hand_worked_panel(tmp_path):
    rows = [(2020, "CHN", "KAZ", "270900", 4.0), (2020, "CHN", "KAZ", "720110", 0.0), (2020, "KAZ", "CHN", "270900", 5.0),
            (2020, "KAZ", "KAZ", "270900", 1.0), (2020, "RUS", "CHN", "100190", 2.5), (2021, "RUS", "KAZ", "100190", 3.0)]
    d = _write(pd.DataFrame(rows, columns=SCHEMA.names), tmp_path / "p", row_group=2)
    r = scan([d], country="KAZ", codes=CODES, years=None)
    assert r.ok and r.rows == 6 and r.blocks == 5
    # world: 270900 in 2020 = 4 + 5 + 1; 720110 present with a zero; imports exclude KAZ's flow to itself
    assert r.world == [(2020, "100190", 2.5), (2020, "270900", 10.0), (2020, "720110", 0.0), (2021, "100190", 3.0)]
    assert r.imports == [(2020, "270900", 4.0), (2020, "720110", 0.0), (2021, "100190", 3.0)]
    assert r.others == (2020, 2021)
    only = scan([d], country="KAZ", codes=CODES, years=(2021, 2021))
    assert only.ok and only.rows == 1 and only.world == [(2021, "100190", 3.0)]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("seed", [1, 2])
def test_sorted_panels_give_pandas_sums(order, seed, tmp_path):
    df = _panel(seed).sort_values(ORDERS[order], kind="stable").reset_index(drop=True)
    d = _write(df, tmp_path / "p", files=3, row_group=157)  # blocks run across row groups and files
    for years in [(2010, 2015), (2011, 2013)]:
        r = scan([d], country="KAZ", codes=CODES, years=years)
        assert r.ok, r.reason
        world, imports, others = _expected(df, "KAZ", years)
        _close(r.world, world)
        _close(r.imports, imports)
        assert r.others == others
        assert r.rows == int(df.year.between(*years).sum())
    one = scan([d], country="KAZ", codes=CODES, years=(2010, 2015), threads=1)
    two = scan([d], country="KAZ", codes=CODES, years=(2010, 2015), threads=2)
    assert one.world == two.world and one.imports == two.imports  # the same numbers, bit for bit


@pytest.mark.parametrize("where", ["adjacent", "same block, later", "another block", "another row group", "another file",
                                   "at the end"])
def test_a_repeated_key_is_never_proven_unique(where, tmp_path):
    df = _panel(3).sort_values(ORDERS["BACI (year, exporter, importer, product)"]).reset_index(drop=True)
    rng = np.random.default_rng(7)
    i = int(rng.integers(1, len(df) - 200))
    dup = df.iloc[[i]]
    if where == "adjacent":
        out = pd.concat([df.iloc[:i + 1], dup, df.iloc[i + 1:]])
    elif where == "same block, later":
        j = i + 1
        while j < len(df) and tuple(df.iloc[j, :3]) == tuple(df.iloc[i, :3]):
            j += 1
        out = pd.concat([df.iloc[:j], dup, df.iloc[j:]])
    elif where in ("another block", "another row group"):
        j = i + (5 if where == "another block" else 150)
        while tuple(df.iloc[j, :3]) == tuple(df.iloc[i, :3]):
            j += 1
        out = pd.concat([df.iloc[:j], dup, df.iloc[j:]])
    else:
        out = pd.concat([df, dup])
    d = _write(out.reset_index(drop=True), tmp_path / "p", files=3 if where == "another file" else 1, row_group=100)
    r = scan([d], country="KAZ", codes=CODES, years=None)
    assert not r.ok and r.reason and r.world == []


@pytest.mark.parametrize("seed", range(5))
def test_an_unsorted_panel_gives_no_answer(seed, tmp_path):
    df = _panel(10 + seed).sample(frac=1.0, random_state=seed)
    r = scan([_write(df, tmp_path / "p")], country="KAZ", codes=CODES, years=None)
    assert not r.ok and "sort" in r.reason


@pytest.mark.parametrize("kind, value", [("value", "NaN"), ("value", np.inf), ("value", -1.0), ("value", None),
                                         ("exporter", "ZZZ"), ("importer", " "), ("exporter", None),
                                         ("product", "27090"), ("product", "27O900"), ("product", None), ("year", None)])
def test_a_bad_row_anywhere_gives_no_answer(kind, value, tmp_path):
    df = _panel(4).sort_values(ORDERS["BACI (year, exporter, importer, product)"]).reset_index(drop=True)
    df = df.astype({"year": "Int64"}) if kind == "year" else df
    df.loc[int(np.random.default_rng(1).integers(len(df))), kind] = np.nan if value == "NaN" else value
    d = _write(df, tmp_path / "p", row_group=300, nan_as_null=value != "NaN")
    r = scan([d], country="KAZ", codes=CODES, years=(2010, 2015))
    assert not r.ok and r.reason


def test_rows_outside_the_years_are_not_read(tmp_path):
    df = _panel(5).sort_values(ORDERS["BACI (year, exporter, importer, product)"]).reset_index(drop=True)
    df.loc[df.index[df.year == 2010][0], "value"] = np.nan  # outside the years asked for
    d = _write(df, tmp_path / "p", row_group=200, nan_as_null=False)
    r = scan([d], country="KAZ", codes=CODES, years=(2011, 2015))
    assert r.ok
    _close(r.world, _expected(df, "KAZ", (2011, 2015))[0])
    assert not scan([d], country="KAZ", codes=CODES, years=None).ok


def test_a_cancelled_scan_gives_no_answer(tmp_path):
    d = _write(_panel(6).sort_values(["year", "exporter", "importer", "product"]), tmp_path / "p")
    ev = threading.Event()
    ev.set()
    r = scan([d], country="KAZ", codes=CODES, years=None, cancel=ev)
    assert not r.ok and r.reason == "cancelled"
