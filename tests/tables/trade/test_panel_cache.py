"""The panel cache (trade/panel_cache.py): the same numbers with and without it, never a stale
or foreign entry, and a cache that cannot be used is skipped without error."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.tables.trade.country import country_view
from valuechain.tables.trade.engine import connect, to_pandas
from valuechain.trade.outcomes import growth_rates
from valuechain.tables.trade.panel_cache import MAX_ENTRIES, PanelCache, panel_cache
from valuechain.trade.rca import rca
from valuechain.datasets.synthetic_trade import synthetic_panel

runner = CliRunner()
FILES = ("totals", "composition_sector", "composition_destination", "counts", "concentration", "margins", "rca", "lall")


@pytest.fixture()
def panel_dir(tmp_path):
    synthetic_panel(n_exporters=8, n_products=25, years=(2000, 2006), seed=7, path=tmp_path / "panel", rows_per_file=400)
    return tmp_path / "panel"


def _trade(panel, out, cache_dir, *extra, country="KAZ"):
    env = {"VALUECHAIN_CACHE_DIR": str(cache_dir)}
    r = runner.invoke(app, ["trade", str(panel), "--country", country, "--quiet", "-o", str(out), *extra], env=env)
    assert r.exit_code == 0, r.output
    return {n: pd.read_csv(out / f"{n}.csv", dtype={"product": str}) for n in FILES}, pd.read_csv(out / "summary.csv")


def _notes(summary):
    return " ".join(summary.loc[summary.item == "note", "value"])


def _same(a, b):
    for n in FILES:
        pd.testing.assert_frame_equal(a[n], b[n], check_exact=False, rtol=1e-12, obj=n)


def test_second_run_reads_the_cache_and_gives_the_same_numbers(panel_dir, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first, s1 = _trade(panel_dir, tmp_path / "o1", cache)
    assert "panel cache" not in _notes(s1)
    stored = sorted(p.name for p in cache.iterdir() if p.name != ".secret")  # .secret: the key of the entries' digests
    assert len(stored) == 2 and stored[0].endswith("-imports-KAZ.parquet") and stored[1].endswith("-world.parquet")
    second, s2 = _trade(panel_dir, tmp_path / "o2", cache)
    assert "world and imports read from the panel cache" in _notes(s2)
    _same(first, second)
    nocache, s3 = _trade(panel_dir, tmp_path / "o3", tmp_path / "unused", "--no-cache")
    assert not (tmp_path / "unused").exists() and "panel cache" not in _notes(s3)
    _same(first, nocache)
    # another country on plain Parquet: the one-pass read (trade/onepass.py), which caches its
    # imports and keeps the cached world totals
    world = cache / stored[1]
    other, s4 = _trade(panel_dir, tmp_path / "o4", cache, country="ETH")
    assert "panel cache" not in _notes(s4)
    assert any(p.name.endswith("-imports-ETH.parquet") for p in cache.iterdir()) and world.is_file()
    fresh, _ = _trade(panel_dir, tmp_path / "o5", tmp_path / "fresh", country="ETH")
    _same(other, fresh)
    # the general path (inputs the one-pass read does not take): world totals from the cache, imports from the panel
    from valuechain.trade import onepass

    monkeypatch.setattr(onepass, "run", lambda *a, **k: None)
    general, s6 = _trade(panel_dir, tmp_path / "o6", cache, country="IRN")
    assert "world read from the panel cache" in _notes(s6)
    fresh2, _ = _trade(panel_dir, tmp_path / "o7", tmp_path / "fresh2", country="IRN")
    _same(general, fresh2)


def test_a_changed_file_is_never_read_from_the_cache(panel_dir, tmp_path):
    cache = tmp_path / "cache"
    before, _ = _trade(panel_dir, tmp_path / "o1", cache)
    # double every value of one file: same name, different content (size and time change)
    f = sorted(panel_dir.glob("*.parquet"))[0]
    df = pd.read_parquet(f)
    df["value"] *= 2
    df.to_parquet(f, index=False)
    after, s = _trade(panel_dir, tmp_path / "o2", cache)
    assert "panel cache" not in _notes(s)
    truth, _ = _trade(panel_dir, tmp_path / "o3", tmp_path / "fresh")
    _same(after, truth)
    assert not before["rca"]["rca"].equals(after["rca"]["rca"])


def test_unreadable_or_foreign_entries_are_recomputed(panel_dir, tmp_path):
    cache = tmp_path / "cache"
    truth, _ = _trade(panel_dir, tmp_path / "o1", cache)
    world = next(cache.glob("*-world.parquet"))
    imports = next(cache.glob("*-imports-KAZ.parquet"))
    imports.write_bytes(b"PAR1 truncated")  # a damaged entry
    # a foreign entry: another key's world totals (tiny, wrong numbers) under this key's name
    PanelCache(root=cache, key="0" * 32).put("world", pd.DataFrame({"year": [2000], "product": ["x"], "value": [1.0]}))
    os.replace(cache / f"vc-panel-{'0' * 32}-world.parquet", world)
    again, s = _trade(panel_dir, tmp_path / "o2", cache)
    assert "panel cache" not in _notes(s)
    _same(truth, again)


def test_a_cache_folder_that_cannot_be_written_is_skipped(panel_dir, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    truth, _ = _trade(panel_dir, tmp_path / "o1", tmp_path / "fresh")
    got, s = _trade(panel_dir, tmp_path / "o2", blocked / "cache")
    _same(truth, got)
    assert blocked.read_text().startswith("a file")


def test_the_view_from_the_cache_equals_the_view_from_the_panel(panel_dir, tmp_path):
    con = connect("duckdb")
    pc = panel_cache([panel_dir], root=tmp_path / "c")
    cold = country_view(str(panel_dir), country="KAZ", con=con, cache=pc)
    warm = country_view(str(panel_dir), country="KAZ", con=con, cache=pc)
    none = country_view(str(panel_dir), country="KAZ", con=con)
    assert cold.cached == () and warm.cached == ("world", "imports") and none.cached == ()
    for v in (warm, none):
        pd.testing.assert_frame_equal(to_pandas(cold.world, sort=["year", "product"]), to_pandas(v.world, sort=["year", "product"]),
                                      check_exact=False, rtol=1e-12)
        pd.testing.assert_frame_equal(growth_rates(cold.flows, country="KAZ"), growth_rates(v.flows, country="KAZ"),
                                      check_exact=False, rtol=1e-12)
        pd.testing.assert_frame_equal(rca(cold.flows, world=cold.world, country="KAZ"), rca(v.flows, world=v.world, country="KAZ"),
                                      check_exact=False, rtol=1e-12)


def test_keys_change_with_options_and_files(panel_dir, tmp_path):
    a = panel_cache([panel_dir], options={"years": [2000, 2006]})
    assert a.key == panel_cache([panel_dir], options={"years": [2000, 2006]}).key
    assert a.key != panel_cache([panel_dir], options={"years": [2001, 2006]}).key
    assert a.key != panel_cache(sorted(panel_dir.glob("*.parquet"))[:1], options={"years": [2000, 2006]}).key
    assert panel_cache([tmp_path / "missing"]) is None


def test_only_the_newest_entries_are_kept(tmp_path):
    df = pd.DataFrame({"year": [2000], "product": ["01"], "value": [1.0]})
    for i in range(MAX_ENTRIES + 5):
        assert PanelCache(root=tmp_path, key=f"{i:032d}").put("world", df)
    assert len(list(tmp_path.glob("vc-panel-*.parquet"))) == MAX_ENTRIES
    assert not list(tmp_path.glob(".tmp-*"))


def test_an_edit_that_keeps_size_and_time_is_never_read_from_the_cache(panel_dir, tmp_path):
    # a CSV panel; one digit of another exporter's value changed in place: same size, same modification time
    csv = tmp_path / "panel.csv"
    df = pd.concat([pd.read_parquet(f) for f in sorted(panel_dir.glob("*.parquet"))]).sort_values(["year", "exporter", "importer", "product"])
    df["value"] = df["value"].round(0) + 100.0  # every value has at least three digits before the point
    df.to_csv(csv, index=False)
    cache = tmp_path / "cache"
    _trade(csv, tmp_path / "o1", cache)
    st = csv.stat()
    text = csv.read_text()
    lines = text.splitlines(keepends=True)
    i = next(k for k, ln in enumerate(lines) if ",KAZ," not in ln and k > 0 and ln.split(",")[1] != "KAZ")
    value = lines[i].rsplit(",", 2)[1]
    new_value = ("9" if value[0] != "9" else "8") + value[1:]
    lines[i] = lines[i].replace("," + value + ",", "," + new_value + ",", 1)
    csv.write_text("".join(lines))
    os.utime(csv, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert csv.stat().st_size == st.st_size and csv.stat().st_mtime_ns == st.st_mtime_ns and csv.read_text() != text
    after, s = _trade(csv, tmp_path / "o2", cache)
    assert "panel cache" not in _notes(s)
    truth, _ = _trade(csv, tmp_path / "o3", tmp_path / "fresh")
    _same(after, truth)


def test_a_planted_entry_is_recomputed(panel_dir, tmp_path):
    import pyarrow.parquet as pq

    cache = tmp_path / "cache"
    truth, _ = _trade(panel_dir, tmp_path / "o1", cache)
    world = next(cache.glob("*-world.parquet"))
    tbl = pq.read_table(world)
    df = tbl.to_pandas()
    df["value"] = df["value"] * 10  # planted numbers under the right name and key (the metadata kept)
    import pyarrow as pa

    pq.write_table(pa.Table.from_pandas(df, preserve_index=False).replace_schema_metadata(tbl.schema.metadata), world)
    again, s = _trade(panel_dir, tmp_path / "o2", cache)
    assert "world read from the panel cache" not in _notes(s)
    _same(truth, again)


def test_the_cache_folder_expands_the_home_folder(monkeypatch, tmp_path):
    from valuechain.trade.panel_cache import default_cache_dir

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("VALUECHAIN_CACHE_DIR", "~/x")
    assert default_cache_dir() == tmp_path / "x"
    monkeypatch.delenv("VALUECHAIN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "~/xdg")
    assert default_cache_dir() == tmp_path / "xdg" / "valuechain"


def test_file_digest_whole_and_sampled(tmp_path, monkeypatch):
    from valuechain.trade import panel_cache as pcm

    f = tmp_path / "f.bin"
    f.write_bytes(bytes(300_000))
    a = pcm.file_digest(f)
    f.write_bytes(bytes(299_999) + b"\x01")  # last byte changed: the whole-file digest differs
    assert pcm.file_digest(f) != a
    monkeypatch.setattr(pcm, "FULL_DIGEST_BYTES", 1000)  # sampled: the first and last 64 KiB always read
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(3 * 2**20))
    b = pcm.file_digest(big)
    data = bytearray(3 * 2**20)
    data[-5] = 7
    big.write_bytes(bytes(data))
    assert pcm.file_digest(big) != b
