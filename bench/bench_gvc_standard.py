"""GVC standard terms: all six methods with ``terms="standard"`` and two exporter groups, 80 x 50 ICIO.

Table (n = 4,000): the real OECD ICIO 2025 intermediate block for 2022 with the documented
SYNTHETIC final demand of ``bench_gvc.py`` (each node's final use ``x - Z 1`` split 70 % to
its own country, 30 % to the other 79 by gross output; value added is the residual).
Groups: ``EU27_2020`` (built-in membership, 2022) and ``EAEU=KAZ,RUS`` (the members that
are in the table), each an exporter of its own.

Work timed ("ours"), from the table: :class:`valuechain.gvc.standard.ExporterUnits` (the
global inverse, ``B Y`` by destination, local inverses: shared) and the standard terms of
kww, wwz, bm_source, bm_sink, my and oecd for the 80 countries and the two groups.
Reference: one dense ``numpy.linalg.inv(I - A)`` of the same matrix, in the same child,
order alternating (interleaved), medians; each child reports its own peak RSS (VmHWM).
Goals: ours <= 3x the reference; peak RSS <= 2 GB.

Memory over a panel: one child runs 30 "years" of tables of that size (the 2022 Z scaled
by a seeded random factor per cell, 0.9-1.1, so every year is a new table) through all six
methods and records its resident memory (VmRSS) after each year. Goal: the last year's
RSS is within 10 % of the third year's (flat: nothing accumulates across years).

Run: ``python bench/run.py gvc_standard`` (``--quick``: 20 x 10 synthetic, 3 runs, 5 years).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from run import Result  # noqa: E402

DATA = "oecd_icio2025_2022_intermediate"
METHODS = ("kww", "wwz", "bm_source", "bm_sink", "my", "oecd")


def _table(G: int, N: int, real: bool, scale_seed: int | None = None):
    from bench_gvc import _table as base_table

    t = base_table(G, N, real)
    if scale_seed is None:
        return t
    import numpy as np

    from valuechain.gvc import InterCountryTable

    rng = np.random.default_rng(scale_seed)
    Z = t.Z * rng.uniform(0.9, 1.1, t.Z.shape)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return InterCountryTable.from_frames(Z, t.Y, x=Z.sum(axis=1) + t.Y.sum(axis=1), flags=t.flags, name=f"{t.name} year {scale_seed}")


def _groups(table) -> str:
    econ = set(table.economies)
    if {"KAZ", "RUS"} <= econ:
        return "EU27_2020;EAEU=KAZ,RUS"
    return f"G1={table.economies[0]},{table.economies[1]};G2={table.economies[2]},{table.economies[3]}"


def _ours(table) -> int:
    from valuechain.gvc.standard import ExporterUnits, parse_exporter_groups, standard_terms

    U = ExporterUnits.from_table(table, parse_exporter_groups(_groups(table), table.economies, year=2022), check=False)
    rows = 0
    for m in METHODS:
        r = standard_terms(table, m, units=U)
        if not r.identities_hold(rtol=1e-6):
            raise RuntimeError(f"{m}: identities fail")
        rows += len(r.table)
    return rows


def _status(key: str) -> float | None:
    try:
        with open("/proc/self/status") as fh:
            return next(int(ln.split()[1]) for ln in fh if ln.startswith(key)) / 1024**2
    except (OSError, StopIteration):
        return None


def _child(G: int, N: int, real: bool, ref_first: bool) -> dict:
    import numpy as np

    warnings.simplefilter("ignore")
    table = _table(G, N, real)
    n = table.G * table.N
    A = table.Z.to_numpy() / np.where(table.x.to_numpy() > 0, table.x.to_numpy(), 1.0)[None, :]
    M = np.eye(n) - A
    del A
    np.linalg.inv(np.eye(min(n, 1000)) - 0.1 * np.ones((min(n, 1000),) * 2) / min(n, 1000))
    _ours(_table(4, 3, False))  # warm-up: imports and code paths

    def ref():
        t0 = time.perf_counter()
        inv = np.linalg.inv(M)
        dt = time.perf_counter() - t0
        del inv
        return dt

    def ours():
        t0 = time.perf_counter()
        rows = _ours(table)
        return time.perf_counter() - t0, rows

    if ref_first:
        t_ref = ref()
        t_ours, rows = ours()
    else:
        t_ours, rows = ours()
        t_ref = ref()
    return {"t_ref": t_ref, "t_ours": t_ours, "rows": rows, "n": n, "rss_gb": _status("VmHWM:")}


def _panel_child(G: int, N: int, real: bool, years: int, trim: bool = True) -> dict:
    import gc

    from valuechain.gvc.panel import release_memory

    warnings.simplefilter("ignore")
    rss = []
    for y in range(years):
        t = _table(G, N, real, scale_seed=1000 + y)
        _ours(t)
        del t
        gc.collect()
        if trim:
            release_memory()  # what `valuechain gvc FOLDER --years` does after each year (gvc/panel.py)
        rss.append(_status("VmRSS:"))
    return {"rss_gb": rss, "hwm_gb": _status("VmHWM:")}


def _run_child(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else str(proc.returncode)
        raise RuntimeError(f"benchmark child failed: {tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_gvc_standard(quick: bool) -> list[Result]:
    from valuechain._data import shared_data_dir

    real = (not quick) and shared_data_dir() is not None and (shared_data_dir() / DATA).is_dir()
    G, N = (20, 10) if quick else (80, 50)
    runs, years = (3, 5) if quick else (3, 30)
    out = []
    for k in range(runs):
        r = _run_child(["--child", str(G), str(N), str(int(real)), str(k % 2)])
        out.append(r)
        print(f"  run {k + 1}: ref {r['t_ref']:.2f}s ours {r['t_ours']:.2f}s ratio {r['t_ours'] / r['t_ref']:.2f} "
              f"rss {r['rss_gb']:.2f} GB", file=sys.stderr)
    ratios = [r["t_ours"] / r["t_ref"] for r in out]
    kind = "real OECD Z + synthetic final demand" if real else "synthetic table"
    res = [Result(
        name=f"gvc standard terms, 6 methods + 2 groups {G}x{N} (n={out[0]['n']})",
        ours_s=statistics.median(r["t_ours"] for r in out),
        ref_s=statistics.median(r["t_ref"] for r in out),
        ref_name="numpy inv(I-A), warm, interleaved",
        goal="<=3x inv, peak <=2 GB",
        goal_ratio=3.0,
        peak_rss_gb=max(r["rss_gb"] for r in out),
        goal_rss_gb=2.0,
        note=f"{runs} runs, per-run ratios {', '.join(f'{x:.2f}' for x in ratios)}; {kind}",
    )]
    p = _run_child(["--panel", str(G), str(N), str(int(real)), str(years)])
    rss = p["rss_gb"]
    base = rss[min(2, len(rss) - 1)]
    growth = rss[-1] / base - 1.0
    print(f"  panel RSS by year (GB): {', '.join(f'{x:.2f}' for x in rss)}", file=sys.stderr)
    res.append(Result(
        name=f"gvc standard terms over a {years}-year panel {G}x{N}: RSS growth year 3 -> {years}",
        ours_s=0.0,
        goal="RSS flat (<= +10 %)",
        goal_rss_gb=base * 1.10,
        peak_rss_gb=rss[-1],
        note=f"RSS year 1 {rss[0]:.2f} GB, year 3 {base:.2f} GB, year {years} {rss[-1]:.2f} GB ({growth:+.1%}); "
             f"peak {p['hwm_gb']:.2f} GB; {kind}, Z scaled per year",
    ))
    return res


BENCHMARKS = [bench_gvc_standard]


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "--child":
        print(json.dumps(_child(int(sys.argv[2]), int(sys.argv[3]), bool(int(sys.argv[4])), bool(int(sys.argv[5])))))
    elif len(sys.argv) >= 6 and sys.argv[1] == "--panel":
        print(json.dumps(_panel_child(int(sys.argv[2]), int(sys.argv[3]), bool(int(sys.argv[4])), int(sys.argv[5]))))
    else:
        for r in bench_gvc_standard(quick="--quick" in sys.argv):
            print(r.line())
