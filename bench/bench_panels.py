"""Panels at the cost of the data (issue 23; SYNTHETIC data, nothing here is observed).

1. ``bench_complexity_all_years``: ``valuechain complexity PANEL`` (ECI/PCI, density,
   distance, COI, COG of EVERY year, the three CSV files written) on the 20 M-row SYNTHETIC
   panel (:func:`valuechain.trade.synthetic.synthetic_panel`, seed 0,
   ``baci_scale(20e6 / 266e6)``: 226 exporters x 376 products x 30 years), against the
   reference: ONE DuckDB query that builds the RCA matrix of all years (``REFERENCE_SQL``:
   exports by year x exporter x product summed over importers, Balassa RCA by window sums,
   fetched as Arrow). Goal: ours <= 3x the reference. Interleaved rounds (ours, reference),
   each a fresh child process reporting its own peak RSS (``VmHWM``); medians of 3; the
   load average (1 min) is read before each child and printed beside the figures.
2. ``bench_icio_panel``: ``valuechain gvc FOLDER --years ... -m tiva`` over a SYNTHETIC
   80-country x 50-industry ICIO panel (OECD CSV layout, one 4000 x 4000 table per year; the
   first year from :func:`valuechain.datasets.synthetic_intercountry.synthetic_icio_panel`, the later years copies
   of it under their year names: time and memory depend on the size only) for 2 and for 10
   years, each a fresh child, interleaved, peak RSS of each: memory flat in the number of
   years (one year in memory at a time); time per year reported. Rounds:
   ``$VALUECHAIN_BENCH_ICIO_RUNS`` (default ``$VALUECHAIN_BENCH_RUNS``, 3).

Last measured (2026-12-07, session 3, 2 cores shared with other engineers' jobs, whole
processes, interleaved; 1-min load average beside each figure). Before (commit e776bad, same
machine, one run of the command, not the benchmark: full size 192 s, peak RSS 4.39 GiB at load ~3).
Code of commit 3071003 (the one-pass DuckDB query with count/min/max checks, lines writer):
20.0 M rows, 3 rounds: ours 10.6, 9.6, 9.2 s vs reference 3.3, 3.3, 3.2 s, medians 9.6 vs
3.3 s = 2.91x at load 3.9-4.2, peak RSS 0.85 GiB; 265.7 M rows, 2 rounds: ours 90.1, 76.8 s
vs reference 28.0, 22.5 s, medians 83.4 vs 25.2 s = 3.31x at load 3.0-3.9, peak RSS
3.52 GiB (reference 2.70 GiB). Code of commit 13ff4f8 (+ bool_and value check, labels quoted
once): 265.7 M rows, 2 rounds: ours 90.4, 114.8 s vs reference 56.7, 38.9 s, medians 102.6 vs
47.8 s = 2.15x at load 3.1-4.2, peak RSS 3.21 GiB (reference 2.78 GiB); 20.0 M rows, 3 rounds
on a quiet machine: ours 6.2, 5.9, 6.7 s vs reference 1.7, 2.1, 1.8 s = 3.42x at load
1.3-1.6. Commit 58b4a75 (chunks of 2**18 rows), quiet machine: 20.0 M rows, ours 6.2, 5.5, 6.4 s
vs reference 1.7, 1.6, 1.7 s, medians 6.18 vs 1.68 s = 3.68x at load 1.0-1.1, peak RSS
0.79 GiB; 265.7 M rows (commit f6a9e4e, same code), ours 82.2, 73.2 s vs reference 22.7,
27.8 s, medians 77.7 vs 25.2 s = 3.08x at load 1.7-2.3, peak RSS 3.09 GiB. Final code (BLAS
on one thread while streaming), 265.7 M rows: ours 73.9, 73.5 s vs reference 23.2, 22.1 s,
medians 73.7 vs 22.6 s = 3.26x at load 1.5-2.0, peak RSS 3.09 GiB (reference 3.01 GiB);
20.0 M rows: ours 7.7, 8.5, 8.2 s vs reference 3.5, 3.1, 3.3 s, medians 8.2 vs 3.3 s = 2.51x
at load 2.0-3.0, peak RSS 0.79 GiB.
The reference gains most from an idle machine (one query on both cores); ours has about 2 s
of single-threaded work at 20 M rows (imports ~1 s, the eigen-solves, Python), so the 20 M
goal (<= 3x) is met under load (2.51x at load 2-3, 2.91x at load ~4) and missed on an idle
machine (3.4-3.7x at load 1.0-1.6);
the full-size memory goal (<= 4 GiB) is met (3.09-3.52 GiB); the full-size ratio is 2.15x
at load 3-4 and 3.08-3.31x on a quieter machine: not reliably met.

Run: ``python bench/run.py panels`` (``--quick``: small sizes, one round). Full size (265.7 M rows,
``$VALUECHAIN_BIGDATA``): ``VALUECHAIN_BENCH_SIZE=full VALUECHAIN_BENCH_RUNS=2 flock /work/bigdata/.bench.lock
python bench/run.py panels``.

On main after the merges (8 December 2026, quiet machine, load 1.8-2.2): 20 M rows, 3 rounds:
5.12 s vs 1.66 s = **3.08x**, peak 0.76 GiB; 265.7 M rows, 2 rounds: 71.2 s vs 23.4 s = **3.04x**,
peak **3.13 GiB** (memory goal met; the 3x goal missed by a hair on the quiet machine).

Last measured (8 December 2026, session 4, branch cx4; the same 2 cores, shared: another engineer's
test runs and installs came and went, so the load is printed beside every figure). What changed:
the aggregation keyed by the exporter and product ENUM codes (at 265.7 M rows its hash table no
longer spills under the 3 GB cap: 16-18 s instead of 26-35 s in profiled runs), fetched whole,
DuckDB's freed memory returned to the system after it (allocator background threads: 1.5 GB); the
outlook two years at a time on two threads (each year whole on one thread), its n x n buffers
reused; table lookups instead of sorts in the ECI/PCI set-up and the outlook; the CSV bytes
appended by a thread, the first year formatted at once. The three files are byte for byte those
of main at both sizes (``md5sum``, final code).
265.7 M rows, 2 rounds (code of commit 62ca016; the last commit only formats the first year
before asking for the second): ours 55.1, 51.5 s vs reference 20.6, 19.7 s, medians 53.3 vs
20.2 s = **2.64x** at load 1.8-2.8, peak RSS **2.90 GiB** (reference 2.75 GiB). A profiled run of
the command (load 1.4-2.2) took 47.6 s: codes 1.8 s, aggregation 16.2 s, fetch 2.3 s, RCA to
ECI/PCI 3.5 s, outlook and CSV 22.4 s, 86 s of CPU (main: 76.9 s, 113 s of CPU, 3.16 GiB).
20 M rows, 3 rounds each, all with the other engineer's jobs running: commit 62ca016, ours 3.8,
4.4, 4.6 s vs reference 1.3, 1.8, 2.8 s, medians 4.41 vs 1.75 s = 2.51x at load 2.0-2.2, and 4.9,
6.6, 6.1 vs 2.6, 2.8, 3.2 s = 2.20x at load 1.9-2.5; final code, 7.0, 6.0, 6.2 vs 2.5, 2.5, 2.6 s =
2.50x at load 1.6-2.1 (peak 0.63-0.66 GiB). On an idle machine (final code, load 0.4-0.9): ours
4.2, 4.2, 4.2 s vs reference 1.3, 1.3, 1.3 s = **3.25x: missed**; an interleaved A/B of the whole
command right after (3 rounds, load 0.9-1.3) gave main 3.87, 4.16, 4.05 s, commit c93bf81 3.99,
3.97, 3.81 s, the final code 3.97, 3.82, 3.87 s (medians 4.05, 3.97, 3.87 s). So at 20 M rows
these changes gain little (about 0.2 s of 4): the goal is met under load and missed by about 0.1
to 0.3 s on an idle machine, where the reference is one 1.3 s query and ours pays fixed costs the
size does not shrink: about 0.85 s of imports and engine set-up before the first query, the
codes query (0.15 s), the checks in the aggregation, and DuckDB's ``printf`` of 7.6 M floats
(about 0.9 s on both cores).

On main after merging cx4 and the fourth session's start-up changes (typer < 0.29, the package
byte-compiled once as pip does, see bench/run.py), 8 December 2026, 03:00-03:07 UTC, the machine
quiet but for the benchmark (load 0.9-2.9): 20.0 M rows, 3 rounds each, three times: 4.02 s vs
1.54 s = **2.61x** (load 0.9), 3.98 s vs 1.34 s = **2.96x** (load 2.2-2.4), 3.91 s vs 1.35 s =
**2.91x** (load 1.5-1.7), peak 0.60-0.65 GiB; 265.7 M rows, 2 rounds: 47.0 s (47.3, 46.7) vs 17.7 s
(17.6, 17.9) = **2.65x**, peak **2.88 GiB** (reference 2.76 GiB). Both goals met at both sizes;
at 20 M rows by a thin margin (the reference varies 1.3-1.55 s from round set to round set).
After CI, on the idle machine (03:18 UTC, load 0.2-0.5): 20 M rows 4.06 s (4.8, 4.1, 3.9) vs 1.50 s
(1.5, 1.5, 1.3) = **2.71x**, peak 0.62 GiB.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import Result

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
BENCH_DIR = Path(os.environ.get("VALUECHAIN_BENCH_DIR", "/tmp/valuechain_bench"))
RUNS = int(os.environ.get("VALUECHAIN_BENCH_RUNS", "3"))

#: the reference: ONE DuckDB query building the RCA matrix of every year (exports summed over
#: importers, Balassa RCA from window sums), fetched to the client as Arrow
REFERENCE_SQL = """
with e as (select year, exporter, product, sum(value) v from {src} where value > 0 group by all)
select year, exporter, product, v,
       (v / sum(v) over (partition by year, exporter)) / (sum(v) over (partition by year, product) / sum(v) over (partition by year)) rca
