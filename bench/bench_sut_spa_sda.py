"""Benchmarks of SUT -> IOT, structural path analysis and structural decomposition
(``python bench/run.py sut_spa_sda [--quick]``).

- SUT -> IOT (model B and model D, :func:`valuechain.tables.sut_to_iot` including the
  :class:`~valuechain.tables.IOTable` build and its validation) at 400 products x 400
  industries: goal <= 2 s; the reference is the bare numpy formula ``U @ (S.T / g)``.
- SPA of one target in a 500-industry table, order 6, threshold 1e-6
  (:func:`valuechain.leontief.structural_paths`): goal <= 2 s; reference: one
  ``numpy.linalg.inv`` of the same size (informational scale).
- SDA between two 3000-industry tables (:func:`valuechain.leontief.structural_decomposition`,
  all 16 factor combinations): goal <= 3x one ``numpy.linalg.inv`` at n = 3000, measured in
  the same child.

Each benchmark runs in its own child process (peak RSS ``VmHWM`` is the child's own),
warm, ours and the reference interleaved, median of the runs. Synthetic tables (seeded).
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


def _table(n: int, seed: int = 0, density: float = 1.0):
    import numpy as np
    import pandas as pd

    from valuechain.tables import IOTable

    rng = np.random.default_rng(seed)
    Z = rng.uniform(0.0, 1.0, (n, n)) * (rng.random((n, n)) < density)
    rs, cs = Z.sum(1), Z.sum(0)
    x = np.maximum(rs, cs) * 1.6 + 1.0
    lab = [f"s{i}" for i in range(n)]
    f = x - rs
    return IOTable.from_frames(pd.DataFrame(Z, index=lab, columns=lab),
                               pd.DataFrame({"hh": 0.5 * f, "gov": 0.2 * f, "exports": 0.3 * f}, index=lab),
                               pd.DataFrame([x - cs], index=["va"], columns=lab), pd.Series(x, index=lab), flags=("synthetic",))


def _sut(n: int, seed: int = 0):
    import numpy as np
    import pandas as pd

    from valuechain.tables import SupplyUseTable

    rng = np.random.default_rng(seed)
    S = np.diag(rng.uniform(500, 1000, n)) + rng.uniform(0, 5, (n, n)) * (rng.random((n, n)) < 0.05)
    q, g = S.sum(1), S.sum(0)
    U = rng.uniform(0, 1, (n, n)) * np.minimum(q[:, None], g[None, :]) / (3 * n)
    lp, li = [f"p{i}" for i in range(n)], [f"i{i}" for i in range(n)]
    return SupplyUseTable.from_frames(pd.DataFrame(S, lp, li), pd.DataFrame(U, lp, li), pd.DataFrame({"fd": q - U.sum(1)}, index=lp),
                                      pd.DataFrame([g - U.sum(0)], index=["va"], columns=li), flags=("synthetic",))


def _rss():
    try:
        with open("/proc/self/status") as fh:
            return next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:")) / 1024**2
    except (OSError, StopIteration):  # pragma: no cover - not Linux
        return None


def _child(kind: str, n: int, runs: int) -> dict:
    import numpy as np

    from valuechain.leontief import structural_decomposition, structural_paths
    from valuechain.tables import sut_to_iot

    ok = True
    if kind.startswith("sut"):
        model = kind[-1]
        s = _sut(n)
        Sa, Ua = s.S.to_numpy(), s.U.to_numpy()

        def ours():
            return sut_to_iot(s, model).iot

        def ref():
            g = Sa.sum(0)
            return Ua @ (Sa.T / g[:, None])
        check = lambda: sut_to_iot(s, model).identities_hold()  # noqa: E731
    elif kind == "spa":
        t = _table(n, density=0.3)

        def ours():
            return structural_paths(t, to="s7", order=6, threshold=1e-6)

        A = t.A.to_numpy()

        def ref():
            return np.linalg.inv(np.eye(n) - A)
        check = lambda: ours().identities_hold()  # noqa: E731
    else:
        t0, t1 = _table(n, 0), _table(n, 1)

        def ours():
            return structural_decomposition(t0, t1)

        A = t0.A.to_numpy()

        def ref():
            return np.linalg.inv(np.eye(n) - A)
        check = None
    ours()
    ref()  # warm
    to, tr = [], []
    res = None
    for _ in range(runs):
        a = time.perf_counter()
        ref()
        tr.append(time.perf_counter() - a)
        a = time.perf_counter()
        res = ours()
        to.append(time.perf_counter() - a)
    if check is not None:
        ok = bool(check())
    elif res is not None:
        ok = bool(res.identities_hold())
    return {"ours": statistics.median(to), "ref": statistics.median(tr), "runs": runs, "rss_gb": _rss(), "ok": ok}


def _run(kind: str, n: int, runs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=SRC)
    proc = subprocess.run([sys.executable, __file__, "--child", kind, str(n), str(runs)], capture_output=True, text=True,
                          check=False, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} n={n} failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    if not r["ok"]:
        raise RuntimeError(f"{kind} n={n}: the identities of the result do not hold")
    return r


def bench_sut_spa_sda(quick: bool) -> list[Result]:
    out = []
    n_sut, n_spa, n_sda = (100, 100, 300) if quick else (400, 500, 3000)
    for model in "BD":
        r = _run(f"sut{model}", n_sut, 3)
        out.append(Result(f"SUT->IOT model {model} {n_sut}x{n_sut}", r["ours"], r["ref"], "bare numpy formula", "<=2s",
                          goal_seconds=2.0, peak_rss_gb=r["rss_gb"], note=f"median of {r['runs']}; IOTable built and validated; synthetic"))
    r = _run("spa", n_spa, 3)
    out.append(Result(f"SPA one target n={n_spa} order 6 thr 1e-6", r["ours"], r["ref"], "np.linalg.inv n", "<=2s",
                      goal_seconds=2.0, peak_rss_gb=r["rss_gb"], note=f"median of {r['runs']}; synthetic, 30 % dense"))
    r = _run("sda", n_sda, 1 if not quick else 2)
    out.append(Result(f"SDA two tables n={n_sda}", r["ours"], r["ref"], "np.linalg.inv n", "<=3x inv", goal_ratio=3.0,
                      peak_rss_gb=r["rss_gb"], note=f"median of {r['runs']}; 16 factor combinations, 2 LU; synthetic"))
    return out


BENCHMARKS = [bench_sut_spa_sda]


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
    else:
        from run import main

        raise SystemExit(main(["sut_spa_sda"] + sys.argv[1:]))
