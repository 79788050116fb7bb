"""Complexity and survival benchmarks (SYNTHETIC panels; nothing here is observed data).

1. ``bench_eci``: ECI/PCI (eigenvector method) for every year of a 30-year panel of
   226 exporters x 5000 products (about 40 % of pairs non-zero, ~13.5 M rows, Parquet),
   read, validated, RCA/Mcp in DuckDB and ECI/PCI in one call, against py-ecomplexity on
   one year of the same data measured in the same run. Goal: ours per year <= 1/20 of
   py-ecomplexity per year. py-ecomplexity also computes proximity, density, COI and COG,
   which we do not; its ECI/PCI step alone (``calc_eci_pci``, timed by wrapping it during
   the same run) is reported as a second, informational ratio.
2. ``bench_survival``: the ``valuechain survival`` command on the FULL BACI-size SYNTHETIC
   panel (226 exporters x 5000 HS6 x 30 years, ~270 M rows, seed 0), written once into
   ``$VALUECHAIN_BIGDATA`` (default ``/work/bigdata/baci_full_seed0``, outside the repo) and
   reused, each run in a fresh child process reporting its own peak RSS (``VmHWM``):
   one country (``--country KAZ --by destination``; goal peak RSS <= 2 GiB) and all
   exporters (``--by exporter``; goal peak RSS <= 8 GiB). Measured at full size, never
   extrapolated. ``--quick``: a 1/300 panel.

Run: ``python bench/run.py complexity`` (``--quick``: small sizes).
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from run import Result  # noqa: E402

BACI_ROWS = 270e6


# --------------------------------------------------------------------------- ECI
def _eci_panel(n_c: int, n_p: int, n_y: int, folder: Path, seed: int = 0) -> None:
    """Write a SYNTHETIC exporter x product x year panel (one Parquet file per year)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    from valuechain.datasets.synthetic_trade import synthetic_hs6, synthetic_iso3

    rng = np.random.default_rng(seed)
    ctry = np.asarray(synthetic_iso3(n_c), dtype=object)
    prod = np.asarray(synthetic_hs6(n_p), dtype=object)
    cap = rng.normal(0, 1, n_c)
    cpx = rng.normal(0, 1, n_p)
    size = rng.lognormal(0, 1.5, n_c)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n_y):
        cap = cap + rng.normal(0, 0.05, n_c)
        prob = 1 / (1 + np.exp(-(1.2 * (cap[:, None] - cpx[None, :]) - 0.4)))
        on = rng.uniform(size=prob.shape) < prob
        ci, pi = np.nonzero(on)
        val = size[ci] * rng.lognormal(3, 2, ci.size)
        df = pd.DataFrame({"year": 1995 + k, "exporter": ctry[ci], "product": prod[pi], "value": val})
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), folder / f"year={1995 + k}.parquet")