from e
"""


def _child(code: str) -> tuple[float, float]:
    """Run ``code`` in a fresh Python; (wall seconds of the whole child, its own peak RSS in GiB)."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    code += "\nprint([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])\n"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {proc.stderr.strip()[-2000:]}")
    return wall, int(proc.stdout.split()[-1]) / 1024**2


def _trade_panel(fraction: float, name: str) -> tuple[Path, int]:
    sys.path.insert(0, str(SRC))
    import pyarrow.parquet as pq

    from valuechain.trade.synthetic import baci_scale, synthetic_panel

    path = BENCH_DIR / name
    if not (path / "SYNTHETIC.md").exists():
        if path.exists():
            import shutil

            shutil.rmtree(path)
        synthetic_panel(**baci_scale(fraction), seed=0, path=path)
    return path, sum(pq.ParquetFile(f).metadata.num_rows for f in path.glob("*.parquet"))


_OURS = """
from typer.testing import CliRunner
from valuechain.cli import app
r = CliRunner().invoke(app, [*{args!r}, "--quiet", "-o", {out!r}])
assert r.exit_code == 0, r.output
"""


def _ref_child(panel: Path) -> str:
    q = REFERENCE_SQL.format(src=f"read_parquet('{panel}/*.parquet')")
    return ("import duckdb\ncon = duckdb.connect()\ncon.sql('SET enable_progress_bar = false')\n"
            f"tab = con.sql({q!r}).to_arrow_table()\nassert tab.num_rows > 0\n")


