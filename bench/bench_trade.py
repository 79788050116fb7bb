"""Trade outcomes of one country on the FULL BACI-size SYNTHETIC panel (measured, not extrapolated).

Goal (issue 10): ``valuechain trade PANEL --country KAZ`` at 270 M rows in <= 10 s on the
2-core benchmark machine and <= 3x one full-scan DuckDB query that computes what the
diagnostic cannot avoid: the exporter's yearly totals, product and market counts and
product HHI, plus the world totals by year x product that RCA needs (its denominator),
used: the query counts the products with RCA >= 1. (Until 2026-11-30 the reference only
counted the rows of its join with the world table, so DuckDB dropped the sums from the
world aggregation and the reference ran 7.5 s instead of about 12 s; that query is still
timed, as information.)

Goal (issue 23): the FIRST run (``--no-cache``) <= 2x that reference at every size from 1 M to
270 M rows, with every row checked (issue 24: values, years, codes and unique keys of every
exporter's rows, in the one aggregation that reads the panel).

The panel (226 exporters x 5000 HS6 x 30 years, ~270 M rows, seed 0; SYNTHETIC) is
written once by :func:`valuechain.datasets.synthetic_trade.synthetic_panel` into
``$VALUECHAIN_BIGDATA`` (default ``/work/bigdata/baci_full_seed0``, outside the repo)
and reused. Each round runs, interleaved, each in a fresh child process that reports its
own peak RSS (``VmHWM``):

* ours, FIRST run on the panel (``--no-cache``: the world aggregation and every check run);
* ours, a LATER run for the same country (the panel cache holds the world totals and the
  country's imports: :mod:`valuechain.tables.trade.panel_cache`);
* ours for ANOTHER country (RUS) after KAZ (world totals cached, RUS's imports not);
* ours with ``--world FILE --no-cache`` (world totals given; information);
* the reference, and the former reference (information).

Medians over the runs. ``--quick`` uses a 1/300 panel under ``$VALUECHAIN_BENCH_DIR``;
``VALUECHAIN_BENCH_FRACTION=0.0769`` a 1/13 panel (about 20 M rows) there.

With ``VALUECHAIN_BENCH_ONLY=first`` two more figures are printed for information: the first run
with the one-pass path switched off (the general pipeline; reduced sizes only) and
``KEYTEST_SQL`` (the reference plus DuckDB's exact repeated-key test alone: the key test of the one-pass
path on panels under 48 MB or not sorted; sorted panels have their keys proven by a sorted scan,
:mod:`valuechain.trade.keyscan`, which costs less).

Last measured (2026-12-07, third session, one-pass path; load average as printed, the machine
shared): 1.0 M rows 0.52 s vs 0.22 s = 2.37x (key test alone 1.18x, general pipeline 10.8x;
load 1.8-2.0); 20.4 M rows 2.13 s vs 0.62 s = 3.42x (1.48 s = 2.38x; 6.8x; load 2.1-2.3);
265.7 M rows 89.9 s vs 20.7 s = 4.35x, peak 1.53 GiB (load 3.7-5.0). Rerun later the same night:
1.0 M 2.29x (key test alone 1.29x; load 3.3-3.8), 20.4 M 3.84x (3.12x; load 2.9-3.3), 265.7 M 58.0 s
vs 13.9 s = 4.19x, peak 1.41 GiB (key test alone 54.3 s = 3.92x, peak 3.68 GiB; load 2.0-4.3).
On the quiet machine (load 1.4-2.0): 1.0 M 0.48 vs 0.20 s = 2.37x (key test alone 1.20x),
20.4 M 2.18 vs 0.56 s = 3.88x (2.66x), 265.7 M 33.1 vs 6.9 s = 4.81x (26.2 s = 3.80x), peak 1.41 GiB.
Goal <= 2x missed at every size then: see docs/trade.md.

Measured 2026-12-08 (fourth session, main after the sorted-panel scan, valuechain.trade.keyscan;
the machine quiet but for the benchmark itself, load 0.9-2.2; 3 interleaved rounds, medians):
1.0 M rows 0.293 s vs 0.169 s = **1.74x** (DuckDB read: the panel is under 48 MB; key test alone
1.26x; general pipeline 9.8x), peak 0.11 GiB; 20.4 M rows 0.866 s vs 0.452 s = **1.91x** (key test
alone 2.79x: the scan is faster than DuckDB's bit test, 0.69x of it; general pipeline 7.0x), peak
0.26 GiB, and again 0.867 s vs 0.478 s = **1.81x** (load 1.5-1.6); 265.7 M rows 7.84 s vs 5.11 s =
**1.53x** (runs 7.9, 7.8, 7.7 s; key test alone 17.8 s = 3.47x), peak 0.49 GiB. Goal <= 2x met at
every size. After CI, on the idle machine (03:18 UTC, load 0.5-0.8): 20.4 M rows 0.906 s vs 0.515 s
= **1.76x**. Earlier the same session, with another engineer's jobs running: 20.4 M 1.62x (load
1.4-1.9), 265.7 M 9.12 s vs 6.14 s = 1.49x (load 2.2-2.8).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import Result

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
BENCH_DIR = Path(os.environ.get("VALUECHAIN_BENCH_DIR", "/tmp/valuechain_bench"))
BIG = Path(os.environ.get("VALUECHAIN_BIGDATA", "/work/bigdata/baci_full_seed0"))
COUNTRY = "KAZ"
RUNS = int(os.environ.get("VALUECHAIN_BENCH_RUNS", "3"))
#: the panel's size as a fraction of BACI's (1/13: about 20 M rows, the size of issue 24's check costs;
#: 1/266: about 1 M rows)
FRACTION = float(os.environ.get("VALUECHAIN_BENCH_FRACTION", "1"))
#: ``first``: time only the first run and the reference (issue 23's goal), e.g. at full size
ONLY = os.environ.get("VALUECHAIN_BENCH_ONLY", "")


def _panel(fraction: float) -> tuple[Path, int]:
    """The panel at ``fraction`` of BACI scale (the full one in $VALUECHAIN_BIGDATA), made once."""
    sys.path.insert(0, str(SRC))
    import pyarrow.parquet as pq

    from valuechain.datasets.synthetic_trade import baci_scale, synthetic_panel

    path = BIG if fraction == 1.0 else BENCH_DIR / f"trade_panel_1_{round(1 / fraction)}"
    if not (path / "SYNTHETIC.md").exists():
        if path.exists():
            import shutil

            shutil.rmtree(path)
        synthetic_panel(**baci_scale(fraction), seed=0, path=path)
    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in path.glob("*.parquet"))
    return path, rows


def _child(code: str, cache_dir: str | None = None) -> tuple[float, float]:
    """Run ``code`` in a fresh Python; return (wall seconds, the child's own peak RSS in GiB, VmHWM)."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    if cache_dir is not None:
        env["VALUECHAIN_CACHE_DIR"] = cache_dir
    code += "\nprint([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])\n"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0  # the whole command, Python start-up included
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {proc.stderr.strip()[-2000:]}")
    return wall, int(proc.stdout.split()[-1]) / 1024**2


_OURS = """
{prelude}
from typer.testing import CliRunner
from valuechain.cli import app
r = CliRunner().invoke(app, ["trade", {panel!r}, "--country", {country!r}, "--quiet", "-o", {out!r}, *{extra!r}])
assert r.exit_code == 0, r.output
"""


#: the child's first lines for the general pipeline alone (valuechain.trade.onepass switched off)
_GENERAL = "import valuechain.trade.onepass as _o\n_o.run = lambda *a, **k: None"


def _world_file(panel: Path) -> Path:
    """World totals (year, product, value) of ``panel``, written once beside the other bench data."""
    import duckdb

    path = BENCH_DIR / f"world_totals_{panel.name}.parquet"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        duckdb.connect().execute(f"copy (select year, product, sum(value) as value from read_parquet('{panel}/*.parquet') "
                                 f"group by all) to '{tmp}' (format parquet)")
        tmp.rename(path)
    return path

#: the reference: ONE full-scan DuckDB query computing the exporter's yearly totals, product and
#: market counts and product HHI, and the world totals by year x product, used for RCA (the
#: number of products with RCA >= 1); ``{src}`` is a DuckDB table expression, ``{country}`` ISO3.
#: tests/bench/test_bench_trade.py checks its figures against the diagnostic's.
REFERENCE_SQL = """
with w as (select year, product, sum(value) v from {src} group by all),
     wt as (select year, sum(v) tot from w group by all),
     x as (select year, product, importer, value from {src} where exporter = '{country}'),
     p as (select year, product, sum(value) v from x group by all),
     t as (select year, sum(v) tot, count(*) n_products from p group by all),
     h as (select p.year, sum((p.v / t.tot) ^ 2) hhi from p join t using (year) group by all),
     m as (select year, count(distinct importer) n_markets from x group by all),
     r as (select p.year, count(*) filter (where (p.v / t.tot) / (w.v / wt.tot) >= 1) n_rca
           from p join t using (year) join w using (year, product) join wt using (year) group by all)
select * from t join h using (year) join m using (year) join r using (year) order by year
"""

#: information: the reference plus the exact repeated-key test of the one-pass path (valuechain.trade.onepass),
#: with nothing else: one bit per (exporter, importer) pair of each year and product (``bitstring_agg`` over the
#: dense indexes of ``{codes}``, a list literal): what a run that tests every key by DuckDB's bits pays at least
#: (the one-pass path's test below 48 MB of Parquet or on an unsorted panel; a sorted panel's keys are proven by
#: valuechain.trade.keyscan instead, so the first run can now be faster than this query)
KEYTEST_SQL = """
with kc as (select unnest({codes}) as code, unnest(range(len({codes})))::INTEGER as i),
     w as (select year, product, sum(value) v,
                  count(*) - bit_count(bitstring_agg(e.i * {n} + m.i, 0, {n} * {n} - 1)) rep
           from {src} t left join kc e on t.exporter = e.code left join kc m on t.importer = m.code group by all),
     wt as (select year, sum(v) tot from w group by all),
     x as (select year, product, importer, value from {src} where exporter = '{country}'),
     p as (select year, product, sum(value) v from x group by all),
     t as (select year, sum(v) tot, count(*) n_products from p group by all),
     h as (select p.year, sum((p.v / t.tot) ^ 2) hhi from p join t using (year) group by all),
     m as (select year, count(distinct importer) n_markets from x group by all),
     r as (select p.year, count(*) filter (where (p.v / t.tot) / (w.v / wt.tot) >= 1) n_rca
           from p join t using (year) join w using (year, product) join wt using (year) group by all)
select *, (select sum(rep) from w) from t join h using (year) join m using (year) join r using (year) order by year
"""

#: the former reference: its world table is only joined and counted, so DuckDB never sums it
FORMER_SQL = REFERENCE_SQL.replace(
    "count(*) filter (where (p.v / t.tot) / (w.v / wt.tot) >= 1) n_rca\n           from p join t using (year) join w using (year, product) join wt using (year)",
    "count(*) n_rca from p join w using (year, product)")
assert FORMER_SQL != REFERENCE_SQL


def _query_child(sql: str, panel: Path, country: str) -> str:
    """The code of a child process that runs ``sql`` on ``panel`` in a fresh DuckDB."""
    from valuechain.tables.trade.keys import KEY_CODES

    codes = sorted(KEY_CODES)
    q = sql.format(src=f"read_parquet('{panel}/*.parquet')", country=country, n=len(codes),
                   codes="[" + ", ".join(f"'{c}'" for c in codes) + "]")
    return f"import duckdb\ncon = duckdb.connect()\ncon.execute('SET enable_progress_bar = false')\ncon.execute({q!r}).fetchall()\n"


def bench_trade_outcomes(quick: bool) -> list[Result]:
    import glob
    import shutil
    import statistics

    panel, rows = _panel(1 / 300 if quick else FRACTION)
    world = _world_file(panel)
    other = "RUS"
    times: dict[str, list[float]] = {k: [] for k in ("first", "later", "other", "world", "ref", "former", "general", "keytest")}
    rss: dict[str, list[float]] = {k: [] for k in times}
    loads = []

    def ours(key, cache_dir, country=COUNTRY, extra=(), prelude=""):
        with tempfile.TemporaryDirectory() as tmp:
            code = _OURS.format(panel=str(panel), country=country, out=str(Path(tmp) / "out"), extra=list(extra),
                                prelude=prelude)
            t, r = _child(code, cache_dir)
        times[key].append(t)
        rss[key].append(r)

    only_first = ONLY == "first"
    with tempfile.TemporaryDirectory() as filled:  # the cache after one run for KAZ (made once, untimed)
        if not only_first:
            _child(_OURS.format(panel=str(panel), country=COUNTRY, out=str(Path(filled) / "out"), extra=[], prelude=""),
                   filled + "/c")
            world_entry = glob.glob(f"{filled}/c/*-world.parquet")
            assert len(world_entry) == 1, "the first run stored no world totals"
        for _ in range(1 if quick else RUNS):  # interleaved rounds
            loads.append(os.getloadavg()[0])
            with tempfile.TemporaryDirectory() as empty:
                ours("first", empty, extra=["--no-cache"])
            for key, sql in (("ref", REFERENCE_SQL), ("keytest", KEYTEST_SQL), ("former", FORMER_SQL)):
                if (only_first and key == "former") or (not only_first and key == "keytest"):
                    continue
                loads.append(os.getloadavg()[0])
                t, r = _child(_query_child(sql, panel, COUNTRY))
                times[key].append(t)
                rss[key].append(r)
            if only_first:
                if FRACTION != 1:  # information: the same first run with the one-pass path switched off
                    loads.append(os.getloadavg()[0])
                    with tempfile.TemporaryDirectory() as empty:
                        ours("general", empty, extra=["--no-cache"], prelude=_GENERAL)
                continue
            ours("later", filled + "/c")
            with tempfile.TemporaryDirectory() as only_world:
                shutil.copy(world_entry[0], only_world)
                ours("other", only_world, country=other)
            with tempfile.TemporaryDirectory() as unused:
                ours("world", unused, extra=["--world", str(world), "--no-cache"])
    loads.append(os.getloadavg()[0])
    med = {k: statistics.median(v) for k, v in times.items() if v}
    load = f"load average (1 min) {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores"

    def runs(xs):
        return ", ".join(f"{x:.1f}" for x in xs)

    size = f"{rows / 1e6:.0f}M rows"
    base = f"{rows / 1e6:.1f}M rows synthetic, measured at this size; reference runs {runs(times['ref'])} s; {load}"
    full = dict(goal_seconds=None if quick or FRACTION != 1 else 10.0, goal_ratio=None if quick else 3.0)
    out = [
        Result(name=f"trade {COUNTRY}, first run on the panel, {size}", ours_s=med["first"], ref_s=med["ref"],
               ref_name="1 full-scan DuckDB query", goal="<=2x (issue 23)", peak_rss_gb=max(rss["first"]), info=quick,
               goal_ratio=None if quick else 2.0,
               note=f"--no-cache: the world aggregation and every check run; runs "
                    f"{runs(times['first'])} s; reference peak {max(rss['ref']):.2f} GiB; {base}"),
    ]
    if only_first:
        out.append(Result(name=f"reference + the exact key test alone, {size}", ours_s=statistics.median(times["keytest"]),
                          ref_s=med["ref"], ref_name="1 full-scan DuckDB query", goal="info", info=True,
                          peak_rss_gb=max(rss["keytest"]),
                          note=f"KEYTEST_SQL: the reference plus DuckDB's bit test of every key; ours / this = "
                               f"{med['first'] / statistics.median(times['keytest']):.2f}x; runs {runs(times['keytest'])} s; {base}"))
        if times["general"]:
            out.append(Result(name=f"trade {COUNTRY}, first run, general pipeline (one-pass off), {size}",
                              ours_s=statistics.median(times["general"]), ref_s=med["ref"], ref_name="1 full-scan DuckDB query",
                              goal="info", info=True, peak_rss_gb=max(rss["general"]),
                              note=f"the Ibis pipeline of trade_diagnostic; runs {runs(times['general'])} s; {base}"))
        return out
    return out + [
        Result(name=f"trade {COUNTRY}, later run (panel cache), {size}", ours_s=med["later"], ref_s=med["ref"],
               ref_name="1 full-scan DuckDB query", goal="<=10s and <=3x" if FRACTION == 1 else "<=3x",
               peak_rss_gb=max(rss["later"]), info=quick,
               note=f"world totals and {COUNTRY}'s imports from the cache; runs {runs(times['later'])} s; {base}", **full),
        Result(name=f"trade {other} after {COUNTRY} (world cached), {size}", ours_s=med["other"], ref_s=med["ref"],
               ref_name="1 full-scan DuckDB query", goal="info", info=True, peak_rss_gb=max(rss["other"]),
               note=f"{other}'s imports aggregated (a filtered pass); runs {runs(times['other'])} s; {load}"),
        Result(name=f"trade {COUNTRY} --world FILE --no-cache, {size}", ours_s=med["world"], ref_s=med["ref"],
               ref_name="1 full-scan DuckDB query", goal="info", info=True, peak_rss_gb=max(rss["world"]),
               note=f"world totals given; runs {runs(times['world'])} s; {load}"),
        Result(name=f"former reference (world never summed), {size}", ours_s=med["former"], ref_s=med["ref"],
               ref_name="1 full-scan DuckDB query", goal="info", info=True, peak_rss_gb=max(rss["former"]),
               note=f"the reference used until 2026-11-30; runs {runs(times['former'])} s; {load}"),
    ]


BENCHMARKS = [bench_trade_outcomes]