def bench_eci(quick: bool) -> list[Result]:
    import numpy as np
    import pandas as pd

    import importlib

    ecx = importlib.import_module("ecomplexity.ecomplexity")  # the module (the package exports a function of that name)
    from valuechain.complexity.complexity import economic_complexity

    n_c, n_p, n_y = (40, 300, 5) if quick else (226, 5000, 30)
    tmp = Path(tempfile.mkdtemp(prefix="vc_bench_eci_"))
    try:
        _eci_panel(n_c, n_p, n_y, tmp / "panel")
        t0 = time.perf_counter()
        ours = economic_complexity(tmp / "panel", normalize="eci")
        t_ours = time.perf_counter() - t0

        # py-ecomplexity on the last year, same data; time its ECI/PCI step by wrapping it
        year = 1995 + n_y - 1
        one = pd.read_parquet(tmp / "panel" / f"year={year}.parquet")
        step = {"t": 0.0}
        orig = ecx.calc_eci_pci

        def timed(cdata):
            s = time.perf_counter()
            out = orig(cdata)
            step["t"] += time.perf_counter() - s
            return out

        ecx.calc_eci_pci = timed
        try:
            with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
                warnings.simplefilter("ignore")
                t0 = time.perf_counter()
                ref = ecx.ecomplexity(one, {"time": "year", "loc": "exporter", "prod": "product", "val": "value"},
                                      check_logsupermodularity=False, verbose=False)
                t_ref = time.perf_counter() - t0
        finally:
            ecx.calc_eci_pci = orig
        rc = ref.groupby("exporter")["eci"].first()
        oc = ours.countries[ours.countries["year"] == year].set_index("country")["eci"]
        err = float(np.max(np.abs(oc.loc[rc.index].to_numpy() - rc.to_numpy())))
        per_year = t_ours / n_y
        note = f"synthetic {n_c}x{n_p}x{n_y}, {len(ours.mcp)} Mcp=1 pairs; max |ECI - py-ecomplexity| = {err:.1e}"
        return [
            Result(name=f"ECI/PCI {n_y}y {n_c}x{n_p}, per year (read+RCA+eig)", ours_s=per_year, ref_s=t_ref,
                   ref_name="py-ecomplexity, 1 year", goal="<=1/20 per year" if not quick else "full size only",
                   goal_ratio=None if quick else 0.05, note=note),
            Result(name=f"ECI/PCI {n_y}y {n_c}x{n_p}, per year vs eig step", ours_s=per_year, ref_s=step["t"],
                   ref_name="py-ecomplexity calc_eci_pci", goal="info", note="py-ecomplexity's ECI/PCI step alone"),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- survival
import os  # noqa: E402

BIG = Path(os.environ.get("VALUECHAIN_BIGDATA", "/work/bigdata/baci_full_seed0"))
BENCH_DIR = Path(os.environ.get("VALUECHAIN_BENCH_DIR", "/tmp/valuechain_bench"))

_SURVIVAL = """
from typer.testing import CliRunner
from valuechain.cli import app
r = CliRunner().invoke(app, ["survival", {panel!r}, *{args!r}, "--quiet", "-o", {out!r}])
assert r.exit_code == 0, r.output
"""


def _panel(fraction: float) -> tuple[Path, int]:
    import pyarrow.parquet as pq

    from valuechain.datasets.synthetic_trade import baci_scale, synthetic_panel

    path = BIG if fraction == 1.0 else BENCH_DIR / f"trade_panel_1_{round(1 / fraction)}"
    if not (path / "SYNTHETIC.md").exists():
        if path.exists():
            shutil.rmtree(path)
        synthetic_panel(**baci_scale(fraction), seed=0, path=path)
    return path, sum(pq.ParquetFile(f).metadata.num_rows for f in path.glob("*.parquet"))


def _child(code: str) -> tuple[float, float]:
    """(wall seconds of the whole child, its own peak RSS in GiB from VmHWM)."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
    code += "\nprint([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])\n"
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"survival child failed: {proc.stderr.strip()[-2000:]}")
    return wall, int(proc.stdout.split()[-1]) / 1024**2


def bench_survival(quick: bool) -> list[Result]:
    panel, rows = _panel(1 / 300 if quick else 1.0)
    out = []
    load = os.getloadavg()[0]
    for name, args, goal in [("one country (KAZ, by destination)", ["--country", "KAZ", "--by", "destination"], 2.0),
                             ("all exporters (by exporter)", ["--by", "exporter", "--no-figure"], 8.0)]:
        with tempfile.TemporaryDirectory() as tmp:
            t, rss = _child(_SURVIVAL.format(panel=str(panel), args=args, out=str(Path(tmp) / "out")))
        out.append(Result(name=f"survival {name}, {rows / 1e6:.0f}M rows", ours_s=t, goal=f"RSS<={goal:g}GiB",
                          peak_rss_gb=rss, goal_rss_gb=None if quick else goal,
                          note=f"synthetic, measured at this size; load average {load:.1f} on {os.cpu_count()} cores"))
    return out


BENCHMARKS = [bench_eci, bench_survival]


if __name__ == "__main__":
    raise SystemExit("run: python bench/run.py complexity")