def _runs(xs) -> str:
    return ", ".join(f"{x:.1f}" for x in xs)


def _full_panel() -> tuple[Path, int]:
    """The full-size (265.7 M rows) SYNTHETIC panel in ``$VALUECHAIN_BIGDATA`` (made once, by ``bench_trade``)."""
    import pyarrow.parquet as pq

    path = Path(os.environ.get("VALUECHAIN_BIGDATA", "/work/bigdata/baci_full_seed0"))
    if not (path / "SYNTHETIC.md").exists():
        raise RuntimeError(f"{path} holds no finished panel (no SYNTHETIC.md); generate it first")
    return path, sum(pq.ParquetFile(f).metadata.num_rows for f in path.glob("*.parquet"))


def bench_complexity_all_years(quick: bool) -> list[Result]:
    """``VALUECHAIN_BENCH_SIZE=full``: the full-size panel (265.7 M rows; run it under
    ``flock /work/bigdata/.bench.lock``, rounds ``$VALUECHAIN_BENCH_RUNS``); default 20 M rows."""
    full = os.environ.get("VALUECHAIN_BENCH_SIZE", "20M") == "full" and not quick
    fraction = 1.0 if full else 2e6 / 266e6 if quick else 20e6 / 266e6
    panel, rows = _full_panel() if full else _trade_panel(fraction, f"complexity_panel_{rows_label(fraction)}")
    times = {"ours": [], "ref": []}
    rss = {"ours": [], "ref": []}
    loads = {"ours": [], "ref": []}
    for _ in range(1 if quick else RUNS):
        for key in ("ours", "ref"):
            loads[key].append(os.getloadavg()[0])
            with tempfile.TemporaryDirectory() as tmp:
                code = (_OURS.format(args=["complexity", str(panel)], out=str(Path(tmp) / "out")) if key == "ours"
                        else _ref_child(panel))
                t, r = _child(code)
            times[key].append(t)
            rss[key].append(r)
    med = {k: statistics.median(v) for k, v in times.items()}
    note = (f"{rows / 1e6:.1f}M rows synthetic (226 x {round(5000 * fraction)} x 30 years), measured at this size, "
            f"{len(times['ours'])} round(s); "
            f"ours runs {_runs(times['ours'])} s at load {_runs(loads['ours'])}; reference runs {_runs(times['ref'])} s "
            f"at load {_runs(loads['ref'])} (1-min load average, {os.cpu_count()} cores); reference peak RSS "
            f"{max(rss['ref']):.2f} GiB")
    return [Result(name=f"complexity all years (ECI, PCI, density, COG), {rows / 1e6:.0f}M rows", ours_s=med["ours"],
                   ref_s=med["ref"], ref_name="1 DuckDB query: RCA matrix, all years", goal="<=3x" + (", RSS<=4GiB" if full else ""),
                   goal_ratio=None if quick else 3.0, info=quick, peak_rss_gb=max(rss["ours"]),
                   goal_rss_gb=4.0 if full else None, note=note)]


