"""The one-pass ``valuechain trade`` path (valuechain.trade.onepass) against the general pipeline.

Every case runs the CLI twice on the same Parquet panel: once as users run it (``--no-cache``
on DuckDB takes the one-pass path when it can) and once with the one-pass path switched off
(the Ibis pipeline of valuechain.trade.diagnostic). The two folders must hold the same files
with the same rows and text, and numbers equal to 1e-9 relative: the one-pass path sums with
:func:`math.fsum` (correctly rounded, the same in any row order), the general pipeline in the
engine's order, so a number on a rounding boundary of ``%.10g`` (or of the summary's ``.6g``)
may differ in its last printed digit. A hostile row must give the same one-line error (exit
2) on both, or the same files. The expected values come from the general pipeline, which the rest of the suite checks
against published and hand-worked numbers (tests/trade/test_diagnostic.py, test_real_data.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.trade import onepass

ROOT = Path(__file__).resolve().parents[2]
EXPORTERS = ["KAZ", "RUS", "CHN", "DEU", "UZB", "USA"]
PRODUCTS = ["270900", "271011", "720110", "260300", "100190", "110100", "010110", "847130", "999999", "030110"]


def _panel(seed: int, *, years=range(2010, 2016), density=0.5, zeros=0.05, self_trade=True, gap=None) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for y in years:
        if gap is not None and y == gap:
            continue
        for e in EXPORTERS:
            for m in EXPORTERS:
                if e == m and not (self_trade and e == "KAZ"):
                    continue
                for p in PRODUCTS:
                    if rng.random() < density:
                        v = 0.0 if rng.random() < zeros else float(np.round(rng.lognormal(3, 2), 3))
                        rows.append((y, e, m, p, v))
    return pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"])


def _scan_path(monkeypatch, df: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The panel sorted as BACI is, read by valuechain.trade.keyscan whatever its size; the dict
    records whether the scan answered."""
    from valuechain.trade import keyscan

    answered: dict = {}
    real = keyscan.scan

    def spy(*a, **k):
        res = real(*a, **k)
        answered.setdefault("ok", []).append(res.ok)
        return res

    monkeypatch.setattr(onepass, "KEYSCAN_MIN_BYTES", 0)
    monkeypatch.setattr(keyscan, "scan", spy)
    return df.sort_values(["year", "exporter", "importer", "product"], kind="stable").reset_index(drop=True), answered


def _write(df: pd.DataFrame, path: Path, parts: int = 1) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for k, chunk in enumerate(np.array_split(np.arange(len(df)), parts)):
        df.iloc[chunk].to_parquet(path / f"part-{k}.parquet", index=False)
    return path


def _run(panel: Path, out: Path, *extra: str, general: bool = False, monkeypatch=None):
    used = {}
    real = onepass.run

    def spy(*a, **k):
        res = real(*a, **k)
        used["onepass"] = res is not None
        return res

    monkeypatch.setattr(onepass, "run", (lambda *a, **k: None) if general else spy)
    r = CliRunner().invoke(app, ["trade", str(panel), "--country", "KAZ", "--quiet", "--no-cache", "-o", str(out), *extra])
    return r, used.get("onepass", False)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def _cell_same(a: str, b: str) -> bool:
    if a == b:
        return True
    import math
    import re

    num = re.compile(r"-?\d+(\.\d+)?(e[-+]\d+)?$")
    ta, tb = re.split(r"([-+]?\d[\d.e+-]*)", a), re.split(r"([-+]?\d[\d.e+-]*)", b)  # numbers inside text (summary)
    if len(ta) != len(tb):
        return False
    for x, y in zip(ta, tb):
        if x == y:
            continue
        if not (num.match(x) and num.match(y)) or not math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-12):
            if not (num.match(x) and num.match(y) and math.isclose(float(x), float(y), rel_tol=5e-6)
                    and min(len(x), len(y)) <= 8):  # the summary's 6 significant digits
                return False
    return True


