"""Benchmarks of the Monte Carlo uncertainty engine (``python bench/run.py impact [--quick]``).

1,000 draws (lognormal coefficient error, CV 0.1) of Type I multipliers **and** Rasmussen
key sectors with class probabilities from the same draws
(:func:`valuechain.leontief.multipliers_and_key_sectors_uncertainty`) for a synthetic dense table of n = 50 (goal <= 5 s) and n = 500 (goal <= 60 s).
A second line per size: 1,000 draws of **Type II** multipliers
(:func:`valuechain.leontief.multipliers_uncertainty` with ``type="II"``: the closed
:math:`(n+1)`-square coefficients, household row and column included, drawn and solved),
held to the same goals; its reference is the loop of ``numpy.linalg.inv`` of the same
closed draws.

Each size runs in its own child process (so the peak RSS, ``VmHWM``, is the child's own),
warm (one small run first), several runs interleaved with the reference measured in the
same child: the naive approach, a Python loop of ``numpy.linalg.inv`` over the same
number of draws (one inverse per draw, the column and row sums taken from it). The
median of the runs is reported.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(HERE), "src")
sys.path.insert(0, SRC)
sys.path.insert(0, HERE)

from run import Result  # noqa: E402

DRAWS = 1000


def synthetic_table(n: int, seed: int = 0):
    """Dense random productive table (synthetic), with compensation and employment rows."""
    import numpy as np
    import pandas as pd

    from valuechain.tables import IOTable

    rng = np.random.default_rng(seed)
    Z = rng.uniform(0.0, 1.0, (n, n))
    rs, cs = Z.sum(1), Z.sum(0)
    x = np.maximum(rs, cs) * 1.6 + 1.0
    f = x - rs
    p = x - cs
    lab = [f"s{i}" for i in range(n)]
    return IOTable.from_frames(
        pd.DataFrame(Z, index=lab, columns=lab), pd.DataFrame({"hh": 0.6 * f, "exports": 0.4 * f}, index=lab),
        pd.DataFrame([0.5 * p, 0.5 * p], index=["D1", "B2"], columns=lab), pd.Series(x, index=lab),
        satellite=pd.DataFrame([rng.uniform(1, 10, n)], index=["employment"], columns=lab),
        roles={"compensation": "D1", "households": "hh", "employment": "employment"}, flags=("synthetic",))


def _child(n: int, runs: int, kind: str = "I") -> dict:
    import numpy as np

    from valuechain.leontief import (
        Uncertainty,
        closed_model,
        coefficient_sampler,
        multipliers_and_key_sectors_uncertainty,
        multipliers_uncertainty,
    )

    t = synthetic_table(n)
    u = Uncertainty(draws=DRAWS, seed=1, coef_cv=0.1)

    if kind == "II":
        def ours():  # Type II multipliers: closed (n+1) draws, one left solve each
            r = multipliers_uncertainty(t, u, type="II")
            return r, r

        A = closed_model(t).to_numpy()
    else:
        def ours():  # one set of draws for both (valuechain.leontief.multipliers_and_key_sectors_uncertainty)
            return multipliers_and_key_sectors_uncertainty(t, u)

        A = t.A.to_numpy()
    samp = coefficient_sampler(A, u)
    N = A.shape[0]

    def reference():  # the same draws solved one inverse at a time
        rng = np.random.default_rng(1)
        out = np.empty((DRAWS, 2, N))
        for s in range(DRAWS):
            L = np.linalg.inv(np.eye(N) - samp(rng, 1)[0])
            out[s, 0] = L.sum(axis=0)
            out[s, 1] = L.sum(axis=1) if kind == "I" else L[-1]
        return out

    multipliers_uncertainty(t, Uncertainty(draws=20, coef_cv=0.1), type=kind)  # warm-up (imports, BLAS threads)
    tim_o, tim_r = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        reference()
        tim_r.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        m, k = ours()
        tim_o.append(time.perf_counter() - t0)
    rss = None
    try:
        with open("/proc/self/status") as fh:
            rss = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:")) / 1024**2
    except (OSError, StopIteration):  # pragma: no cover - not Linux
        pass
    return {"ours": statistics.median(tim_o), "ref": statistics.median(tim_r), "runs": runs, "rss_gb": rss,
            "rejected": m.rejected + k.rejected, "ok": bool(m.identities_hold() and k.identities_hold())}


def _child_env() -> dict:
    """The children's environment: one BLAS thread unless ``VALUECHAIN_BENCH_THREADS`` says
    otherwise. Ours and the reference run under the same setting. On the shared 2-core
    development machine (load average ~8) two OpenBLAS threads per LU of n = 500 measured
    283 ms against 21 ms with one thread (the threads thrash), so one thread is the fair
    and the faster setting there; each draw's factorisation is small enough not to need
    more."""
    env = dict(os.environ)
    th = env.get("VALUECHAIN_BENCH_THREADS", "1")
    for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[k] = th
    return env


def bench_uncertainty(quick: bool) -> list[Result]:
    sizes = [(50, 5.0, 5), (100, 60.0, 3)] if quick else [(50, 5.0, 5), (500, 60.0, 3)]
    out = []
    for (n, goal, runs), kind in [(sz, k) for sz in sizes for k in ("I", "II")]:
        proc = subprocess.run([sys.executable, __file__, "--child", str(n), str(runs), kind], capture_output=True, text=True,
                              check=False, env=_child_env())
        if proc.returncode != 0:
            raise RuntimeError(f"impact bench child n={n} failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        if not r["ok"]:
            raise RuntimeError(f"impact bench n={n}: the identities of the result do not hold")
        what = "multipliers+keysectors" if kind == "I" else "Type II multipliers"
        out.append(Result(f"MC {DRAWS} draws {what} n={n}", r["ours"], r["ref"], "loop of np.linalg.inv",
                          f"<={goal:g}s", goal_seconds=goal, peak_rss_gb=r["rss_gb"],
                          note=f"median of {r['runs']} runs; synthetic; {r['rejected']} draws rejected; BLAS threads "
                               f"{_child_env()['OPENBLAS_NUM_THREADS']}; shared 2-core machine"))
    return out


BENCHMARKS = [bench_uncertainty]


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        print(json.dumps(_child(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "I")))
    else:
        from run import main

        raise SystemExit(main(["impact"] + sys.argv[1:]))
