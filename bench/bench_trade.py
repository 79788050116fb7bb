"""Trade outcomes of one country from a BACI-scale SYNTHETIC panel (goal: <= 30 s, peak RSS < 8 GB at 270 M rows).

The full panel (226 exporters × 5000 HS6 × 30 years, ≈ 270 M rows) does not fit the
benchmark machine's disk and time budget, so the panel is generated at 1/30, 1/10 (and,
unless ``quick``, 1/3) of BACI's size (``valuechain.trade.synthetic.baci_scale``), the
``valuechain trade`` command is run on each in a child process (wall time and peak RSS from
``resource.getrusage(RUSAGE_CHILDREN)``), and the time at 270 M rows is extrapolated
linearly from the measured points (the work is one scan of the panel for world totals
and imports plus queries on the country's rows).

Two references are measured in the same run: pandas on the same Parquet files (pyarrow read
of the needed columns + groupby) computing a subset of the indicators (world totals for
RCA, the country's exports, imports, product HHI), up to 1/10 scale; and the floor of any
implementation, the two full scans the diagnostic needs (world exports by year × product
and the country's imports) as raw DuckDB SQL. The machine is shared, so the ratios are
more stable than the seconds.

Panels are cached in ``$VALUECHAIN_BENCH_DIR`` (default ``/tmp/valuechain_bench``).
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
FULL_ROWS = 270e6
COUNTRY = "KAZ"


def _panel(fraction: float) -> tuple[Path, int, float]:
    """Generate (or reuse) the panel at ``fraction`` of BACI scale; return path, rows, generation seconds."""
    sys.path.insert(0, str(SRC))
    import pyarrow.parquet as pq

    from valuechain.trade.synthetic import baci_scale, synthetic_panel

    path = BENCH_DIR / f"trade_panel_1_{round(1 / fraction)}"
    gen_s = float("nan")
    if not (path / "SYNTHETIC.md").exists():
        if path.exists():
            import shutil

            shutil.rmtree(path)
        t = time.perf_counter()
        synthetic_panel(**baci_scale(fraction), seed=0, path=path)
        gen_s = time.perf_counter() - t
    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in path.glob("*.parquet"))
    return path, rows, gen_s


def _child(code: str) -> tuple[float, float]:
    """Run ``code`` in a fresh Python; return (wall seconds, peak RSS GB of that child).

    The child reports its own ``getrusage(RUSAGE_SELF).ru_maxrss`` (DuckDB runs in-process,
    so its memory is included) on its last output line.
    """
    env = dict(os.environ, PYTHONPATH=str(SRC))
    code += "\nimport resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t
    return wall, int(out.split()[-1]) / 1024**2


_OURS = """
from typer.testing import CliRunner
from valuechain.cli import app
r = CliRunner().invoke(app, ["trade", {panel!r}, "--country", {country!r}, "--quiet", "-o", {out!r}])
assert r.exit_code == 0, r.output
"""

_PANDAS = """
import pyarrow.parquet as pq, pyarrow.dataset as ds, pandas as pd
import glob
d = ds.dataset(sorted(glob.glob({panel!r} + "/*.parquet")), format="parquet")
w = d.to_table(columns=["year", "product", "value"]).to_pandas()
world = w.groupby(["year", "product"]).value.sum()
del w
imp = d.to_table(columns=["year", "value"], filter=ds.field("importer") == {country!r}).to_pandas().groupby("year").value.sum()
x = d.to_table(filter=ds.field("exporter") == {country!r}).to_pandas()
ex = x.groupby("year").value.sum()
s = x.groupby(["year", "product"]).value.sum()
hhi = (s.div(s.groupby(level=0).transform("sum")) ** 2).groupby(level=0).sum()
rca = (s / s.groupby(level=0).transform("sum")) / (world / world.groupby(level=0).transform("sum")).reindex(s.index)
"""


_FLOOR = """
import duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
src = "read_parquet('{panel}/*.parquet')"
con.execute(f"select year, product, sum(value) from {{src}} group by all").fetchall()
con.execute(f"select year, sum(value) from {{src}} where importer = '{country}' group by all").fetchall()
"""


def bench_trade_outcomes(quick: bool) -> list[Result]:
    fractions = [1 / 300, 1 / 30] if quick else [1 / 30, 1 / 10, 1 / 3]
    results, points = [], []
    for f in fractions:
        panel, rows, gen_s = _panel(f)
        with tempfile.TemporaryDirectory() as tmp:
            ours, rss = _child(_OURS.format(panel=str(panel), country=COUNTRY, out=str(Path(tmp) / "out")))
        ref = None
        if rows <= 40e6:  # pandas needs the whole (year, product, value) table in memory
            ref, _ = _child(_PANDAS.format(panel=str(panel), country=COUNTRY))
        floor, _ = _child(_FLOOR.format(panel=str(panel), country=COUNTRY))
        points.append((rows, ours))
        note = f"{rows / 1e6:.1f}M rows synthetic" + (f", generated in {gen_s:.0f}s" if gen_s == gen_s else "")
        results.append(Result(name=f"trade outcomes {COUNTRY}, 1/{round(1 / f)} BACI", ours_s=ours, ref_s=ref,
                              ref_name="pandas subset", goal="<=30s, <8GB at 270M", goal_seconds=30.0,
                              peak_rss_gb=rss, goal_rss_gb=8.0, note=note))
        results.append(Result(name=f"  same, vs the 2 unavoidable full scans, 1/{round(1 / f)}", ours_s=ours, ref_s=floor,
                              ref_name="raw DuckDB SQL", goal="overhead", info=True, note="world totals + imports scans only"))
    if len(points) >= 2:
        import numpy as np

        n, s = np.array(points).T
        slope, icpt = np.polyfit(n, s, 1)
        full = icpt + slope * FULL_ROWS
        growth = ", ".join(f"{b[1] / a[1]:.2f}x time for {b[0] / a[0]:.1f}x rows" for a, b in zip(points[:-1], points[1:]))
        results.append(Result(name="trade outcomes, extrapolated to 270M rows", ours_s=float(full), goal="<=30s",
                              goal_seconds=30.0, note=f"linear fit; {growth}"))
    return results


BENCHMARKS = [bench_trade_outcomes]
