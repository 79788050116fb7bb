"""Regional benchmarks: FLQ regionalization of a 500-industry table; two-region model, n = 1000 per region.

Goals (issue 3):
- FLQ regionalization on a 500-industry table: <= 10 s (the reference printed beside it is one
  ``numpy.linalg.inv`` of the 500 x 500 ``I - A``, measured in the same run);
- two-region model (2n system, intraregional / feedback / spillover effects, aggregation
  check) with n = 1000 per region: <= 2x one dense ``numpy.linalg.inv`` of the 2n = 2000
  system, measured in the same run.

Tables are synthetic (seeded, dense, column sums of A about 0.6).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from run import Result, timeit


def _synthetic(n: int, seed: int = 0):
    from valuechain.tables import IOTable

    rng = np.random.default_rng(seed)
    A = rng.gamma(0.5, size=(n, n))
    A *= rng.uniform(0.4, 0.75, size=n)[None, :] / A.sum(axis=0, keepdims=True)
    y = rng.uniform(50, 150, size=n)
    x = np.linalg.solve(np.eye(n) - A, y)
    Z = A * x[None, :]
    ind = [f"s{k:04d}" for k in range(n)]
    t = IOTable.from_frames(
        pd.DataFrame(Z, index=ind, columns=ind),
        pd.DataFrame({"final_demand": x - Z.sum(axis=1)}, index=ind),
        pd.DataFrame([x - Z.sum(axis=0)], index=["value_added"], columns=ind),
        pd.Series(x, index=ind),
        roles={"value_added": ["value_added"]},
        name=f"synthetic {n}",
        flags=("synthetic",),
    )
    nat = pd.Series(rng.uniform(100, 10_000, size=n), index=ind)
    share = rng.uniform(0.0, 0.3, size=n)
    share[rng.random(n) < 0.05] = 0.0  # some industries absent from the region
    return t, nat * share, nat


def bench_flq_regionalization(quick: bool) -> list[Result]:
    from valuechain.regional import regionalize

    n = 100 if quick else 500
    t, reg, nat = _synthetic(n)
    M = np.eye(n) - t.A.to_numpy()
    ref = timeit(lambda: np.linalg.inv(M), repeat=3)
    ours = timeit(lambda: regionalize(t, reg, nat, method="flq", delta=0.3).io_table, repeat=3)
    return [
        Result(
            f"FLQ regionalization n={n}",
            ours,
            ref,
            f"numpy inv {n}x{n}",
            goal="<= 10 s",
            goal_seconds=10.0,
            note="synthetic table; builds the regional IOTable (A, Z, imports row, V, Y)",
        )
    ]


def bench_two_region(quick: bool) -> list[Result]:
    from valuechain.regional import two_region_model

    n = 200 if quick else 1000
    t, reg, nat = _synthetic(n, seed=1)
    reg = reg.clip(lower=1.0)  # every industry in both regions: the full 2n system
    warnings.simplefilter("ignore")  # negative residual final demand in a few random sectors
    m = two_region_model(t, reg, nat)
    M = np.eye(2 * n) - m.A.to_numpy()
    ref = timeit(lambda: np.linalg.inv(M), repeat=3)

    def run():
        mod = two_region_model(t, reg, nat)
        assert mod.check()["ok"].all()

    ours = timeit(run, repeat=3)
    return [
        Result(
            f"two-region model n={n} per region (2n={2 * n})",
            ours,
            ref,
            f"numpy inv {2 * n}x{2 * n}",
            goal="<= 2x inv",
            goal_ratio=2.0,
            note="synthetic; model + effects + aggregation check",
        )
    ]


BENCHMARKS = [bench_flq_regionalization, bench_two_region]