def _same_files(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    import csv
    import io

    assert list(a) == list(b)
    for name in b:
        ra = list(csv.reader(io.StringIO(a[name].decode())))
        rb = list(csv.reader(io.StringIO(b[name].decode())))
        assert len(ra) == len(rb) and ra[0] == rb[0], name
        for x, y in zip(ra, rb):
            assert len(x) == len(y) and all(_cell_same(u, v) for u, v in zip(x, y)), (name, x, y)


CASES = {
    "plain": dict(seed=1),
    "sparse with zeros": dict(seed=2, density=0.2, zeros=0.3),
    "a year without rows": dict(seed=3, gap=2012),
    "no self-trade": dict(seed=4, self_trade=False),
    "two years": dict(seed=5, years=range(2014, 2016)),
}
OPTIONS = {
    "defaults": [],
    "years": ["--years", "2011-2014"],
    "periods and margins windows": ["--periods", "2011-2013,2010-2012", "--base", "2010-2011", "--end", "2014-2015"],
    "thresholds": ["--min-value", "50", "--top", "3", "--strict"],
    "fixed N": ["--hhi-n", "40"],
}


#: every panel with the defaults, every option on two panels (the 25 pairs ran once, 2026-12-07: all equal)
PAIRS = [(c, "defaults") for c in CASES] + [(c, o) for c in ("plain", "a year without rows") for o in OPTIONS if o != "defaults"]


@pytest.mark.parametrize("read", ["duckdb", "keyscan"])
@pytest.mark.parametrize("case, opt", PAIRS)
def test_one_pass_writes_the_general_pipelines_files(case, opt, read, tmp_path, monkeypatch):
    kw = dict(CASES[case])
    df = _panel(kw.pop("seed"), **kw)
    answered: dict = {}
    if read == "keyscan":
        df, answered = _scan_path(monkeypatch, df)
    panel = _write(df, tmp_path / "panel", parts=3)
    args = OPTIONS[opt]
    r1, used = _run(panel, tmp_path / "fast", *args, monkeypatch=monkeypatch)
    r2, _ = _run(panel, tmp_path / "general", *args, general=True, monkeypatch=monkeypatch)
    assert r2.exit_code == 0, r2.output
    assert r1.exit_code == 0, r1.output
    assert used, "the one-pass path fell back to the general pipeline"
    assert answered.get("ok") == ([True] if read == "keyscan" else None)
    _same_files(_files(tmp_path / "fast"), _files(tmp_path / "general"))


def test_one_exporter_and_a_single_year(tmp_path, monkeypatch):
    df = _panel(7, years=[2015])
    df = df[df.exporter == "KAZ"]
    panel = _write(df, tmp_path / "p")
    r1, used = _run(panel, tmp_path / "fast", monkeypatch=monkeypatch)
    r2, _ = _run(panel, tmp_path / "general", general=True, monkeypatch=monkeypatch)
    assert r1.exit_code == r2.exit_code == 0, (r1.output, r2.output)
    assert used
    _same_files(_files(tmp_path / "fast"), _files(tmp_path / "general"))
    summary = (tmp_path / "fast" / "summary.csv").read_text()
    assert "RCA not computed: the flows hold one exporter" in summary and "margins not computed" in summary


def test_the_summary_reports_the_whole_periods_cagr(tmp_path, monkeypatch):
    """The summary's CAGR row (it never matched before: the group is "Total"), by hand from totals.csv."""
    panel = _write(_panel(8), tmp_path / "p")
    r, used = _run(panel, tmp_path / "o", monkeypatch=monkeypatch)
    assert r.exit_code == 0 and used
    tot = pd.read_csv(tmp_path / "o" / "totals.csv").set_index("year")["exports"]
    want = ((tot[2015] / tot[2010]) ** (1 / 5) - 1) * 100
    s = pd.read_csv(tmp_path / "o" / "summary.csv").set_index("item")["value"]
    assert float(s["exports CAGR 2010-2015 (%)"]) == pytest.approx(want, rel=1e-3)


CORRUPT = ["inf", "nan", "negative", "duplicate", "bad year", "blank exporter", "blank product", "unknown importer",
           "unknown exporter"]


def _corrupt(df: pd.DataFrame, kind: str, rng) -> pd.DataFrame:
    df = df.copy()
    i = int(rng.integers(len(df)))
    if kind == "inf":
        df.loc[i, "value"] = np.inf
    elif kind == "nan":
        df.loc[i, "value"] = np.nan
    elif kind == "negative":
        df.loc[i, "value"] = -1.5
    elif kind == "duplicate":
        df = pd.concat([df, df.iloc[[i]]], ignore_index=True)
    elif kind == "bad year":
        df.loc[i, "year"] = 99999
    elif kind == "blank exporter":
        df.loc[i, "exporter"] = " "
    elif kind == "blank product":
        df.loc[i, "product"] = ""
    elif kind == "unknown importer":
        df.loc[i, "importer"] = "ZZZ"
    elif kind == "unknown exporter":
        df.loc[i, "exporter"] = "QQQ"
    return df


@pytest.mark.parametrize("kind", CORRUPT)
@pytest.mark.parametrize("seed, read", [(11, "duckdb"), (12, "duckdb"), (13, "keyscan"), (14, "keyscan")])
def test_a_corrupt_row_anywhere_gives_the_general_pipelines_answer(kind, seed, read, tmp_path, monkeypatch):
    """Property test (issue 24): one bad row anywhere -> exit 2 with one line, or the general
    pipeline's files; the one-pass path never answers with numbers the general one would refuse.
    ``keyscan``: the panel sorted as BACI is, read by valuechain.trade.keyscan (corrupted after sorting)."""
    rng = np.random.default_rng(seed)
    df = _panel(seed, density=0.3)
    answered: dict = {}
    if read == "keyscan":
        df, answered = _scan_path(monkeypatch, df)
    df = _corrupt(df, kind, rng)
    panel = _write(df, tmp_path / "p", parts=2)
    r1, used = _run(panel, tmp_path / "fast", monkeypatch=monkeypatch)
    r2, _ = _run(panel, tmp_path / "general", general=True, monkeypatch=monkeypatch)
    assert r1.exit_code == r2.exit_code, (r1.output, r2.output)
    assert r1.output == r2.output
    if r2.exit_code:
        assert r2.exit_code == 2 and r2.output.startswith("error: ") and r2.output.count("\n") == 1
        assert not (tmp_path / "fast").exists() and not (tmp_path / "general").exists()
    else:
        _same_files(_files(tmp_path / "fast"), _files(tmp_path / "general"))
    if kind in ("inf", "nan", "negative", "duplicate", "blank exporter", "unknown importer", "unknown exporter"):
        assert not used  # the row feeds a world total or is the country's: the general pipeline must decide
        assert True not in answered.get("ok", [])  # and the scan never vouched for it


def test_inputs_it_does_not_read_go_to_the_general_pipeline(tmp_path):
    df = _panel(21, years=[2015, 2016])
    csv = tmp_path / "flows.csv"
    df.to_csv(csv, index=False)
    assert onepass.run([csv], country="KAZ") is None  # text files: the general reader cleans them
    ints = tmp_path / "ints.parquet"
    df.assign(product=df["product"].astype(int)).to_parquet(ints, index=False)
    assert onepass.run([ints], country="KAZ") is None  # numeric codes need padding
    hive = tmp_path / "hive" / "year=2015"
    hive.mkdir(parents=True)
    df[df.year == 2015].drop(columns="year").to_parquet(hive / "a.parquet", index=False)
    assert onepass.run([tmp_path / "hive"], country="KAZ") is None
    ok = _write(df, tmp_path / "ok")
    assert onepass.run([ok], country="KAZ", data_dir=None) is None  # no Lall tables: the general pipeline's note
    assert onepass.run([ok], country="ZZZ") is None


def test_the_one_pass_run_imports_neither_pandas_nor_ibis(tmp_path):
    panel = _write(_panel(31, years=[2014, 2015]), tmp_path / "p")
    code = ("import sys\n"
            f"sys.argv = ['valuechain', 'trade', {str(panel)!r}, '--country', 'KAZ', '--no-cache', '--quiet', '-o', {str(tmp_path / 'o')!r}]\n"
            "from valuechain.cli import main\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print('MODULES', sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'ibis', 'numpy', 'pyarrow')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")}).stdout
    assert out.split("MODULES", 1)[1].strip() == "[]"
    assert (tmp_path / "o" / "rca.csv").is_file()


