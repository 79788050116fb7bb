"""Trade outcomes of one country on the FULL BACI-size SYNTHETIC panel (measured, not extrapolated).

Goal (issue 10): ``valuechain trade PANEL --country KAZ`` at 270 M rows in <= 10 s on the
2-core benchmark machine and <= 3x one full-scan DuckDB query that computes what the
diagnostic cannot avoid: the exporter's yearly totals, product and market counts and
product HHI, plus the world totals by year x product that RCA needs (its denominator).

The panel (226 exporters x 5000 HS6 x 30 years, ~270 M rows, seed 0; SYNTHETIC) is
written once by :func:`valuechain.trade.synthetic.synthetic_panel` into
``$VALUECHAIN_BIGDATA`` (default ``/work/bigdata/baci_full_seed0``, outside the repo)
and reused. Ours and the reference run interleaved, each in a fresh child process that
reports its own peak RSS (``VmHWM``); medians over the runs. An informational third
child gives the world totals with ``--world`` (a file written once under
``$VALUECHAIN_BENCH_DIR``), so that RCA needs no aggregation of the panel. ``--quick``
uses a 1/300 panel under ``$VALUECHAIN_BENCH_DIR``.
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


def _panel(fraction: float) -> tuple[Path, int]:
    """The panel at ``fraction`` of BACI scale (the full one in $VALUECHAIN_BIGDATA), made once."""
    sys.path.insert(0, str(SRC))
    import pyarrow.parquet as pq

    from valuechain.trade.synthetic import baci_scale, synthetic_panel

    path = BIG if fraction == 1.0 else BENCH_DIR / f"trade_panel_1_{round(1 / fraction)}"
    if not (path / "SYNTHETIC.md").exists():
        if path.exists():
            import shutil

            shutil.rmtree(path)
        synthetic_panel(**baci_scale(fraction), seed=0, path=path)
    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in path.glob("*.parquet"))
    return path, rows


def _child(code: str) -> tuple[float, float]:
    """Run ``code`` in a fresh Python; return (wall seconds, the child's own peak RSS in GiB, VmHWM)."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    code += "\nprint([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])\n"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0  # the whole command, Python start-up included
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {proc.stderr.strip()[-2000:]}")
    return wall, int(proc.stdout.split()[-1]) / 1024**2


_OURS = """
from typer.testing import CliRunner
from valuechain.cli import app
r = CliRunner().invoke(app, ["trade", {panel!r}, "--country", {country!r}, "--quiet", "-o", {out!r}, *{extra!r}])
assert r.exit_code == 0, r.output
"""


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

# the reference: ONE full-scan DuckDB query computing the exporter's yearly totals, product and
# market counts and product HHI, and the world totals by year x product (RCA's denominator)
_FULLSCAN = """
import duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
src = "read_parquet('{panel}/*.parquet')"
con.execute(f\"\"\"
with w as (select year, product, sum(value) v from {{src}} group by all),
     x as (select year, product, importer, value from {{src}} where exporter = '{country}'),
     p as (select year, product, sum(value) v from x group by all),
     t as (select year, sum(v) tot, count(*) n_products from p group by all),
     h as (select p.year, sum((p.v / t.tot) ^ 2) hhi from p join t using (year) group by all),
     m as (select year, count(distinct importer) n_markets from x group by all),
     r as (select p.year, count(*) n_rca from p join w using (year, product) group by all)
select * from t join h using (year) join m using (year) join r using (year) order by year
\"\"\").fetchall()
"""


def bench_trade_outcomes(quick: bool) -> list[Result]:
    import statistics

    panel, rows = _panel(1 / 300 if quick else 1.0)
    world = _world_file(panel)
    ours, oursw, refs, rss, rssw, loads = [], [], [], [], [], []
    for _ in range(1 if quick else RUNS):  # interleaved: ours, ours --world, reference, ours, ...
        loads.append(os.getloadavg()[0])
        with tempfile.TemporaryDirectory() as tmp:
            t, r = _child(_OURS.format(panel=str(panel), country=COUNTRY, out=str(Path(tmp) / "out"), extra=[]))
        ours.append(t)
        rss.append(r)
        with tempfile.TemporaryDirectory() as tmp:
            t, r = _child(_OURS.format(panel=str(panel), country=COUNTRY, out=str(Path(tmp) / "out"),
                                       extra=["--world", str(world)]))
        oursw.append(t)
        rssw.append(r)
        refs.append(_child(_FULLSCAN.format(panel=str(panel), country=COUNTRY))[0])
    loads.append(os.getloadavg()[0])
    o, f = statistics.median(ours), statistics.median(refs)
    load = f"load average (1 min) {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores"

    def runs(xs):
        return ", ".join(f"{x:.1f}" for x in xs)

    note = (f"{rows / 1e6:.1f}M rows synthetic, measured at this size; runs ours {runs(ours)} s, "
            f"reference {runs(refs)} s; {load}")
    return [
        Result(name=f"trade {COUNTRY}, {rows / 1e6:.0f}M rows", ours_s=o, ref_s=f, ref_name="1 full-scan DuckDB query",
               goal="<=10s and <=3x", goal_seconds=None if quick else 10.0, goal_ratio=None if quick else 3.0,
               peak_rss_gb=max(rss), note=note),
        Result(name=f"trade {COUNTRY} --world FILE, {rows / 1e6:.0f}M rows", ours_s=statistics.median(oursw), ref_s=f,
               ref_name="1 full-scan DuckDB query", goal="info", info=True, peak_rss_gb=max(rssw),
               note=f"world totals given (no world aggregation); runs {runs(oursw)} s; {load}"),
    ]


BENCHMARKS = [bench_trade_outcomes]