def rows_label(fraction: float) -> str:
    return f"{fraction * 266:.0f}M"


def bench_icio_panel(quick: bool) -> list[Result]:
    if os.environ.get("VALUECHAIN_BENCH_SIZE", "20M") == "full":
        return []  # the ICIO panel has one size (80 x 50, 10 years); VALUECHAIN_BENCH_SIZE is the trade panel's
    sys.path.insert(0, str(SRC))
    from valuechain.datasets.synthetic_intercountry import synthetic_icio_panel

    G, N = (10, 5) if quick else (80, 50)
    first, n_years = 2001, 10
    folder = BENCH_DIR / f"icio_panel_{G}x{N}"
    if not (folder / f"ICIOSYN_{first}.csv").exists():
        synthetic_icio_panel(folder, G, N, [first], seed=0)
    for y in range(first + 1, first + n_years):  # further years: the first table under their names
        if not (folder / f"ICIOSYN_{y}.csv").exists():  # (time and memory depend on the size only)
            import shutil

            shutil.copyfile(folder / f"ICIOSYN_{first}.csv", folder / f"ICIOSYN_{y}.tmp")
            (folder / f"ICIOSYN_{y}.tmp").rename(folder / f"ICIOSYN_{y}.csv")
    spans = {2: f"{first}-{first + 1}", n_years: f"{first}-{first + n_years - 1}"}
    times = {k: [] for k in spans}
    rss = {k: [] for k in spans}
    loads = {k: [] for k in spans}
    runs = 1 if quick else int(os.environ.get("VALUECHAIN_BENCH_ICIO_RUNS", RUNS))
    for _ in range(runs):
        for k, span in spans.items():
            loads[k].append(os.getloadavg()[0])
            with tempfile.TemporaryDirectory() as tmp:
                code = _OURS.format(args=["gvc", str(folder), "--years", span, "-m", "tiva"], out=str(Path(tmp) / "out.csv"))
                t, r = _child(code)
            times[k].append(t)
            rss[k].append(r)
    med = {k: statistics.median(v) for k, v in times.items()}
    out = []
    for k in spans:
        out.append(Result(
            name=f"gvc tiva panel {G}x{N}, {k} years", ours_s=med[k], goal="RSS flat in years", info=True,
            peak_rss_gb=max(rss[k]),
            note=(f"SYNTHETIC OECD-layout tables; {med[k] / k:.1f} s per year; runs {_runs(times[k])} s at load "
                  f"{_runs(loads[k])} (1-min load average, {os.cpu_count()} cores); {len(times[k])} run(s)")))
    ratio = max(rss[n_years]) / max(rss[2])
    out.append(Result(name=f"gvc panel peak RSS, {n_years} years vs 2", ours_s=med[n_years], ref_s=med[2],
                      ref_name="2 years", goal="RSS<=1.1x the 2-year run", peak_rss_gb=max(rss[n_years]),
                      goal_rss_gb=None if quick else 1.1 * max(rss[2]), info=quick,
                      note=f"peak RSS {max(rss[n_years]):.3f} GiB for {n_years} years vs {max(rss[2]):.3f} GiB for 2 "
                           f"(x{ratio:.3f})"))
    return out


BENCHMARKS = [bench_complexity_all_years, bench_icio_panel]
