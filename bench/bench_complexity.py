"""Complexity and survival benchmarks (SYNTHETIC panels; nothing here is observed data).

1. ``bench_eci``: ECI/PCI (eigenvector method) for every year of a 30-year panel of
   226 exporters x 5000 products (about 40 % of pairs non-zero, ~13.5 M rows, Parquet),
   read, validated, RCA/Mcp in DuckDB and ECI/PCI in one call, against py-ecomplexity on
   one year of the same data measured in the same run. Goal: ours per year <= 1/20 of
   py-ecomplexity per year. py-ecomplexity also computes proximity, density, COI and COG,
   which we do not; its ECI/PCI step alone (``calc_eci_pci``, timed by wrapping it during
   the same run) is reported as a second, informational ratio.
2. ``bench_survival``: spells (bit-mask route) + Kaplan-Meier + log-rank (across all
   exporters and every pair) for all 226 exporters of the synthetic bilateral panel of
   :mod:`valuechain.trade.synthetic` at 1/100, 1/10, 1/3 and the full BACI size (~266 M
   rows; generating it takes about 3.5 minutes and 1.7 GB of disk), each in a child process
   that reports its peak RSS (``VmHWM``). Goal at full size: <= 5 minutes, peak RSS < 8 GB.

Run: ``python bench/run.py complexity`` (``--quick``: small sizes).
"""

from __future__ import annotations

import contextlib
import io
import json
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

    from valuechain.trade.synthetic import synthetic_hs6, synthetic_iso3

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
    from valuechain.trade.complexity import economic_complexity

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
def _child_survival(path: str) -> dict:
    import resource

    from valuechain.trade.engine import connect
    from valuechain.trade.readers import read_flows
    from valuechain.trade.survival import survival_analysis

    t0 = time.perf_counter()
    con = connect("duckdb", threads=2, memory_limit="5GB")
    tf = read_flows(path, con=con, validate=False)  # generator output: valid by construction
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = survival_analysis(tf, by="exporter", level="destination")
    t = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    try:  # VmHWM: this process's own peak (ru_maxrss also counts the parent's RSS at fork)
        with open("/proc/self/status") as fh:
            rss = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:")) / 1024**2
    except (OSError, StopIteration):
        pass
    return {"t": t, "rss_gb": rss, "spells": int(res.counts["count"].sum()), "groups": int(res.counts["group"].nunique()),
            "pairs": int((res.logrank["comparison"] == "pairwise").sum()), "synthetic": bool(res.flags)}


def bench_survival(quick: bool) -> list[Result]:
    import numpy as np

    from valuechain.trade.synthetic import baci_scale, synthetic_panel

    fractions = [0.002, 0.004] if quick else [0.01, 0.1, 1 / 3, 1.0]
    out: list[Result] = []
    rows, times, rsss = [], [], []
    for f in fractions:
        tmp = Path(tempfile.mkdtemp(prefix="vc_bench_surv_"))
        try:
            info = synthetic_panel(**baci_scale(f), seed=3, quantities=False, path=tmp / "panel")
            proc = subprocess.run([sys.executable, __file__, "--child-survival", str(tmp / "panel")],
                                  capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                raise RuntimeError(f"survival child failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")
            r = json.loads(proc.stdout.strip().splitlines()[-1])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        rows.append(info.n_rows)
        times.append(r["t"])
        rsss.append(r["rss_gb"])
        full = f == 1.0
        out.append(Result(name=f"survival all exporters, {info.n_rows / 1e6:.1f}M rows ({f:.3g} BACI)", ours_s=r["t"],
                          goal="<=300s, RSS<8GB" if full else "growth", goal_seconds=300.0 if full else None,
                          peak_rss_gb=r["rss_gb"], goal_rss_gb=8.0,
                          note=f"synthetic; {r['spells']} spells, {r['groups']} exporters, {r['pairs']} pairwise log-rank tests"))
    b, a = np.polyfit(np.asarray(rows, float), np.asarray(times, float), 1)
    if b <= 0:  # sizes too small for the per-row cost to show (quick mode): no extrapolation
        b, a = 0.0, max(times)
    est = a + b * BACI_ROWS
    if quick or fractions[-1] == 1.0:  # tiny panels: fixed costs dominate; full size: measured
        return out
    out.append(Result(name="survival all exporters, 270M rows (EXTRAPOLATED)", ours_s=float(est), goal="<=300s",
                      goal_seconds=300.0, peak_rss_gb=max(rsss), goal_rss_gb=8.0,
                      note=(f"linear fit t = {a:.1f}s + {b * 1e6:.2f}s per M rows over {len(rows)} sizes; rss = largest MEASURED "
                            "(not extrapolated; DuckDB memory_limit=5GB caps the engine, it spills beyond)")))
    return out


BENCHMARKS = [bench_eci, bench_survival]


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child-survival":
        print(json.dumps(_child_survival(sys.argv[2])))
