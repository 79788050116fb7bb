"""GVC benchmark: Borin-Mancini (country and sector) + KWW + TiVA for every country of a
SYNTHETIC 77 x 45 inter-country table (n = 3465, the OECD ICIO size).

Goal: at most 10x the time of one dense inverse of the same matrix (``numpy.linalg.inv(I - A)``)
measured in the same run, peak RSS below 8 GB. The work runs in a child process so that its
peak RSS can be read with ``resource.getrusage(RUSAGE_CHILDREN)``.

Run: ``python bench/run.py gvc`` (``--quick``: 20 x 10).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from run import Result  # noqa: E402


def _child(G: int, N: int) -> dict:
    import numpy as np

    from valuechain.gvc import bm_decomposition, kww_decomposition, synthetic_icio, tiva_indicators
    from valuechain.gvc.core import GVCSystem

    table = synthetic_icio(G, N, seed=7)  # synthetic: the generator flags it
    n = G * N
    A = table.Z.to_numpy() / table.x.to_numpy()[None, :]
    M = np.eye(n) - A
    t0 = time.perf_counter()
    inv = np.linalg.inv(M)
    t_inv = time.perf_counter() - t0
    del inv, M, A
    t0 = time.perf_counter()
    S = GVCSystem.from_table(table)  # fresh system: the global inverse is part of the timed work
    bm = bm_decomposition(S)
    bm_c, bm_s = bm.at("country"), bm.at("sector")
    kww = kww_decomposition(S).table
    tiva = tiva_indicators(S)
    tv_c, tv_s = tiva.at("country"), tiva.at("sector")
    t_ours = time.perf_counter() - t0
    ok = bool(bm.identities_hold(rtol=1e-8) and tiva.identities_hold(rtol=1e-8))
    return {"t_inv": t_inv, "t_ours": t_ours, "rows": len(bm_s) + len(tv_s) + len(kww) + len(bm_c) + len(tv_c),
            "identities_ok": ok, "flags": list(table.flags)}


def bench_bm_kww_tiva(quick: bool) -> list[Result]:
    G, N = (20, 10) if quick else (77, 45)
    proc = subprocess.run([sys.executable, __file__, "--child", str(G), str(N)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    rss_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2  # KiB on Linux
    return [
        Result(
            name=f"gvc BM(country+sector)+KWW+TiVA {G}x{N} (n={G * N})",
            ours_s=res["t_ours"],
            ref_s=res["t_inv"],
            ref_name="numpy inv(I-A)",
            goal="<=10x inv, RSS<8GB",
            goal_ratio=10.0,
            peak_rss_gb=rss_gb,
            goal_rss_gb=8.0,
            note=f"synthetic table; identities {'hold' if res['identities_ok'] else 'FAIL'}",
        )
    ]


BENCHMARKS = [bench_bm_kww_tiva]


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        print(json.dumps(_child(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        for r in bench_bm_kww_tiva(quick="--quick" in sys.argv):
            print(r.line())
