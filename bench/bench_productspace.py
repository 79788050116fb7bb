"""Product-space benchmark (SYNTHETIC panel; nothing here is observed data).

``bench_productspace``: RCA, ECI/PCI, proximity, density, distance, COI and COG for ONE
year of 226 exporters x 5000 products (about 40 % of pairs non-zero, ~450 k rows of
Parquet), against py-ecomplexity 0.5.3 on the same year, interleaved in the same run, each
run in a fresh child process that reports its own peak RSS (VmHWM).

* ours: ``valuechain.complexity.productspace.product_space(path, years=[y])``: read the Parquet
  file, RCA and Mcp in DuckDB, ECI/PCI, proximity, density, COI and COG (everything).
* reference 1 (the issue's goal, >= 20x): py-ecomplexity's full run for the year,
  ``ecomplexity(df, cols)`` (RCA, Mcp, ECI/PCI by a dense 5000 x 5000 ``eig``, density, COI,
  COG; ``check_logsupermodularity=False`` because we do not compute that test) plus
  ``proximity(df, cols)``, the Parquet read included. It takes several minutes per run at
  this size, so it runs twice (ours three times).
* reference 2 (second line): py-ecomplexity's product-space steps only -- ``ComplexityData``
  (rectangularise), ``calculate_rca``, ``calculate_mcp``, ``calc_discrete_proximity``,
  ``calc_density`` and ``calc_coi_cog`` -- given the PCI eigenvector from ours (its ECI/PCI
  step left out; ours still includes its ECI/PCI).

Order of the children: ours, steps, full, ours, steps, full, ours, steps. Goals (issue 13):
ours <= 5 s, and <= 1/20 of reference 1. Each child warms up on a tiny panel first (imports,
DuckDB start-up) and then times one call. The COG of ours and of each reference is compared
(max abs difference reported) so that they compute the same thing.

Run: ``python bench/run.py productspace`` (``--quick``: 40 x 300).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from run import Result

YEAR = 2020


def _panel(n_c: int, n_p: int, path: Path, seed: int = 0) -> None:
    """One SYNTHETIC year: exporter x product values with a capability structure (logistic)."""
    import numpy as np
    import pandas as pd

    from valuechain.datasets.synthetic_trade import synthetic_hs6, synthetic_iso3

    rng = np.random.default_rng(seed)
    ctry = np.asarray(synthetic_iso3(n_c), dtype=object)
    prod = np.asarray(synthetic_hs6(n_p), dtype=object)
    cap, cpx = rng.normal(0, 1, n_c), rng.normal(0, 1, n_p)
    size = rng.lognormal(0, 1.5, n_c)
    prob = 1 / (1 + np.exp(-(1.2 * (cap[:, None] - cpx[None, :]) - 0.4)))
    ci, pi = np.nonzero(rng.uniform(size=prob.shape) < prob)
    val = size[ci] * rng.lognormal(3, 2, ci.size)
    pd.DataFrame({"year": YEAR, "exporter": ctry[ci], "product": prod[pi], "value": val}).to_parquet(path, index=False)


def _vmhwm() -> float:
    try:
        with open("/proc/self/status") as fh:
            return next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:")) / 1024**2
    except (OSError, StopIteration):  # pragma: no cover
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def _child_ours(path: str, warm: str) -> dict:
    import warnings

    from valuechain.complexity.productspace import product_space

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        product_space(warm, years=[YEAR])  # warm-up: imports, DuckDB, BLAS threads
        t0 = time.perf_counter()
        ps = product_space(path, years=[YEAR], keep_proximity=False, outlook="py-ecomplexity")
        t = time.perf_counter() - t0
    cog = ps.table.set_index(["country", "product"])["cog"]
    out = Path(path).with_suffix(".ours_cog.parquet")
    cog.reset_index().to_parquet(out)
    pci = ps.products.set_index("product")["pci"]
    pci.reset_index().to_parquet(Path(path).with_suffix(".ours_pci.parquet"))
    return {"t": t, "rss_gb": _vmhwm(), "pairs": int(ps.table["mcp"].sum()),
            "countries": int(ps.countries["country"].nunique()), "products": int(ps.products["product"].nunique())}


def _child_ref(path: str, warm: str) -> dict:
    import contextlib
    import io
    import warnings

    import numpy as np
    import pandas as pd
    from ecomplexity.calc_density import calc_density
    from ecomplexity.calc_proximity import calc_discrete_proximity
    from ecomplexity.coicog import calc_coi_cog
    from ecomplexity.ComplexityData import ComplexityData

    cols = {"time": "year", "loc": "exporter", "prod": "product", "val": "value"}
    pci_ours = pd.read_parquet(Path(path).with_suffix(".ours_pci.parquet")).set_index("product")["pci"]

    def run(p: str, pci_std: pd.Series | None):
        df = pd.read_parquet(p)
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            cd = ComplexityData(df, cols, "coerce")
            cd.create_full_df(YEAR)
            cd.calculate_rca()
            cd.calculate_mcp(1, 1, "rca", None, YEAR)
            cd.diversity_t = np.nansum(cd.mcp_t, axis=1)
            cd.ubiquity_t = np.nansum(cd.mcp_t, axis=0)
            prods = cd.data_t.index.levels[1]
            if pci_std is None:
                kp = np.zeros(len(prods))
            else:  # the raw PCI eigenvector (unit norm, orthogonal to ubiquity) from our PCI
                v = pci_std.reindex(prods).to_numpy()
                u = cd.ubiquity_t
                v = v - np.nansum(u * v) / u.sum()
                kp = v / np.linalg.norm(np.nan_to_num(v))
            cd.pci_t = kp
            prox = calc_discrete_proximity(cd.mcp_t, cd.ubiquity_t, False)
            cd.density_t = calc_density(rca_or_mcp=cd.mcp_t, proximity_mat=prox, knn=None)
            coi, cog = calc_coi_cog(cd, prox)
            kc = (cd.mcp_t / cd.diversity_t[:, None]) @ kp
            cog = cog / kc.std()
        return cd, cog

    run(warm, None)
    t0 = time.perf_counter()
    cd, cog = run(path, pci_ours)
    t = time.perf_counter() - t0
    idx = pd.MultiIndex.from_product([cd.data_t.index.levels[0], cd.data_t.index.levels[1]], names=["country", "product"])
    ours = pd.read_parquet(Path(path).with_suffix(".ours_cog.parquet")).set_index(["country", "product"])["cog"]
    diff = float(np.nanmax(np.abs(ours.reindex(idx).to_numpy() - cog.ravel())))
    return {"t": t, "rss_gb": _vmhwm(), "max_abs_cog_diff": diff}


def _child_full(path: str, warm: str) -> dict:
    import contextlib
    import importlib
    import io
    import warnings

    import numpy as np
    import pandas as pd

    ecx = importlib.import_module("ecomplexity.ecomplexity")  # the module (the package exports a function of that name)
    prx = importlib.import_module("ecomplexity.proximity")
    cols = {"time": "year", "loc": "exporter", "prod": "product", "val": "value"}

    def run(p: str):
        df = pd.read_parquet(p)
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            out = ecx.ecomplexity(df, cols, check_logsupermodularity=False, verbose=False)
            prox = prx.proximity(df, cols)
        return out, prox

    run(warm)
    t0 = time.perf_counter()
    out, prox = run(path)
    t = time.perf_counter() - t0
    ours = pd.read_parquet(Path(path).with_suffix(".ours_cog.parquet")).set_index(["country", "product"])["cog"]
    theirs = out.set_index(["exporter", "product"])["cog"]
    diff = float(np.nanmax(np.abs(ours.reindex(theirs.index).to_numpy() - theirs.to_numpy())))
    return {"t": t, "rss_gb": _vmhwm(), "max_abs_cog_diff": diff, "proximity_rows": int(len(prox))}


def _child(kind: str, path: Path, warm: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, f"--child-{kind}", str(path), str(warm)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else str(proc.returncode)
        raise RuntimeError(f"{kind} child failed: {tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_productspace(quick: bool) -> list[Result]:
    n_c, n_p = (40, 300) if quick else (226, 5000)
    runs, runs_full = (2, 1) if quick else (3, 2)
    tmp = Path(tempfile.mkdtemp(prefix="vc_bench_ps_"))
    try:
        path, warm = tmp / "year.parquet", tmp / "warm.parquet"
        _panel(n_c, n_p, path)
        _panel(12, 40, warm, seed=1)
        ours, ref, full = [], [], []
        for i in range(runs):  # interleaved: ours, steps, full, ours, steps, full, ours, steps
            ours.append(_child("ours", path, warm))
            ref.append(_child("ref", path, warm))
            if i < runs_full:
                full.append(_child("full", path, warm))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    t_o = statistics.median(r["t"] for r in ours)
    t_r = statistics.median(r["t"] for r in ref)
    t_f = statistics.median(r["t"] for r in full)
    o0 = ours[0]
    rss_o = max(r["rss_gb"] for r in ours)
    size = f"synthetic {o0['countries']}x{o0['products']}, {o0['pairs']} Mcp=1 pairs"
    ours_runs = ", ".join("%.2f" % r["t"] for r in ours)
    full_goal = not quick
    return [
        Result(name=f"RCA+ECI/PCI+product space+density+COI+COG 1y {n_c}x{n_p}", ours_s=t_o, ref_s=t_f,
               ref_name="py-ecomplexity ecomplexity()+proximity(), full run",
               goal="<=5s and <=1/20" if full_goal else "full size only",
               goal_ratio=0.05 if full_goal else None, goal_seconds=5.0 if full_goal else None, peak_rss_gb=rss_o,
               note=(f"{size}; ours {len(ours)} runs ({ours_runs} s), reference {len(full)} runs "
                     f"({', '.join('%.1f' % r['t'] for r in full)} s), interleaved; ref peak RSS "
                     f"{max(r['rss_gb'] for r in full):.2f} GB; max |COG ours - py-ecomplexity| "
                     f"{max(r['max_abs_cog_diff'] for r in full):.1e}")),
        Result(name=f"product space+density+COI+COG 1y {n_c}x{n_p} vs steps only", ours_s=t_o, ref_s=t_r,
               ref_name="py-ecomplexity product-space steps (no ECI/PCI)", goal="info",
               peak_rss_gb=rss_o,
               note=(f"{size}; ours {len(ours)} runs ({ours_runs} s), reference {len(ref)} runs "
                     f"({', '.join('%.1f' % r['t'] for r in ref)} s), interleaved; ref peak RSS "
                     f"{max(r['rss_gb'] for r in ref):.2f} GB; max |COG ours - py-ecomplexity| "
                     f"{max(r['max_abs_cog_diff'] for r in ref):.1e}")),
    ]


BENCHMARKS = [bench_productspace]


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child-ours":
        print(json.dumps(_child_ours(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) >= 4 and sys.argv[1] == "--child-ref":
        print(json.dumps(_child_ref(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) >= 4 and sys.argv[1] == "--child-full":
        print(json.dumps(_child_full(sys.argv[2], sys.argv[3])))
