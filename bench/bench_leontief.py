"""Benchmarks of the Leontief family (``python bench/run.py leontief [--quick]``).

1. Full analysis of a dense n = 3000 table: build and validate the IOTable, A, L, G, all
   multipliers (Type I and II) and all linkage measures. References measured in the same
   run on the same matrix, warm, interleaved with ours, median of 5 runs each: one
   ``numpy.linalg.inv`` of I - A (goal <= 1.3x in-process) and pymrio's
   ``IOSystem.calc_all`` (goal <= 1.0x). Also (informational) the whole-process ratio:
   a fresh interpreter doing imports, table generation and the analysis against one
   doing imports, the same generation and one ``numpy.linalg.inv``.
2. The same analysis at n = 10,000 in a child process; goal: peak RSS < 8 GB (the
   child's own peak, ``VmHWM``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd

from run import Result, timeit

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(HERE), "src")


def synthetic_table(n: int, seed: int = 0):
    """Dense random productive table (synthetic): Z uniform, x = max(row, column sum) + slack."""
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0.0, 1.0, (n, n))
    rs, cs = Z.sum(1), Z.sum(0)
    x = np.maximum(rs, cs) * 1.25 + 1.0
    f = x - rs
    Y = np.c_[0.6 * f, 0.4 * f]
    p = x - cs
    V = np.vstack([0.5 * p, 0.5 * p])
    emp = rng.uniform(1, 10, n)
    return Z, Y, V, x, emp


def full_analysis(Z, Y, V, x, emp):
    from valuechain.leontief import linkages, multipliers
    from valuechain.tables import IOTable

    n = Z.shape[0]
    lab = [f"s{i}" for i in range(n)]
    t = IOTable.from_frames(
        pd.DataFrame(Z, index=lab, columns=lab, copy=False),
        pd.DataFrame(Y, index=lab, columns=["hh", "exports"], copy=False),
        pd.DataFrame(V, index=["D1", "B2"], columns=lab, copy=False),
        pd.Series(x, index=lab),
        satellite=pd.DataFrame(emp[None, :], index=["employment"], columns=lab),
        roles={"compensation": "D1", "households": "hh", "employment": "employment", "exports": ["exports"]},
        flags=("synthetic",),
    )
    t.A, t.L, t.G  # noqa: B018 - the models themselves are part of the analysis
    m1 = multipliers(t, type="I")
    m2 = multipliers(t, type="II")
    lk = linkages(t, "all")
    return t, m1, m2, lk


def _interleaved(ours, ref, repeat: int = 5) -> tuple[float, float]:
    """Medians of ``repeat`` alternating runs of the reference and ours (the load of a
    shared machine drifts; alternating keeps both measured under the same conditions)."""
    t_o, t_r = [], []
    for _ in range(repeat):
        t_r.append(timeit(ref))
        t_o.append(timeit(ours))
    return statistics.median(t_o), statistics.median(t_r)


_WHOLE = textwrap.dedent(
    """
    import sys, time
    t0 = time.perf_counter()
    sys.path.insert(0, {src!r}); sys.path.insert(0, {here!r})
    import numpy as np
    from bench_leontief import synthetic_table, full_analysis
    Z, Y, V, x, emp = synthetic_table({n})
    if {ours!r}:
        full_analysis(Z, Y, V, x, emp)
    else:
        np.linalg.inv(np.eye({n}) - Z / x[None, :])
    print(time.perf_counter() - t0)
    """
)


def _whole_process(n: int, ours: bool) -> float:
    code = _WHOLE.format(src=SRC, here=HERE, n=n, ours=ours)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return time.perf_counter() - t0


def bench_full_analysis(quick: bool) -> list[Result]:
    n = 600 if quick else 3000
    Z, Y, V, x, emp = synthetic_table(n)
    A = Z / x[None, :]
    M = np.eye(n) - A

    def ours():
        full_analysis(Z, Y, V, x, emp)

    def ref_inv():
        np.linalg.inv(M)

    ours()  # warm-up (imports, BLAS threads)
    ref_inv()
    t_ours, t_ref = _interleaved(ours, ref_inv)
    out = [Result(f"leontief full analysis n={n}", t_ours, t_ref, "numpy.linalg.inv", "<=1.3x inv", goal_ratio=1.3,
                  note="in-process, warm, interleaved, median of 5; synthetic dense table")]
    w_o, w_r = [], []
    for _ in range(3):
        w_r.append(_whole_process(n, ours=False))
        w_o.append(_whole_process(n, ours=True))
    out.append(Result(f"leontief full analysis n={n}, whole process", statistics.median(w_o), statistics.median(w_r),
                      "python + numpy.linalg.inv", info=True,
                      note="fresh interpreters: imports + table generation + analysis; median of 3"))
    try:
        import pymrio
    except ImportError:  # pragma: no cover
        return out
    idx = pd.MultiIndex.from_product([["R"], [f"s{i}" for i in range(n)]], names=["region", "sector"])
    fdi = pd.MultiIndex.from_product([["R"], ["hh", "exports"]], names=["region", "category"])
    Zdf = pd.DataFrame(Z, index=idx, columns=idx)
    Ydf = pd.DataFrame(Y, index=idx, columns=fdi)
    xdf = pd.DataFrame({"indout": x}, index=idx)

    def ref_pymrio():
        io = pymrio.IOSystem(Z=Zdf, Y=Ydf, x=xdf)
        io.calc_all()

    ref_pymrio()
    t_ours2, t_py = _interleaved(ours, ref_pymrio)
    out.append(Result(f"leontief full analysis n={n}", t_ours2, t_py, "pymrio calc_all", "<=1.0x pymrio", goal_ratio=1.0,
                      note="synthetic dense table"))
    return out


_CHILD = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {src!r}); sys.path.insert(0, {here!r})
    from bench_leontief import synthetic_table, full_analysis
    Z, Y, V, x, emp = synthetic_table({n})
    t0 = time.perf_counter()
    res = full_analysis(Z, Y, V, x, emp)
    dt = time.perf_counter() - t0
    # VmHWM: this process's own peak RSS (RUSAGE_CHILDREN in the parent is the maximum
    # over every child so far, and ru_maxrss counts the parent's RSS at fork)
    with open("/proc/self/status") as fh:
        hwm_kib = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:"))
    print(dt, hwm_kib / 2**20)
    """
)


def bench_memory(quick: bool) -> list[Result]:
    n = 2000 if quick else 10_000
    name = f"leontief full analysis n={n} (child process)"
    code = _CHILD.format(src=SRC, here=HERE, n=n)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
        return [Result(name, wall, goal="peak RSS < 8 GB", goal_rss_gb=8.0, error=last)]
    dt, peak_gb = map(float, proc.stdout.split())
    return [Result(name, dt, goal="peak RSS < 8 GB", peak_rss_gb=peak_gb, goal_rss_gb=8.0,
                   note="synthetic dense table; the child's own peak RSS (VmHWM), incl. generating the table")]


BENCHMARKS = [bench_full_analysis, bench_memory]