@pytest.mark.parametrize("sort", [True, False])
def test_batches_of_exporters_give_the_same_files(sort, tmp_path, monkeypatch):
    """A panel above ROWS_PER_BATCH is aggregated in exporter batches (bounded memory) when its
    files are sorted by exporter, and left to the general pipeline when they are not."""
    df = _panel(41, density=0.4)
    panel = tmp_path / "p"
    panel.mkdir()
    if sort:  # one file per exporter: each batch reads its own files
        for e, part in df.groupby("exporter"):
            part.to_parquet(panel / f"{e}.parquet", index=False)
    else:
        df.sample(frac=1.0, random_state=1).to_parquet(panel / "a.parquet", index=False)
    monkeypatch.setattr(onepass, "ROWS_PER_BATCH", len(df) // 4)
    monkeypatch.setattr(onepass, "SORTED_ROWS_PER_BATCH", len(df) // 8)
    r1, used = _run(panel, tmp_path / "fast", monkeypatch=monkeypatch)
    r2, _ = _run(panel, tmp_path / "general", general=True, monkeypatch=monkeypatch)
    assert r1.exit_code == r2.exit_code == 0, (r1.output, r2.output)
    assert used is sort
    _same_files(_files(tmp_path / "fast"), _files(tmp_path / "general"))
    uzb = df[df.exporter == "UZB"]
    pd.concat([uzb, uzb.iloc[[3]]]).to_parquet(panel / ("UZB.parquet" if sort else "b.parquet"), index=False)
    r3, used3 = _run(panel, tmp_path / "dup", monkeypatch=monkeypatch)
    assert r3.exit_code == 2 and "rows for the key" in r3.output and not used3


@pytest.mark.parametrize("read", ["duckdb", "keyscan"])
def test_with_the_cache_the_first_run_is_one_pass_and_fills_the_cache_for_the_next(read, tmp_path, monkeypatch):
    monkeypatch.setenv("VALUECHAIN_CACHE_DIR", str(tmp_path / "cache"))
    df = _panel(51)
    answered: dict = {}
    if read == "keyscan":  # with the cache on, DuckDB reads the country's rows beside the scan
        df, answered = _scan_path(monkeypatch, df)
    panel = _write(df, tmp_path / "p")
    used = {}
    real = onepass.run

    def spy(*a, **k):
        res = real(*a, **k)
        used.setdefault("runs", []).append(res is not None)
        return res

    monkeypatch.setattr(onepass, "run", spy)
    args = ["trade", str(panel), "--country", "KAZ", "--quiet", "-o"]
    r1 = CliRunner().invoke(app, [*args, str(tmp_path / "first")])
    r2 = CliRunner().invoke(app, [*args, str(tmp_path / "second")])
    assert r1.exit_code == r2.exit_code == 0, (r1.output, r2.output)
    assert used["runs"] == [True, False]  # the second run: the general path, on the cache the first one filled
    assert answered.get("ok", [None])[0] is (True if read == "keyscan" else None)  # (the second run cancels its scan)
    a, b = _files(tmp_path / "first"), _files(tmp_path / "second")
    assert list(a) == list(b)
    for name in a:
        if name != "summary.csv":
            assert a[name] == b[name], name
    assert "read from the panel cache" in b["summary.csv"].decode() and "panel cache" not in a["summary.csv"].decode()
    monkeypatch.setattr(onepass, "run", lambda *a, **k: None)  # the general path alone, no cache: same files
    r3 = CliRunner().invoke(app, [*args, str(tmp_path / "general"), "--no-cache"])
    assert r3.exit_code == 0
    _same_files(_files(tmp_path / "general"), a)


@pytest.mark.parametrize("read", ["duckdb", "keyscan"])
def test_another_country_after_the_first_reads_the_panel_once_and_caches_its_imports(read, tmp_path, monkeypatch):
    """World totals cached by KAZ's run, RUS's imports not: RUS's first run takes the one-pass path
    (it stores RUS's imports, keeps the world totals) and writes the general pipeline's files; its
    second run is served by the cache."""
    monkeypatch.setenv("VALUECHAIN_CACHE_DIR", str(tmp_path / "cache"))
    df = _panel(52)
    if read == "keyscan":
        df, _answered = _scan_path(monkeypatch, df)
    panel = _write(df, tmp_path / "p")
    used: list = []
    real = onepass.run

    def spy(*a, **k):
        res = real(*a, **k)
        used.append(res is not None)
        return res

    monkeypatch.setattr(onepass, "run", spy)
    base = ["trade", str(panel), "--quiet", "-o"]
    assert CliRunner().invoke(app, [*base, str(tmp_path / "kaz"), "--country", "KAZ"]).exit_code == 0
    world = sorted((tmp_path / "cache").rglob("*world*"))
    assert len(world) == 1
    stamp = world[0].stat().st_mtime_ns
    r1 = CliRunner().invoke(app, [*base, str(tmp_path / "rus1"), "--country", "RUS"])
    assert world[0].stat().st_mtime_ns == stamp  # the world totals kept as the first run stored them
    r2 = CliRunner().invoke(app, [*base, str(tmp_path / "rus2"), "--country", "RUS"])
    assert r1.exit_code == r2.exit_code == 0, (r1.output, r2.output)
    assert used == [True, True, False]
    assert len(list((tmp_path / "cache").rglob("*imports-RUS*"))) == 1
    monkeypatch.setattr(onepass, "run", lambda *a, **k: None)
    r3 = CliRunner().invoke(app, [*base, str(tmp_path / "general"), "--country", "RUS", "--no-cache"])
    assert r3.exit_code == 0
    _same_files(_files(tmp_path / "general"), _files(tmp_path / "rus1"))
    a, b = _files(tmp_path / "rus1"), _files(tmp_path / "rus2")
    assert [n for n in a if n != "summary.csv" and a[n] != b[n]] == []


@pytest.mark.parametrize("read", ["duckdb", "keyscan"])
@pytest.mark.parametrize("args", [["--years", "1990-1995"], ["--periods", "2000-2005"], ["--hhi-n", "2"],
                                  ["--base", "2016"], ["--country", "ZZZ"], ["--country", "FRA"]])
def test_options_the_data_cannot_answer_give_the_general_pipelines_error(args, read, tmp_path, monkeypatch):
    df = _panel(61)
    if read == "keyscan":
        df, _answered = _scan_path(monkeypatch, df)
    panel = _write(df, tmp_path / "p")
    r1, used = _run(panel, tmp_path / "fast", *args, monkeypatch=monkeypatch)
    r2, _ = _run(panel, tmp_path / "general", *args, general=True, monkeypatch=monkeypatch)
    assert r1.exit_code == r2.exit_code == 2 and r1.output == r2.output and r1.output.startswith("error: ")
    assert not used and not (tmp_path / "fast").exists()
